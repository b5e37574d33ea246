// Observers of a run: progress for a terminal or a notebook, and each site's ticks as they
// close. An observer does not change the run unless it submits jobs, which it may do from
// on_tick through the simulation (a router between sites, a script that reacts to prices).
#pragma once

#include <cstddef>

namespace gigasim::sim {

class Simulation;
struct SiteTickRow;

class Observer {
 public:
  virtual ~Observer() = default;
  /// Called now and then with the fraction of the horizon done, and once with 1 at the end.
  virtual void on_progress(double fraction_done) { (void)fraction_done; }
  /// Site `site` closed a tick: its row of results.
  virtual void on_tick(Simulation& simulation, std::size_t site, const SiteTickRow& row) {
    (void)simulation, (void)site, (void)row;
  }
};

}  // namespace gigasim::sim
