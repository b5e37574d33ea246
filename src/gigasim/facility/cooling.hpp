// Heat rejection of a cooling loop: dry coolers (free cooling), evaporative towers and
// chillers, plus the loop's pumps or fans (docs/models/facility.md).
#pragma once

#include <cstdint>

#include "gigasim/core/quantity.hpp"

namespace gigasim::facility {

// The defaults of both loops (supply and return temperatures, distribution, heat-rejection
// plant) live in data/defaults.yaml (`facility.cooling`), read by the catalog; the
// initializers here are neutral.
struct HeatRejectionSpec {
  bool dry_cooler = false;
  core::TemperatureDelta dry_approach;  ///< leaving water − dry bulb
  bool evaporative = false;
  core::TemperatureDelta evaporative_approach;  ///< leaving − wet bulb
  bool chiller = false;
  double chiller_carnot_fraction = 0.0;  ///< COP = fraction × Carnot COP
  double chiller_cop_max = 0.0;
  /// Condensing temperature above the chiller's heat sink (the dry cooler's leaving water or
  /// the tower's); with the dry approach it makes the condenser's lift over the air.
  core::TemperatureDelta condenser_approach;
  /// Fan power per unit heat: of the rated capacity at full speed when the cooler is rated,
  /// of the heat rejected otherwise (and for a chiller's condenser heat).
  double dry_fan_fraction = 0.0;
  double tower_fan_fraction = 0.0;
  double cycles_of_concentration = 0.0;
  /// Rated capacities, shares of the loop's design heat (0: unlimited); see free_cool().
  double dry_capacity = 0.0;
  double tower_capacity = 0.0;
  /// Adiabatic pre-cooling of the dry coolers' air ("wet when hot"): pads or sprays cool
  /// the air to T_db − ε (T_db − T_wb), used only when the air is at least `adiabatic_above`
  /// and the dry coolers alone cannot carry the loop.
  bool adiabatic = false;
  double adiabatic_effectiveness = 0.0;
  core::Temperature adiabatic_above;
  /// Chiller units of `chiller_unit_capacity` × design heat each (0 units: one machine of
  /// unlimited capacity at full load); see run_chillers().
  int chiller_units = 0;
  double chiller_unit_capacity = 0.0;
  double chiller_no_load = 0.0;
  double chiller_min_part_load = 0.0;
};

/// Direct outdoor air for an air-cooled hall: outdoor air replaces the chilled-water coils
/// when it is cool and its moisture lies in the allowed range (ASHRAE TC 9.9 envelope).
struct AirEconomiserSpec {
  bool enabled = false;
  core::Temperature supply_air;        ///< air delivered to the IT inlets
  core::Temperature return_air;        ///< hot-aisle air
  core::Temperature max_dew_point;     ///< above it, outdoor air is not used
  core::Temperature min_dew_point;     ///< below it, outdoor air is humidified (water)
  double max_relative_humidity = 1.0;  ///< at the IT inlet
};

struct CoolingLoopSpec {
  core::Temperature supply;            ///< water to the equipment (or to the air handlers)
  core::Temperature return_temp;       ///< water back from it
  double distribution_fraction = 0.0;  ///< pumps (liquid) or air-handler fans, per unit heat
  /// 0: distribution power in proportion to the heat moved. Above 0: variable-speed pumps
  /// and fans on the affinity law (power ∝ speed³, speed ∝ flow ∝ heat) that never turn
  /// slower than this share of their design speed; 1: constant speed.
  double min_speed = 0.0;
  HeatRejectionSpec rejection;
  AirEconomiserSpec economiser;  ///< the air loop only
};

/// How a loop rejects its heat in an hour, from the least to the most energy: dry coolers
/// alone; with evaporation (towers or adiabatic assist) but no chiller; a chiller trimming
/// part of the heat; the chiller carrying all of it.
enum class CoolingMode : std::uint8_t { dry, evaporative, partial_mechanical, mechanical };

/// Cooling a heat-driven (adsorption or absorption) chiller can give a loop in an hour, and
/// its thermal COP (cold produced per unit of driving heat).
struct ThermalCooling {
  double available_w = 0.0;
  double cop = 0.0;
};

struct CoolingLoopResult {
  double pump_or_fan_w = 0.0;    ///< loop distribution (CDU pumps, CRAH fans)
  double rejection_fan_w = 0.0;  ///< dry-cooler and tower fans
  double chiller_w = 0.0;
  double water_m3_per_s = 0.0;     ///< towers, adiabatic pads and humidification
  double thermal_cooling_w = 0.0;  ///< heat the heat-driven chiller took (its cold)
  double free_fraction = 0.0;      ///< share of the heat rejected without a chiller
  bool over_temperature = false;   ///< supply could not be held (no chiller, too hot)
  CoolingMode mode = CoolingMode::dry;
  [[nodiscard]] double power_w() const { return pump_or_fan_w + rejection_fan_w + chiller_w; }
};

/// Rejects `heat_w` from the loop at outdoor dry bulb and wet bulb (°C).
/// An air economiser (air loop) takes the share outdoor air can cool within its humidity
/// limits; the dry coolers (with adiabatic assist when hot) then pre-cool the return water,
/// towers trim below them (free_cool), and chillers carry the rest (run_chillers), their
/// condenser heat going to the towers or the air. Water = heat to the towers · f_evap / h_fg
/// · C / (C − 1), f_evap from tower_evaporated_fraction, plus the pads' and the humidifiers'.
/// The loop's pumps or fans draw distribution · Q_dist, Q_dist the heat they move; with a
/// `min_speed` s_min and the loop's design heat Q_design, distribution · Q_design ·
/// max(Q_dist / Q_design, s_min)³ instead. Rated capacities are shares of Q_design.
/// A heat-driven chiller (`thermal`) carries what the free plant leaves before the electric
/// chillers; its heat (cold + drive) leaves like a chiller's condenser heat.
CoolingLoopResult reject_heat(const CoolingLoopSpec& loop, double heat_w, double dry_bulb_c,
                              double wet_bulb_c, double distribution_heat_w,
                              double design_heat_w = 0.0, ThermalCooling thermal = {});

/// Latent heat of vaporisation of water near 25 °C, J/kg (IAPWS: 2442 kJ/kg at 25 °C).
inline constexpr double kLatentHeatJPerKg = 2.442e6;

/// Share of a wet tower's heat that leaves by evaporation (the rest warms the air), from the
/// air's energy and water balance: outdoor air (dry bulb, wet bulb) leaves saturated at the
/// mean of the tower's leaving water and its entering water (leaving + range):
///   f = h_fg (w_out − w_in) / (h_out − h_in)
/// (Merkel's assumption of saturated exhaust; e.g. Kröger, Air-cooled Heat Exchangers and
/// Cooling Towers, 2004, ch. 6). About 0.95 on a warm summer day, 0.6 near freezing; above 1
/// in hot dry air, which warms the water. At sea-level pressure. Clamped to 0..1.5.
double tower_evaporated_fraction(double dry_bulb_c, double wet_bulb_c, double leaving_water_c,
                                 double range_k);

}  // namespace gigasim::facility
