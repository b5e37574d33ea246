// The power swing of each training job on the hardware it runs on, from its step model
// (docs/models/energy.md, "Power swings").
#pragma once

#include <cstdint>
#include <optional>

#include "gigasim/perf/platform.hpp"
#include "gigasim/scenario/power_swing_spec.hpp"
#include "gigasim/scenario/workload_spec.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::plan {

/// A training job's swing between its compute and communication phases, per accelerator.
struct JobSwing {
  std::uint32_t job = 0;     ///< index in WorkloadPlan::jobs
  float swing_w = 0;         ///< compute − communication power, after the power floor
  float band_share = 0;      ///< in-band oscillation per unit of swing (band_oscillation)
  float duty = 0;            ///< compute share of an iteration
  float floor_activity = 0;  ///< share of the dynamic range the floor adds to the job's activity
  float period_s = 0;        ///< the iteration (step) time
};

/// The swing of training run `d` on `platform` under `spec`; raises `job.activity` by what
/// the power floor adds. None for a job without a step model.
std::optional<JobSwing> plan_swing(const scenario::JobDescription& d,
                                   const perf::Platform& platform,
                                   const scenario::PowerSwingSpec& spec, workload::JobSpec& job);

}  // namespace gigasim::plan
