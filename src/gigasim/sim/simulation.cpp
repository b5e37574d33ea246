#include "gigasim/sim/simulation.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "gigasim/energy/dispatch.hpp"

namespace gigasim::sim {
namespace {
constexpr double kJPerMWh = 3.6e9;
constexpr std::int64_t kHourMs = 3'600'000;

// The 95th percentile by the nearest lower rank; reorders `values`, which must not be empty.
double percentile_95(std::vector<double>& values) {
  const auto k = static_cast<std::size_t>(0.95 * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

}  // namespace

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

Simulation::Simulation(const plan::Plan& plan)
    : scenario_(*plan.scenario), streams_(plan.seed), hours_(plan.hours) {
  sites_.reserve(plan.sites.size());
  std::size_t max_sources = 0;
  for (const plan::SitePlan& site : plan.sites) {
    SiteModel& m = sites_.emplace_back();
    m.plan = &site;
    m.spec = site.spec;
    if (site.workload) m.scheduler = make_scheduler(*site.workload);
    max_sources = std::max(max_sources, site.spec->supply.size());
  }
  supplied_w_.resize(max_sources);
  order_.resize(max_sources);
  queue_.reserve(3 * plan.sites.size() + 64);
}

std::unique_ptr<sched::SiteScheduler> make_scheduler(const plan::WorkloadPlan& w) {
  auto s = std::make_unique<sched::SiteScheduler>(w.partitions, w.tenants, w.scheduler, w.jobs);
  for (const auto& pool : w.inference) {
    const bool placed = s->reserve(
        pool.service.partition, pool.service.accelerators_per_replica * pool.service.max_replicas);
    core::ensure(placed, "an inference pool prepared to fit does not fit");
  }
  for (std::size_t p = 0; p < w.spares.size(); ++p) {
    if (w.spares[p] > 0) s->reserve_spares(p, w.spares[p]);
  }
  return s;
}

void Simulation::integrate(std::size_t site, core::Time now) {
  SiteRun& r = runs_[site];
  const double dt = (now - r.last_change).in_seconds();
  if (dt <= 0) return;
  r.it_energy_j += r.it_power_w * dt;
  const SiteModel& m = sites_[site];
  if (m.scheduler) {
    const double busy = static_cast<double>(m.scheduler->busy_accelerators());
    r.busy_acc_s += busy * dt;
    if (m.scheduler->cap() < 1.0) {
      r.capped_s += dt;
      r.lost_acc_s +=
          static_cast<double>(m.scheduler->busy_accelerators()) * (1.0 - m.scheduler->speed()) * dt;
    }
  }
  r.last_change = now;
}

void Simulation::update_power(std::size_t site, core::Time now) {
  const SiteModel& m = sites_[site];
  SiteRun& r = runs_[site];
  const double before = r.it_power_w;
  if (m.scheduler) {
    const auto& s = *m.scheduler;
    r.it_power_w = s.idle_w() + s.cap() * (s.dynamic_w() + r.inference_dynamic_w);
  } else {
    r.it_power_w = m.plan->sizing.idle_it_w + r.utilization * m.plan->sizing.dynamic_it_w;
  }
  if (r.it_power_w != before) record_power_change(site, now, before, r.it_power_w);
}

void Simulation::push_ends(std::size_t site) {
  for (const auto& e : ends_) {
    const EventKind kind = e.resume ? EventKind::job_resume : EventKind::job_end;
    queue_.schedule(e.end, Event{kind, static_cast<std::uint32_t>(site), e.job, e.version});
  }
  ends_.clear();
}

void Simulation::schedule_jobs(std::size_t site, core::Time now) {
  sites_[site].scheduler->schedule(now, ends_);
  push_ends(site);
  update_power(site, now);
}

void Simulation::on_arrival(std::size_t site, core::Time now) {
  SiteModel& m = sites_[site];
  SiteRun& r = runs_[site];
  integrate(site, now);
  const auto& jobs = m.scheduler->jobs();
  // Every job submitted at this instant joins the queue before one scheduling pass.
  while (r.next_job < jobs.size() && jobs[r.next_job].submit <= now) {
    m.scheduler->submit(static_cast<std::uint32_t>(r.next_job), now);
    ++r.next_job;
  }
  schedule_jobs(site, now);
  const core::Time end = core::Time::start() + scenario_.horizon;
  if (r.next_job < jobs.size() && jobs[r.next_job].submit < end) {
    queue_.schedule(jobs[r.next_job].submit,
                    Event{EventKind::job_arrival, static_cast<std::uint32_t>(site), 0, 0});
  }
}

void Simulation::on_end(std::size_t site, std::uint32_t job, std::uint32_t version,
                        core::Time now) {
  integrate(site, now);
  if (!sites_[site].scheduler->complete(job, version, now)) return;  // stale: preempted or slowed
  schedule_jobs(site, now);
}

void Simulation::open_interval(std::size_t site, core::Time now) {
  SiteModel& m = sites_[site];
  SiteRun& r = runs_[site];
  r.interval_start = now;
  const auto hour = static_cast<std::size_t>(now.ms() / kHourMs);
  const double hour_of_day = std::fmod(now.in_hours(), 24.0);
  if (!m.scheduler) {
    r.utilization = m.spec->utilization.at(hour_of_day);
    update_power(site, now);
    return;
  }
  // Inference: replicas for this hour's demand.
  r.inference_dynamic_w = r.served_tokens_per_s = r.demanded_tokens_per_s = 0;
  for (std::size_t i = 0; i < m.plan->workload->inference.size(); ++i) {
    const auto h = m.plan->workload->inference[i].service.at(static_cast<int>(hour_of_day));
    r.inference_dynamic_w +=
        h.active_replicas * m.plan->workload->inference[i].dynamic_w_per_replica;
    r.served_tokens_per_s += h.served_tokens_per_s;
    r.demanded_tokens_per_s += h.demand_tokens_per_s;
  }
  // Power cap for the interval from the supply this hour can deliver (profiles are known
  // ahead) and the facility overhead of the last interval.
  const scenario::SiteSpec& spec = *m.spec;
  double on_site = 0, off_site = 0;
  for (const auto& p : m.plan->profiles) (p.on_site ? on_site : off_site) += p.available_w[hour];
  const double available = on_site + std::min(off_site, spec.grid_connection.value());
  auto& s = *m.scheduler;
  const double dynamic = s.dynamic_w() + r.inference_dynamic_w;
  const double it_budget = available / r.pue_estimate;
  const scenario::PowerCapMode mode = spec.workload->power_cap;
  double cap = 1.0;
  if (it_budget < s.idle_w() + dynamic && dynamic > 0)
    cap = std::max(0.05, (it_budget - s.idle_w()) / dynamic);
  if (mode == scenario::PowerCapMode::dvfs) {
    s.set_cap(cap, now, ends_);
    push_ends(site);
  } else if (mode == scenario::PowerCapMode::preempt) {
    s.limit_power(std::max(0.0, it_budget - s.idle_w() - r.inference_dynamic_w), now);
    schedule_jobs(site, now);
  }
  update_power(site, now);
}

void Simulation::close_interval(std::size_t site, core::Time now, SiteResult& out) {
  SiteModel& m = sites_[site];
  SiteRun& r = runs_[site];
  const core::Time start = r.interval_start;
  const double dt_s = (now - start).in_seconds();
  if (dt_s <= 0) return;
  const auto hour = static_cast<std::size_t>(start.ms() / kHourMs);
  const std::size_t wh = m.plan->sizing.weather.index(static_cast<std::int64_t>(hour) +
                                                      m.plan->sizing.weather_offset_h);
  const double t_db = m.plan->sizing.weather.dry_bulb_c[wh];
  const double t_wb = m.plan->sizing.weather.wet_bulb_c[wh];
  // IT power integrated exactly over the piecewise-constant intervals between events.
  const double it_w = r.it_energy_j / dt_s;
  const double demand = facility::heat_demand_w(m.spec->facility.heat_reuse, t_db, hour);
  const facility::FacilityLoad f =
      facility::evaluate_facility(m.spec->facility, m.plan->sizing.liquid_share, it_w,
                                  m.plan->sizing.rated_it_w, t_db, t_wb, demand);
  if (it_w > 0) r.pue_estimate = f.facility_w / it_w;

  const std::size_t n = m.plan->profiles.size();
  const auto supplied = std::span<double>(supplied_w_).first(n);
  const energy::DispatchResult d =
      energy::dispatch(f.facility_w, m.spec->grid_connection.value(), hour, m.plan->profiles,
                       supplied, std::span(order_).first(n));
  SiteTickRow row;
  row.time_h = start.in_hours();
  row.dry_bulb_c = static_cast<float>(t_db);
  row.wet_bulb_c = static_cast<float>(t_wb);
  row.utilization = static_cast<float>(
      m.scheduler ? r.busy_acc_s / (static_cast<double>(m.scheduler->total_accelerators()) * dt_s)
                  : r.utilization);
  row.it_mw = static_cast<float>(f.it_w / 1e6);
  row.power_chain_loss_mw = static_cast<float>(f.power_chain_loss_w / 1e6);
  row.cooling_mw = static_cast<float>(f.cooling_w / 1e6);
  row.heat_pump_mw = static_cast<float>(f.heat_pump_w / 1e6);
  row.facility_mw = static_cast<float>(f.facility_w / 1e6);
  row.pue = static_cast<float>(f.it_w > 0 ? f.facility_w / f.it_w : 0.0);
  row.water_m3 = static_cast<float>(f.water_m3_per_s * dt_s);
  row.wue_l_per_kwh =
      static_cast<float>(f.it_w > 0 ? f.water_m3_per_s * 1e3 / (f.it_w / 3.6e6) : 0.0);
  row.heat_demand_mw = static_cast<float>(f.heat_demand_w / 1e6);
  row.heat_reused_mw = static_cast<float>(f.heat_delivered_w / 1e6);
  row.free_cooling = static_cast<float>(f.free_cooling_fraction);
  row.unserved_mw = static_cast<float>(d.unserved_w / 1e6);
  if (m.scheduler) {
    row.queue_length = static_cast<float>(m.scheduler->queue_length());
    row.power_cap = static_cast<float>(m.scheduler->cap());
    row.tokens_served_per_s = static_cast<float>(r.served_tokens_per_s);
    r.tokens_served += r.served_tokens_per_s * dt_s;
    r.tokens_demanded += r.demanded_tokens_per_s * dt_s;
    r.busy_total_s += r.busy_acc_s;
  }

  Totals& t = out.totals;
  double carbon_kg = 0.0, cost = 0.0;
  float* by_kind[] = {&row.nuclear_mw, &row.hydro_mw, &row.wind_mw, &row.solar_mw, &row.grid_mw};
  for (std::size_t i = 0; i < n; ++i) {
    const double e = supplied[i] * dt_s;
    SourceSums& sums = r.sources[i];
    const double source_carbon = e * m.plan->profiles[i].carbon_at(hour);
    const double source_cost = e * m.plan->profiles[i].price_at(hour);
    sums.energy_j += e;
    sums.carbon_kg += source_carbon;
    sums.cost_eur += source_cost;
    carbon_kg += source_carbon;
    cost += source_cost;
    *by_kind[static_cast<std::size_t>(m.spec->supply[i].kind)] +=
        static_cast<float>(supplied[i] / 1e6);
  }
  row.carbon_t = static_cast<float>(carbon_kg / 1e3);
  row.energy_cost_eur = static_cast<float>(cost);
  const double served_j = (f.facility_w - d.unserved_w) * dt_s;
  row.carbon_intensity_g_per_kwh =
      static_cast<float>(served_j > 0 ? carbon_kg * 1e3 / (served_j / 3.6e6) : 0.0);
  out.rows.push_back(row);
  const auto tick_index = static_cast<std::size_t>(start.ms() / scenario_.tick.ms());
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
  r.it_energy_j = 0;
  r.busy_acc_s = 0;
}

void Simulation::finish_workload(std::size_t site, core::Time end, SiteResult& out) {
  SiteModel& m = sites_[site];
  const SiteRun& r = runs_[site];
  auto& s = *m.scheduler;
  s.finish(end);  // progress and energy of the jobs still running
  WorkloadTotals& w = out.workload;
  w.present = true;
  w.preemptions = s.preemptions();
  w.utilization = r.busy_total_s /
                  (static_cast<double>(s.total_accelerators()) * scenario_.horizon.in_seconds());
  w.tokens_served = r.tokens_served;
  w.gpu_hours_busy = r.busy_total_s / 3600.0;
  for (const auto& pool : m.plan->workload->inference) {
    const auto& service = pool.service;
    w.gpu_hours_inference_pools += static_cast<double>(service.max_replicas) *
                                   static_cast<double>(service.accelerators_per_replica) *
                                   scenario_.horizon.in_seconds() / 3600.0;
  }
  w.tokens_demanded = r.tokens_demanded;
  w.power_capped_hours = r.capped_s / 3600.0;
  w.gpu_hours_lost_to_power_caps = r.lost_acc_s / 3600.0;
  std::vector<double> waits;
  double wait_sum = 0, slowdown_sum = 0;
  std::int64_t started = 0;
  for (std::size_t j = 0; j < s.jobs().size(); ++j) {
    const auto& spec = s.jobs()[j];
    const auto& st = s.states()[j];
    if (st.status == sched::JobStatus::pending) continue;
    ++w.jobs_submitted;
    const double useful =
        spec.work_s - (st.remaining_s - st.overhead_s);  // lost work was added back
    const double done = spec.work_s > 0 ? useful / spec.work_s : 0.0;
    const double acc_h = static_cast<double>(spec.accelerators) * useful / 3600.0;
    w.gpu_hours_delivered += acc_h;
    w.gpu_hours_by_tenant[s.tenants()[spec.tenant].name] += acc_h;
    if (spec.model_flops > 0) {
      // Held while it ran: useful work, work lost to interruptions and restarts.
      w.gpu_hours_model_jobs +=
          static_cast<double>(spec.accelerators) * (useful + st.lost_s + st.restart_s) / 3600.0;
    }
    w.tokens_trained += spec.tokens * done;
    w.model_flops_delivered += spec.model_flops * done;
    if (st.first_start.ms() >= 0) {
      const double wait = (st.first_start - spec.submit).in_seconds();
      waits.push_back(wait / 3600.0);
      wait_sum += wait;
      ++started;
    }
    if (st.status == sched::JobStatus::done) {
      ++w.jobs_completed;
      // Bounded slowdown with a 10 s threshold (Feitelson, Rudolph & Schwiegelshohn 2005).
      const double response = (st.end - spec.submit).in_seconds();
      const double run = (st.end - st.first_start).in_seconds();
      slowdown_sum += std::max(1.0, response / std::max(run, 10.0));
    }
  }
  w.mean_wait_h = started > 0 ? wait_sum / static_cast<double>(started) / 3600.0 : 0.0;
  if (!waits.empty()) {
    w.p95_wait_h = percentile_95(waits);
  }
  w.mean_bounded_slowdown =
      w.jobs_completed > 0 ? slowdown_sum / static_cast<double>(w.jobs_completed) : 0.0;
  out.jobs = s.jobs();
  out.job_states = s.states();
  out.job_names = m.plan->workload->job_names;
  for (const auto& t : s.tenants()) out.tenant_names.push_back(t.name);
}

Results Simulation::run(Observer* observer) {
  Results r;
  r.scenario = scenario_.name;
  r.seed = streams_.seed();
  r.hours = scenario_.horizon.in_hours();
  r.tick_h = scenario_.tick.in_hours();
  r.start_date = fmt::format("{:%Y-%m-%d}", scenario_.start);
  events_ = 0;

  const core::Time end = core::Time::start() + scenario_.horizon;
  const auto ticks = static_cast<std::size_t>((scenario_.horizon.ms() + scenario_.tick.ms() - 1) /
                                              scenario_.tick.ms());
  it_sum_w_.assign(ticks, 0.0);
  facility_sum_w_.assign(ticks, 0.0);
  runs_.assign(sites_.size(), SiteRun{});
  failure_records_.assign(sites_.size(), {});
  power_steps_.assign(sites_.size(), {});
  r.sites.resize(sites_.size());
  for (std::size_t i = 0; i < sites_.size(); ++i) {
    const SiteModel& m = sites_[i];
    SiteResult& s = r.sites[i];
    s.name = m.spec->name;
    s.location = m.spec->location.id;
    s.country = m.spec->location.country;
    s.weather_source = m.plan->sizing.weather.source;
    s.fleet = m.plan->sizing.fleet;
    s.design_pue = m.plan->sizing.design_pue;
    s.liquid_share = m.plan->sizing.liquid_share;
    s.rows.reserve(ticks);
    for (const auto& f : m.plan->sizing.fleet) {
      s.totals.systems += f.systems;
      s.totals.accelerators += f.accelerators;
    }
    s.totals.grid_connection_mw = m.spec->grid_connection.value() / 1e6;
    runs_[i].sources.assign(m.plan->profiles.size(), SourceSums{});
    runs_[i].ramp_window.emplace_back(core::Time::start(), 0.0);
    // design_pue is 0 only for a site without IT, which has no scheduler to cap.
    if (m.plan->sizing.design_pue > 0) runs_[i].pue_estimate = m.plan->sizing.design_pue;
    const auto site = static_cast<std::uint32_t>(i);
    queue_.schedule(core::Time::start(), Event{EventKind::facility_tick, site, 0, 0});
    if (m.scheduler && m.spec->reliability) start_reliability(i, end);
    if (m.scheduler && !m.scheduler->jobs().empty() && m.scheduler->jobs().front().submit < end) {
      queue_.schedule(m.scheduler->jobs().front().submit,
                      Event{EventKind::job_arrival, site, 0, 0});
    }
  }

  const std::size_t report_every = std::max<std::size_t>(1, ticks * sites_.size() / 200);
  std::size_t ticks_done = 0;
  while (!queue_.empty()) {
    const auto e = queue_.pop();
    ++events_;
    const std::size_t site = e.payload.site;
    switch (e.payload.kind) {
      case EventKind::job_arrival:
        on_arrival(site, e.time);
        break;
      case EventKind::job_end:
        if (e.time < end) on_end(site, e.payload.job, e.payload.version, e.time);
        break;
      case EventKind::job_resume:
        if (e.time < end) {
          integrate(site, e.time);
          if (sites_[site].scheduler->resume(e.payload.job, e.payload.version))
            update_power(site, e.time);
        }
        break;
      case EventKind::failure:
        if (e.time < end) on_failure(site, e.time);
        break;
      case EventKind::maintenance:
        if (e.time < end) on_maintenance(site, e.time);
        break;
      case EventKind::repair:
        if (e.time < end) on_repair(site, e.payload.version, e.payload.job, e.time);
        break;
      case EventKind::facility_tick: {
        integrate(site, e.time);
        if (e.time > core::Time::start()) close_interval(site, e.time, r.sites[site]);
        if (e.time < end) {
          open_interval(site, e.time);
          queue_.schedule(std::min(e.time + scenario_.tick, end), e.payload);
        }
        if (observer != nullptr && ++ticks_done % report_every == 0) {
          observer->on_progress(std::min(
              1.0, static_cast<double>(ticks_done) / static_cast<double>(ticks * sites_.size())));
        }
        break;
      }
    }
  }

  for (std::size_t i = 0; i < sites_.size(); ++i) {
    Totals& t = r.sites[i].totals;
    for (std::size_t k = 0; k < sites_[i].spec->supply.size(); ++k) {
      const std::string& name = sites_[i].spec->supply[k].name;
      const SourceSums& sums = runs_[i].sources[k];
      t.energy_by_source_mwh[name] += sums.energy_j / kJPerMWh;
      t.carbon_by_source_t[name] += sums.carbon_kg / 1e3;
      t.cost_by_source_eur[name] += sums.cost_eur;
    }
    if (sites_[i].scheduler) finish_workload(i, end, r.sites[i]);
    finish_reliability(i, end, r.sites[i]);
    account(i, r.sites[i]);
  }
  for (const auto& s : r.sites) {
    r.economics_total.add(s.economics);
    r.carbon_total.add(s.carbon);
  }
  // Totals over sites; the joint peaks come from the per-tick sums (ticks are aligned).
  for (const auto& s : r.sites) r.total.add(s.totals);
  for (std::size_t k = 0; k < ticks; ++k) {
    r.total.it_power_peak_mw = std::max(r.total.it_power_peak_mw, it_sum_w_[k] / 1e6);
    r.total.facility_power_peak_mw =
        std::max(r.total.facility_power_peak_mw, facility_sum_w_[k] / 1e6);
  }
  summarise_workloads(r);
  summarise_reliability(r);
  if (observer != nullptr) observer->on_progress(1.0);
  return r;
}

void summarise_workloads(Results& r) {
  WorkloadTotals& w = r.workload_total;
  double busy = 0, capacity = 0, wait_weighted = 0, slowdown_weighted = 0;
  std::int64_t started = 0;
  std::vector<double> waits;
  for (const auto& s : r.sites) {
    if (!s.workload.present) continue;
    const WorkloadTotals& x = s.workload;
    w.present = true;
    w.jobs_submitted += x.jobs_submitted;
    w.jobs_completed += x.jobs_completed;
    w.preemptions += x.preemptions;
    w.gpu_hours_delivered += x.gpu_hours_delivered;
    w.gpu_hours_busy += x.gpu_hours_busy;
    w.gpu_hours_inference_pools += x.gpu_hours_inference_pools;
    w.gpu_hours_model_jobs += x.gpu_hours_model_jobs;
    w.tokens_trained += x.tokens_trained;
    w.tokens_served += x.tokens_served;
    w.tokens_demanded += x.tokens_demanded;
    w.model_flops_delivered += x.model_flops_delivered;
    w.power_capped_hours = std::max(w.power_capped_hours, x.power_capped_hours);
    w.gpu_hours_lost_to_power_caps += x.gpu_hours_lost_to_power_caps;
    for (const auto& [tenant, h] : x.gpu_hours_by_tenant) w.gpu_hours_by_tenant[tenant] += h;
    const double acc = static_cast<double>(s.totals.accelerators);
    busy += x.utilization * acc;
    capacity += acc;
    slowdown_weighted += x.mean_bounded_slowdown * static_cast<double>(x.jobs_completed);
    for (std::size_t j = 0; j < s.jobs.size(); ++j) {
      const auto& st = s.job_states[j];
      if (st.first_start.ms() < 0) continue;
      const double wait = (st.first_start - s.jobs[j].submit).in_hours();
      waits.push_back(wait);
      wait_weighted += wait;
      ++started;
    }
  }
  if (!w.present) return;
  w.utilization = capacity > 0 ? busy / capacity : 0.0;
  w.mean_wait_h = started > 0 ? wait_weighted / static_cast<double>(started) : 0.0;
  if (!waits.empty()) {
    w.p95_wait_h = percentile_95(waits);
  }
  w.mean_bounded_slowdown =
      w.jobs_completed > 0 ? slowdown_weighted / static_cast<double>(w.jobs_completed) : 0.0;
}

}  // namespace gigasim::sim
