// Heat reuse: recovered heat from the liquid loop sold to a district-heating network,
// lifted by heat pumps where the network is hotter than the loop (docs/models/heat_reuse.md).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "gigasim/core/quantity.hpp"

namespace gigasim::facility {

/// Which loop's return water feeds the heat recovery: the warm direct-liquid loop, the
/// chilled-water loop of the air handlers (cooler, so a larger lift), or both (the liquid
/// loop first).
enum class HeatSource : std::uint8_t { liquid, air, both };

/// On whose side of the meter the heat pumps sit: the site's (their electricity is part of
/// the facility power and of its PUE) or the heating utility's (it owns and powers them;
/// the site only hands over its loop's heat).
enum class HeatPumpBoundary : std::uint8_t { site, utility };

/// Which outdoor temperature space-heating demand follows: the hour's own, or the day's mean
/// weighted with the days before (climate::heating_reference: buildings store heat, so a
/// network's load follows the last days' weather, not the hour's).
enum class DemandTemperature : std::uint8_t { hourly, daily };

/// A hot-water tank on the network side of the recovery: it takes recovered heat the network
/// does not want and gives it back when the site delivers less than the demand
/// (docs/models/heat_reuse.md#heat-storage). No capacity: no tank.
struct HeatStorageSpec {
  core::Energy capacity;
  core::Power power;          ///< charge and discharge limit
  double loss_per_day = 0.0;  ///< share of the stored heat lost to the ground and air per day
};

/// The model's defaults (network supply temperature, design outdoor temperature, heating
/// threshold, Carnot fraction, exchanger approach) live in data/defaults.yaml
/// (`facility.heat_reuse`), read by the catalog; the initializers here are neutral.
struct HeatReuseSpec {
  bool enabled = false;
  core::Temperature network_supply;  ///< at and above the heating threshold
  /// Outdoor reset: the network's supply temperature at the design outdoor temperature,
  /// linear in between (absent: the supply is `network_supply` all year).
  std::optional<core::Temperature> network_supply_at_design;
  core::Power base_load;  ///< demand when it is warm (hot water, process heat)
  core::Power peak_load;  ///< demand at the design outdoor temperature (0: no cap)
  core::PowerPerKelvin
      degree_coefficient;  ///< demand per kelvin below the threshold (0: from peak)
  core::Temperature design_outdoor;
  core::Temperature heating_threshold;
  double carnot_fraction = 0.0;  ///< heat-pump COP = fraction × Carnot COP
  core::Power capacity;          ///< heat-pump / exchanger heat output limit (0: none)
  core::TemperatureDelta exchanger_approach;
  /// Share of the source loop's heat that reaches the recovery exchangers (the rest leaves
  /// through racks, pipes and loops the recovery does not reach).
  double capture_efficiency = 1.0;
  DemandTemperature demand_temperature = DemandTemperature::daily;
  HeatSource source = HeatSource::liquid;
  HeatPumpBoundary heat_pumps = HeatPumpBoundary::site;
  std::vector<double> demand_series_w;  ///< hourly demand from a CSV (overrides the model)
  HeatStorageSpec storage;
};

/// District-heating demand by heating degrees (degree-days: EN ISO 15927-6):
///   demand = base + k · max(0, T_thr − T), capped at the peak load when one is given,
/// with k the degree coefficient, or k = (peak − base) / (T_thr − T_design) when only the
/// peak at the design outdoor temperature is given, and T the hour's dry bulb or the daily
/// heating reference (`demand_temperature`); or the hourly CSV series at `hour`.
double heat_demand_w(const HeatReuseSpec& spec, double dry_bulb_c, double heating_reference_c,
                     std::size_t hour);

/// The network's supply temperature at an outdoor dry bulb (°C): `network_supply` at and above
/// the heating threshold; with an outdoor reset, linear down to the design outdoor temperature
/// where it is `network_supply_at_design`, and held there below (a district heating
/// network's heating curve, e.g. Frederiksen & Werner, District Heating and Cooling, 2013).
core::Temperature network_supply_at(const HeatReuseSpec& spec, double dry_bulb_c);

struct HeatReuseResult {
  double delivered_w = 0.0;  ///< heat sold to the network
  double from_loop_w = 0.0;  ///< heat taken from the liquid loop
  double heat_pump_w = 0.0;  ///< electricity of the heat pumps
  double demand_w = 0.0;
  double cop = 0.0;  ///< 0 when no heat pump is needed (direct exchange)
};

/// Heat-pump COP = η · T_hot / (T_hot − T_cold) in kelvin, with T_hot the network supply and
/// T_cold the loop return less the exchanger approach. The pump delivers Q = Q_src + W, so
/// the loop gives Q (1 − 1/COP). Where the loop is hot enough, heat passes directly.
/// `available_w` is the loop's heat before the capture efficiency, `limit_w` the heat
/// output still free (capacity less what another loop delivered; infinity for none).
HeatReuseResult reuse_heat(const HeatReuseSpec& spec, double available_w,
                           core::Temperature loop_return, double demand_w,
                           core::Temperature network_supply, double limit_w);

}  // namespace gigasim::facility
