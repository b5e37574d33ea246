#include "gigasim/sim/simulation.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "gigasim/energy/dispatch.hpp"

namespace gigasim::sim {
namespace {
constexpr double kJPerMWh = 3.6e9;
}

void Totals::add(const Totals& o) {
  accelerators += o.accelerators;
  systems += o.systems;
  grid_connection_mw += o.grid_connection_mw;
  energy_it_mwh += o.energy_it_mwh;
  energy_facility_mwh += o.energy_facility_mwh;
  energy_power_chain_loss_mwh += o.energy_power_chain_loss_mwh;
  energy_cooling_mwh += o.energy_cooling_mwh;
  energy_heat_pump_mwh += o.energy_heat_pump_mwh;
  water_m3 += o.water_m3;
  heat_demand_mwh += o.heat_demand_mwh;
  heat_reused_mwh += o.heat_reused_mwh;
  for (const auto& [name, mwh] : o.energy_by_source_mwh) energy_by_source_mwh[name] += mwh;
  for (const auto& [name, t] : o.carbon_by_source_t) carbon_by_source_t[name] += t;
  for (const auto& [name, eur] : o.cost_by_source_eur) cost_by_source_eur[name] += eur;
  unserved_energy_mwh += o.unserved_energy_mwh;
  carbon_t += o.carbon_t;
  energy_cost_eur += o.energy_cost_eur;
  over_temperature_hours += o.over_temperature_hours;
  free_cooling_hours += o.free_cooling_hours;
  // Peaks of a sum are not sums of peaks: the caller sets them from the joint series.
}

Simulation::Simulation(const Scenario& scenario, std::uint64_t seed)
    : scenario_(scenario), streams_(seed) {
  hours_ = static_cast<std::size_t>((scenario.horizon.ms() + 3'599'999) / 3'600'000);
  sites_.reserve(scenario.sites.size());
  std::size_t max_sources = 0;
  for (const auto& site : scenario.sites) {
    sites_.push_back(prepare_site(site, scenario, streams_, hours_));
    max_sources = std::max(max_sources, site.supply.size());
  }
  supplied_w_.resize(max_sources);
  order_.resize(max_sources);
  queue_.reserve(scenario.sites.size() + 1);
}

void Simulation::facility_tick(std::size_t site, core::Time now, SiteResult& out) {
  const SiteModel& m = sites_[site];
  const core::Time end = core::Time::start() + scenario_.horizon;
  const core::Duration length = std::min(scenario_.tick, end - now);
  const double dt_s = length.in_seconds();
  const auto hour = static_cast<std::size_t>(now.ms() / 3'600'000);
  const std::size_t wh = m.weather.index(static_cast<std::int64_t>(hour) + m.weather_offset_h);
  const double t_db = m.weather.dry_bulb_c[wh];
  const double t_wb = m.weather.wet_bulb_c[wh];
  const double hour_of_day = std::fmod(now.in_hours(), 24.0);

  // IT power is constant over the tick (utilization profile at the tick's start), so its
  // integral is exact: E = P · Δt.
  const double u = m.spec->utilization.at(hour_of_day);
  const double it_w = m.it_power_w(u);
  const double demand = facility::heat_demand_w(m.facility.heat_reuse, t_db, hour);
  const facility::FacilityLoad f =
      facility::evaluate_facility(m.facility, it_w, m.rated_it_w, t_db, t_wb, demand);

  const std::size_t n = m.profiles.size();
  const auto supplied = std::span<double>(supplied_w_).first(n);
  const energy::DispatchResult d =
      energy::dispatch(f.facility_w, m.spec->grid_connection.value(), hour, m.profiles, supplied,
                       std::span(order_).first(n));

  SiteTickRow row;
  row.time_h = now.in_hours();
  row.dry_bulb_c = static_cast<float>(t_db);
  row.wet_bulb_c = static_cast<float>(t_wb);
  row.utilization = static_cast<float>(u);
  row.it_mw = static_cast<float>(f.it_w / 1e6);
  row.power_chain_loss_mw = static_cast<float>(f.power_chain_loss_w / 1e6);
  row.cooling_mw = static_cast<float>(f.cooling_w / 1e6);
  row.heat_pump_mw = static_cast<float>(f.heat_pump_w / 1e6);
  row.facility_mw = static_cast<float>(f.facility_w / 1e6);
  row.pue = static_cast<float>(f.it_w > 0 ? f.facility_w / f.it_w : 0.0);
  row.water_m3 = static_cast<float>(f.water_m3_per_s * dt_s);
  row.wue_l_per_kwh = static_cast<float>(f.it_w > 0 ? f.water_m3_per_s * 1e3 / (f.it_w / 3.6e6) : 0.0);
  row.heat_demand_mw = static_cast<float>(f.heat_demand_w / 1e6);
  row.heat_reused_mw = static_cast<float>(f.heat_delivered_w / 1e6);
  row.free_cooling = static_cast<float>(f.free_cooling_fraction);
  row.unserved_mw = static_cast<float>(d.unserved_w / 1e6);

  Totals& t = out.totals;
  double carbon_kg = 0.0, cost = 0.0;
  float* by_kind[] = {&row.nuclear_mw, &row.hydro_mw, &row.wind_mw, &row.solar_mw, &row.grid_mw};
  for (std::size_t i = 0; i < n; ++i) {
    const double e = supplied[i] * dt_s;
    SourceSums& sums = source_sums_[site][i];
    const double source_carbon = e * m.profiles[i].carbon_at(hour);
    const double source_cost = e * m.profiles[i].price_at(hour);
    sums.energy_j += e;
    sums.carbon_kg += source_carbon;
    sums.cost_eur += source_cost;
    carbon_kg += source_carbon;
    cost += source_cost;
    *by_kind[static_cast<std::size_t>(m.source_kinds[i])] += static_cast<float>(supplied[i] / 1e6);
  }
  row.carbon_t = static_cast<float>(carbon_kg / 1e3);
  row.energy_cost_eur = static_cast<float>(cost);
  const double served_j = (f.facility_w - d.unserved_w) * dt_s;
  row.carbon_intensity_g_per_kwh =
      static_cast<float>(served_j > 0 ? carbon_kg * 1e3 / (served_j / 3.6e6) : 0.0);
  out.rows.push_back(row);
  const auto tick_index = static_cast<std::size_t>(now.ms() / scenario_.tick.ms());
  it_sum_w_[tick_index] += f.it_w;
  facility_sum_w_[tick_index] += f.facility_w;

  t.it_power_peak_mw = std::max(t.it_power_peak_mw, f.it_w / 1e6);
  t.facility_power_peak_mw = std::max(t.facility_power_peak_mw, f.facility_w / 1e6);
  t.energy_it_mwh += f.it_w * dt_s / kJPerMWh;
  t.energy_facility_mwh += f.facility_w * dt_s / kJPerMWh;
  t.energy_power_chain_loss_mwh += f.power_chain_loss_w * dt_s / kJPerMWh;
  t.energy_cooling_mwh += f.cooling_w * dt_s / kJPerMWh;
  t.energy_heat_pump_mwh += f.heat_pump_w * dt_s / kJPerMWh;
  t.water_m3 += f.water_m3_per_s * dt_s;
  t.heat_demand_mwh += f.heat_demand_w * dt_s / kJPerMWh;
  t.heat_reused_mwh += f.heat_delivered_w * dt_s / kJPerMWh;
  t.unserved_energy_mwh += d.unserved_w * dt_s / kJPerMWh;
  t.carbon_t += carbon_kg / 1e3;
  t.energy_cost_eur += cost;
  if (f.over_temperature) t.over_temperature_hours += dt_s / 3600.0;
  if (f.free_cooling_fraction >= 1.0) t.free_cooling_hours += dt_s / 3600.0;
}

Results Simulation::run(const Progress& progress) {
  Results r;
  r.scenario = scenario_.name;
  r.seed = streams_.seed();
  r.hours = scenario_.horizon.in_hours();
  r.tick_h = scenario_.tick.in_hours();
  r.start_date = fmt::format("{:%Y-%m-%d}", scenario_.start);

  const auto ticks = static_cast<std::size_t>((scenario_.horizon.ms() + scenario_.tick.ms() - 1) /
                                              scenario_.tick.ms());
  r.sites.resize(sites_.size());
  it_sum_w_.assign(ticks, 0.0);
  facility_sum_w_.assign(ticks, 0.0);
  for (std::size_t i = 0; i < sites_.size(); ++i) {
    const SiteModel& m = sites_[i];
    SiteResult& s = r.sites[i];
    s.name = m.spec->name;
    s.location = m.spec->location.id;
    s.country = m.spec->location.country;
    s.weather_source = m.weather.source;
    s.fleet = m.fleet;
    s.design_pue = m.design_pue;
    s.liquid_share = m.facility.liquid_share;
    s.rows.reserve(ticks);
    for (const auto& f : m.fleet) {
      s.totals.systems += f.systems;
      s.totals.accelerators += f.accelerators;
    }
    s.totals.grid_connection_mw = m.spec->grid_connection.value() / 1e6;
    source_sums_.emplace_back(m.profiles.size());
    queue_.schedule(core::Time::start(),
                    Event{EventKind::facility_tick, static_cast<std::uint32_t>(i)});
  }

  const core::Time end = core::Time::start() + scenario_.horizon;
  const std::size_t total_events = ticks * sites_.size();
  const std::size_t report_every = std::max<std::size_t>(1, total_events / 200);
  std::size_t done = 0;
  while (!queue_.empty()) {
    const auto e = queue_.pop();
    switch (e.payload.kind) {
      case EventKind::facility_tick: {
        facility_tick(e.payload.site, e.time, r.sites[e.payload.site]);
        const core::Time next = e.time + scenario_.tick;
        if (next < end) queue_.schedule(next, e.payload);
        break;
      }
    }
    if (progress && ++done % report_every == 0) {
      progress(static_cast<double>(done) / static_cast<double>(total_events));
    }
  }

  for (std::size_t i = 0; i < sites_.size(); ++i) {
    for (std::size_t k = 0; k < sites_[i].source_names.size(); ++k) {
      const std::string& name = sites_[i].source_names[k];
      const SourceSums& sums = source_sums_[i][k];
      Totals& t = r.sites[i].totals;
      t.energy_by_source_mwh[name] += sums.energy_j / kJPerMWh;
      t.carbon_by_source_t[name] += sums.carbon_kg / 1e3;
      t.cost_by_source_eur[name] += sums.cost_eur;
    }
  }
  // Totals over sites; the joint peaks come from the per-tick sums (ticks are aligned).
  for (const auto& s : r.sites) r.total.add(s.totals);
  for (std::size_t k = 0; k < ticks; ++k) {
    r.total.it_power_peak_mw = std::max(r.total.it_power_peak_mw, it_sum_w_[k] / 1e6);
    r.total.facility_power_peak_mw =
        std::max(r.total.facility_power_peak_mw, facility_sum_w_[k] / 1e6);
  }
  if (progress) progress(1.0);
  return r;
}

}  // namespace gigasim::sim
