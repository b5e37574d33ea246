#include "gigasim/sched/backfill.hpp"

#include <iterator>
#include <limits>

namespace gigasim::sched {

Reservation reserve_for(Partition& p, const JobTable& jobs, std::uint32_t job) {
  const std::int64_t d = p.alloc.shape().domain_size;
  const std::int64_t acc = jobs.spec(job).accelerators;
  Reservation r;
  const std::int64_t need = acc > d ? (acc + d - 1) / d : 1;
  std::int64_t have = p.alloc.whole_free_domains();
  r.shadow = core::Time::from_ms(std::numeric_limits<std::int64_t>::max() / 2);
  if (p.replay_free.empty()) {
    p.replay_free.assign(static_cast<std::size_t>(p.alloc.shape().domains), 0);
    p.replay_stamp.assign(static_cast<std::size_t>(p.alloc.shape().domains), 0);
  }
  ++p.stamp;
  const auto release = [&](std::uint32_t other) {
    const std::int64_t acc_other = jobs.spec(other).accelerators;
    if (acc_other > d) {
      have += p.alloc.footprint(acc_other) / d;  // whole domains come back whole
      return;
    }
    for (const auto& piece : p.alloc.pieces(jobs.state(other).allocation)) {  // one shared domain
      if (p.replay_stamp[piece.domain] != p.stamp) {
        p.replay_stamp[piece.domain] = p.stamp;
        p.replay_free[piece.domain] = p.alloc.domain_free(piece.domain);
      }
      p.replay_free[piece.domain] += piece.count;
      if (p.replay_free[piece.domain] == d) ++have;
    }
  };
  for (auto it = p.planned.begin(); it != p.planned.end(); ++it) {
    release(it->second);
    if (have >= need) {
      // Every job ending at that same instant frees its accelerators then too: what the
      // reserved job will not need includes theirs.
      for (auto same = std::next(it); same != p.planned.end() && same->first == it->first; ++same)
        release(same->second);
      r.shadow = it->first;
      r.extra = have - need;
      return r;
    }
  }
  r.extra = 0;  // it cannot be promised a start: nothing may run past "never"
  return r;
}

bool may_backfill(const Partition& p, const JobTable& jobs, std::uint32_t job, core::Time now,
                  double speed, bool requested, Reservation& r) {
  const workload::JobSpec& j = jobs.spec(job);
  const double run_s =
      requested && j.requested_s > 0 ? j.requested_s : jobs.state(job).remaining_s / speed;
  if (after(now, run_s) <= r.shadow) return true;  // done before the reservation
  const std::int64_t d = p.alloc.shape().domain_size;
  // Otherwise only on capacity the reserved job will not need.
  const std::int64_t cost = j.accelerators > d ? (j.accelerators + d - 1) / d : 1;
  if (cost > r.extra) return false;
  r.extra -= cost;
  return true;
}

}  // namespace gigasim::sched
