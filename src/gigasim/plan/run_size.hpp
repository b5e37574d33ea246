// The size of a run and the limits it is checked against (plan/envelope.hpp computes it;
// docs/robustness.md, "Size of a run").
#pragma once

namespace gigasim::plan {

struct Limits {
  double accelerators = 50e6;  ///< installed over all sites (the EU call's 3 M, and room)
  double jobs = 10e6;          ///< jobs of the run (eu-60-sites: 1.3 M)
  double events = 500e6;       ///< events of the loop, estimated (eu-60-sites: about 5 M)
  double rows = 100e6;         ///< rows of the output tables (eu-60-sites: 1.8 M)
  double bytes = 50e9;         ///< bytes of the output files, estimated (eu-60-sites: 0.4 GB)
};

/// What a run would hold, from the scenario and its sized fleets: expected counts.
struct RunSize {
  double accelerators = 0;
  double jobs = 0;      ///< explicit, trace and generated (expected) jobs
  double failures = 0;  ///< expected failures and planned maintenance stops
  double events = 0;    ///< arrivals, passes, ends, failures, repairs and ticks
  double rows = 0;      ///< hourly rows, jobs, failures and power steps (at most one per event)
  double bytes = 0;     ///< of results.sqlite, the CSV files and the report
};

}  // namespace gigasim::plan
