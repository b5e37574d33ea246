#include "gigasim/facility/heat_reuse.hpp"

#include <algorithm>
#include <limits>

namespace gigasim::facility {

double heat_demand_w(const HeatReuseSpec& spec, double dry_bulb_c, double heating_reference_c,
                     std::size_t hour) {
  if (!spec.enabled) return 0.0;
  if (!spec.demand_series_w.empty())
    return spec.demand_series_w[hour % spec.demand_series_w.size()];
  const double outdoor =
      spec.demand_temperature == DemandTemperature::daily ? heating_reference_c : dry_bulb_c;
  const double degrees = std::max(0.0, spec.heating_threshold.in_celsius() - outdoor);
  const double span = spec.heating_threshold.in_celsius() - spec.design_outdoor.in_celsius();
  const double k = spec.degree_coefficient.value() > 0 ? spec.degree_coefficient.value()
                   : span > 0 ? (spec.peak_load - spec.base_load).value() / span
                              : 0.0;
  const double demand = spec.base_load.value() + k * degrees;
  return spec.peak_load.value() > 0 ? std::min(demand, spec.peak_load.value()) : demand;
}

core::Temperature network_supply_at(const HeatReuseSpec& spec, double dry_bulb_c) {
  if (!spec.network_supply_at_design) return spec.network_supply;
  const double t_thr = spec.heating_threshold.in_celsius();
  const double t_design = spec.design_outdoor.in_celsius();
  const double w = std::clamp((t_thr - dry_bulb_c) / (t_thr - t_design), 0.0, 1.0);
  return core::Temperature::celsius(spec.network_supply.in_celsius() * (1.0 - w) +
                                    spec.network_supply_at_design->in_celsius() * w);
}

HeatReuseResult reuse_heat(const HeatReuseSpec& spec, double available_w,
                           core::Temperature loop_return, double demand_w,
                           core::Temperature network_supply, double limit) {
  HeatReuseResult r;
  r.demand_w = demand_w;
  available_w *= spec.capture_efficiency;
  if (!spec.enabled || available_w <= 0.0 || demand_w <= 0.0 || limit <= 0.0) return r;
  const double t_cold = (loop_return - spec.exchanger_approach).in_kelvin();
  const double t_hot = network_supply.in_kelvin();
  if (t_hot <= t_cold) {
    r.delivered_w = std::min({demand_w, limit, available_w});
    r.from_loop_w = r.delivered_w;
    return r;
  }
  r.cop = spec.carnot_fraction * t_hot / (t_hot - t_cold);
  if (r.cop <= 1.0) return r;  // not worth running: more electricity than heat gained
  const double max_from_source = available_w * r.cop / (r.cop - 1.0);
  r.delivered_w = std::min({demand_w, limit, max_from_source});
  r.heat_pump_w = r.delivered_w / r.cop;
  r.from_loop_w = r.delivered_w - r.heat_pump_w;
  return r;
}

}  // namespace gigasim::facility
