#include "gigasim/plan/workload_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "gigasim/cluster/allocator.hpp"
#include "gigasim/plan/job_costing.hpp"
#include "gigasim/reliability/failure_process.hpp"
#include "gigasim/workload/generator.hpp"

namespace gigasim::plan {
namespace {

// Checkpointing of the jobs that write checkpoints (cost > 0): the interval τ is fixed or
// Young/Daly-optimal for the job's own mean time between interruptions M = 1/(λ·n); the
// job's work grows by the writes, a share C/(τ + C) of it (docs/models/reliability.md).
void plan_checkpoints(const scenario::ReliabilitySpec& r, std::vector<workload::JobSpec>& jobs) {
  const double rate = r.rate_per_accelerator_s();
  for (auto& j : jobs) {
    if (j.checkpoint_cost_s <= 0) continue;
    const double cost = j.checkpoint_cost_s;
    const double mtbf = rate > 0 ? 1.0 / (rate * static_cast<double>(j.accelerators)) : 1e12;
    const double interval = r.checkpoint_auto ? reliability::optimal_checkpoint_interval(cost, mtbf)
                                              : r.checkpoint_interval.in_seconds();
    if (interval <= 0) continue;
    j.checkpoint_period_s = static_cast<float>(interval + cost);
    j.useful_share = static_cast<float>(interval / (interval + cost));
    j.work_s /= j.useful_share;
  }
}

sched::PartitionSetup partition_of(const scenario::SiteSpec& site, std::size_t entry,
                                   std::int64_t systems) {
  const hardware::System& s = site.fleet[entry].system;
  const int domain = std::clamp(s.scale_up_domain, 1, s.accelerators_per_system);
  const double per_acc = (1.0 + site.network_overhead) / s.accelerators_per_system;
  sched::PartitionSetup p;
  p.shape.domain_size = domain;
  p.shape.domains = systems * s.accelerators_per_system / domain;
  p.shape.domains_per_pod = std::max<std::int64_t>(1, site.pod_size / domain);
  p.idle_w_per_accelerator = s.power_idle.value() * per_acc;
  p.dynamic_w_per_accelerator = (s.power_full - s.power_idle).value() * per_acc;
  return p;
}

}  // namespace

WorkloadPlan plan_workload(const scenario::SiteSpec& site, const SiteSizing& sizing,
                           core::Duration horizon, const core::RandomStreams& streams,
                           std::vector<core::Diagnostic>& problems) {
  const scenario::WorkloadSpec& w = *site.workload;
  const scenario::ReliabilitySpec* reliability = site.reliability ? &*site.reliability : nullptr;
  WorkloadPlan out;
  out.tenants = w.tenants;
  out.scheduler = w.scheduler;
  out.power_cap = w.power_cap;
  for (std::size_t i = 0; i < site.fleet.size(); ++i)
    out.partitions.push_back(partition_of(site, i, sizing.fleet[i].systems));
  const auto capacity = [&](std::size_t part) {
    return out.partitions[part].shape.domains * out.partitions[part].shape.domain_size;
  };
  const auto too_large = [&](const scenario::ElementId& id, const workload::JobSpec& j) {
    if (j.accelerators <= capacity(j.partition)) return;
    problems.push_back({id,
                        fmt::format("the job needs {} accelerators but its partition holds {}",
                                    j.accelerators, capacity(j.partition)),
                        {}});
  };

  // Explicit jobs, then trace jobs, then each stream's: the order of equal submission times.
  std::vector<workload::JobSpec> jobs;
  std::vector<std::string> names;
  std::vector<JobSwing> swings;  // by index into `jobs` until they are sorted
  for (const auto& d : w.jobs) {
    const perf::Platform platform = platform_of(site.fleet[d.partition]);
    jobs.push_back(cost_job(d, platform, reliability, problems));
    names.push_back(d.name);
    too_large(d.id, jobs.back());
    if (auto swing = plan_swing(d, platform, site.power_swings, jobs.back())) {
      swing->job = static_cast<std::uint32_t>(jobs.size() - 1);
      swings.push_back(*swing);
    }
  }
  for (const auto& trace : w.traces) {
    for (std::size_t k = 0; k < trace.jobs.size(); ++k) {
      jobs.push_back(trace_job(trace.jobs[k], trace));
      too_large(scenario::index_id(scenario::child_id(trace.id, "jobs"), k), jobs.back());
    }
  }
  names.resize(jobs.size());
  for (std::size_t g = 0; g < w.generators.size(); ++g) {
    const auto& gen = w.generators[g];
    const auto largest =
        *std::max_element(gen.stream.size.values.begin(), gen.stream.size.values.end());
    if (largest > capacity(gen.stream.partition)) {
      problems.push_back({gen.id,
                          fmt::format("job sizes up to {} accelerators exceed the partition's {}",
                                      largest, capacity(gen.stream.partition)),
                          {}});
      continue;
    }
    const workload::JobCosting costing =
        cost_stream(gen, platform_of(site.fleet[gen.stream.partition]), reliability);
    core::RandomStream rng = streams.stream(fmt::format("workload/{}/{}", site.name, g));
    workload::generate_jobs(gen.stream, costing, horizon, rng, jobs);
  }
  names.resize(jobs.size());

  // Stable order by submission: explicit jobs keep their written order among equals.
  std::vector<std::uint32_t> order(jobs.size());
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return jobs[a].submit < jobs[b].submit; });
  out.jobs.reserve(jobs.size());
  out.job_names.reserve(jobs.size());
  std::vector<std::uint32_t> sorted_index(jobs.size());
  for (const auto i : order) {
    sorted_index[i] = static_cast<std::uint32_t>(out.jobs.size());
    out.jobs.push_back(jobs[i]);
    out.job_names.push_back(std::move(names[i]));
  }
  for (JobSwing& swing : swings) swing.job = sorted_index[swing.job];
  for (std::size_t i = 0; i < w.jobs.size(); ++i) {
    if (w.jobs[i].deadline) out.deadlines_h[sorted_index[i]] = w.jobs[i].deadline->in_hours();
  }
  std::sort(swings.begin(), swings.end(),
            [](const JobSwing& a, const JobSwing& b) { return a.job < b.job; });
  out.swings = std::move(swings);
  if (reliability != nullptr) plan_checkpoints(*reliability, out.jobs);

  // Inference pools are reserved first, then spares: check on the partitions' own placement
  // that every pool fits, as the scheduler will place them.
  std::vector<cluster::Allocator> placement;
  for (const auto& p : out.partitions) placement.emplace_back(p.shape);
  for (const auto& d : w.inference) {
    const perf::Platform platform = platform_of(site.fleet[d.partition]);
    InferencePool pool{cost_inference(d, platform, problems), 0.0};
    const std::int64_t accelerators = d.accelerators_per_replica * d.max_replicas;
    if (!placement[d.partition].allocate(accelerators)) {
      problems.push_back({d.id,
                          fmt::format("inference service \"{}\" needs a pool of {} accelerators "
                                      "that site \"{}\" cannot hold",
                                      d.name, accelerators, site.name),
                          {}});
      continue;
    }
    pool.dynamic_w_per_replica = static_cast<double>(d.accelerators_per_replica) *
                                 pool.service.activity *
                                 out.partitions[d.partition].dynamic_w_per_accelerator;
    out.inference.push_back(std::move(pool));
  }
  out.spares.assign(out.partitions.size(), 0);
  if (reliability != nullptr && reliability->spares_per_pod > 0) {
    for (std::size_t p = 0; p < out.partitions.size(); ++p) {
      const auto& shape = out.partitions[p].shape;
      const std::int64_t pods = (shape.domains + shape.domains_per_pod - 1) / shape.domains_per_pod;
      out.spares[p] = static_cast<int>(pods * reliability->spares_per_pod);
    }
  }
  return out;
}

}  // namespace gigasim::plan
