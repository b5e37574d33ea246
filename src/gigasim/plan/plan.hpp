// The "prepare" stage (docs/architecture.md): everything derived from a scenario before the
// event loop runs, computed in one place: the weather year, fleet counts sized to the power
// envelope, supply profiles, each job's step time, power and tokens on the hardware it runs
// on (through the performance model), checkpoint plans and the generated job streams.
// Prepare may be called again after any change to a scenario (a study variant, an edit from
// Python, a job routed to another site): a Plan holds no state of a run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gigasim/climate/weather.hpp"
#include "gigasim/core/rng.hpp"
#include "gigasim/energy/source.hpp"
#include "gigasim/facility/facility.hpp"
#include "gigasim/plan/demand_response_plan.hpp"
#include "gigasim/plan/power_swing_plan.hpp"
#include "gigasim/plan/run_size.hpp"
#include "gigasim/scenario/scenario.hpp"
#include "gigasim/sched/site_scheduler.hpp"
#include "gigasim/workload/inference.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::plan {

/// One fleet entry once sized.
struct FleetCount {
  std::string system;
  std::string accelerator;
  std::int64_t systems = 0;
  std::int64_t accelerators = 0;
  bool sized_automatically = false;
};

/// A site's weather, fleet and facility at full load: what `gigasim size` prints.
struct SiteSizing {
  climate::WeatherYear weather;
  int weather_offset_h = 0;  ///< hour of the weather year at hour 0 of the run
  double liquid_share = 0;   ///< share of IT heat into the liquid loop (fleet or override)
  std::vector<FleetCount> fleet;
  double idle_it_w = 0;     ///< IT power of the whole fleet idle (network overhead included)
  double dynamic_it_w = 0;  ///< added IT power from idle to full load
  double rated_it_w = 0;    ///< IT power at full load: sizes the power chain
  double design_pue = 0;    ///< PUE at full load in the worst hour of the weather year
};

/// An inference service with what one replica costs and serves on its partition.
struct InferencePool {
  workload::InferenceService service;
  double dynamic_w_per_replica = 0;
};

/// The workload of a site, ready for the scheduler.
struct WorkloadPlan {
  std::vector<sched::PartitionSetup> partitions;  ///< one per fleet entry
  std::vector<workload::Tenant> tenants;
  sched::SchedulerSpec scheduler;
  scenario::PowerCapMode power_cap = scenario::PowerCapMode::dvfs;
  std::vector<workload::JobSpec> jobs;          ///< every job of the run, in submission order
  std::vector<std::string> job_names;           ///< by job, "" for generated and trace jobs
  std::map<std::uint32_t, double> deadlines_h;  ///< by job, for the explicit jobs with one
  std::vector<InferencePool> inference;         ///< reserved before any batch job, in this order
  std::vector<int> spares;                      ///< hot spare domains per partition
  std::vector<JobSwing> swings;                 ///< training jobs with a step model, by job index
};

struct SitePlan {
  const scenario::SiteSpec* spec = nullptr;
  SiteSizing sizing;
  std::vector<energy::SourceProfile> profiles;  ///< by source, as in spec->supply
  std::optional<WorkloadPlan> workload;
  std::optional<DemandResponsePlan> demand_response;
};

struct Plan {
  const scenario::Scenario* scenario = nullptr;  ///< must outlive the plan
  std::uint64_t seed = 0;
  std::size_t hours = 0;  ///< whole hours covering the horizon
  RunSize size;           ///< what the run is expected to hold (jobs, events, rows, bytes)
  std::vector<SitePlan> sites;
};

/// Prepares every site of `scenario` for a run with `seed`. Throws core::InputError with every
/// problem found (a job larger than its partition, a layout that does not fit in memory, an
/// inference pool the site cannot hold...), each naming its element by id, with no place:
/// io::SourceMap::locate adds the places. A run larger than `limits` (estimated once the
/// fleets are sized, before any job is generated) is refused the same way, naming the key
/// that contributes most.
Plan prepare(const scenario::Scenario& scenario, std::uint64_t seed, const Limits& limits = {});

/// Weather, fleet counts (`auto` entries sized to the envelope) and design PUE of one site
/// (streams "weather/<site>").
SiteSizing size_site(const scenario::SiteSpec& site, const scenario::Scenario& scenario,
                     const core::RandomStreams& streams);

}  // namespace gigasim::plan
