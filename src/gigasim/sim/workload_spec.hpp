// The workload of a site as the scenario describes it (io builds it; docs/scenario.md).
#pragma once

#include <string>
#include <vector>

#include "gigasim/core/errors.hpp"
#include "gigasim/sched/policy.hpp"
#include "gigasim/workload/generator.hpp"
#include "gigasim/workload/inference.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::sim {

/// What the facility does when supply cannot meet the load (docs/models/scheduling.md).
enum class PowerCapMode {
  dvfs,     ///< every running job slows down along the DVFS curve
  preempt,  ///< the lowest-priority jobs are stopped and requeued; new starts wait for power
  off,      ///< nothing: the shortfall is reported as unserved energy
};

struct WorkloadSpec {
  std::vector<workload::Tenant> tenants;
  sched::SchedulerSpec scheduler;
  std::vector<workload::GeneratorSpec> generators;
  std::vector<workload::JobSpec> jobs;  ///< explicit jobs and trace jobs
  std::vector<std::string> job_names;   ///< one per explicit job ("" for trace jobs)
  /// Where each explicit job and generator was written, for errors found once fleets are sized.
  std::vector<core::Diagnostic> job_places;
  std::vector<core::Diagnostic> generator_places;
  std::vector<workload::InferenceService> inference;
  PowerCapMode power_cap = PowerCapMode::dvfs;
};

}  // namespace gigasim::sim
