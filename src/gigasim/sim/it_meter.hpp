// The IT power meter of a site: IT power is piecewise constant between events and integrated
// exactly; changes of at least the threshold are recorded as power steps, and the largest
// change within a minute as the ramp (docs/models/reliability.md, "Power steps").
#pragma once

#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

#include "gigasim/sim/component.hpp"

namespace gigasim::sim {

class ItMeter final : public SiteComponent {
 public:
  ItMeter(std::uint32_t site, double step_threshold_w)
      : site_(site), threshold_w_(step_threshold_w) {
    ramp_window_.emplace_back(core::Time::start(), 0.0);
  }

  [[nodiscard]] double power_w() const { return power_w_; }
  /// Integrates the power up to `now`.
  void advance(core::Time now);
  /// The power from `now` on. Changes at one instant (a job's end, then the pass that starts
  /// others) are one change, from the power before the instant to the power after it.
  void set(core::Time now, double power_w);

  /// The mean IT power of the interval it closes.
  void close_tick(Tick& tick, SiteResult& out) override;
  /// The power steps and the largest step and ramp.
  void finish(core::Time end, SiteResult& out) override;

 private:
  void record_change(core::Time now, double before_w, double after_w);
  void flush();  // records the change of the last instant, once it is over

  std::uint32_t site_;
  double threshold_w_;
  double power_w_ = 0;
  double energy_j_ = 0;  ///< since the interval opened
  core::Time last_change_;
  bool pending_ = false;  ///< the power changed at `pending_time_`, not yet recorded
  core::Time pending_time_;
  double pending_before_w_ = 0;  ///< the power just before that instant
  std::deque<std::pair<core::Time, double>> ramp_window_;
  double largest_step_w_ = 0;
  double largest_ramp_w_ = 0;
  std::vector<PowerStep> steps_;
};

}  // namespace gigasim::sim
