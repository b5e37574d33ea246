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
  double dry_fan_fraction = 0.0;    ///< dry-cooler fan power per unit heat rejected
  double tower_fan_fraction = 0.0;  ///< tower fan power per unit heat rejected
  double cycles_of_concentration = 0.0;
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
};

/// How a loop rejects its heat in an hour, from the least to the most energy: dry coolers
/// alone; with evaporation (towers or adiabatic assist) but no chiller; a chiller trimming
/// part of the heat; the chiller carrying all of it.
enum class CoolingMode : std::uint8_t { dry, evaporative, partial_mechanical, mechanical };

struct CoolingLoopResult {
  double pump_or_fan_w = 0.0;    ///< loop distribution (CDU pumps, CRAH fans)
  double rejection_fan_w = 0.0;  ///< dry-cooler and tower fans
  double chiller_w = 0.0;
  double water_m3_per_s = 0.0;    ///< evaporation + blow-down make-up
  double free_fraction = 0.0;     ///< share of the heat rejected without a chiller
  bool over_temperature = false;  ///< supply could not be held (no chiller, too hot)
  CoolingMode mode = CoolingMode::dry;
  [[nodiscard]] double power_w() const { return pump_or_fan_w + rejection_fan_w + chiller_w; }
};

/// Rejects `heat_w` from the loop at outdoor dry bulb and wet bulb (°C).
/// The dry cooler pre-cools the return water as far as dry bulb + approach allows; the
/// share it covers is f_dry = clamp((T_ret − (T_db + a_dry)) / (T_ret − T_sup), 0, 1).
/// An evaporative tower likewise covers f_evap from the wet bulb; a chiller trims the rest
/// with COP = min(COP_max, η · T_evap / (T_cond − T_evap)) in kelvin, T_evap = T_sup − 2 K,
/// T_cond = best heat sink + condenser_approach. Water = heat to the tower · f_evap / h_fg ·
/// C / (C − 1), f_evap from tower_evaporated_fraction.
/// The loop's pumps or fans draw distribution · Q_dist, Q_dist the heat they move; with a
/// `min_speed` s_min and the loop's design heat Q_design, distribution · Q_design ·
/// max(Q_dist / Q_design, s_min)³ instead.
CoolingLoopResult reject_heat(const CoolingLoopSpec& loop, double heat_w, double dry_bulb_c,
                              double wet_bulb_c, double distribution_heat_w,
                              double design_heat_w = 0.0);

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
