#include "gigasim/sim/it_meter.hpp"

#include <algorithm>
#include <cmath>

namespace gigasim::sim {
namespace {
constexpr double kRampWindowS = 60.0;
}  // namespace

void ItMeter::advance(core::Time now) {
  if (pending_ && now > pending_time_) flush();
  const double dt = (now - last_change_).in_seconds();
  if (dt <= 0) return;
  energy_j_ += power_w_ * dt;
  last_change_ = now;
}

void ItMeter::set(core::Time now, double power_w) {
  if (power_w == power_w_) return;
  if (!pending_ || now != pending_time_) {
    if (pending_) flush();
    pending_ = true;
    pending_time_ = now;
    pending_before_w_ = power_w_;
  }
  power_w_ = power_w;
}

void ItMeter::flush() {
  pending_ = false;
  if (power_w_ != pending_before_w_) record_change(pending_time_, pending_before_w_, power_w_);
}

void ItMeter::record_change(core::Time now, double before_w, double after_w) {
  const double step = std::fabs(after_w - before_w);
  if (now > core::Time::start())
    largest_step_w_ = std::max(largest_step_w_, step);  // not the switch-on
  if (step >= threshold_w_ && now > core::Time::start())
    steps_.push_back({now.in_hours(), site_, before_w / 1e6, after_w / 1e6});
  // Largest change over one minute: |P(t) − P(t − 60 s)|, where P(t − 60 s) is the power of
  // the last change at or before t − 60 s, kept at the front of the window.
  auto& w = ramp_window_;
  const core::Time horizon =
      now + core::Duration::milliseconds(-static_cast<std::int64_t>(kRampWindowS * 1000));
  while (w.size() >= 2 && w[1].first <= horizon) w.pop_front();
  if (now > core::Time::start())
    largest_ramp_w_ = std::max(largest_ramp_w_, std::fabs(after_w - w.front().second));
  w.emplace_back(now, after_w);
}

void ItMeter::close_tick(Tick& tick, SiteResult& /*out*/) {
  tick.it_w = energy_j_ / tick.seconds;
  energy_j_ = 0;
}

void ItMeter::finish(core::Time /*end*/, SiteResult& out) {
  if (pending_) flush();
  out.power_steps = std::move(steps_);
  out.reliability.largest_power_step_mw = largest_step_w_ / 1e6;
  out.reliability.largest_ramp_mw_per_min = largest_ramp_w_ / 1e6;
}

}  // namespace gigasim::sim
