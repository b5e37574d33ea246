// Job traces: the Standard Workload Format of the Parallel Workloads Archive (Feitelson,
// Tsafrir & Krakov 2014, "Experience with using the Parallel Workloads Archive", JPDC 74(10);
// format at cs.huji.ac.il/labs/parallel/workload/swf.html) and gigasim's CSV
// (docs/scenario.md). The caller opens the file; these parse text.
#pragma once

#include <istream>
#include <string>
#include <vector>

namespace gigasim::io {

struct TraceJob {
  double submit_s = 0;
  double run_s = 0;
  double requested_s = 0;  ///< the user's time limit; 0: none given
  long long accelerators = 0;
  std::string tenant;  ///< SWF: "user<id>"; CSV: the tenant column (may be empty)
  std::string cls;     ///< CSV: the class column (may be empty)
  int line = 0;        ///< where it was read, for messages
};

/// SWF: 18 whitespace-separated fields per job, comments after ';'. Uses submit time (2),
/// run time (4), allocated processors (5, or requested processors, 8, when -1), requested
/// time (9, the user's limit; -1 none) and user (12).
/// Jobs with no run time or no processors (cancelled) are skipped. Malformed lines raise
/// core::InputError with file:line:column.
std::vector<TraceJob> parse_swf(std::istream& in, const std::string& file);

/// CSV with a header naming at least submit_s, accelerators and duration_s; optional tenant,
/// class and time_limit_s (empty: none) columns.
std::vector<TraceJob> parse_job_csv(std::istream& in, const std::string& file);

}  // namespace gigasim::io
