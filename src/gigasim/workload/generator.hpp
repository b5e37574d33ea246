// Synthetic job streams: per class, Poisson arrivals with a daily cycle, a discrete size
// distribution and a truncated log-normal run time (defaults in data/workload.yaml, from
// published characterisations of GPU clusters; docs/models/scheduling.md). Run times above
// the maximum are set to it (capped, not redrawn).
#pragma once

#include <vector>

#include "gigasim/core/rng.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::workload {

struct SizeDistribution {
  std::vector<std::int64_t> values;
  std::vector<double> weights;  ///< normalised on use
};

struct GeneratorSpec {
  JobClass cls = JobClass::batch;
  double jobs_per_day = 0;
  double diurnal_amplitude = 0;  ///< rate(t) = mean · (1 + a·cos(2π(h − 14)/24))
  SizeDistribution size;
  double duration_median_s = 3600;
  double duration_sigma = 1.0;
  double duration_max_s = 7 * 86400.0;
  float activity = 0.7F;
  /// Requested time limits (docs/models/scheduling.md#requested-time-limits): none when
  /// time_limit_max_s is 0; else a share asks for the maximum, the rest round their run time
  /// up to the next value users pick (kPopularLimitsS).
  double time_limit_max_s = 0;
  double time_limit_max_share = 0;
  std::vector<std::uint16_t> tenants;  ///< drawn uniformly, weighted by tenant_weights
  std::vector<double> tenant_weights;
  std::uint16_t partition = 0;
};

/// What a stream's jobs are worth and cost on the hardware they run on (plan::prepare
/// derives it from the stream's model and the site's reliability).
struct JobCosting {
  double tokens_per_accelerator_s = 0;  ///< training throughput for token accounting
  double flops_per_token = 0;
  float checkpoint_cost_s = 0;  ///< training classes: time to write a checkpoint
};

/// The limit a user of the modal model asks for a run of `run_s`: the smallest popular value
/// at or above it, at most `max_s` (a run longer than the maximum asks for the maximum).
double requested_limit_s(double run_s, double max_s);

/// Appends the jobs of one stream over [0, horizon) to `out` (not sorted across streams).
/// Arrivals are a non-homogeneous Poisson process drawn by thinning (Lewis & Shedler 1979).
void generate_jobs(const GeneratorSpec& spec, const JobCosting& costing, core::Duration horizon,
                   core::RandomStream& rng, std::vector<JobSpec>& out);

}  // namespace gigasim::workload
