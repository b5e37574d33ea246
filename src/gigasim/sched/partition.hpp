// One partition of a site's scheduler: a fleet entry's accelerators, its queue and its
// running jobs (internal to sched; the scheduler, backfilling and preemption share it).
#pragma once

#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "gigasim/cluster/allocator.hpp"
#include "gigasim/core/time.hpp"
#include "gigasim/sched/job_queue.hpp"

namespace gigasim::sched {

struct PartitionSetup {
  cluster::PartitionShape shape;
  double idle_w_per_accelerator = 0;     ///< share of system idle power, network overhead included
  double dynamic_w_per_accelerator = 0;  ///< share of (full − idle) system power
};

struct Partition {
  Partition(const PartitionSetup& setup, std::size_t tenants)
      : alloc(setup.shape),
        idle_w(setup.idle_w_per_accelerator),
        dynamic_w(setup.dynamic_w_per_accelerator),
        queue(tenants) {}
  cluster::Allocator alloc;
  double idle_w;
  double dynamic_w;
  JobQueue queue;                                          ///< the waiting jobs, in policy order
  std::set<std::pair<core::Time, std::uint32_t>> running;  ///< by expected end
  /// By the end the scheduler believes: start + requested limit, or the expected end for a
  /// job without one (EASY's reservations are made on these).
  std::set<std::pair<core::Time, std::uint32_t>> planned;
  // Scratch of EASY's reservation: free accelerators per domain, valid where stamp matches.
  std::vector<int> replay_free;
  std::vector<std::uint32_t> replay_stamp;
  std::uint32_t stamp = 0;
  std::vector<cluster::AllocationId> spares;  ///< single-domain placements held idle
  int spare_target = 0;
};

}  // namespace gigasim::sched
