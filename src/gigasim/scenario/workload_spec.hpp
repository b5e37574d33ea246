// The workload of a site as the scenario describes it: tenants, scheduler, job streams,
// explicit jobs, traces and inference services (docs/scenario.md, "workload"). What each job
// costs on the hardware it runs on is derived by plan::prepare, never stored here.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gigasim/core/time.hpp"
#include "gigasim/perf/layout.hpp"
#include "gigasim/perf/model.hpp"
#include "gigasim/perf/serving.hpp"
#include "gigasim/scenario/element_id.hpp"
#include "gigasim/sched/policy.hpp"
#include "gigasim/workload/generator.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::scenario {

/// What the facility does when supply cannot meet the load (docs/models/scheduling.md).
enum class PowerCapMode {
  dvfs,     ///< every running job slows down along the DVFS curve
  preempt,  ///< the lowest-priority jobs are stopped and requeued; new starts wait for power
  off,      ///< nothing: the shortfall is reported as unserved energy
};

/// A training run costed by the performance model: `tokens` of `model` with `layout`.
struct TrainingRun {
  perf::TransformerModel model;
  perf::Layout layout;
  double tokens = 0;
};

/// One job written in the scenario: a training run, or a fixed size and duration.
struct JobDescription {
  ElementId id;
  std::string name;
  workload::JobClass cls = workload::JobClass::batch;
  std::uint16_t tenant = 0;
  std::uint16_t partition = 0;  ///< fleet entry it runs on
  core::Duration submit;
  std::optional<TrainingRun> training;
  std::int64_t accelerators = 0;  ///< without `training`
  core::Duration duration;        ///< without `training`: run time at full speed
  float activity = 0.7F;          ///< without `training`: dynamic power share while running
  std::optional<core::Duration> deadline;  ///< from the start of the run: done by then, or missed
};

/// One job of a trace file (SWF or CSV), tenant and class resolved.
struct TraceJob {
  double submit_s = 0;
  double run_s = 0;
  double requested_s = 0;  ///< the user's time limit; 0: none
  std::int64_t accelerators = 0;
  std::uint16_t tenant = 0;
  workload::JobClass cls = workload::JobClass::batch;
};

/// A trace: its jobs are elements "<id>.jobs[k]" (io knows their lines in the file).
struct TraceSpec {
  ElementId id;
  std::vector<TraceJob> jobs;
  std::uint16_t partition = 0;
  float activity = 0.7F;
};

/// A stream of generated jobs; with a model, its tokens and FLOPs are accounted.
struct GeneratorDescription {
  ElementId id;
  workload::GeneratorSpec stream;
  std::optional<perf::TransformerModel> model;
};

/// An inference service: a reserved pool of replicas serving a daily demand curve. The
/// defaults of `daily_shape`, `requests` and `latency` come from data/defaults.yaml through
/// the catalog (io::Defaults::inference); the initializers here are neutral.
struct InferenceDescription {
  ElementId id;
  std::string name;
  std::uint16_t tenant = 0;
  std::uint16_t partition = 0;
  std::int64_t accelerators_per_replica = 8;
  int min_replicas = 1;
  int max_replicas = 1;
  double peak_tokens_per_s = 0;
  std::array<double, 24> daily_shape{};  ///< share of the peak for each hour of the day
  /// Dynamic power share of an active replica; absent: the serving model's.
  std::optional<float> activity;
  perf::TransformerModel model;
  /// Requests, latency targets, precision, kv_cache, max_batch, disaggregated,
  /// expert_parallel, cuda_graphs, speculative; `tp` is the replica's accelerators, set when
  /// the service is costed.
  perf::ServeSetup serve;
  bool precision_given = false;  ///< absent: FP8 where the accelerator has it, else BF16
};

struct WorkloadSpec {
  std::vector<workload::Tenant> tenants;
  sched::SchedulerSpec scheduler;
  PowerCapMode power_cap = PowerCapMode::dvfs;
  std::vector<GeneratorDescription> generators;
  std::vector<JobDescription> jobs;
  std::vector<TraceSpec> traces;
  std::vector<InferenceDescription> inference;
};

}  // namespace gigasim::scenario
