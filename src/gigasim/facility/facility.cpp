#include "gigasim/facility/facility.hpp"

#include <algorithm>
#include <limits>

namespace gigasim::facility {

FacilityDesign design_of(const FacilitySpec& spec, double liquid_share, double rated_it_w) {
  FacilityDesign d;
  d.liquid_share = liquid_share;
  d.rated_it_w = rated_it_w;
  // The loops' design heat, at full-load IT power: what their pumps, fans, coolers and
  // chillers are sized for.
  const PowerChainLosses rated = power_chain_losses(spec.power_chain, rated_it_w, 0.0, rated_it_w);
  d.liquid_heat_w = liquid_share * rated_it_w;
  d.air_heat_w = (1.0 - liquid_share) * rated_it_w + rated.distribution_w + rated.ups_w;
  d.fixed_w = spec.fixed_load_w + spec.fixed_load_share * rated_it_w;
  return d;
}

FacilityLoad evaluate_facility(const FacilitySpec& spec, const FacilityDesign& design, double it_w,
                               double dry_bulb_c, double wet_bulb_c, double heat_demand_w) {
  const double liquid_share = design.liquid_share;
  const double rated_it_w = design.rated_it_w;
  FacilityLoad f;
  f.it_w = it_w;
  f.heat_demand_w = heat_demand_w;

  // Indoor losses do not depend on mechanical load: compute them first.
  const PowerChainLosses indoor = power_chain_losses(spec.power_chain, it_w, 0.0, rated_it_w);
  const double liquid_heat = liquid_share * it_w;
  const double air_heat = (1.0 - liquid_share) * it_w + indoor.distribution_w + indoor.ups_w;

  // Heat reuse takes what the network wants first: from the liquid loop, then (or only)
  // from the air loop's chilled-water return, within one heat-output capacity.
  const HeatReuseSpec& reuse_spec = spec.heat_reuse;
  const core::Temperature network = network_supply_at(reuse_spec, dry_bulb_c);
  double free_capacity = reuse_spec.capacity.value() > 0 ? reuse_spec.capacity.value()
                                                         : std::numeric_limits<double>::infinity();
  HeatReuseResult from_liquid, from_air;
  if (reuse_spec.source != HeatSource::air) {
    from_liquid = reuse_heat(reuse_spec, liquid_heat, spec.liquid.return_temp, heat_demand_w,
                             network, free_capacity);
    free_capacity -= from_liquid.delivered_w;
  }
  if (reuse_spec.source != HeatSource::liquid) {
    from_air = reuse_heat(reuse_spec, air_heat, spec.air.return_temp,
                          heat_demand_w - from_liquid.delivered_w, network, free_capacity);
  }
  f.heat_delivered_w = from_liquid.delivered_w + from_air.delivered_w;
  f.heat_pump_w = from_liquid.heat_pump_w + from_air.heat_pump_w;
  // Heat pumps on the utility's side draw from its meter, not the site's.
  const double site_heat_pump_w =
      reuse_spec.heat_pumps == HeatPumpBoundary::site ? f.heat_pump_w : 0.0;
  f.heat_pump_utility_w = f.heat_pump_w - site_heat_pump_w;

  const double liquid_design = design.liquid_heat_w;
  const double air_design = design.air_heat_w;
  // A heat-driven chiller takes its drive from the liquid loop's heat left after reuse and
  // cools the air loop; the drive it used leaves the liquid loop.
  const double liquid_left = liquid_heat - from_liquid.from_loop_w;
  ThermalCooling thermal;
  const ThermalChillerSpec& tc = spec.thermal_chiller;
  if (tc.enabled && spec.liquid.return_temp >= tc.min_driving_temp) {
    thermal.cop = tc.cop;
    thermal.available_w = std::min(tc.capacity * air_design, tc.cop * std::max(0.0, liquid_left));
  }
  const CoolingLoopResult air = reject_heat(spec.air, air_heat - from_air.from_loop_w, dry_bulb_c,
                                            wet_bulb_c, air_heat, air_design, thermal);
  const double drive_w = thermal.cop > 0.0 ? air.thermal_cooling_w / thermal.cop : 0.0;
  const CoolingLoopResult liquid = reject_heat(spec.liquid, liquid_left - drive_w, dry_bulb_c,
                                               wet_bulb_c, liquid_heat, liquid_design);
  f.cooling_w = liquid.power_w() + air.power_w();
  f.water_m3_per_s = liquid.water_m3_per_s + air.water_m3_per_s;
  f.over_temperature = liquid.over_temperature || air.over_temperature;
  const double heat_total = liquid_heat + air_heat;
  f.free_cooling_fraction =
      heat_total > 0
          ? (liquid.free_fraction * liquid_heat + air.free_fraction * air_heat) / heat_total
          : 1.0;

  f.mode = std::max(liquid.mode, air.mode);
  f.fixed_w = design.fixed_w;

  const PowerChainLosses all = power_chain_losses(
      spec.power_chain, it_w, f.cooling_w + site_heat_pump_w + f.fixed_w, rated_it_w);
  f.power_chain_loss_w = all.total();
  f.facility_w = f.it_w + f.power_chain_loss_w + f.cooling_w + site_heat_pump_w + f.fixed_w;
  return f;
}

}  // namespace gigasim::facility
