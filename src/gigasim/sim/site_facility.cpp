#include "gigasim/sim/site_facility.hpp"

#include <algorithm>

namespace gigasim::sim {
namespace {
constexpr double kJPerMWh = 3.6e9;
}  // namespace

SiteFacility::SiteFacility(const plan::SitePlan& plan, std::span<double> it_sum_w,
                           std::span<double> facility_sum_w, core::Duration tick)
    : plan_(plan),
      design_(facility::design_of(plan.spec->facility, plan.sizing.liquid_share,
                                  plan.sizing.rated_it_w)),
      it_sum_w_(it_sum_w),
      facility_sum_w_(facility_sum_w),
      tick_(tick) {
  // Until an interval has run, the power cap assumes the PUE of the design hour (a site
  // without IT has none and no workload to cap).
  if (plan.sizing.design_pue > 0) pue_estimate_ = plan.sizing.design_pue;
}

void SiteFacility::close_tick(Tick& tick, SiteResult& out) {
  const plan::SiteSizing& m = plan_.sizing;
  const std::size_t wh = m.weather.index(static_cast<std::int64_t>(tick.hour) + m.weather_offset_h);
  const double t_db = m.weather.dry_bulb_c[wh];
  const double t_wb = m.weather.wet_bulb_c[wh];
  const facility::FacilitySpec& spec = plan_.spec->facility;
  const double demand =
      facility::heat_demand_w(spec.heat_reuse, t_db, m.weather.heating_reference_at(wh), tick.hour);
  const double dt_s = tick.seconds;
  // A hot-water tank asks the recovery for what it can still take, on top of the network's
  // demand, and gives back what the recovery falls short of it.
  const facility::HeatStorageSpec& tank = spec.heat_reuse.storage;
  double charge_room_w = 0.0, tank_loss_j = 0.0;
  if (tank.capacity.value() > 0.0) {
    tank_loss_j = heat_stored_j_ * std::min(1.0, tank.loss_per_day * dt_s / 86400.0);
    heat_stored_j_ -= tank_loss_j;
    charge_room_w = std::min(tank.power.value(), (tank.capacity.value() - heat_stored_j_) / dt_s);
  }
  facility::FacilityLoad f =
      facility::evaluate_facility(spec, design_, tick.it_w, t_db, t_wb, demand + charge_room_w);
  if (charge_room_w > 0.0 || heat_stored_j_ > 0.0) {
    const double to_network = std::min(f.heat_delivered_w, demand);
    const double charged_w = f.heat_delivered_w - to_network;
    const double discharged_w =
        std::min({demand - to_network, tank.power.value(), heat_stored_j_ / dt_s});
    heat_stored_j_ += (charged_w - discharged_w) * dt_s;
    f.heat_delivered_w = to_network + discharged_w;
    f.heat_demand_w = demand;
    out.totals.heat_storage_delivered_mwh += discharged_w * dt_s / kJPerMWh;
    out.totals.heat_storage_loss_mwh += tank_loss_j / kJPerMWh;
  }
  if (tick.it_w > 0) pue_estimate_ = f.facility_w / tick.it_w;
  tick.facility = f;

  SiteTickRow& row = *tick.row;
  row.dry_bulb_c = static_cast<float>(t_db);
  row.wet_bulb_c = static_cast<float>(t_wb);
  row.it_mw = static_cast<float>(f.it_w / 1e6);
  row.power_chain_loss_mw = static_cast<float>(f.power_chain_loss_w / 1e6);
  row.cooling_mw = static_cast<float>(f.cooling_w / 1e6);
  row.heat_pump_mw = static_cast<float>(f.heat_pump_w / 1e6);
  row.fixed_mw = static_cast<float>(f.fixed_w / 1e6);
  row.facility_mw = static_cast<float>(f.facility_w / 1e6);
  row.pue = static_cast<float>(f.it_w > 0 ? f.facility_w / f.it_w : 0.0);
  row.water_m3 = static_cast<float>(f.water_m3_per_s * dt_s);
  row.wue_l_per_kwh =
      static_cast<float>(f.it_w > 0 ? f.water_m3_per_s * 1e3 / (f.it_w / 3.6e6) : 0.0);
  row.heat_demand_mw = static_cast<float>(f.heat_demand_w / 1e6);
  row.heat_reused_mw = static_cast<float>(f.heat_delivered_w / 1e6);
  row.free_cooling = static_cast<float>(f.free_cooling_fraction);

  const auto tick_index = static_cast<std::size_t>(tick.start.ms() / tick_.ms());
  it_sum_w_[tick_index] += f.it_w;
  facility_sum_w_[tick_index] += f.facility_w;

  Totals& t = out.totals;
  t.it_power_peak_mw = std::max(t.it_power_peak_mw, f.it_w / 1e6);
  t.facility_power_peak_mw = std::max(t.facility_power_peak_mw, f.facility_w / 1e6);
  t.energy_it_mwh += f.it_w * dt_s / kJPerMWh;
  t.energy_facility_mwh += f.facility_w * dt_s / kJPerMWh;
  t.energy_power_chain_loss_mwh += f.power_chain_loss_w * dt_s / kJPerMWh;
  t.energy_cooling_mwh += f.cooling_w * dt_s / kJPerMWh;
  t.energy_heat_pump_mwh += f.heat_pump_w * dt_s / kJPerMWh;
  t.energy_heat_pump_utility_mwh += f.heat_pump_utility_w * dt_s / kJPerMWh;
  t.water_m3 += f.water_m3_per_s * dt_s;
  t.water_scarcity_m3 += f.water_m3_per_s * dt_s * plan_.spec->water_scarcity_factor;
  t.heat_demand_mwh += f.heat_demand_w * dt_s / kJPerMWh;
  t.heat_reused_mwh += f.heat_delivered_w * dt_s / kJPerMWh;
  if (f.over_temperature) t.over_temperature_hours += dt_s / 3600.0;
  if (f.free_cooling_fraction >= 1.0) t.free_cooling_hours += dt_s / 3600.0;
  t.energy_fixed_mwh += f.fixed_w * dt_s / kJPerMWh;
  t.cooling_mode_hours[static_cast<std::size_t>(f.mode)] += dt_s / 3600.0;
}

}  // namespace gigasim::sim
