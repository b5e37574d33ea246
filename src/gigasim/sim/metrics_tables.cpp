// The tables of results.sqlite and the CSV files: site_hourly, fleet, jobs, failures,
// power_steps and costs, and the records their rows are made of (docs/outputs.md).
#include <array>
#include <string>
#include <utility>

#include "gigasim/energy/source.hpp"
#include "gigasim/sim/metrics.hpp"

namespace gigasim::sim::metrics {
namespace {

using output::Aggregate;
using output::Type;
using output::Value;

constexpr Aggregate kNone = Aggregate::none;
constexpr Aggregate kSum = Aggregate::sum;
constexpr Aggregate kMax = Aggregate::max;
constexpr Aggregate kMean = Aggregate::mean;
constexpr Aggregate kWeighted = Aggregate::weighted;

std::string_view status_of(sched::JobStatus s) {
  switch (s) {
    case sched::JobStatus::pending:
      return "pending";
    case sched::JobStatus::waiting:
      return "waiting";
    case sched::JobStatus::running:
      return "running";
    case sched::JobStatus::done:
      return "done";
    case sched::JobStatus::moved:
      return "moved";
  }
  return "?";
}

Value hours_or_null(core::Time t, bool present) {
  return present ? Value::of(t.in_hours()) : Value{};
}

}  // namespace

// ---- site_hourly --------------------------------------------------------------------------
namespace hourly_fields {
using H = HourlyRecord;
const Field<H> site{"site",
                    Type::text,
                    "",
                    kNone,
                    kNone,
                    "Site name.",
                    [](const H& h) { return Value::name(h.site); }};
const Field<H> time_h{"time_h",
                      Type::precise,
                      "h",
                      kNone,
                      kNone,
                      "Start of the tick, hours since hour 0 of the run.",
                      [](const H& h) { return Value::of(h.row->time_h); }};
const Field<H> dry_bulb_c{"dry_bulb_c",
                          Type::real,
                          "°C",
                          kMax,
                          kWeighted,
                          "Outdoor dry bulb (over sites: weighted by IT power).",
                          [](const H& h) { return Value::of(h.row->dry_bulb_c); }};
const Field<H> wet_bulb_c{
    "wet_bulb_c", Type::real, "°C", kMax, kWeighted, "Outdoor wet bulb.", [](const H& h) {
      return Value::of(h.row->wet_bulb_c);
    }};
const Field<H> utilization{"utilization",
                           Type::real,
                           "fraction",
                           kMean,
                           kWeighted,
                           "Mean share of the site's accelerators busy during the tick (over "
                           "sites: weighted by accelerators).",
                           [](const H& h) { return Value::of(h.row->utilization); }};
const Field<H> it_mw{"it_mw",
                     Type::real,
                     "MW",
                     kMax,
                     kSum,
                     "IT power: the exact mean over the tick of the IT power between events.",
                     [](const H& h) { return Value::of(h.row->it_mw); }};
const Field<H> power_chain_loss_mw{
    "power_chain_loss_mw",
    Type::real,
    "MW",
    kMax,
    kSum,
    "Transformer, UPS and distribution losses.",
    [](const H& h) { return Value::of(h.row->power_chain_loss_mw); }};
const Field<H> cooling_mw{"cooling_mw",
                          Type::real,
                          "MW",
                          kMax,
                          kSum,
                          "Pumps, fans and chillers of both loops.",
                          [](const H& h) { return Value::of(h.row->cooling_mw); }};
const Field<H> heat_pump_mw{
    "heat_pump_mw", Type::real, "MW", kMax, kSum, "Heat-pump electricity.", [](const H& h) {
      return Value::of(h.row->heat_pump_mw);
    }};
const Field<H> fixed_mw{"fixed_mw",
                        Type::real,
                        "MW",
                        kMax,
                        kSum,
                        "Loads that do not follow the IT: offices, lighting, controls.",
                        [](const H& h) { return Value::of(h.row->fixed_mw); }};
const Field<H> facility_mw{"facility_mw",
                           Type::real,
                           "MW",
                           kMax,
                           kSum,
                           "Facility power (IT + losses + cooling + heat pumps).",
                           [](const H& h) { return Value::of(h.row->facility_mw); }};
const Field<H> pue{"pue",
                   Type::real,
                   "ratio",
                   kMax,
                   Aggregate::derived,
                   "facility_mw / it_mw (0 when IT power is 0).",
                   [](const H& h) { return Value::of(h.row->pue); }};
const Field<H> water_m3{"water_m3",
                        Type::real,
                        "m3 in the tick",
                        kSum,
                        kSum,
                        "Water used during the tick.",
                        [](const H& h) { return Value::of(h.row->water_m3); }};
const Field<H> wue_l_per_kwh{"wue_l_per_kwh",
                             Type::real,
                             "L/kWh",
                             kMean,
                             Aggregate::derived,
                             "Water per IT energy in the tick (0 when IT power is 0).",
                             [](const H& h) { return Value::of(h.row->wue_l_per_kwh); }};
const Field<H> heat_demand_mw{
    "heat_demand_mw", Type::real, "MW", kMax, kSum, "District-heating demand.", [](const H& h) {
      return Value::of(h.row->heat_demand_mw);
    }};
const Field<H> heat_reused_mw{"heat_reused_mw",
                              Type::real,
                              "MW",
                              kMax,
                              kSum,
                              "Heat delivered to the network.",
                              [](const H& h) { return Value::of(h.row->heat_reused_mw); }};
const Field<H> free_cooling{"free_cooling",
                            Type::real,
                            "fraction of heat",
                            kMean,
                            kWeighted,
                            "Heat-weighted share of heat rejected without a chiller.",
                            [](const H& h) { return Value::of(h.row->free_cooling); }};
const Field<H> unserved_mw{
    "unserved_mw", Type::real, "MW", kMax, kSum, "Demand not met.", [](const H& h) {
      return Value::of(h.row->unserved_mw);
    }};
const Field<H> carbon_t{"carbon_t",
                        Type::real,
                        "t CO2e in the tick",
                        kSum,
                        kSum,
                        "Carbon of the energy supplied during the tick.",
                        [](const H& h) { return Value::of(h.row->carbon_t); }};
const Field<H> carbon_intensity_g_per_kwh{
    "carbon_intensity_g_per_kwh",
    Type::real,
    "g CO2e/kWh",
    kMean,
    Aggregate::derived,
    "Carbon per unit of energy supplied in the tick (0 if none supplied).",
    [](const H& h) { return Value::of(h.row->carbon_intensity_g_per_kwh); }};
const Field<H> energy_cost_eur{"energy_cost_eur",
                               Type::real,
                               "EUR in the tick",
                               kSum,
                               kSum,
                               "Cost of the energy supplied during the tick.",
                               [](const H& h) { return Value::of(h.row->energy_cost_eur); }};
const Field<H> surplus_sold_mw{
    "surplus_sold_mw",
    Type::real,
    "MW",
    kMean,
    kSum,
    "Must-take output (pay-as-produced and baseload contracts) beyond the site's use, sold at "
    "the grid price less the spread.",
    [](const H& h) { return Value::of(h.row->surplus_sold_mw); }};
const Field<H> curtailed_mw{
    "curtailed_mw",
    Type::real,
    "MW",
    kMean,
    kSum,
    "Must-take output beyond the site's use that was not sold (no grid, a contract that "
    "curtails, a sale price below zero, or no room in the connection for on-site output).",
    [](const H& h) { return Value::of(h.row->curtailed_mw); }};
const Field<H> battery_charge_mw{"battery_charge_mw",
                                 Type::real,
                                 "MW",
                                 kMean,
                                 kSum,
                                 "Power into the battery, AC side (its discharge is `battery_mw`).",
                                 [](const H& h) { return Value::of(h.row->battery_charge_mw); }};
const Field<H> dr_requested_mw{
    "dr_requested_mw",
    Type::real,
    "MW",
    kMean,
    kSum,
    "Demand response: reduction of the import below its baseline that the grid asked (0 "
    "outside events).",
    [](const H& h) { return Value::of(h.row->dr_requested_mw); }};
const Field<H> dr_delivered_mw{
    "dr_delivered_mw",
    Type::real,
    "MW",
    kMean,
    kSum,
    "Demand response: reduction delivered, baseline − import, between 0 and what was asked.",
    [](const H& h) { return Value::of(h.row->dr_delivered_mw); }};
const Field<H> power_swing_mw{
    "power_swing_mw",
    Type::real,
    "MW",
    kMax,
    kSum,
    "Oscillation of the training jobs running at the end of the tick, at the grid connection "
    "in the band, peak to peak, after mitigation (docs/models/energy.md, \"Power swings\").",
    [](const H& h) { return Value::of(h.row->power_swing_mw); }};
const Field<H> battery_soc_mwh{
    "battery_soc_mwh",
    Type::real,
    "MWh",
    kMean,
    kSum,
    "Energy stored in the battery at the end of the tick (0 without a battery).",
    [](const H& h) { return Value::of(h.row->battery_soc_mwh); }};
const Field<H> queue_length{
    "queue_length",
    Type::real,
    "jobs",
    kMax,
    kSum,
    "Jobs waiting at the end of the tick: submitted and not running, including preempted jobs "
    "waiting to resume (0 without a workload).",
    [](const H& h) { return Value::of(h.row->queue_length); }};
const Field<H> power_cap{
    "power_cap",
    Type::real,
    "fraction",
    kMean,
    kWeighted,
    "Share of dynamic IT power allowed during the tick: the DVFS cap, decided at the start of "
    "the tick (1 when not capped, in `preempt` and `off` modes, and without a workload).",
    [](const H& h) { return Value::of(h.row->power_cap); }};
const Field<H> tokens_served_per_s{
    "tokens_served_per_s",
    Type::real,
    "tokens/s",
    kMean,
    kSum,
    "Inference tokens served per second in the hour of the tick, summed over the site's "
    "services (0 without inference).",
    [](const H& h) { return Value::of(h.row->tokens_served_per_s); }};

namespace {
template <std::size_t K>
Value supplied_by_kind(const H& h) {
  return Value::of(h.row->supply_mw[K]);
}
// "<kind>_mw" for each kind, in static storage for the declarations' names.
const std::array<std::string, energy::kSourceKinds>& supply_names() {
  static const auto names = [] {
    std::array<std::string, energy::kSourceKinds> n;
    for (const auto kind : energy::kAllSourceKinds)
      n[energy::index_of(kind)] = std::string(energy::to_string(kind)) + "_mw";
    return n;
  }();
  return names;
}
template <std::size_t... K>
std::array<Field<H>, sizeof...(K)> supply_fields(std::index_sequence<K...>) {
  return {Field<H>{supply_names()[K], Type::real, "MW", kMean, kSum,
                   "Supplied by the sources of this kind (all sources of the kind added).",
                   &supplied_by_kind<K>}...};
}
const std::array<Field<H>, energy::kSourceKinds>& supply_field_array() {
  static const auto fields = supply_fields(std::make_index_sequence<energy::kSourceKinds>());
  return fields;
}
}  // namespace

std::span<const Field<H>* const> supply_mw() {
  static const auto pointers = [] {
    std::array<const Field<H>*, energy::kSourceKinds> p{};
    for (std::size_t k = 0; k < p.size(); ++k) p[k] = &supply_field_array()[k];
    return p;
  }();
  return pointers;
}
}  // namespace hourly_fields

const Table<HourlyRecord>& site_hourly() {
  using H = HourlyRecord;
  static const auto columns = [] {
    std::vector<const Field<H>*> c = {&hourly_fields::site,
                                      &hourly_fields::time_h,
                                      &hourly_fields::dry_bulb_c,
                                      &hourly_fields::wet_bulb_c,
                                      &hourly_fields::utilization,
                                      &hourly_fields::it_mw,
                                      &hourly_fields::power_chain_loss_mw,
                                      &hourly_fields::cooling_mw,
                                      &hourly_fields::heat_pump_mw,
                                      &hourly_fields::fixed_mw,
                                      &hourly_fields::facility_mw,
                                      &hourly_fields::pue,
                                      &hourly_fields::water_m3,
                                      &hourly_fields::wue_l_per_kwh,
                                      &hourly_fields::heat_demand_mw,
                                      &hourly_fields::heat_reused_mw,
                                      &hourly_fields::free_cooling};
    for (const auto* f : hourly_fields::supply_mw()) c.push_back(f);
    for (const auto* f : {&hourly_fields::surplus_sold_mw, &hourly_fields::curtailed_mw,
                          &hourly_fields::battery_charge_mw, &hourly_fields::battery_soc_mwh,
                          &hourly_fields::dr_requested_mw, &hourly_fields::dr_delivered_mw,
                          &hourly_fields::power_swing_mw, &hourly_fields::unserved_mw,
                          &hourly_fields::carbon_t, &hourly_fields::carbon_intensity_g_per_kwh,
                          &hourly_fields::energy_cost_eur, &hourly_fields::queue_length,
                          &hourly_fields::power_cap, &hourly_fields::tokens_served_per_s})
      c.push_back(f);
    return c;
  }();
  static const Table<HourlyRecord> t{
      "site_hourly",
      "One row per site and tick, by site (scenario order) then time. A row is a tick, not "
      "necessarily an hour; powers are the tick's means. All columns but `site` and `time_h` "
      "come from single-precision values (about 7 significant digits).",
      columns};
  return t;
}

// ---- fleet --------------------------------------------------------------------------------
namespace {
namespace fleet_fields {
using F = FleetRecord;
const Field<F> site{"site",
                    Type::text,
                    "",
                    kNone,
                    kNone,
                    "Site name.",
                    [](const F& f) { return Value::name(f.site); }};
const Field<F> system{"system", Type::text, "", kNone, kNone, "System id.", [](const F& f) {
                        return Value::name(f.entry->system);
                      }};
const Field<F> accelerator{
    "accelerator", Type::text, "", kNone, kNone, "Accelerator id.", [](const F& f) {
      return Value::name(f.entry->accelerator);
    }};
const Field<F> systems{
    "systems", Type::integer, "count", kNone, kSum, "Systems of the entry.", [](const F& f) {
      return Value::count(f.entry->systems);
    }};
const Field<F> accelerators{"accelerators",
                            Type::integer,
                            "count",
                            kNone,
                            kSum,
                            "Accelerators of the entry.",
                            [](const F& f) { return Value::count(f.entry->accelerators); }};
const Field<F> sized_automatically{
    "sized_automatically",
    Type::boolean,
    "",
    kNone,
    kNone,
    "True for a `count: auto` entry, sized to the power envelope.",
    [](const F& f) { return Value::flag(f.entry->sized_automatically); }};
}  // namespace fleet_fields
}  // namespace

const Table<FleetRecord>& fleet() {
  using F = FleetRecord;
  static constexpr std::array<const Field<F>*, 6> kColumns = {
      &fleet_fields::site,    &fleet_fields::system,       &fleet_fields::accelerator,
      &fleet_fields::systems, &fleet_fields::accelerators, &fleet_fields::sized_automatically};
  static const Table<FleetRecord> t{"fleet", "One row per fleet entry of each site, as sized.",
                                    kColumns};
  return t;
}

// ---- jobs ---------------------------------------------------------------------------------
namespace {
namespace job_fields {
using J = JobRecord;
const Field<J> id{"id",
                  Type::integer,
                  "",
                  kNone,
                  kNone,
                  "1-based number of the job in its site's job list (sorted by submission time), "
                  "numbered on across sites. Jobs not submitted before the end of the horizon keep "
                  "their number but have no row, so ids can have gaps.",
                  [](const J& j) { return Value::count(j.id); }};
const Field<J> site{"site",
                    Type::text,
                    "",
                    kNone,
                    kNone,
                    "Site name.",
                    [](const J& j) { return Value::name(j.site); }};
const Field<J> name{"name",
                    Type::text,
                    "",
                    kNone,
                    kNone,
                    "`name` of an explicit job; empty for generated and trace jobs.",
                    [](const J& j) { return Value::name(j.name); }};
const Field<J> tenant{"tenant", Type::text, "", kNone, kNone, "Tenant name.", [](const J& j) {
                        return Value::name(j.tenant);
                      }};
const Field<J> cls{"class",
                   Type::text,
                   "",
                   kNone,
                   kNone,
                   "`pretraining`, `finetuning`, `evaluation`, `debugging` or `batch`.",
                   [](const J& j) { return Value::name(workload::to_string(j.spec->cls)); }};
const Field<J> accelerators{
    "accelerators", Type::integer, "count", kNone, kSum, "Accelerators requested.", [](const J& j) {
      return Value::count(j.spec->accelerators);
    }};
const Field<J> submit_h{"submit_h",
                        Type::real,
                        "h",
                        kNone,
                        kNone,
                        "Submission, hours since hour 0 of the run.",
                        [](const J& j) { return Value::of(j.spec->submit.in_hours()); }};
const Field<J> start_h{
    "start_h",
    Type::real,
    "h",
    kNone,
    kNone,
    "First start; null if the job never started.",
    [](const J& j) { return hours_or_null(j.state->first_start, j.state->started()); }};
const Field<J> end_h{"end_h",
                     Type::real,
                     "h",
                     kNone,
                     kNone,
                     "Completion; null unless `status` is `done`.",
                     [](const J& j) {
                       return hours_or_null(j.state->end,
                                            j.state->status == sched::JobStatus::done);
                     }};
const Field<J> wait_h{"wait_h",
                      Type::real,
                      "h",
                      kNone,
                      kMean,
                      "`start_h` − `submit_h`; null if the job never started.",
                      [](const J& j) {
                        return j.state->started()
                                   ? Value::of((j.state->first_start - j.spec->submit).in_hours())
                                   : Value{};
                      }};
const Field<J> status{"status",
                      Type::text,
                      "",
                      kNone,
                      kNone,
                      "At the end of the run: `waiting` (queued, never started or preempted), "
                      "`running` or `done`.",
                      [](const J& j) { return Value::name(status_of(j.state->status)); }};
const Field<J> tokens{"tokens",
                      Type::real,
                      "tokens",
                      kNone,
                      kSum,
                      "Tokens trained, in proportion to the work done (0 for jobs without a "
                      "model).",
                      [](const J& j) { return Value::of(j.account.tokens); }};
const Field<J> energy_kwh{
    "energy_kwh",
    Type::real,
    "kWh",
    kNone,
    kSum,
    "IT energy of the job's accelerators while it ran: accelerators × (idle + activity × dynamic "
    "power × cap) per accelerator, network overhead included; facility overheads are not.",
    [](const J& j) { return Value::of(j.state->energy_j / 3.6e6); }};
const Field<J> preemptions{"preemptions",
                           Type::integer,
                           "count",
                           kNone,
                           kSum,
                           "Times the job was stopped and requeued by preemption (scheduler or "
                           "`preempt` power cap).",
                           [](const J& j) { return Value::count(j.state->preemptions); }};
const Field<J> interruptions{"interruptions",
                             Type::integer,
                             "count",
                             kNone,
                             kSum,
                             "Times a failure or a planned maintenance stopped the job.",
                             [](const J& j) { return Value::count(j.state->interruptions); }};
const Field<J> lost_gpu_hours{"lost_gpu_hours",
                              Type::real,
                              "accelerator-h",
                              kNone,
                              kSum,
                              "Work the job lost to failures (since its last checkpoint, or all "
                              "its progress without checkpoints).",
                              [](const J& j) { return Value::of(j.account.lost_accelerator_h); }};
const Field<J> checkpoint_gpu_hours{
    "checkpoint_gpu_hours",
    Type::real,
    "accelerator-h",
    kNone,
    kSum,
    "Time the job spent writing checkpoints.",
    [](const J& j) { return Value::of(j.account.checkpoint_accelerator_h); }};
const Field<J> held_gpu_hours{
    "held_gpu_hours",
    Type::real,
    "accelerator-h",
    kNone,
    kSum,
    "Accelerators × wall time the job held them, over all its runs: work at any speed, work "
    "later lost, restarts.",
    [](const J& j) { return Value::of(j.account.held_accelerator_h); }};
const Field<J> cost_eur{
    "cost_eur",
    Type::real,
    "EUR",
    kNone,
    kSum,
    "held_gpu_hours × the site's `fixed_eur_per_gpu_hour` + energy_kwh / 1000 × its "
    "`energy_eur_per_mwh_it` (docs/models/economics.md#cost-of-the-work).",
    [](const J& j) {
      return Value::of(j.economics->cost_of(j.account.held_accelerator_h, j.state->energy_j));
    }};
}  // namespace job_fields
}  // namespace

const Table<JobRecord>& jobs() {
  using J = JobRecord;
  static constexpr std::array<const Field<J>*, 19> kColumns = {&job_fields::id,
                                                               &job_fields::site,
                                                               &job_fields::name,
                                                               &job_fields::tenant,
                                                               &job_fields::cls,
                                                               &job_fields::accelerators,
                                                               &job_fields::submit_h,
                                                               &job_fields::start_h,
                                                               &job_fields::end_h,
                                                               &job_fields::wait_h,
                                                               &job_fields::status,
                                                               &job_fields::tokens,
                                                               &job_fields::energy_kwh,
                                                               &job_fields::preemptions,
                                                               &job_fields::interruptions,
                                                               &job_fields::lost_gpu_hours,
                                                               &job_fields::checkpoint_gpu_hours,
                                                               &job_fields::held_gpu_hours,
                                                               &job_fields::cost_eur};
  static const Table<JobRecord> t{
      "jobs",
      "One row per job submitted before the end of the horizon, for every site with a "
      "workload: sites in scenario order, then jobs in order of submission.",
      kColumns};
  return t;
}

// ---- failures -----------------------------------------------------------------------------
namespace {
namespace failure_fields {
using F = FailureRow;
const Field<F> time_h{"time_h",
                      Type::real,
                      "h",
                      kNone,
                      kNone,
                      "Time of the event, hours since hour 0 of the run.",
                      [](const F& f) { return Value::of(f.failure->time_h); }};
const Field<F> site{"site",
                    Type::text,
                    "",
                    kNone,
                    kNone,
                    "Site name.",
                    [](const F& f) { return Value::name(f.site); }};
const Field<F> component{"component",
                         Type::text,
                         "",
                         kNone,
                         kNone,
                         "Component class that failed (one of the 18 names of scenario.md), or "
                         "`planned_maintenance`.",
                         [](const F& f) { return Value::name(f.failure->component); }};
const Field<F> accelerators_affected{
    "accelerators_affected",
    Type::integer,
    "count",
    kNone,
    kSum,
    "Accelerators of the jobs stopped (0 if nothing ran on the system: idle, a spare, an "
    "inference pool, or already down).",
    [](const F& f) { return Value::count(f.failure->accelerators_affected); }};
const Field<F> job{"job",
                   Type::integer,
                   "",
                   kNone,
                   kNone,
                   "`id` in the `jobs` table of the first job stopped; null if none.",
                   [](const F& f) { return f.job_id >= 0 ? Value::count(f.job_id) : Value{}; }};
const Field<F> lost_gpu_hours{"lost_gpu_hours",
                              Type::real,
                              "accelerator-h",
                              kNone,
                              kSum,
                              "Work lost by the jobs stopped (0 for planned maintenance).",
                              [](const F& f) { return Value::of(f.failure->lost_gpu_hours); }};
}  // namespace failure_fields
}  // namespace

const Table<FailureRow>& failures() {
  using F = FailureRow;
  static constexpr std::array<const Field<F>*, 6> kColumns = {
      &failure_fields::time_h,    &failure_fields::site,
      &failure_fields::component, &failure_fields::accelerators_affected,
      &failure_fields::job,       &failure_fields::lost_gpu_hours};
  static const Table<FailureRow> t{
      "failures",
      "One row per failure or planned maintenance, for every site with `reliability`: sites in "
      "scenario order, then in order of time.",
      kColumns};
  return t;
}

// ---- power_steps --------------------------------------------------------------------------
namespace {
namespace step_fields {
using P = PowerStepRow;
const Field<P> time_h{"time_h",
                      Type::real,
                      "h",
                      kNone,
                      kNone,
                      "Time of the change, hours since hour 0 of the run.",
                      [](const P& p) { return Value::of(p.step->time_h); }};
const Field<P> site{"site",
                    Type::text,
                    "",
                    kNone,
                    kNone,
                    "Site name.",
                    [](const P& p) { return Value::name(p.site); }};
const Field<P> before_mw{
    "before_mw", Type::real, "MW", kNone, kNone, "IT power just before.", [](const P& p) {
      return Value::of(p.step->before_mw);
    }};
const Field<P> after_mw{
    "after_mw", Type::real, "MW", kNone, kNone, "IT power just after.", [](const P& p) {
      return Value::of(p.step->after_mw);
    }};
const Field<P> step_mw{"step_mw",
                       Type::real,
                       "MW",
                       kNone,
                       kMax,
                       "`after_mw` − `before_mw`: negative for a drop.",
                       [](const P& p) { return Value::of(p.step->after_mw - p.step->before_mw); }};
}  // namespace step_fields
}  // namespace

const Table<PowerStepRow>& power_steps() {
  using P = PowerStepRow;
  static constexpr std::array<const Field<P>*, 5> kColumns = {
      &step_fields::time_h, &step_fields::site, &step_fields::before_mw, &step_fields::after_mw,
      &step_fields::step_mw};
  static const Table<PowerStepRow> t{
      "power_steps",
      "One row per change of a site's IT power of at least the site's `power_step_threshold` "
      "after hour 0: sites in scenario order, then in order of time.",
      kColumns};
  return t;
}

// ---- costs --------------------------------------------------------------------------------
namespace {
namespace cost_fields {
using C = CostRow;
Value asset_figure(const C& c, double econ::AssetCost::*member) {
  return c.asset != nullptr ? Value::of((*c.asset).*member) : Value{};
}
const Field<C> site{"site", Type::text, "", kNone, kNone, "Site name, or `total`.", [](const C& c) {
                      return Value::name(c.site);
                    }};
const Field<C> cls{"class",
                   Type::text,
                   "",
                   kNone,
                   kNone,
                   "An asset class (`supply/<name>` for an owned plant or battery), or "
                   "`energy`, `energy_sales`, `grid_fees`, `electricity_taxes`, `maintenance`, "
                   "`staff`, `water`, `heat_revenue`, `demand_response`.",
                   [](const C& c) { return Value::name(c.cls); }};
const Field<C> kind{
    "kind", Type::text, "", kNone, kNone, "`capital`, `operations` or `revenue`.", [](const C& c) {
      return Value::name(c.asset != nullptr ? "capital" : c.run_eur < 0 ? "revenue" : "operations");
    }};
const Field<C> capex_eur{
    "capex_eur", Type::real, "EUR", kNone, kSum, "Capital (null for operations).", [](const C& c) {
      return asset_figure(c, &econ::AssetCost::capex_eur);
    }};
const Field<C> annualised_eur{
    "annualised_eur",
    Type::real,
    "EUR per year",
    kNone,
    kSum,
    "Capital × capital recovery factor (null for operations).",
    [](const C& c) { return asset_figure(c, &econ::AssetCost::annualised_eur); }};
const Field<C> depreciation_eur{
    "depreciation_eur",
    Type::real,
    "EUR per year",
    kNone,
    kSum,
    "Straight-line depreciation (null for operations).",
    [](const C& c) { return asset_figure(c, &econ::AssetCost::depreciation_eur); }};
const Field<C> maintenance_eur{
    "maintenance_eur",
    Type::real,
    "EUR per year",
    kNone,
    kSum,
    "Maintenance share of the capital (null for operations; counted in the `maintenance` row).",
    [](const C& c) { return asset_figure(c, &econ::AssetCost::maintenance_eur); }};
const Field<C> run_eur{"run_eur",
                       Type::real,
                       "EUR",
                       kSum,
                       kSum,
                       "Cost over the run, as in `cost_breakdown_eur`; the sum over a site's rows "
                       "is its `tco_eur`.",
                       [](const C& c) { return Value::of(c.run_eur); }};
}  // namespace cost_fields
}  // namespace

const Table<CostRow>& costs() {
  using C = CostRow;
  static constexpr std::array<const Field<C>*, 8> kColumns = {&cost_fields::site,
                                                              &cost_fields::cls,
                                                              &cost_fields::kind,
                                                              &cost_fields::capex_eur,
                                                              &cost_fields::annualised_eur,
                                                              &cost_fields::depreciation_eur,
                                                              &cost_fields::maintenance_eur,
                                                              &cost_fields::run_eur};
  static const Table<CostRow> t{"costs",
                                "The economics of each site and of `total`, one row per cost "
                                "class.",
                                kColumns};
  return t;
}

// ---- run ----------------------------------------------------------------------------------
const Table<Results>& run_table() {
  static const Field<Results> sites{
      "sites", Type::integer, "count", kNone, kNone, "Number of sites.", [](const Results& r) {
        return Value::count(static_cast<std::int64_t>(r.sites.size()));
      }};
  static const auto columns = [] {
    std::vector<const Field<Results>*> c(run().fields.begin(), run().fields.end());
    c.push_back(&sites);
    return c;
  }();
  static const Table<Results> t{"run", "One row: the run's fields (summary.json's top level).",
                                columns};
  return t;
}

// ---- records ------------------------------------------------------------------------------

void for_each(const Results& r, const std::function<void(const HourlyRecord&)>& f) {
  for (const auto& s : r.sites) {
    for (const auto& row : s.rows) f(HourlyRecord{s.name, &row});
  }
}

void for_each(const Results& r, const std::function<void(const FleetRecord&)>& f) {
  for (const auto& s : r.sites) {
    for (const auto& entry : s.fleet) f(FleetRecord{s.name, &entry});
  }
}

void for_each(const Results& r, const std::function<void(const JobRecord&)>& f) {
  std::int64_t id = 0;
  for (const auto& s : r.sites) {
    for (std::size_t j = 0; j < s.jobs.size(); ++j) {
      ++id;
      const auto& spec = s.jobs[j];
      const auto& st = s.job_states[j];
      if (st.status == sched::JobStatus::pending) continue;
      f(JobRecord{id, s.name, s.job_names[j], s.tenant_names[spec.tenant], &spec, &st,
                  sched::account_of(spec, st), &s.economics});
    }
  }
}

void for_each(const Results& r, const std::function<void(const FailureRow&)>& f) {
  std::int64_t first_id = 1;
  for (const auto& s : r.sites) {
    for (const auto& x : s.failures) f(FailureRow{s.name, &x, x.job >= 0 ? first_id + x.job : -1});
    first_id += static_cast<std::int64_t>(s.jobs.size());
  }
}

void for_each(const Results& r, const std::function<void(const PowerStepRow&)>& f) {
  for (const auto& s : r.sites) {
    for (const auto& x : s.power_steps) f(PowerStepRow{s.name, &x});
  }
}

void for_each(const Results& r, const std::function<void(const CostRow&)>& f) {
  const auto rows = [&](std::string_view site, const econ::EconomicsResult& e) {
    for (const auto& [name, eur] : e.cost_breakdown_eur) {
      const econ::AssetCost* asset = nullptr;
      for (const auto& a : e.assets) {
        if (a.name == name) {
          asset = &a;
          break;
        }
      }
      f(CostRow{site, name, asset, eur});
    }
  };
  for (const auto& s : r.sites) rows(s.name, s.economics);
  rows("total", r.economics_total);
}

}  // namespace gigasim::sim::metrics
