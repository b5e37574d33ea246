// Progress of a run on stderr, only when stderr is a terminal.
#pragma once

#include <chrono>
#include <string>

#include "gigasim/sim/observer.hpp"

namespace gigasim::cli {

/// An observer of the run that draws a bar.
class ProgressBar final : public sim::Observer {
 public:
  ProgressBar(bool enabled, double horizon_hours, std::size_t sites, std::chrono::sys_days start);
  void on_progress(double fraction) override { update(fraction); }
  void update(double fraction);
  void finish();

 private:
  bool enabled_;
  double horizon_hours_;
  std::size_t sites_;
  std::chrono::sys_days start_;
  std::chrono::steady_clock::time_point began_;
  int last_percent_ = -1;
};

}  // namespace gigasim::cli
