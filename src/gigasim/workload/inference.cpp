#include "gigasim/workload/inference.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace gigasim::workload {

InferenceService::Hour InferenceService::at(int hour_of_day, double speed) const {
  Hour h;
  h.demand_tokens_per_s =
      peak_tokens_per_s * daily_shape[static_cast<std::size_t>(((hour_of_day % 24) + 24) % 24)];
  const double needed = tokens_per_s_per_replica > 0
                            ? std::ceil(h.demand_tokens_per_s / tokens_per_s_per_replica)
                            : 0;
  h.active_replicas = static_cast<int>(
      std::clamp(needed, static_cast<double>(min_replicas), static_cast<double>(max_replicas)));
  h.served_tokens_per_s =
      std::min(h.demand_tokens_per_s, h.active_replicas * tokens_per_s_per_replica * speed);
  return h;
}

std::array<double, 24> cosine_daily_shape(double mean, double amplitude, double peak_hour) {
  std::array<double, 24> s{};
  for (int h = 0; h < 24; ++h) {
    s[static_cast<std::size_t>(h)] =
        mean + amplitude * std::cos(2.0 * std::numbers::pi * (h - peak_hour) / 24.0);
  }
  return s;
}

}  // namespace gigasim::workload
