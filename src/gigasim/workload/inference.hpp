// Inference services: a reserved pool of replicas that scales with a daily demand curve.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace gigasim::workload {

struct InferenceService {
  std::string name;
  std::string model;
  std::uint16_t tenant = 0;
  std::uint16_t partition = 0;
  std::int64_t accelerators_per_replica = 8;
  int min_replicas = 1;
  int max_replicas = 1;  ///< the reserved pool: max_replicas × accelerators_per_replica
  double peak_tokens_per_s = 0;
  /// Demand as a share of the peak for each hour of the day (local time).
  std::array<double, 24> daily_shape{};
  double tokens_per_s_per_replica = 0;
  /// Dynamic power share of an active replica: the service's, else the serving model's.
  float activity = 0.0F;

  struct Hour {
    int active_replicas = 0;
    double demand_tokens_per_s = 0;
    double served_tokens_per_s = 0;
  };
  /// Replicas = ⌈demand / throughput⌉ within [min, max]; served = min(demand, capacity),
  /// where a replica slowed to `speed` (a DVFS power cap, docs/models/scheduling.md) serves
  /// `speed` × its throughput.
  [[nodiscard]] Hour at(int hour_of_day, double speed = 1.0) const;
};

/// A daily curve: shape[h] = mean + amplitude · cos(2π (h − peak_hour) / 24). The default
/// (data/defaults.yaml, `inference.daily_shape`) is a working-day curve with its peak at 14:00
/// and a night trough at 35 % of the peak, an assumption; scenarios may give their own.
std::array<double, 24> cosine_daily_shape(double mean, double amplitude, double peak_hour);

}  // namespace gigasim::workload
