// Preemption: which running jobs to stop, for a higher-priority job or to bring the dynamic
// power within a budget (docs/models/scheduling.md, "Preemption").
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "gigasim/sched/job_table.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::sched {

/// Orders victims: lowest tenant priority first, then the most recently started (least work
/// lost to requeueing), then the higher index.
void order_victims(std::vector<std::uint32_t>& victims, const JobTable& jobs,
                   std::span<const workload::Tenant> tenants);

/// The preemptible jobs of `p` whose tenants rank below `priority`, in victim order, and how
/// many of them must stop for `job` to fit: 0 if stopping them all would not make room.
std::size_t victims_for(const Partition& p, const JobTable& jobs,
                        std::span<const workload::Tenant> tenants, std::uint32_t job,
                        std::vector<std::uint32_t>& victims);

}  // namespace gigasim::sched
