#include "gigasim/sim/results.hpp"

#include <algorithm>
#include <limits>

#include "gigasim/core/statistics.hpp"

namespace gigasim::sim {

void Totals::add(const Totals& o) {
  accelerators += o.accelerators;
  systems += o.systems;
  grid_connection_mw += o.grid_connection_mw;
  energy_it_mwh += o.energy_it_mwh;
  energy_facility_mwh += o.energy_facility_mwh;
  energy_power_chain_loss_mwh += o.energy_power_chain_loss_mwh;
  energy_cooling_mwh += o.energy_cooling_mwh;
  energy_heat_pump_mwh += o.energy_heat_pump_mwh;
  energy_heat_pump_utility_mwh += o.energy_heat_pump_utility_mwh;
  water_m3 += o.water_m3;
  water_scarcity_m3 += o.water_scarcity_m3;
  heat_demand_mwh += o.heat_demand_mwh;
  heat_reused_mwh += o.heat_reused_mwh;
  heat_storage_delivered_mwh += o.heat_storage_delivered_mwh;
  heat_storage_loss_mwh += o.heat_storage_loss_mwh;
  for (const auto& [name, mwh] : o.energy_by_source_mwh) energy_by_source_mwh[name] += mwh;
  for (const auto& [name, t] : o.carbon_by_source_t) carbon_by_source_t[name] += t;
  for (const auto& [name, eur] : o.cost_by_source_eur) cost_by_source_eur[name] += eur;
  unserved_energy_mwh += o.unserved_energy_mwh;
  energy_sold_mwh += o.energy_sold_mwh;
  energy_curtailed_mwh += o.energy_curtailed_mwh;
  energy_sales_eur += o.energy_sales_eur;
  battery_charged_mwh += o.battery_charged_mwh;
  battery_discharged_mwh += o.battery_discharged_mwh;
  battery_backup_mwh += o.battery_backup_mwh;
  battery_cap_avoided_gpu_hours += o.battery_cap_avoided_gpu_hours;
  battery_cycles += o.battery_cycles;
  battery_value_eur += o.battery_value_eur;
  demand_response.add(o.demand_response);
  power_swings.add(o.power_swings);
  carbon_t += o.carbon_t;
  energy_cost_eur += o.energy_cost_eur;
  over_temperature_hours += o.over_temperature_hours;
  free_cooling_hours += o.free_cooling_hours;
  energy_fixed_mwh += o.energy_fixed_mwh;
  for (std::size_t m = 0; m < cooling_mode_hours.size(); ++m)
    cooling_mode_hours[m] += o.cooling_mode_hours[m];
  // Peaks of a sum are not sums of peaks: the caller sets them from the joint series.
}

void set_delays(WorkloadTotals& w, const DelayAccumulator& delays) {
  const JobDelays all = delays.overall();
  w.mean_wait_h = all.mean_wait_h;
  w.p95_wait_h = all.p95_wait_h;
  w.max_wait_h = all.max_wait_h;
  w.mean_bounded_slowdown = all.mean_bounded_slowdown;
  w.jobs_unfinished = all.unfinished;
  w.unfinished_accelerator_h = all.unfinished_accelerator_h;
  w.delays_by_class = delays.by_class();
}

void summarise_workloads(Results& r) {
  WorkloadTotals& w = r.workload_total;
  double busy = 0, capacity = 0;
  DelayAccumulator delays;
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
    w.gpu_hours_other_jobs += x.gpu_hours_other_jobs;
    w.jobs_with_deadline += x.jobs_with_deadline;
    w.deadlines_missed += x.deadlines_missed;
    w.gpu_hours_useful += x.gpu_hours_useful;
    w.energy_model_jobs_mwh += x.energy_model_jobs_mwh;
    w.energy_other_jobs_mwh += x.energy_other_jobs_mwh;
    w.energy_inference_pools_mwh += x.energy_inference_pools_mwh;
    for (const auto& [name, job] : x.named_jobs) {
      const bool clash = w.named_jobs.contains(name);
      w.named_jobs.emplace(clash ? s.name + "/" + name : name, job);
    }
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
    for (std::size_t j = 0; j < s.jobs.size(); ++j) {
      const auto& st = s.job_states[j];
      if (st.status == sched::JobStatus::pending) continue;
      delays.add(s.jobs[j], st, sched::account_of(s.jobs[j], st));
    }
  }
  if (!w.present) return;
  w.utilization = capacity > 0 ? busy / capacity : 0.0;
  set_delays(w, delays);
}

void summarise_reliability(Results& r) {
  ReliabilityTotals& t = r.reliability_total;
  for (const auto& s : r.sites) {
    const ReliabilityTotals& x = s.reliability;
    t.largest_power_step_mw = std::max(t.largest_power_step_mw, x.largest_power_step_mw);
    t.largest_ramp_mw_per_min = std::max(t.largest_ramp_mw_per_min, x.largest_ramp_mw_per_min);
    if (!x.present) continue;
    t.present = true;
    t.failures += x.failures;
    t.job_interruptions += x.job_interruptions;
    t.planned_interruptions += x.planned_interruptions;
    for (const auto& [c, n] : x.interruptions_by_component) t.interruptions_by_component[c] += n;
    t.lost_gpu_hours += x.lost_gpu_hours;
    t.restart_gpu_hours += x.restart_gpu_hours;
    t.checkpoint_overhead_gpu_hours += x.checkpoint_overhead_gpu_hours;
    t.ettr_useful += x.ettr_useful;
    t.ettr_elapsed += x.ettr_elapsed;
    for (const auto& [size, hc] : x.job_hours_and_interruptions_by_size) {
      auto& [hours, count] = t.job_hours_and_interruptions_by_size[size];
      hours += hc.first;
      count += hc.second;
    }
  }
  t.ettr = t.ettr_elapsed > 0 ? t.ettr_useful / t.ettr_elapsed : 0.0;
  for (const auto& [size, hc] : t.job_hours_and_interruptions_by_size) {
    t.mttf_h_by_job_size[size] = hc.second > 0 ? hc.first / static_cast<double>(hc.second)
                                               : std::numeric_limits<double>::infinity();
  }
}

}  // namespace gigasim::sim
