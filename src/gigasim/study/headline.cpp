// The figures a study keeps of each run: the declared groups of summary.json (sim/metrics.hpp),
// so the list is the same for every run and every rank whatever a variant contains.
#include "gigasim/study/headline.hpp"

#include <limits>

#include "gigasim/core/errors.hpp"
#include "gigasim/sim/metrics.hpp"

namespace gigasim::study {
namespace {

namespace output = sim::output;

bool numeric(output::Type t) {
  return t == output::Type::real || t == output::Type::precise || t == output::Type::integer;
}

// Every numeric figure of `group` (keyed figures, whose keys vary with the scenario, are
// left out), named `prefix` + its name; `record` null: the group does not apply (NaN).
template <class R>
void add(const output::Group<R>& group, const R* record, const std::string& prefix,
         std::vector<std::string>* names, std::vector<double>* values) {
  for (const auto* field : group.fields) {
    if (!numeric(field->type)) continue;
    if (names != nullptr) names->push_back(prefix + std::string(field->name));
    if (values == nullptr) continue;
    std::optional<double> v;
    if (record != nullptr) v = output::value_of(*field, *record).as_number();
    values->push_back(v.value_or(std::numeric_limits<double>::quiet_NaN()));
  }
}

void walk(const sim::Results* r, std::vector<std::string>* names, std::vector<double>* values) {
  namespace metrics = sim::metrics;
  add(metrics::totals(), r ? &r->total : nullptr, "", names, values);
  add(metrics::workload(), r && r->workload_total.present ? &r->workload_total : nullptr,
      "workload.", names, values);
  add(metrics::reliability(), r && r->reliability_total.present ? &r->reliability_total : nullptr,
      "reliability.", names, values);
  add(metrics::economics(), r ? &r->economics_total : nullptr, "economics.", names, values);
  add(metrics::carbon(), r ? &r->carbon_total : nullptr, "carbon.", names, values);
  add(metrics::federation(), r && r->federation.present ? &r->federation : nullptr, "federation.",
      names, values);
}

// The ranking figures, derived from the declared ones of the same run (docs/studies.md).
// Useful compute is the model FLOPs of training delivered (work redone after a failure is
// not counted; workload.model_flops_delivered), in PFLOP-days (10^15 FLOP/s for a day).
constexpr double kFlopPerPflopDay = 1e15 * 86400.0;
const std::vector<std::string> kDerived = {
    "ranking.pflop_days",             // useful compute
    "ranking.co2e_t",                 // carbon of the energy + the run's share of embodied
    "ranking.pflop_days_per_meur",    // per million euros of TCO over the run
    "ranking.pflop_days_per_t_co2e",  // per tonne of CO2e
    "ranking.water_l_per_pflop_day",  // water taken per unit of useful compute
};

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return i;
  throw core::InternalError("a ranking figure refers to an undeclared figure: " + name);
}

// Appends the ranking figures to `v` (the declared figures, in headline order). A ratio
// whose denominator is zero or missing does not apply (NaN).
void derive(const std::vector<std::string>& names, std::vector<double>& v) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto ratio = [nan](double a, double b) { return b > 0.0 ? a / b : nan; };
  const double flops = v[index_of(names, "workload.model_flops_delivered")];
  const double pflop_days = flops / kFlopPerPflopDay;  // NaN without a workload
  const double co2e = v[index_of(names, "carbon_t")] + v[index_of(names, "carbon.embodied_t")];
  const double tco_meur = v[index_of(names, "economics.tco_eur")] / 1e6;
  const double water_l = 1000.0 * v[index_of(names, "water_m3")];
  v.push_back(pflop_days);
  v.push_back(co2e);
  v.push_back(ratio(pflop_days, tco_meur));
  v.push_back(ratio(pflop_days, co2e));
  v.push_back(ratio(water_l, pflop_days));
}

const std::vector<std::string>& declared_metrics() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    walk(nullptr, &out, nullptr);
    return out;
  }();
  return names;
}

}  // namespace

const std::vector<std::string>& headline_metrics() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out = declared_metrics();
    out.insert(out.end(), kDerived.begin(), kDerived.end());
    return out;
  }();
  return names;
}

std::vector<double> headline(const sim::Results& results) {
  std::vector<double> out;
  out.reserve(headline_metrics().size());
  walk(&results, nullptr, &out);
  derive(declared_metrics(), out);
  return out;
}

const std::vector<Criterion>& ranking_criteria() {
  static const std::vector<Criterion> criteria = {
      {"ranking.pflop_days_per_meur", "Useful compute per euro", "PFLOP-days / MEUR", true},
      {"ranking.pflop_days_per_t_co2e", "Useful compute per tonne CO2e", "PFLOP-days / t", true},
      {"ranking.water_l_per_pflop_day", "Water per useful compute", "L / PFLOP-day", false},
      {"heat_reused_mwh", "Heat reused", "MWh", true},
      {"ranking.pflop_days", "Useful compute", "PFLOP-days", true},
      {"economics.tco_eur", "Cost (TCO)", "EUR", false},
      {"ranking.co2e_t", "Carbon (energy + embodied)", "t CO2e", false},
      {"water_m3", "Water", "m³", false},
      {"pue", "PUE", "", false},
      {"workload.utilization", "Busy", "share", true},
  };
  return criteria;
}

const std::vector<std::string>& pareto_costs() {
  static const std::vector<std::string> costs = {"economics.tco_eur", "ranking.co2e_t", "water_m3"};
  return costs;
}

}  // namespace gigasim::study
