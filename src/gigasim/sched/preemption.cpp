#include "gigasim/sched/preemption.hpp"

#include <algorithm>

namespace gigasim::sched {

void order_victims(std::vector<std::uint32_t>& victims, const JobTable& jobs,
                   std::span<const workload::Tenant> tenants) {
  std::sort(victims.begin(), victims.end(), [&](auto a, auto b) {
    const int pa = tenants[jobs.spec(a).tenant].priority;
    const int pb = tenants[jobs.spec(b).tenant].priority;
    if (pa != pb) return pa < pb;
    if (jobs.state(a).start != jobs.state(b).start)
      return jobs.state(a).start > jobs.state(b).start;
    return a > b;
  });
}

std::size_t victims_for(const Partition& p, const JobTable& jobs,
                        std::span<const workload::Tenant> tenants, std::uint32_t job,
                        std::vector<std::uint32_t>& victims) {
  const int priority = tenants[jobs.spec(job).tenant].priority;
  victims.clear();
  for (const auto& [end, other] : p.running) {
    const auto& t = tenants[jobs.spec(other).tenant];
    if (t.preemptible && t.priority < priority) victims.push_back(other);
  }
  order_victims(victims, jobs, tenants);
  const std::int64_t d = p.alloc.shape().domain_size;
  const std::int64_t acc = jobs.spec(job).accelerators;
  const bool domains = acc > d;
  const std::int64_t need = domains ? (acc + d - 1) / d : acc;
  std::int64_t have = domains ? p.alloc.whole_free_domains() : p.alloc.free_accelerators();
  std::size_t n = 0;
  while (have < need && n < victims.size()) {
    const auto& v = jobs.spec(victims[n]);
    if (!domains) {
      have += p.alloc.footprint(v.accelerators);
    } else if (v.accelerators > d) {
      have += (v.accelerators + d - 1) / d;
    }
    ++n;
  }
  return have < need ? 0 : n;
}

}  // namespace gigasim::sched
