// Progress of a run on stderr, only when stderr is a terminal.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include "gigasim/core/errors.hpp"
#include "gigasim/sim/observer.hpp"

namespace gigasim::cli {

/// An observer of the run that draws a bar (when `enabled`) and stops the run when `stop` is
/// set (a signal): core::Interrupted.
class ProgressBar final : public sim::Observer {
 public:
  ProgressBar(bool enabled, double horizon_hours, std::size_t sites, std::chrono::sys_days start,
              const std::atomic<bool>* stop = nullptr);
  void on_progress(double fraction) override {
    check();
    update(fraction);
  }
  void on_tick(sim::Simulation&, std::size_t, const sim::SiteTickRow&) override { check(); }
  void check() const {
    if (stop_ != nullptr && stop_->load()) throw core::Interrupted("stopped by a signal");
  }
  void update(double fraction);
  void finish();

 private:
  bool enabled_;
  double horizon_hours_;
  std::size_t sites_;
  std::chrono::sys_days start_;
  std::chrono::steady_clock::time_point began_;
  int last_percent_ = -1;
  const std::atomic<bool>* stop_;
};

}  // namespace gigasim::cli
