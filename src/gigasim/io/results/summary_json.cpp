#include <fmt/format.h>

#include <cmath>

#include "gigasim/io/results/output_files.hpp"
#include "gigasim/io/results/writers.hpp"

namespace gigasim::io {
std::vector<Kpi> kpis_of(const sim::Totals& t) {
  return {
      {"accelerators", static_cast<double>(t.accelerators), "count"},
      {"systems", static_cast<double>(t.systems), "count"},
      {"grid_connection_mw", t.grid_connection_mw, "MW"},
      {"it_power_peak_mw", t.it_power_peak_mw, "MW"},
      {"facility_power_peak_mw", t.facility_power_peak_mw, "MW"},
      {"energy_it_mwh", t.energy_it_mwh, "MWh"},
      {"energy_facility_mwh", t.energy_facility_mwh, "MWh"},
      {"energy_power_chain_loss_mwh", t.energy_power_chain_loss_mwh, "MWh"},
      {"energy_cooling_mwh", t.energy_cooling_mwh, "MWh"},
      {"energy_heat_pump_mwh", t.energy_heat_pump_mwh, "MWh"},
      {"pue", t.pue(), "ratio"},
      {"water_m3", t.water_m3, "m3"},
      {"wue_l_per_kwh", t.wue_l_per_kwh(), "L/kWh"},
      {"heat_demand_mwh", t.heat_demand_mwh, "MWh"},
      {"heat_reused_mwh", t.heat_reused_mwh, "MWh"},
      {"ere", t.ere(), "ratio"},
      {"erf", t.erf(), "ratio"},
      {"unserved_energy_mwh", t.unserved_energy_mwh, "MWh"},
      {"carbon_t", t.carbon_t, "t CO2e"},
      {"carbon_intensity_g_per_kwh", t.carbon_intensity_g_per_kwh(), "g CO2e/kWh"},
      {"energy_cost_eur", t.energy_cost_eur, "EUR"},
      {"over_temperature_hours", t.over_temperature_hours, "h"},
      {"free_cooling_hours", t.free_cooling_hours, "h"},
  };
}

namespace {

// JSON has no NaN or infinity: a non-finite value (none is expected) is written as null.
nlohmann::json number(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

nlohmann::json totals_json(const sim::Totals& t) {
  nlohmann::json j;
  for (const Kpi& k : kpis_of(t)) j[k.name] = number(k.value);
  j["accelerators"] = t.accelerators;  // integers stay integers
  j["systems"] = t.systems;
  nlohmann::json sources = nlohmann::json::object();
  for (const auto& [name, mwh] : t.energy_by_source_mwh) sources[name] = number(mwh);
  j["energy_by_source_mwh"] = sources;
  nlohmann::json carbon = nlohmann::json::object(), cost = nlohmann::json::object();
  for (const auto& [name, t_co2] : t.carbon_by_source_t) carbon[name] = number(t_co2);
  for (const auto& [name, eur] : t.cost_by_source_eur) cost[name] = number(eur);
  j["carbon_by_source_t"] = carbon;
  j["cost_by_source_eur"] = cost;
  return j;
}

}  // namespace

nlohmann::json workload_json(const sim::WorkloadTotals& w) {
  nlohmann::json j;
  j["jobs_submitted"] = w.jobs_submitted;
  j["jobs_completed"] = w.jobs_completed;
  j["preemptions"] = w.preemptions;
  j["utilization"] = number(w.utilization);
  j["mean_wait_h"] = number(w.mean_wait_h);
  j["p95_wait_h"] = number(w.p95_wait_h);
  j["mean_bounded_slowdown"] = number(w.mean_bounded_slowdown);
  j["gpu_hours_delivered"] = number(w.gpu_hours_delivered);
  j["tokens_trained"] = number(w.tokens_trained);
  j["tokens_served"] = number(w.tokens_served);
  j["tokens_demanded"] = number(w.tokens_demanded);
  j["model_flops_delivered"] = number(w.model_flops_delivered);
  j["power_capped_hours"] = number(w.power_capped_hours);
  j["gpu_hours_lost_to_power_caps"] = number(w.gpu_hours_lost_to_power_caps);
  nlohmann::json tenants = nlohmann::json::object();
  for (const auto& [name, h] : w.gpu_hours_by_tenant) tenants[name] = number(h);
  j["gpu_hours_by_tenant"] = tenants;
  return j;
}

nlohmann::json reliability_json(const sim::ReliabilityTotals& r) {
  nlohmann::json j;
  j["failures"] = r.failures;
  j["job_interruptions"] = r.job_interruptions;
  j["planned_interruptions"] = r.planned_interruptions;
  nlohmann::json by = nlohmann::json::object();
  for (const auto& [c, n] : r.interruptions_by_component) by[c] = n;
  j["interruptions_by_component"] = by;
  j["ettr"] = number(r.ettr);
  j["lost_gpu_hours"] = number(r.lost_gpu_hours);
  j["restart_gpu_hours"] = number(r.restart_gpu_hours);
  j["checkpoint_overhead_gpu_hours"] = number(r.checkpoint_overhead_gpu_hours);
  nlohmann::json mttf = nlohmann::json::object();
  for (const auto& [size, h] : r.mttf_h_by_job_size) mttf[std::to_string(size)] = number(h);
  j["mttf_h_by_job_size"] = mttf;
  j["largest_power_step_mw"] = number(r.largest_power_step_mw);
  j["largest_ramp_mw_per_min"] = number(r.largest_ramp_mw_per_min);
  return j;
}

nlohmann::json summary_json(const sim::Results& r) {
  nlohmann::json j;
  j["scenario"] = r.scenario;
  j["seed"] = r.seed;
  j["start"] = r.start_date;
  j["hours"] = r.hours;
  j["tick_h"] = r.tick_h;
  j["sites"] = nlohmann::json::array();
  for (const auto& s : r.sites) {
    nlohmann::json site = totals_json(s.totals);
    site["name"] = s.name;
    site["location"] = s.location;
    site["country"] = s.country;
    site["weather"] = s.weather_source;
    site["design_pue"] = number(s.design_pue);
    site["liquid_share"] = number(s.liquid_share);
    site["fleet"] = nlohmann::json::array();
    for (const auto& f : s.fleet) {
      site["fleet"].push_back({{"system", f.system},
                               {"accelerator", f.accelerator},
                               {"systems", f.systems},
                               {"accelerators", f.accelerators},
                               {"sized_automatically", f.sized_automatically}});
    }
    if (s.workload.present) site["workload"] = workload_json(s.workload);
    if (s.reliability.present) site["reliability"] = reliability_json(s.reliability);
    site["economics"] = economics_json(s.economics);
    site["carbon"] = carbon_json(s.carbon);
    j["sites"].push_back(std::move(site));
  }
  j["total"] = totals_json(r.total);
  if (r.workload_total.present) j["workload"] = workload_json(r.workload_total);
  if (r.reliability_total.present) j["reliability"] = reliability_json(r.reliability_total);
  j["economics"] = economics_json(r.economics_total);
  j["carbon"] = carbon_json(r.carbon_total);
  return j;
}

void write_summary_json(const nlohmann::json& summary, const std::filesystem::path& file) {
  const std::string text = summary.dump(2) + "\n";
  write_atomically(file, [&](std::ostream& out) { out << text; });
}

}  // namespace gigasim::io
