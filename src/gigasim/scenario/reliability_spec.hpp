// Reliability of a site as the scenario describes it (docs/models/reliability.md).
#pragma once

#include <array>

#include "gigasim/core/quantity.hpp"
#include "gigasim/core/time.hpp"
#include "gigasim/reliability/components.hpp"

namespace gigasim::scenario {

/// The model's defaults (Table 5 rates, scopes and repairs, restart, checkpoint costs,
/// maintenance duration) come from data/defaults.yaml through the catalog
/// (io::Defaults::reliability); the initializers here are neutral: no failures, no costs.
struct ReliabilitySpec {
  std::array<reliability::ComponentSpec, reliability::kComponents> components =
      reliability::component_classes();
  double scale = 1.0;          ///< multiplies every rate (e.g. for another accelerator generation)
  double weibull_shape = 1.0;  ///< < 1: infant mortality; 1: constant rate
  double lemon_fraction = 0;   ///< share of systems failing `lemon_factor` times as often
  double lemon_factor = 1;
  int spares_per_pod = 0;       ///< hot spare systems (domains) kept idle per pod
  core::Duration restart;       ///< detection, rescheduling, checkpoint load
  bool checkpoint_auto = true;  ///< Young/Daly interval per job; else `checkpoint_interval`
  core::Duration checkpoint_interval = core::Duration::hours(1);
  core::Bandwidth storage_bandwidth;          ///< write bandwidth of the site's storage
  double checkpoint_bytes_per_parameter = 0;  ///< training state per parameter
  core::Duration default_checkpoint_cost;     ///< jobs without a model
  double maintenance_per_day = 0;             ///< planned interruptions (automated maintenance)
  core::Duration maintenance_duration;

  /// Failures per accelerator and second, all components.
  [[nodiscard]] double rate_per_accelerator_s() const {
    double r = 0;
    for (const auto& c : components) r += c.rate_per_accelerator_day;
    return r * scale / 86400.0;
  }
};

}  // namespace gigasim::scenario
