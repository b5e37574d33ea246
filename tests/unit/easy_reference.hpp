// An independent EASY backfilling simulator for the tests, written from the textbook
// definition (Lifka 1995; Mu'alem & Feitelson 2001, §2) and nothing of gigasim's code: one
// machine of `processors` interchangeable processors, FCFS order, exact run times. At each
// instant every job that ends and every job that arrives is taken into account, then one
// scheduling pass runs. The head of the queue gets a reservation at the earliest end time at
// which enough processors are free; the processors free then beyond its need, counting every
// job ending at that very time, are the "extra" nodes. A later job may start now if it ends by
// the reservation or needs no more than the extra nodes left.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <vector>

namespace gigasim::testing {

struct ReferenceJob {
  std::int64_t submit_ms = 0;
  std::int64_t run_ms = 0;
  std::int64_t processors = 0;
};

/// Start times (ms) of `jobs` (sorted by submission), with or without backfilling.
inline std::vector<std::int64_t> easy_reference(const std::vector<ReferenceJob>& jobs,
                                                std::int64_t processors, bool backfill) {
  constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();
  std::vector<std::int64_t> start(jobs.size(), -1);
  std::multimap<std::int64_t, std::size_t> running;  // end → job
  std::vector<std::size_t> queue;                    // FCFS: submission, then index
  std::int64_t free = processors;
  std::size_t next = 0;
  while (next < jobs.size() || !running.empty()) {
    const std::int64_t t_arrival = next < jobs.size() ? jobs[next].submit_ms : kNever;
    const std::int64_t t_end = running.empty() ? kNever : running.begin()->first;
    const std::int64_t now = std::min(t_arrival, t_end);
    while (!running.empty() && running.begin()->first == now) {
      free += jobs[running.begin()->second].processors;
      running.erase(running.begin());
    }
    while (next < jobs.size() && jobs[next].submit_ms == now) queue.push_back(next++);
    const auto launch = [&](std::size_t j) {
      start[j] = now;
      free -= jobs[j].processors;
      running.emplace(now + jobs[j].run_ms, j);
    };
    // FCFS: start from the head while it fits.
    std::size_t head = 0;
    while (head < queue.size() && jobs[queue[head]].processors <= free) launch(queue[head++]);
    queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(head));
    if (queue.empty() || !backfill) continue;
    // The head's reservation: walk the ends, taking every job that ends at one time together.
    const std::int64_t need = jobs[queue.front()].processors;
    std::int64_t shadow = kNever, extra = 0, available = free;
    for (auto it = running.begin(); it != running.end();) {
      const std::int64_t t = it->first;
      for (; it != running.end() && it->first == t; ++it) available += jobs[it->second].processors;
      if (available >= need) {
        shadow = t;
        extra = available - need;
        break;
      }
    }
    std::vector<std::size_t> left = {queue.front()};
    for (std::size_t k = 1; k < queue.size(); ++k) {
      const std::size_t j = queue[k];
      const bool fits = jobs[j].processors <= free;
      const bool before_shadow = shadow != kNever && now + jobs[j].run_ms <= shadow;
      if (fits && before_shadow) {
        launch(j);
      } else if (fits && jobs[j].processors <= extra) {
        extra -= jobs[j].processors;
        launch(j);
      } else {
        left.push_back(j);
      }
    }
    queue = std::move(left);
  }
  return start;
}

}  // namespace gigasim::testing
