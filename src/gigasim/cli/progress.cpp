#include "gigasim/cli/progress.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cstdio>

namespace gigasim::cli {

ProgressBar::ProgressBar(bool enabled, double horizon_hours, std::size_t sites,
                         std::chrono::sys_days start, const std::atomic<bool>* stop)
    : enabled_(enabled),
      horizon_hours_(horizon_hours),
      sites_(sites),
      start_(start),
      began_(std::chrono::steady_clock::now()),
      stop_(stop) {}

void ProgressBar::update(double fraction) {
  if (!enabled_) return;
  const int percent = static_cast<int>(fraction * 100.0);
  if (percent == last_percent_) return;
  last_percent_ = percent;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began_).count();
  const double sim_hours = fraction * horizon_hours_;
  const double speed = elapsed > 0 ? sim_hours * static_cast<double>(sites_) / elapsed : 0.0;
  const auto date = start_ + std::chrono::days(static_cast<int>(sim_hours / 24.0));
  fmt::print(stderr, "\r  [{:3d}%] simulated {:%Y-%m-%d}  {:8.2e} site-hours/s ", percent, date,
             speed);
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (!enabled_) return;
  fmt::print(stderr, "\r{:80}\r", "");
  std::fflush(stderr);
}

}  // namespace gigasim::cli
