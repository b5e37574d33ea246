// Jobs and tenants of a site's workload (docs/models/scheduling.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gigasim/core/time.hpp"

namespace gigasim::workload {

enum class JobClass : std::uint8_t { pretraining, finetuning, evaluation, debugging, batch };
std::string_view to_string(JobClass c);
bool job_class_from(std::string_view text, JobClass& out);

struct Tenant {
  std::string name;
  int priority = 1;          ///< larger runs first under the priority policy, may preempt
  double share = 1.0;        ///< target share of accelerator-time under fair share
  bool preemptible = false;  ///< its jobs may be preempted by higher priority
};

/// One job as it arrives. Compact (a million of them per run): names live elsewhere.
struct JobSpec {
  core::Time submit;
  double work_s = 0;       ///< run time at full speed, seconds
  double tokens = 0;       ///< tokens trained when it completes (training classes)
  double model_flops = 0;  ///< model FLOPs when it completes
  std::int64_t accelerators = 0;
  float activity = 0.7F;  ///< share of the accelerators' dynamic power while running
  /// Checkpointing: every period of work ends with a checkpoint write; useful_share is the
  /// part of the period that trains (τ / (τ + C)). 0: no checkpoints, a failure loses all.
  float checkpoint_period_s = 0;
  float useful_share = 1.0F;
  float checkpoint_cost_s = 0;  ///< time to write one checkpoint (0: the job does not checkpoint)
  /// Wall time the user asked for (SWF field 9, a trace's time_limit_s, a generator's
  /// time_limit), per run; 0: none, the scheduler plans with the exact run time.
  float requested_s = 0;
  std::uint16_t tenant = 0;
  std::uint16_t partition = 0;  ///< fleet entry of the site it runs on
  JobClass cls = JobClass::batch;
};

}  // namespace gigasim::workload
