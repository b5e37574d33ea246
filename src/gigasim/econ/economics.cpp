#include "gigasim/econ/economics.hpp"

#include <algorithm>
#include <utility>

namespace gigasim::econ {
namespace {

constexpr double kPflopDay = 1e15 * 86'400.0;  // FLOP in one PFLOP/s sustained for a day

}  // namespace

std::optional<double> ratio(double a, double b) {
  if (b > 0) return a / b;
  return std::nullopt;
}

Attribution attribute(double amount, const Use& use) {
  if (use.busy_gpu_hours <= 0) return {};
  const double per_hour = amount / use.busy_gpu_hours;
  return {per_hour * use.model_job_gpu_hours, per_hour * use.inference_gpu_hours};
}

double capex_of(const AssetClass& asset, const SiteLedger& site) {
  switch (asset.basis) {
    case CostBasis::system_price:
      return site.systems_price_eur;
    case CostBasis::per_accelerator:
      return asset.unit_cost_eur * site.accelerators;
    case CostBasis::per_mw_it:
      return asset.unit_cost_eur * site.it_capacity_w;
    case CostBasis::per_mw_it_liquid:
      return asset.unit_cost_eur * site.it_capacity_w * site.liquid_share;
    case CostBasis::per_mw_it_air:
      return asset.unit_cost_eur * site.it_capacity_w * (1.0 - site.liquid_share);
    case CostBasis::per_mw_connection:
      return asset.unit_cost_eur * site.connection_w;
    case CostBasis::per_mw_heat:
      return asset.unit_cost_eur * site.heat_capacity_w;
  }
  return 0.0;
}

EconomicsResult account_costs(const EconomicsSpec& spec, const SiteLedger& site) {
  EconomicsResult r;
  r.years = site.years();
  r.use = site.use;
  double maintenance_per_year = 0;
  const auto add_capital = [&](const AssetClass& asset, double capex_eur) {
    const AssetCost c = cost_of(asset, capex_eur, spec.discount_rate);
    r.capex_eur += c.capex_eur;
    r.annualised_capex_eur += c.annualised_eur;
    r.depreciation_eur += c.depreciation_eur;
    maintenance_per_year += c.maintenance_eur;
    r.cost_breakdown_eur[c.name] = c.annualised_eur * r.years;
    r.assets.push_back(c);
  };
  for (const AssetClass& asset : spec.assets) add_capital(asset, capex_of(asset, site));
  // Plants and batteries the site owns: their own capital, lifetime and upkeep.
  for (const OwnedAsset& o : site.owned) {
    AssetClass asset;
    asset.name = o.name;
    asset.lifetime_years = o.lifetime_years;
    asset.maintenance_share = o.maintenance_share;
    add_capital(asset, o.capex_eur);
  }
  const OperationsSpec& op = spec.operations;
  double energy = 0, sales = 0, through_connection_j = 0;
  for (const SourceUse& s : site.sources) {
    energy += s.cost_eur;
    sales += s.sales_eur;
    if (s.through_connection) through_connection_j += s.energy_j;
  }
  // Network tariff: an energy term on what crosses the connection and a yearly capacity
  // term on the subscribed power (the two-part structure of TURPE HTB, CRE); the country's
  // (data/tariffs.yaml) when the site has one, with its taxes and levies per unit of energy.
  const double fee_energy =
      site.tariff ? site.tariff->energy_eur_per_j : op.grid_fee_energy.value();
  const double fee_capacity =
      site.tariff ? site.tariff->capacity_eur_per_w_year : op.grid_fee_capacity.value();
  const double grid_fees =
      through_connection_j * fee_energy + site.connection_w * fee_capacity * r.years;
  const double taxes = site.tariff ? through_connection_j * site.tariff->taxes_eur_per_j : 0.0;
  const double staff =
      op.staff_per_mw_it * site.it_capacity_w / 1e6 * op.staff_cost.value() * r.years;
  const double water = site.water_m3 * op.water_price.value();
  const double heat_revenue = site.heat_reused_j * op.heat_price.value();
  const std::pair<const char*, double> operations[] = {
      {"energy", energy},
      {"energy_sales", sales > 0 ? -sales : 0.0},  // no "-0" in the outputs
      {"grid_fees", grid_fees},
      {"electricity_taxes", taxes},
      {"maintenance", maintenance_per_year * r.years},
      {"staff", staff},
      {"water", water},
      {"heat_revenue", -heat_revenue},
      {"demand_response", site.demand_response_eur != 0 ? -site.demand_response_eur : 0.0},
  };
  for (const auto& [name, eur] : operations) {
    r.cost_breakdown_eur[name] = eur;
    r.opex_eur += eur;
  }
  r.tco_eur = r.annualised_capex_eur * r.years + r.opex_eur;
  r.energy_variable_eur = energy - sales + through_connection_j * fee_energy + taxes;
  r.it_energy_j = site.it_energy_j;
  const Use& u = r.use;
  r.training_cost_eur = r.cost_of(u.model_job_gpu_hours, u.model_job_energy_j);
  r.inference_cost_eur = r.cost_of(u.inference_gpu_hours, u.inference_energy_j);
  if (u.model_job_gpu_hours + u.other_job_gpu_hours + u.inference_gpu_hours > 0) {
    const double other = r.cost_of(u.other_job_gpu_hours, u.other_job_energy_j);
    r.cost_by_use_eur = {{"model_jobs", r.training_cost_eur},
                         {"other_jobs", other},
                         {"inference_pools", r.inference_cost_eur},
                         {"idle", r.tco_eur - r.training_cost_eur - other - r.inference_cost_eur}};
  }
  return r;
}

std::optional<double> EconomicsResult::eur_per_gpu_hour_available() const {
  return ratio(tco_eur, use.available_gpu_hours);
}
double EconomicsResult::fixed_eur_per_gpu_hour() const {
  return ratio(tco_eur - energy_variable_eur, use.available_gpu_hours).value_or(0.0);
}
double EconomicsResult::energy_eur_per_it_j() const {
  return ratio(energy_variable_eur, it_energy_j).value_or(0.0);
}
double EconomicsResult::cost_of(double gpu_hours, double energy_j) const {
  return gpu_hours * fixed_eur_per_gpu_hour() + energy_j * energy_eur_per_it_j();
}
std::optional<double> EconomicsResult::eur_per_gpu_hour_busy() const {
  return ratio(tco_eur, use.busy_gpu_hours);
}
double EconomicsResult::work_cost_eur() const {
  const auto idle = cost_by_use_eur.find("idle");
  return idle == cost_by_use_eur.end() ? 0.0 : tco_eur - idle->second;
}
std::optional<double> EconomicsResult::eur_per_useful_gpu_hour() const {
  return ratio(work_cost_eur(), use.useful_gpu_hours);
}
std::optional<double> EconomicsResult::eur_per_pflop_day() const {
  return ratio(training_cost_eur, use.model_flops / kPflopDay);
}
std::optional<double> EconomicsResult::eur_per_m_tokens_trained() const {
  return ratio(training_cost_eur, use.tokens_trained / 1e6);
}
std::optional<double> EconomicsResult::eur_per_m_tokens_served() const {
  return ratio(inference_cost_eur, use.tokens_served / 1e6);
}

void EconomicsResult::add(const EconomicsResult& o) {
  years = o.years;  // every site runs the same horizon
  capex_eur += o.capex_eur;
  annualised_capex_eur += o.annualised_capex_eur;
  depreciation_eur += o.depreciation_eur;
  opex_eur += o.opex_eur;
  tco_eur += o.tco_eur;
  for (const AssetCost& c : o.assets) {
    auto it = std::find_if(assets.begin(), assets.end(),
                           [&](const AssetCost& a) { return a.name == c.name; });
    if (it == assets.end()) {
      assets.push_back(c);
    } else {
      it->capex_eur += c.capex_eur;
      it->annualised_eur += c.annualised_eur;
      it->depreciation_eur += c.depreciation_eur;
      it->maintenance_eur += c.maintenance_eur;
    }
  }
  for (const auto& [name, eur] : o.cost_breakdown_eur) cost_breakdown_eur[name] += eur;
  use.add(o.use);
  energy_variable_eur += o.energy_variable_eur;
  it_energy_j += o.it_energy_j;
  for (const auto& [name, eur] : o.cost_by_use_eur) cost_by_use_eur[name] += eur;
  training_cost_eur += o.training_cost_eur;
  inference_cost_eur += o.inference_cost_eur;
}

}  // namespace gigasim::econ
