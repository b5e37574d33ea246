#include "gigasim/facility/cooling.hpp"

#include <algorithm>

#include "gigasim/climate/psychrometrics.hpp"
#include "gigasim/facility/chiller_plant.hpp"
#include "gigasim/facility/free_cooling.hpp"

namespace gigasim::facility {

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

namespace {

constexpr double kAirHeatCapacity = 1006.0;  // J/(kg K), dry air near 20 °C (ASHRAE Fundamentals)

struct OutdoorAir {
  double share = 0.0;  ///< of the loop's heat carried by outdoor air
  double water_kg_per_s = 0.0;
};

// Direct air-side economiser: outdoor air at T_db enters, hot-aisle air leaves, so it covers
// the share of the air's temperature drop that T_db allows (return air mixed in when colder),
// provided its dew point and the inlet's relative humidity stay within the limits; below the
// lowest dew point the outdoor air is humidified to it (adiabatic humidifier, water counted).
OutdoorAir economise(const AirEconomiserSpec& e, double q, double t_db, double t_wb) {
  OutdoorAir r;
  if (!e.enabled || q <= 0.0) return r;
  constexpr double p = climate::kSeaLevelPressureHpa;
  const double w = climate::humidity_ratio(t_db, t_wb, p);
  const double vapour_hpa = w * p / (0.622 + w);
  const double dew_point = climate::dew_point_of_vapour_c(vapour_hpa);
  if (dew_point > e.max_dew_point.in_celsius()) return r;
  const double inlet_c = std::max(t_db, e.supply_air.in_celsius());
  if (vapour_hpa / climate::saturation_vapour_pressure_hpa(inlet_c) > e.max_relative_humidity)
    return r;
  const double t_return = e.return_air.in_celsius();
  r.share = share_of_range(t_return, e.supply_air.in_celsius(), t_db);
  if (r.share > 0.0 && dew_point < e.min_dew_point.in_celsius()) {
    const double outdoor_kg_per_s =
        r.share * q / (kAirHeatCapacity * std::max(t_return - t_db, 1.0));
    const double w_min = climate::saturation_humidity_ratio(e.min_dew_point.in_celsius(), p);
    r.water_kg_per_s = outdoor_kg_per_s * std::max(0.0, w_min - w);
  }
  return r;
}

}  // namespace

CoolingLoopResult reject_heat(const CoolingLoopSpec& loop, double heat_w, double dry_bulb_c,
                              double wet_bulb_c, double distribution_heat_w, double design_heat_w,
                              ThermalCooling thermal) {
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
  // Rated capacities are shares of the loop's design heat, its pumps and fans included.
  const double design_q = std::max(0.0, design_heat_w) * (1.0 + loop.distribution_fraction);

  const OutdoorAir outdoor = economise(loop.economiser, q, dry_bulb_c, wet_bulb_c);
  double other_water_kg_per_s = outdoor.water_kg_per_s;
  const double q_water = (1.0 - outdoor.share) * q;  // left for the water plant

  FreeCooling dry;
  double air_in_c = dry_bulb_c;
  bool pads = false;
  if (rej.dry_cooler && q_water > 0.0) {
    const double rated = rej.dry_capacity * design_q;
    dry = free_cool(t_ret, t_sup, air_in_c, rej.dry_approach.value(), q_water, 0.0, rated,
                    rej.dry_fan_fraction);
    if (rej.adiabatic && dry_bulb_c >= rej.adiabatic_above.in_celsius() &&
        dry.heat_w < q_water * (1.0 - 1e-9)) {
      air_in_c = dry_bulb_c - rej.adiabatic_effectiveness * (dry_bulb_c - wet_bulb_c);
      pads = true;
      dry = free_cool(t_ret, t_sup, air_in_c, rej.dry_approach.value(), q_water, 0.0, rated,
                      rej.dry_fan_fraction);
      // The pads cool the coil's air (heat capacity rate ≈ the water's: Q / ΔT_loop) by
      // T_db − T_air, evaporating that sensible heat.
      other_water_kg_per_s +=
          dry.heat_w / (t_ret - t_sup) * (dry_bulb_c - air_in_c) / kLatentHeatJPerKg;
    }
  }
  FreeCooling tower;
  if (rej.evaporative && q_water > 0.0) {
    tower = free_cool(t_ret, t_sup, wet_bulb_c, rej.evaporative_approach.value(), q_water,
                      dry.heat_w / q_water, rej.tower_capacity * design_q, rej.tower_fan_fraction);
  }
  const double q_free = outdoor.share * q + dry.heat_w + tower.heat_w;
  const double q_mechanical = std::max(0.0, q - q_free);
  if (thermal.cop > 0.0) r.thermal_cooling_w = std::min(q_mechanical, thermal.available_w);
  const double q_chiller = q_mechanical - r.thermal_cooling_w;
  r.free_fraction = std::clamp(q_free / q, 0.0, 1.0);
  constexpr double kAll = 1.0 - 1e-9;
  r.mode = r.free_fraction <= 0.0         ? CoolingMode::mechanical
           : r.free_fraction < kAll       ? CoolingMode::partial_mechanical
           : (tower.heat_w > 0.0 || pads) ? CoolingMode::evaporative
                                          : CoolingMode::dry;

  double q_tower = tower.heat_w;
  // The heat-driven chiller rejects its cold and its driving heat.
  double condenser =
      r.thermal_cooling_w > 0.0 ? r.thermal_cooling_w * (1.0 + 1.0 / thermal.cop) : 0.0;
  if (q_chiller > 0.0) {
    // Heat the chillers cannot carry (none, or too few) still leaves through the free-cooling
    // plant, at a supply temperature above the set point (not computed).
    condenser += q_chiller;
    if (rej.chiller) {
      // The condenser rejects to the better of the available sinks.
      double sink = air_in_c + rej.dry_approach.value();
      if (rej.evaporative) sink = std::min(sink, wet_bulb_c + rej.evaporative_approach.value());
      const ChillerOutcome ch = run_chillers(rej, q_chiller, design_q, t_sup, sink);
      r.chiller_w = ch.power_w;
      condenser += ch.power_w;
      r.over_temperature = ch.carried_w < q_chiller * kAll;
    } else {
      r.over_temperature = true;
    }
  }
  double condenser_fan_w = 0.0;
  if (rej.evaporative) {
    q_tower += condenser;
    condenser_fan_w = rej.tower_fan_fraction * condenser;
  } else {
    condenser_fan_w = rej.dry_fan_fraction * condenser;
  }
  r.rejection_fan_w = dry.fan_w + tower.fan_w + condenser_fan_w;
  const double c = rej.cycles_of_concentration;  // ≥ 1.5, checked on input
  const double evap_leaving = wet_bulb_c + rej.evaporative_approach.value();
  const double evaporated_kg_per_s =
      q_tower > 0.0
          ? q_tower *
                tower_evaporated_fraction(dry_bulb_c, wet_bulb_c, evap_leaving, t_ret - t_sup) /
                kLatentHeatJPerKg
          : 0.0;
  r.water_m3_per_s = (evaporated_kg_per_s * c / (c - 1.0) + other_water_kg_per_s) / 1000.0;
  return r;
}

}  // namespace gigasim::facility
