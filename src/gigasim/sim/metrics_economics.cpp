// The `economics` and `carbon` groups of summary.json and of the `metrics` table (docs/outputs.md,
// generated from these; the equations in docs/models/economics.md).
#include <array>

#include "gigasim/sim/metric_entries.hpp"
#include "gigasim/sim/metrics.hpp"

namespace gigasim::sim::metrics {
namespace {

using entries::Entries;
using entries::kDerived;
using entries::kNone;
using entries::kSum;
using entries::numbers;
using output::Type;
using output::Value;

}  // namespace

// ---- economics ----------------------------------------------------------------------------
namespace economics_fields {
using E = econ::EconomicsResult;
const Field<E> capex_eur{
    "capex_eur", Type::real, "EUR", kNone, kSum, "Capital of every asset class.", [](const E& e) {
      return Value::of(e.capex_eur);
    }};
const Field<E> annualised_capex_eur{"annualised_capex_eur",
                                    Type::real,
                                    "EUR per year",
                                    kNone,
                                    kSum,
                                    "Σ capital × capital recovery factor.",
                                    [](const E& e) { return Value::of(e.annualised_capex_eur); }};
const Field<E> depreciation_eur{"depreciation_eur",
                                Type::real,
                                "EUR per year",
                                kNone,
                                kSum,
                                "Σ capital / lifetime (straight line; land 0).",
                                [](const E& e) { return Value::of(e.depreciation_eur); }};
const Field<E> opex_eur{"opex_eur",
                        Type::real,
                        "EUR",
                        kSum,
                        kSum,
                        "Operations over the run, heat revenue deducted.",
                        [](const E& e) { return Value::of(e.opex_eur); }};
const Field<E> tco_eur{"tco_eur",
                       Type::real,
                       "EUR",
                       kSum,
                       kSum,
                       "Annualised capital × years + operations, over the run.",
                       [](const E& e) { return Value::of(e.tco_eur); }};
const Field<E> tco_eur_per_year{"tco_eur_per_year",
                                Type::real,
                                "EUR per year",
                                kDerived,
                                kSum,
                                "`tco_eur` / years.",
                                [](const E& e) { return Value::of(e.tco_per_year_eur()); }};
const Field<E> eur_per_gpu_hour_available{
    "eur_per_gpu_hour_available",
    Type::real,
    "EUR",
    kDerived,
    kDerived,
    "TCO / (accelerators × hours).",
    [](const E& e) { return Value::of(e.eur_per_gpu_hour_available()); }};
const Field<E> eur_per_gpu_hour_busy{
    "eur_per_gpu_hour_busy",
    Type::real,
    "EUR",
    kDerived,
    kDerived,
    "TCO / busy accelerator-hours (held by jobs, slowed or not, and reserved for inference "
    "pools). A cap that slows jobs makes them hold more hours and use less energy: this ratio "
    "falls under stress; `eur_per_useful_gpu_hour` rises.",
    [](const E& e) { return Value::of(e.eur_per_gpu_hour_busy()); }};
const Field<E> eur_per_useful_gpu_hour{
    "eur_per_useful_gpu_hour",
    Type::real,
    "EUR",
    kDerived,
    kDerived,
    "Cost of the work (`cost_by_use_eur` less `idle`) / useful accelerator-hours: the work "
    "that advanced jobs, at full speed, less checkpoint writes (lost work, restarts and slowed "
    "hours are not useful), plus inference replicas serving × their speed. Idle capacity is not "
    "in it (see `cost_by_use_eur.idle`).",
    [](const E& e) { return Value::of(e.eur_per_useful_gpu_hour()); }};
const Field<E> fixed_eur_per_gpu_hour{
    "fixed_eur_per_gpu_hour",
    Type::real,
    "EUR",
    kDerived,
    kDerived,
    "(TCO − energy-variable costs) / installed accelerator-hours: what holding one accelerator "
    "for an hour costs, working or not.",
    [](const E& e) { return Value::of(e.fixed_eur_per_gpu_hour()); }};
const Field<E> energy_eur_per_mwh_it{
    "energy_eur_per_mwh_it",
    Type::real,
    "EUR/MWh",
    kDerived,
    kDerived,
    "Energy-variable costs (energy bought less surplus sold, the network's energy term, "
    "electricity taxes) / IT energy: the price of a MWh used by the IT, facility overhead "
    "included.",
    [](const E& e) { return Value::of(e.energy_eur_per_it_j() * 3.6e9); }};
const Field<E> eur_per_pflop_day{
    "eur_per_pflop_day",
    Type::real,
    "EUR",
    kDerived,
    kDerived,
    "Cost of the model-training jobs (`cost_by_use_eur.model_jobs`) / useful model "
    "PFLOP-days.",
    [](const E& e) { return Value::of(e.eur_per_pflop_day()); }};
const Field<E> eur_per_m_tokens_trained{
    "eur_per_m_tokens_trained",
    Type::real,
    "EUR",
    kDerived,
    kDerived,
    "Cost of the model-training jobs (`cost_by_use_eur.model_jobs`) / million tokens trained "
    "(in proportion to the work that survived failures).",
    [](const E& e) { return Value::of(e.eur_per_m_tokens_trained()); }};
const Field<E> eur_per_m_tokens_served{
    "eur_per_m_tokens_served",
    Type::real,
    "EUR",
    kDerived,
    kDerived,
    "Cost of the inference pools (`cost_by_use_eur.inference_pools`) / million tokens served.",
    [](const E& e) { return Value::of(e.eur_per_m_tokens_served()); }};
const KeyedField<E> cost_breakdown_eur{
    "cost_breakdown_eur",
    Type::real,
    "EUR",
    "cost class",
    kSum,
    "Over the run: each asset class's annualised capital × years, then `energy`, "
    "`energy_sales` (negative), `grid_fees`, `electricity_taxes`, `maintenance`, `staff`, "
    "`water`, `heat_revenue` and `demand_response` (negative); sums to `tco_eur`.",
    [](const E& e) { return numbers(e.cost_breakdown_eur); }};
const KeyedField<E> capex_breakdown_eur{"capex_breakdown_eur",
                                        Type::real,
                                        "EUR",
                                        "asset class",
                                        kSum,
                                        "Capital by asset class.",
                                        [](const E& e) {
                                          Entries out;
                                          for (const auto& a : e.assets)
                                            out.emplace_back(a.name, Value::of(a.capex_eur));
                                          return out;
                                        }};
const KeyedField<E> cost_by_use_eur{
    "cost_by_use_eur",
    Type::real,
    "EUR",
    "`model_jobs`, `other_jobs`, `inference_pools`, `idle`",
    kSum,
    "The TCO split by what held the capacity: each use pays its accelerator-hours × "
    "`fixed_eur_per_gpu_hour` + its IT energy × `energy_eur_per_mwh_it`; `idle` is the rest "
    "(capacity no work held). Only at sites with a workload.",
    [](const E& e) { return numbers(e.cost_by_use_eur); }};
const KeyedField<E> gpu_hours{"gpu_hours",
                              Type::real,
                              "h",
                              "`available`, `busy`, `useful`, `inference_pools`, `model_jobs`, "
                              "`other_jobs`",
                              kSum,
                              "The accelerator-hours behind the ratios (jobs: wall time held).",
                              [](const E& e) {
                                return Entries{
                                    {"available", Value::of(e.use.available_gpu_hours)},
                                    {"busy", Value::of(e.use.busy_gpu_hours)},
                                    {"useful", Value::of(e.use.useful_gpu_hours)},
                                    {"inference_pools", Value::of(e.use.inference_gpu_hours)},
                                    {"model_jobs", Value::of(e.use.model_job_gpu_hours)},
                                    {"other_jobs", Value::of(e.use.other_job_gpu_hours)}};
                              }};
}  // namespace economics_fields

const Group<econ::EconomicsResult>& economics() {
  using E = econ::EconomicsResult;
  static constexpr std::array<const Field<E>*, 14> kFields = {
      &economics_fields::capex_eur,
      &economics_fields::annualised_capex_eur,
      &economics_fields::depreciation_eur,
      &economics_fields::opex_eur,
      &economics_fields::tco_eur,
      &economics_fields::tco_eur_per_year,
      &economics_fields::eur_per_gpu_hour_available,
      &economics_fields::eur_per_gpu_hour_busy,
      &economics_fields::eur_per_useful_gpu_hour,
      &economics_fields::fixed_eur_per_gpu_hour,
      &economics_fields::energy_eur_per_mwh_it,
      &economics_fields::eur_per_pflop_day,
      &economics_fields::eur_per_m_tokens_trained,
      &economics_fields::eur_per_m_tokens_served};
  static constexpr std::array<const KeyedField<E>*, 4> kKeyed = {
      &economics_fields::cost_breakdown_eur, &economics_fields::capex_breakdown_eur,
      &economics_fields::cost_by_use_eur, &economics_fields::gpu_hours};
  static const Group<E> g{"economics", "Capital, operations and the cost of what was delivered.",
                          kFields, kKeyed};
  return g;
}

// ---- carbon -------------------------------------------------------------------------------
namespace carbon_fields {
using C = econ::CarbonResult;
const Field<C> scope2_location_t{"scope2_location_t",
                                 Type::real,
                                 "t CO2e",
                                 kSum,
                                 kSum,
                                 "Scope 2, location-based (= `carbon_t` of the totals).",
                                 [](const C& c) { return Value::of(c.scope2_location_t); }};
const Field<C> scope2_market_t{"scope2_market_t",
                               Type::real,
                               "t CO2e",
                               kSum,
                               kSum,
                               "Scope 2, market-based (contracts and residual mixes).",
                               [](const C& c) { return Value::of(c.scope2_market_t); }};
const Field<C> embodied_t{"embodied_t",
                          Type::real,
                          "t CO2e",
                          kSum,
                          kSum,
                          "The run's share of the embodied carbon.",
                          [](const C& c) { return Value::of(c.embodied_t); }};
const Field<C> embodied_total_t{"embodied_total_t",
                                Type::real,
                                "t CO2e",
                                kNone,
                                kSum,
                                "Embodied carbon of everything installed.",
                                [](const C& c) { return Value::of(c.embodied_total_t); }};
const Field<C> cue{"cue",
                   Type::real,
                   "kg CO2e/kWh",
                   kDerived,
                   kDerived,
                   "Carbon usage effectiveness, location-based.",
                   [](const C& c) { return Value::of(c.cue()); }};
const Field<C> g_per_m_tokens{
    "g_per_m_tokens",
    Type::real,
    "g CO2e",
    kDerived,
    kDerived,
    "(Scope 2 location + embodied share) attributed to training and inference / million tokens "
    "trained and served.",
    [](const C& c) { return Value::of(c.g_per_m_tokens()); }};
const Field<C> g_per_m_tokens_trained{
    "g_per_m_tokens_trained",
    Type::real,
    "g CO2e",
    kDerived,
    kDerived,
    "The same for training alone.",
    [](const C& c) { return Value::of(c.g_per_m_tokens_trained()); }};
const Field<C> g_per_m_tokens_served{
    "g_per_m_tokens_served",
    Type::real,
    "g CO2e",
    kDerived,
    kDerived,
    "The same for inference alone.",
    [](const C& c) { return Value::of(c.g_per_m_tokens_served()); }};
}  // namespace carbon_fields

const Group<econ::CarbonResult>& carbon() {
  using C = econ::CarbonResult;
  static constexpr std::array<const Field<C>*, 8> kFields = {&carbon_fields::scope2_location_t,
                                                             &carbon_fields::scope2_market_t,
                                                             &carbon_fields::embodied_t,
                                                             &carbon_fields::embodied_total_t,
                                                             &carbon_fields::cue,
                                                             &carbon_fields::g_per_m_tokens,
                                                             &carbon_fields::g_per_m_tokens_trained,
                                                             &carbon_fields::g_per_m_tokens_served};
  static const Group<C> g{
      "carbon", "Scope 2 and embodied carbon, and carbon per token.", kFields, {}};
  return g;
}

}  // namespace gigasim::sim::metrics
