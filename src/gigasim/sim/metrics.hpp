// Every figure a run produces, declared once (sim/output.hpp): the groups of summary.json
// and of the `metrics` table, and the tables of results.sqlite and the CSV files, with the
// records their rows are made of. Writers, the report and docs/outputs.md are generated from
// these; the report refers to a figure by its declaration, never by a name typed again.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "gigasim/sched/job_state.hpp"
#include "gigasim/sim/output.hpp"
#include "gigasim/sim/results.hpp"

namespace gigasim::sim::metrics {

using output::Field;
using output::Group;
using output::KeyedField;
using output::Table;

// ---- Groups (objects of summary.json, rows of the `metrics` table) ----------------------

const Group<Results>& run();
const Group<SiteResult>& site();
const Group<Totals>& totals();
const Group<WorkloadTotals>& workload();
const Group<ReliabilityTotals>& reliability();
const Group<econ::EconomicsResult>& economics();
const Group<econ::CarbonResult>& carbon();
const Group<FederationTotals>& federation();  ///< sim/metrics_federation.cpp

/// The fields other modules refer to by declaration (the report, the console).
namespace site_fields {
extern const Field<SiteResult> name;
}  // namespace site_fields
namespace run_fields {
extern const Field<Results> scenario, seed, start, hours, tick_h;
}  // namespace run_fields
namespace totals_fields {
extern const Field<Totals> accelerators, facility_power_peak_mw, pue, ere, energy_it_mwh,
    energy_power_chain_loss_mwh, energy_cooling_mwh, energy_heat_pump_mwh, heat_reused_mwh,
    carbon_t, water_m3, grid_connection_mw;
extern const KeyedField<Totals> energy_by_source_mwh;
}  // namespace totals_fields
namespace workload_fields {
extern const Field<WorkloadTotals> tokens_trained, tokens_served, gpu_hours_lost_to_power_caps;
/// sim/metrics_delays.cpp
extern const Field<WorkloadTotals> max_wait_h, jobs_unfinished, unfinished_gpu_hours,
    jobs_with_deadline, deadlines_missed;
extern const KeyedField<WorkloadTotals> mean_wait_h_by_class, p95_wait_h_by_class,
    max_wait_h_by_class, mean_bounded_slowdown_by_class, jobs_unfinished_by_class,
    unfinished_gpu_hours_by_class, start_h_by_named_job, end_h_by_named_job, done_by_named_job,
    held_gpu_hours_by_named_job, cost_eur_by_named_job, late_h_by_named_job;
}  // namespace workload_fields
namespace reliability_fields {
extern const Field<ReliabilityTotals> ettr, lost_gpu_hours, restart_gpu_hours,
    checkpoint_overhead_gpu_hours;
}  // namespace reliability_fields
namespace economics_fields {
extern const Field<econ::EconomicsResult> eur_per_gpu_hour_available, eur_per_useful_gpu_hour;
extern const KeyedField<econ::EconomicsResult> gpu_hours;
}  // namespace economics_fields

// ---- Tables --------------------------------------------------------------------------

struct HourlyRecord {
  std::string_view site;
  const SiteTickRow* row;
};
struct FleetRecord {
  std::string_view site;
  const plan::FleetCount* entry;
};
/// A job as the `jobs` table shows it: its account computed once (sched::account_of).
struct JobRecord {
  std::int64_t id;  ///< 1-based over the sites' job lists
  std::string_view site;
  std::string_view name;
  std::string_view tenant;
  const workload::JobSpec* spec;
  const sched::JobState* state;
  sched::JobAccount account;
  const econ::EconomicsResult* economics;  ///< of its site: the price of its hours and energy
};
struct FailureRow {
  std::string_view site;
  const FailureRecord* failure;
  std::int64_t job_id;  ///< id in the jobs table of the first job stopped, or −1
};
struct PowerStepRow {
  std::string_view site;
  const PowerStep* step;
};
/// One cost class of a site (or of `total`).
struct CostRow {
  std::string_view site;
  std::string_view cls;
  const econ::AssetCost* asset;  ///< null for operations and revenue
  double run_eur;
};

/// One row: the run group's fields and the number of sites.
const Table<Results>& run_table();
const Table<HourlyRecord>& site_hourly();
const Table<FleetRecord>& fleet();
const Table<JobRecord>& jobs();
const Table<FailureRow>& failures();
const Table<PowerStepRow>& power_steps();
const Table<CostRow>& costs();

/// The hourly columns the report draws (docs/outputs.md#reporthtml).
namespace hourly_fields {
extern const Field<HourlyRecord> site, time_h, it_mw, facility_mw, unserved_mw, carbon_t,
    dry_bulb_c, utilization, queue_length, pue, power_cap;
/// `<kind>_mw` of each supply kind, in energy::kAllSourceKinds order.
std::span<const Field<HourlyRecord>* const> supply_mw();
}  // namespace hourly_fields

// The rows of each table, in order: sites in scenario order, then time or submission.
void for_each(const Results& r, const std::function<void(const HourlyRecord&)>& f);
void for_each(const Results& r, const std::function<void(const FleetRecord&)>& f);
/// Jobs submitted before the end of the horizon (pending ones keep their id but have no row).
void for_each(const Results& r, const std::function<void(const JobRecord&)>& f);
void for_each(const Results& r, const std::function<void(const FailureRow&)>& f);
void for_each(const Results& r, const std::function<void(const PowerStepRow&)>& f);
/// Each site's cost classes, then those of `total`.
void for_each(const Results& r, const std::function<void(const CostRow&)>& f);

}  // namespace gigasim::sim::metrics
