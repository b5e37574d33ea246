// What the user described, catalogs resolved (the "describe" stage of docs/architecture.md).
// Plain data with no derived number and no place in a file: every element carries a stable
// id, its YAML path ("sites[0].workload.jobs[2]"); only io maps an id to file:line:column.
// plan::prepare derives everything else (weather, fleet counts, each job's step time...).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gigasim/climate/location.hpp"
#include "gigasim/climate/synthetic.hpp"
#include "gigasim/climate/weather.hpp"
#include "gigasim/core/quantity.hpp"
#include "gigasim/core/time.hpp"
#include "gigasim/econ/carbon.hpp"
#include "gigasim/econ/economics.hpp"
#include "gigasim/energy/source.hpp"
#include "gigasim/facility/facility.hpp"
#include "gigasim/hardware/accelerator.hpp"
#include "gigasim/perf/platform.hpp"
#include "gigasim/scenario/demand_response_spec.hpp"
#include "gigasim/scenario/element_id.hpp"
#include "gigasim/scenario/federation_spec.hpp"
#include "gigasim/scenario/power_swing_spec.hpp"
#include "gigasim/scenario/reliability_spec.hpp"
#include "gigasim/scenario/workload_spec.hpp"

namespace gigasim::scenario {

struct FleetEntry {
  ElementId id;
  hardware::System system;
  perf::Efficiency efficiency;        ///< of the accelerator's generation (data/efficiency.yaml)
  perf::Fabric fabric;                ///< the generation's default scale-out fabric
  std::optional<std::int64_t> count;  ///< systems; empty: `auto`, fill the power envelope
};

/// IT utilization of a site without a workload:
/// u(h) = clamp(mean + daily_amplitude · cos(2π (h − peak_hour) / 24), 0, 1).
struct UtilizationProfile {
  double mean = 0.8;
  double daily_amplitude = 0.0;
  double peak_hour = 15.0;
  [[nodiscard]] double at(double hour_of_day) const;
};

/// A site as written. The defaults of its keys (network_overhead, pod_size,
/// power_step_threshold, synthetic weather, facility) come from data/defaults.yaml through the
/// catalog (io::Defaults::site, the prototype every decoded site starts from); the
/// initializers here are neutral.
struct SiteSpec {
  ElementId id;  ///< "sites[i]"
  std::string name;
  climate::Location location;
  std::optional<climate::WeatherYear> weather;  ///< from an EPW file; else synthetic
  climate::SyntheticWeatherOptions synthetic;
  core::Power grid_connection;
  core::Power power_envelope;  ///< what the fleet is sized to; defaults to grid_connection
  std::vector<FleetEntry> fleet;
  double network_overhead = 0.0;   ///< scale-out network and storage, share of system power
  UtilizationProfile utilization;  ///< used when the site has no workload
  std::optional<WorkloadSpec> workload;
  std::optional<ReliabilitySpec> reliability;  ///< needs a workload
  core::Power power_step_threshold;            ///< IT power changes recorded above it
  std::int64_t pod_size = 0;                   ///< accelerators under one non-blocking network pod
  std::optional<double> liquid_share;          ///< override of the fleet's own liquid-cooled share
  facility::FacilitySpec facility;
  /// AWARE factor of the water the site consumes (m³ world-eq per m³): the country's from
  /// data/water.yaml, the site's `water_scarcity_factor`, or 0 for reclaimed or sea water.
  double water_scarcity_factor = 1.0;
  std::vector<energy::SourceSpec> supply;
  /// The country's network tariff and taxes (data/tariffs.yaml) under the regime chosen;
  /// none: the generic grid fees of `economics.operations`.
  std::optional<econ::AppliedTariff> tariff;
  /// The site's own `economics:` (the scenario's with the site's overrides); none: the
  /// scenario's.
  std::optional<econ::EconomicsSpec> economics;
  std::optional<econ::CarbonSpec> carbon;
  std::optional<DemandResponseSpec> demand_response;
  PowerSwingSpec power_swings;
};

struct Scenario {
  std::string name;
  std::string description;
  std::chrono::sys_days start{std::chrono::year{2025} / std::chrono::January / 1};
  core::Duration horizon = core::Duration::days(365);
  core::Duration tick = core::Duration::hours(1);
  std::uint64_t seed = 1;
  int grid_data_year = 0;  ///< year of the measured grid series of data/electricity (0: synthetic)
  std::vector<SiteSpec> sites;
  econ::EconomicsSpec economics;  ///< data/economics.yaml with the scenario's overrides
  econ::CarbonSpec carbon;
  std::optional<FederationSpec> federation;  ///< the sites under one router (none: each alone)
};

}  // namespace gigasim::scenario
