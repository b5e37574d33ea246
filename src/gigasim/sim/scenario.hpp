// The validated, plain description of a run, as io::load_scenario builds it.
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
#include "gigasim/sim/reliability_spec.hpp"
#include "gigasim/sim/workload_spec.hpp"

namespace gigasim::sim {

struct FleetEntry {
  hardware::System system;
  std::optional<std::int64_t> count;  ///< systems; empty: `auto`, fill the power envelope
};

/// IT utilization until the workload model replaces it:
/// u(h) = clamp(mean + daily_amplitude · cos(2π (h − peak_hour) / 24), 0, 1).
struct UtilizationProfile {
  double mean = 0.8;
  double daily_amplitude = 0.0;
  double peak_hour = 15.0;
  [[nodiscard]] double at(double hour_of_day) const;
};

struct SiteSpec {
  std::string name;
  climate::Location location;
  std::optional<climate::WeatherYear> weather;  ///< from an EPW file; else synthetic
  climate::SyntheticWeatherOptions synthetic;
  core::Power grid_connection;
  core::Power power_envelope;  ///< what the fleet is sized to; defaults to grid_connection
  std::vector<FleetEntry> fleet;
  double network_overhead = 0.05;  ///< scale-out network and storage, share of system power
  UtilizationProfile utilization;  ///< used when the site has no workload
  std::optional<WorkloadSpec> workload;
  std::optional<ReliabilitySpec> reliability;              ///< needs a workload
  core::Power power_step_threshold = core::megawatts(10);  ///< IT power changes recorded above it
  std::int64_t pod_size = 4096;        ///< accelerators under one non-blocking network pod
  std::optional<double> liquid_share;  ///< override of the fleet's own liquid-cooled share
  facility::FacilitySpec facility;
  std::vector<energy::SourceSpec> supply;
};

struct Scenario {
  std::string name;
  std::string description;
  std::chrono::sys_days start{std::chrono::year{2025} / std::chrono::January / 1};
  core::Duration horizon = core::Duration::days(365);
  core::Duration tick = core::Duration::hours(1);
  std::uint64_t seed = 1;
  std::vector<SiteSpec> sites;
  econ::EconomicsSpec economics;  ///< data/economics.yaml with the scenario's overrides
  econ::CarbonSpec carbon;
};

/// Day of the year (0..364) of a date; the 29th of February counts as the 28th.
int day_of_year(std::chrono::sys_days date);

}  // namespace gigasim::sim
