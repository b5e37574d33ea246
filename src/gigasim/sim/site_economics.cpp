#include "gigasim/sim/site_economics.hpp"

namespace gigasim::sim {

void account(const plan::SitePlan& plan, const std::vector<SourceSums>& sources,
             const scenario::Scenario& scenario, SiteResult& out) {
  const scenario::SiteSpec& spec = *plan.spec;
  const Totals& t = out.totals;
  econ::SiteLedger l;
  l.hours = scenario.horizon.in_seconds() / 3600.0;
  l.accelerators = static_cast<double>(t.accelerators);
  for (std::size_t i = 0; i < plan.sizing.fleet.size(); ++i) {
    const hardware::System& s = spec.fleet[i].system;
    const auto count = static_cast<double>(plan.sizing.fleet[i].systems);
    l.systems_price_eur += count * s.price.value();
    l.systems_embodied_kg +=
        count * (s.embodied_carbon.value() + static_cast<double>(s.accelerators_per_system) *
                                                 s.accelerator.embodied_carbon.value());
  }
  l.it_capacity_w = plan.sizing.rated_it_w;
  l.liquid_share = out.liquid_share;
  l.connection_w = spec.grid_connection.value();
  l.tariff = spec.tariff;
  const facility::HeatReuseSpec& heat = spec.facility.heat_reuse;
  if (heat.enabled) {
    // The plant is built for its capacity, or for the network's peak when it has none.
    l.heat_capacity_w = heat.capacity.value() > 0 ? heat.capacity.value() : heat.peak_load.value();
  }
  for (std::size_t k = 0; k < spec.supply.size(); ++k) {
    const SourceSums& sums = sources[k];
    l.sources.push_back({.name = spec.supply[k].name,
                         .energy_j = sums.energy_j,
                         .cost_eur = sums.cost_eur,
                         .location_carbon_kg = sums.carbon_kg,
                         .market_intensity_kg_per_j = spec.supply[k].market_carbon.value(),
                         .through_connection = !plan.profiles[k].on_site,
                         .sales_eur = sums.sales_eur});
    const energy::OwnedCapital& c = spec.supply[k].capital;
    if (c.capex.value() > 0)
      l.owned.push_back({"supply/" + spec.supply[k].name, c.capex.value(), c.lifetime_years,
                         c.maintenance_share});
  }
  constexpr double kJPerMWh = 3.6e9;
  l.it_energy_j = t.energy_it_mwh * kJPerMWh;
  l.facility_energy_j = t.energy_facility_mwh * kJPerMWh;
  l.water_m3 = t.water_m3;
  l.heat_reused_j = t.heat_reused_mwh * kJPerMWh;
  l.demand_response_eur = t.demand_response.revenue_eur;
  econ::Use& use = l.use;
  use.available_gpu_hours = l.accelerators * l.hours;
  if (out.workload.present) {
    const WorkloadTotals& w = out.workload;
    use.busy_gpu_hours = w.gpu_hours_busy;
    use.inference_gpu_hours = w.gpu_hours_inference_pools;
    use.model_job_gpu_hours = w.gpu_hours_model_jobs;
    use.other_job_gpu_hours = w.gpu_hours_other_jobs;
    use.useful_gpu_hours = w.gpu_hours_useful;
    use.model_job_energy_j = w.energy_model_jobs_mwh * kJPerMWh;
    use.other_job_energy_j = w.energy_other_jobs_mwh * kJPerMWh;
    use.inference_energy_j = w.energy_inference_pools_mwh * kJPerMWh;
    use.tokens_trained = w.tokens_trained;
    use.tokens_served = w.tokens_served;
    use.model_flops = w.model_flops_delivered;
  } else {
    // A site without a workload is busy as its utilization profile says.
    for (const SiteTickRow& row : out.rows)
      use.busy_gpu_hours += static_cast<double>(row.utilization) * l.accelerators *
                            scenario.tick.in_seconds() / 3600.0;
  }
  out.economics = econ::account_costs(spec.economics ? *spec.economics : scenario.economics, l);
  for (auto& [name, job] : out.workload.named_jobs)
    job.cost_eur = out.economics.cost_of(job.held_gpu_hours, job.energy_mwh * kJPerMWh);
  out.carbon = econ::account_carbon(spec.carbon ? *spec.carbon : scenario.carbon, l);
}

}  // namespace gigasim::sim
