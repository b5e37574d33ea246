#include "gigasim/facility/cooling.hpp"

#include <algorithm>

#include "gigasim/climate/psychrometrics.hpp"

namespace gigasim::facility {

namespace {
double share(double return_c, double supply_c, double leaving_c) {
  if (return_c <= supply_c) return leaving_c <= supply_c ? 1.0 : 0.0;
  return std::clamp((return_c - leaving_c) / (return_c - supply_c), 0.0, 1.0);
}
}  // namespace

double tower_evaporated_fraction(double dry_bulb_c, double wet_bulb_c, double leaving_water_c,
                                 double range_k) {
  constexpr double p = climate::kSeaLevelPressureHpa;
  const double w_in = climate::humidity_ratio(dry_bulb_c, wet_bulb_c, p);
  const double h_in = climate::moist_air_enthalpy_kj_per_kg(dry_bulb_c, w_in);
  const double t_out = leaving_water_c + 0.5 * std::max(range_k, 0.0);
  const double w_out = climate::saturation_humidity_ratio(t_out, p);
  const double h_out = climate::moist_air_enthalpy_kj_per_kg(t_out, w_out);
  if (h_out - h_in < 1.0) return 1.0;  // the air barely takes heat: all of it by evaporation
  return std::clamp(kLatentHeatJPerKg * 1e-3 * (w_out - w_in) / (h_out - h_in), 0.0, 1.5);
}

CoolingLoopResult reject_heat(const CoolingLoopSpec& loop, double heat_w, double dry_bulb_c,
                              double wet_bulb_c, double distribution_heat_w, double design_heat_w) {
  CoolingLoopResult r;
  if (loop.min_speed > 0.0 && design_heat_w > 0.0) {
    // Affinity law: flow ∝ speed, power ∝ speed³; the flow follows the heat at a fixed ΔT.
    const double speed = std::max(distribution_heat_w / design_heat_w, loop.min_speed);
    r.pump_or_fan_w = loop.distribution_fraction * design_heat_w * speed * speed * speed;
  } else {
    r.pump_or_fan_w = loop.distribution_fraction * distribution_heat_w;
  }
  // The loop's pumps and fans turn into heat inside it as well.
  const double q = std::max(0.0, heat_w) + r.pump_or_fan_w;
  if (q <= 0.0) {
    r.free_fraction = 1.0;
    return r;
  }
  const HeatRejectionSpec& rej = loop.rejection;
  const double t_sup = loop.supply.in_celsius();
  const double t_ret = loop.return_temp.in_celsius();
  const double dry_leaving = dry_bulb_c + rej.dry_approach.value();
  const double evap_leaving = wet_bulb_c + rej.evaporative_approach.value();
  const double f_dry = rej.dry_cooler ? share(t_ret, t_sup, dry_leaving) : 0.0;
  const double f_evap = rej.evaporative ? share(t_ret, t_sup, evap_leaving) : 0.0;
  const double f_free = std::max(f_dry, f_evap);
  double q_dry = f_dry * q;
  double q_tower = std::max(0.0, f_evap - f_dry) * q;
  const double q_chiller = (1.0 - f_free) * q;
  r.free_fraction = f_free;
  r.mode = f_free <= 0.0  ? CoolingMode::mechanical
           : f_free < 1.0 ? CoolingMode::partial_mechanical
           : f_dry >= 1.0 ? CoolingMode::dry
                          : CoolingMode::evaporative;

  if (q_chiller > 0.0) {
    if (rej.chiller) {
      // The condenser rejects to the better of the available sinks.
      double sink = dry_bulb_c + rej.dry_approach.value();
      if (rej.evaporative) sink = std::min(sink, evap_leaving);
      const double t_evap_k = t_sup - 2.0 + 273.15;
      const double t_cond_k =
          std::max(sink + rej.condenser_approach.value() + 273.15, t_evap_k + 1.0);
      const double cop = std::min(rej.chiller_cop_max,
                                  rej.chiller_carnot_fraction * t_evap_k / (t_cond_k - t_evap_k));
      r.chiller_w = q_chiller / cop;
      const double condenser = q_chiller + r.chiller_w;
      if (rej.evaporative) {
        q_tower += condenser;
      } else {
        q_dry += condenser;
      }
    } else {
      r.over_temperature = true;
      // Without a chiller the remaining heat still leaves through the free-cooling plant,
      // at a supply temperature above the set point.
      if (rej.evaporative) {
        q_tower += q_chiller;
      } else {
        q_dry += q_chiller;
      }
    }
  }
  r.rejection_fan_w = rej.dry_fan_fraction * q_dry + rej.tower_fan_fraction * q_tower;
  const double c = rej.cycles_of_concentration;  // ≥ 1.5, checked on input
  const double evaporated_kg_per_s =
      q_tower > 0.0
          ? q_tower *
                tower_evaporated_fraction(dry_bulb_c, wet_bulb_c, evap_leaving, t_ret - t_sup) /
                kLatentHeatJPerKg
          : 0.0;
  r.water_m3_per_s = evaporated_kg_per_s * c / (c - 1.0) / 1000.0;
  return r;
}

}  // namespace gigasim::facility
