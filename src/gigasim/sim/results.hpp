// What a run produces: per-site time series and totals. Writers in io turn it into files.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gigasim/econ/carbon.hpp"
#include "gigasim/econ/economics.hpp"
#include "gigasim/energy/source.hpp"
#include "gigasim/plan/plan.hpp"
#include "gigasim/sched/site_scheduler.hpp"
#include "gigasim/sim/job_delays.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::sim {

/// One row per tick and site. Powers are tick averages in MW.
struct SiteTickRow {
  double time_h = 0.0;  ///< hours since the start of the run
  float dry_bulb_c = 0, wet_bulb_c = 0;
  float utilization = 0;
  float it_mw = 0, power_chain_loss_mw = 0, cooling_mw = 0, heat_pump_mw = 0, facility_mw = 0;
  float fixed_mw = 0;  ///< offices, lighting, controls
  float pue = 0;
  float wue_l_per_kwh = 0;
  float water_m3 = 0;
  float heat_demand_mw = 0, heat_reused_mw = 0;
  float free_cooling = 0;
  float unserved_mw = 0;
  float carbon_t = 0, energy_cost_eur = 0;
  float carbon_intensity_g_per_kwh = 0;
  std::array<float, energy::kSourceKinds> supply_mw{};  ///< by energy::index_of(kind)
  float surplus_sold_mw = 0, curtailed_mw = 0;          ///< must-take energy the site did not use
  float battery_charge_mw = 0, battery_soc_mwh = 0;     ///< discharge: supply_mw[battery]
  float dr_requested_mw = 0, dr_delivered_mw = 0;       ///< demand response: reduction of import
  float power_swing_mw = 0;  ///< training's oscillation in the grid's band, peak to peak
  float queue_length = 0;    ///< jobs waiting at the end of the tick
  float power_cap = 1;       ///< share of dynamic IT power allowed during the tick
  float tokens_served_per_s = 0;
};

/// One failure or planned interruption (docs/outputs.md, table `failures`).
struct FailureRecord {
  double time_h = 0;
  std::uint32_t site = 0;
  std::string_view component;  ///< a reliability::Component name or "planned_maintenance"
  std::int64_t accelerators_affected = 0;  ///< of the interrupted jobs (0: nothing ran there)
  std::int64_t job = -1;                   ///< first interrupted job's index in the site, or -1
  double lost_gpu_hours = 0;
};

/// A change of a site's IT power of at least the threshold (table `power_steps`).
struct PowerStep {
  double time_h = 0;
  std::uint32_t site = 0;
  double before_mw = 0;
  double after_mw = 0;
};

/// Reliability figures of a site or of all sites.
struct ReliabilityTotals {
  bool present = false;
  std::int64_t failures = 0;
  std::int64_t job_interruptions = 0;
  std::int64_t planned_interruptions = 0;
  std::map<std::string, std::int64_t> interruptions_by_component;
  double ettr = 0;  ///< useful training time / elapsed time of training jobs, by accelerator-hours
  double lost_gpu_hours = 0;
  double restart_gpu_hours = 0;
  double checkpoint_overhead_gpu_hours = 0;
  std::map<std::int64_t, double>
      mttf_h_by_job_size;  ///< accelerators -> hours between interruptions
  double largest_power_step_mw = 0;
  double largest_ramp_mw_per_min = 0;
  // Sums behind the ratios, to combine sites.
  double ettr_useful = 0, ettr_elapsed = 0;
  std::map<std::int64_t, std::pair<double, std::int64_t>> job_hours_and_interruptions_by_size;
};

/// An explicit job of the scenario (one with a `name`) as the run left it: the runs a
/// planner follows by name, in summary.json and on the console.
struct NamedJob {
  std::int64_t accelerators = 0;
  double submit_h = 0;
  double start_h = -1;  ///< first start; −1 never started
  double end_h = -1;    ///< completion; −1 not done at the end of the horizon
  double done = 0;      ///< share of its work done
  double held_gpu_hours = 0;
  double energy_mwh = 0;   ///< IT energy
  double cost_eur = 0;     ///< econ::EconomicsResult::cost_of its hours and energy
  double deadline_h = -1;  ///< −1: none

  /// Completion − deadline (negative: early); empty without a deadline or a completion.
  [[nodiscard]] std::optional<double> late_h() const {
    if (deadline_h < 0 || end_h < 0) return std::nullopt;
    return end_h - deadline_h;
  }
};

/// Workload figures of a site or of all sites (docs/outputs.md).
struct WorkloadTotals {
  bool present = false;
  std::int64_t jobs_submitted = 0;
  std::int64_t jobs_completed = 0;
  std::int64_t preemptions = 0;
  double utilization = 0;  ///< busy accelerator-hours / accelerator-hours
  double mean_wait_h = 0;
  double p95_wait_h = 0;
  double mean_bounded_slowdown = 0;
  double gpu_hours_delivered = 0;  ///< accelerator-hours of progress at full speed
  double gpu_hours_busy = 0;       ///< held by jobs and inference pools
  double gpu_hours_inference_pools = 0;
  double gpu_hours_model_jobs = 0;  ///< held by jobs that train a model (wall time)
  double gpu_hours_other_jobs = 0;  ///< held by jobs without a model (wall time)
  /// Work that advanced jobs (useful less checkpoint writes) + inference replicas serving
  /// × their speed.
  double gpu_hours_useful = 0;
  double energy_model_jobs_mwh = 0;  ///< IT energy of the jobs that train a model
  double energy_other_jobs_mwh = 0;
  double energy_inference_pools_mwh = 0;
  std::map<std::string, NamedJob> named_jobs;  ///< by name (over sites, "site/name" on a clash)
  double tokens_trained = 0;
  double tokens_served = 0;
  double tokens_demanded = 0;  ///< inference demand, served or not
  double model_flops_delivered = 0;
  double power_capped_hours = 0;
  double gpu_hours_lost_to_power_caps = 0;
  std::map<std::string, double> gpu_hours_by_tenant;
  double max_wait_h = 0;
  std::int64_t jobs_unfinished = 0;  ///< submitted, not done at the end of the horizon
  std::int64_t jobs_with_deadline = 0;
  /// Done after their deadline, or not done when it passed within the horizon.
  std::int64_t deadlines_missed = 0;
  double unfinished_accelerator_h = 0;               ///< their work left, at full speed
  std::map<std::string, JobDelays> delays_by_class;  ///< by job class name
};

/// What demand-response programmes asked of a site (or of all sites) and what they got
/// (docs/models/energy.md, "Demand response").
struct DemandResponseTotals {
  double events = 0;
  double requested_mwh = 0;       ///< reduction of the import asked, over the events' hours
  double delivered_mwh = 0;       ///< reduction below the baseline, up to what was asked
  double revenue_eur = 0;         ///< capacity and energy payments less shortfall penalties
  double gpu_hours_deferred = 0;  ///< of jobs stopped and held for events, until their end
  double gpu_hours_capped = 0;    ///< lost to power caps during events
  void add(const DemandResponseTotals& o) {
    events += o.events;
    requested_mwh += o.requested_mwh;
    delivered_mwh += o.delivered_mwh;
    revenue_eur += o.revenue_eur;
    gpu_hours_deferred += o.gpu_hours_deferred;
    gpu_hours_capped += o.gpu_hours_capped;
  }
};

/// Training's power oscillations at a site's grid connection (docs/models/energy.md, "Power
/// swings"); over all sites, the largest site's.
struct PowerSwingTotals {
  double limit_mw = 0;            ///< peak to peak allowed in the band
  double peak_mw = 0;             ///< largest oscillation after mitigation
  double hours_over_limit = 0;    ///< summed over sites
  double floor_mwh = 0;           ///< energy the power floor added (in the IT energy)
  double smoothing_loss_mwh = 0;  ///< losses of the storage that smooths the swing
  void add(const PowerSwingTotals& o) {
    limit_mw = std::max(limit_mw, o.limit_mw);
    peak_mw = std::max(peak_mw, o.peak_mw);
    hours_over_limit += o.hours_over_limit;
    floor_mwh += o.floor_mwh;
    smoothing_loss_mwh += o.smoothing_loss_mwh;
  }
};

/// Sums over a site or over all sites. Energies in MWh, carbon in t, water in m³, money in EUR.
struct Totals {
  std::int64_t accelerators = 0;
  std::int64_t systems = 0;
  double grid_connection_mw = 0;
  double it_power_peak_mw = 0;
  double facility_power_peak_mw = 0;
  double energy_it_mwh = 0;
  double energy_facility_mwh = 0;
  double energy_power_chain_loss_mwh = 0;
  double energy_cooling_mwh = 0;
  double energy_heat_pump_mwh = 0;          ///< every heat pump, whoever pays
  double energy_heat_pump_utility_mwh = 0;  ///< heat pumps on the utility's side (not facility)
  double water_m3 = 0;
  double water_scarcity_m3 = 0;  ///< water × the site's AWARE factor (m³ world-eq)
  double heat_demand_mwh = 0;
  double heat_reused_mwh = 0;
  double heat_storage_delivered_mwh = 0;  ///< given back by hot-water tanks (in heat_reused)
  double heat_storage_loss_mwh = 0;       ///< lost by the tanks while stored
  std::map<std::string, double> energy_by_source_mwh;
  std::map<std::string, double> carbon_by_source_t;
  std::map<std::string, double> cost_by_source_eur;
  double unserved_energy_mwh = 0;
  double energy_sold_mwh = 0;       ///< must-take surplus sold back
  double energy_curtailed_mwh = 0;  ///< must-take surplus lost
  double energy_sales_eur = 0;      ///< revenue of the surplus sold
  double battery_charged_mwh = 0, battery_discharged_mwh = 0;
  double battery_backup_mwh = 0;  ///< discharged into a shortfall: unserved energy avoided
  double battery_cap_avoided_gpu_hours = 0;  ///< work the power cap would have lost without it
  double battery_cycles = 0;                 ///< equivalent full cycles (summed over sites)
  double battery_value_eur = 0;  ///< Σ (discharge − charge) × grid price: purchases avoided
  DemandResponseTotals demand_response;
  PowerSwingTotals power_swings;
  double carbon_t = 0;
  double energy_cost_eur = 0;
  double over_temperature_hours = 0;
  double free_cooling_hours = 0;  ///< hours fully free-cooled (no chiller)
  double energy_fixed_mwh = 0;    ///< offices, lighting, controls
  /// Hours in each cooling mode (facility::CoolingMode), the more mechanical loop's.
  std::array<double, 4> cooling_mode_hours{};

  // The Green Grid's metrics. PUE = facility / IT energy; WUE = site water (L) / IT kWh;
  // ERE = (facility − reused) / IT; ERF = reused / facility.
  [[nodiscard]] double pue() const {
    return energy_it_mwh > 0 ? energy_facility_mwh / energy_it_mwh : 0.0;
  }
  /// PUE as if every heat pump stood on the site's side of the meter.
  [[nodiscard]] double pue_heat_pumps_inside() const {
    return energy_it_mwh > 0 ? (energy_facility_mwh + energy_heat_pump_utility_mwh) / energy_it_mwh
                             : 0.0;
  }
  /// PUE as if every heat pump stood on the utility's side (their share of transformer
  /// losses stays in).
  [[nodiscard]] double pue_heat_pumps_outside() const {
    const double site_pumps = energy_heat_pump_mwh - energy_heat_pump_utility_mwh;
    return energy_it_mwh > 0 ? (energy_facility_mwh - site_pumps) / energy_it_mwh : 0.0;
  }
  [[nodiscard]] double wue_l_per_kwh() const {
    return energy_it_mwh > 0 ? water_m3 / energy_it_mwh : 0.0;
  }
  [[nodiscard]] double ere() const {
    return energy_it_mwh > 0 ? (energy_facility_mwh - heat_reused_mwh) / energy_it_mwh : 0.0;
  }
  [[nodiscard]] double erf() const {
    return energy_facility_mwh > 0 ? heat_reused_mwh / energy_facility_mwh : 0.0;
  }
  [[nodiscard]] double carbon_intensity_g_per_kwh() const {
    const double supplied = energy_facility_mwh - unserved_energy_mwh;
    return supplied > 0 ? carbon_t / supplied * 1e3 : 0.0;  // t/MWh = kg/kWh; ×1000 → g/kWh
  }
  void add(const Totals& other);
};

using FleetResult = plan::FleetCount;

struct SiteResult {
  std::string name;
  std::string location;
  std::string country;
  std::string weather_source;
  std::string grid_data;  ///< the grid's price and carbon: measured, a CSV, or synthetic
  std::string tariff;     ///< the network tariff and taxes paid
  std::vector<FleetResult> fleet;
  double design_pue = 0.0;  ///< PUE at full load in the worst hour of the year
  double liquid_share = 0.0;
  Totals totals;
  std::vector<SiteTickRow> rows;
  WorkloadTotals workload;
  ReliabilityTotals reliability;
  std::vector<FailureRecord> failures;
  std::vector<PowerStep> power_steps;
  econ::EconomicsResult economics;
  econ::CarbonResult carbon;
  // The jobs, as the scheduler left them at the end of the horizon.
  std::vector<workload::JobSpec> jobs;
  std::vector<sched::JobState> job_states;
  std::vector<std::string> job_names;
  std::vector<std::string> tenant_names;
};

/// What the federation's router did (docs/models/federation.md); absent without a federation.
struct FederationTotals {
  bool present = false;
  std::string policy;
  std::int64_t jobs_seen = 0;           ///< jobs submitted at a site while the router decides
  std::int64_t jobs_routed = 0;         ///< of those, run at another site than where submitted
  std::int64_t jobs_deferred = 0;       ///< submitted later than they arrived (follow_renewables)
  std::int64_t jobs_migrated = 0;       ///< moved while running, off a site short of supply
  double routed_accelerator_hours = 0;  ///< planned accelerator-hours of routed jobs, at home
  double data_moved_tb = 0;             ///< checkpoints and data sent over the links
  double transfer_cost_eur = 0;
  double transfer_hours = 0;  ///< summed over the routed jobs: time spent in transfer
  double deferral_hours = 0;  ///< summed over the deferred jobs
  std::map<std::string, std::int64_t> sent_by_site, received_by_site;
};

/// The waits, slowdowns and unfinished work of `delays` into `w`, overall and by class.
void set_delays(WorkloadTotals& w, const DelayAccumulator& delays);
struct Results;
/// Workload figures over all sites (utilization weighted by accelerators, waits over all jobs).
void summarise_workloads(Results& results);
/// Reliability figures over all sites (ETTR and MTTF from the summed hours).
void summarise_reliability(Results& results);

struct Results {
  std::string scenario;
  std::uint64_t seed = 0;
  double hours = 0.0;
  double tick_h = 1.0;
  std::string start_date;  ///< ISO date of hour 0
  std::vector<SiteResult> sites;
  Totals total;
  WorkloadTotals workload_total;
  ReliabilityTotals reliability_total;
  econ::EconomicsResult economics_total;
  econ::CarbonResult carbon_total;
  FederationTotals federation;
};

}  // namespace gigasim::sim
