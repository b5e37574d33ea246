#include "gigasim/workload/generator.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace gigasim::workload {
namespace {

// The round wall-time limits users ask for: 15 and 30 min, then 1, 2, 4, 8, 12, 24, 48 and
// 72 h, then 7 days. An assumption shaped on Tsafrir, Etsion & Feitelson (2005), "Modeling
// user runtime estimates" (JSSPP, LNCS 3834): in the Parallel Workloads Archive's logs about
// 20 values cover 90 % of the jobs, round hours and the queue's maximum the most popular.
constexpr double kPopularLimitsS[] = {900,   1800,  3600,   7200,   14400, 28800,
                                      43200, 86400, 172800, 259200, 604800};

}  // namespace

double requested_limit_s(double run_s, double max_s) {
  for (const double v : kPopularLimitsS) {
    if (v >= max_s) break;
    if (v >= run_s) return v;
  }
  return max_s;
}

void generate_jobs(const GeneratorSpec& spec, const JobCosting& costing, core::Duration horizon,
                   core::RandomStream& rng, std::vector<JobSpec>& out) {
  if (spec.jobs_per_day <= 0 || spec.size.values.empty()) return;
  const double mean_rate = spec.jobs_per_day / 86400.0;  // per second
  const double max_rate = mean_rate * (1.0 + std::fabs(spec.diurnal_amplitude));
  const double size_total =
      std::accumulate(spec.size.weights.begin(), spec.size.weights.end(), 0.0);
  const double tenant_total =
      std::accumulate(spec.tenant_weights.begin(), spec.tenant_weights.end(), 0.0);
  const double end_s = horizon.in_seconds();
  const double mu = std::log(spec.duration_median_s);
  double t = 0;
  while (true) {
    t += rng.exponential(max_rate);
    if (t >= end_s) break;
    const double hour = std::fmod(t / 3600.0, 24.0);
    const double rate =
        mean_rate *
        (1.0 + spec.diurnal_amplitude * std::cos(2.0 * std::numbers::pi * (hour - 14.0) / 24.0));
    if (rng.uniform() * max_rate > rate) continue;  // thinning
    JobSpec j;
    j.submit = core::Time::from_ms(static_cast<std::int64_t>(t * 1000.0));
    j.cls = spec.cls;
    j.partition = spec.partition;
    j.accelerators = spec.size.values[core::draw_weighted(spec.size.weights, size_total, rng)];
    j.work_s = std::min(spec.duration_max_s, std::exp(rng.normal(mu, spec.duration_sigma)));
    j.activity = spec.activity;
    j.tenant = spec.tenants.empty()
                   ? 0
                   : spec.tenants[core::draw_weighted(spec.tenant_weights, tenant_total, rng)];
    j.tokens = costing.tokens_per_accelerator_s * static_cast<double>(j.accelerators) * j.work_s;
    j.model_flops = j.tokens * costing.flops_per_token;
    j.checkpoint_cost_s = costing.checkpoint_cost_s;
    if (spec.time_limit_max_s > 0) {
      j.requested_s = static_cast<float>(rng.uniform() < spec.time_limit_max_share
                                             ? spec.time_limit_max_s
                                             : requested_limit_s(j.work_s, spec.time_limit_max_s));
    }
    out.push_back(j);
  }
}

}  // namespace gigasim::workload
