#include "gigasim/sched/site_scheduler.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "gigasim/core/errors.hpp"

namespace gigasim::sched {
namespace {
// Placement tags that are not job indices.
constexpr std::uint32_t kSpareTag = 0xffffffffU;  // a hot spare
constexpr std::uint32_t kPoolTag = 0xfffffffeU;   // an inference pool

core::Time after(core::Time now, double seconds) {
  return now + core::Duration::milliseconds(static_cast<std::int64_t>(std::ceil(seconds * 1000.0)));
}
}  // namespace

SiteScheduler::SiteScheduler(std::vector<PartitionSetup> partitions,
                             std::vector<workload::Tenant> tenants, SchedulerSpec spec,
                             std::vector<workload::JobSpec> jobs)
    : tenants_(std::move(tenants)),
      spec_(spec),
      policy_(make_policy(spec.policy)),
      jobs_(std::move(jobs)) {
  for (const auto& p : partitions) {
    parts_.emplace_back(p);
    total_ += parts_.back().alloc.capacity();
    idle_w_ += static_cast<double>(parts_.back().alloc.capacity()) * p.idle_w_per_accelerator;
  }
  if (tenants_.empty()) tenants_.push_back(workload::Tenant{"default", 1, 1.0, false});
  states_.resize(jobs_.size());
  for (std::size_t j = 0; j < jobs_.size(); ++j) states_[j].remaining_s = jobs_[j].work_s;
  usage_.assign(tenants_.size(), 0.0);
  usage_rate_.assign(tenants_.size(), 0.0);
}

bool SiteScheduler::reserve(std::size_t partition, std::int64_t accelerators) {
  if (!parts_[partition].alloc.allocate(accelerators, kPoolTag)) return false;
  busy_ += parts_[partition].alloc.footprint(accelerators);
  return true;
}

void SiteScheduler::submit(std::uint32_t job, core::Time now) {
  states_[job].status = JobStatus::waiting;
  states_[job].last_update = now;
  parts_[jobs_[job].partition].queue.push_back(job);
  ++waiting_;
}

void SiteScheduler::refresh_usage(core::Time now) {
  const double dt = (now - usage_time_).in_seconds();
  for (std::size_t t = 0; t < usage_.size(); ++t) usage_[t] += usage_rate_[t] * dt;
  usage_time_ = now;
}

void SiteScheduler::progress(std::uint32_t job, core::Time now) {
  JobState& s = states_[job];
  const workload::JobSpec& j = jobs_[job];
  const Partition& p = parts_[j.partition];
  const double dt = (now - s.last_update).in_seconds();
  // A restart takes wall time, whatever the power cap; its accelerators idle meanwhile.
  const double overhead = std::min(dt, s.overhead_s);
  const double working = dt - overhead;
  const double work = working * speed_;
  s.overhead_s -= overhead;
  s.run_useful_s += work;
  s.remaining_s = std::max(0.0, s.remaining_s - overhead - work);
  const double acc = static_cast<double>(j.accelerators);
  s.energy_j += acc * p.idle_w * dt + acc * j.activity * p.dynamic_w * cap_ * working;
  s.last_update = now;
}

core::Time SiteScheduler::expected_end(const JobState& s, core::Time now) const {
  return after(now, s.overhead_s + (s.remaining_s - s.overhead_s) / speed_);
}

void SiteScheduler::start(std::uint32_t job, core::Time now, std::vector<EndEvent>& started) {
  const workload::JobSpec& j = jobs_[job];
  Partition& p = parts_[j.partition];
  const auto id = p.alloc.allocate(j.accelerators, job);
  core::ensure(id.has_value(), "scheduler: start without room");
  refresh_usage(now);
  JobState& s = states_[job];
  s.allocation = *id;
  s.status = JobStatus::running;
  s.start = now;
  if (s.first_start.ms() < 0) s.first_start = now;
  s.last_update = now;
  s.end = expected_end(s, now);
  ++s.version;
  p.running.emplace(s.end, job);
  s.powered = s.overhead_s <= 0;
  if (s.powered) {
    dynamic_w_ += static_cast<double>(j.accelerators) * j.activity * p.dynamic_w;
  } else {
    started.push_back({job, s.version, after(now, s.overhead_s), true});
  }
  busy_ += p.alloc.footprint(j.accelerators);
  usage_rate_[j.tenant] += static_cast<double>(j.accelerators);
  --waiting_;
  ++running_count_;
  started.push_back({job, s.version, s.end});
}

void SiteScheduler::stop(std::uint32_t job, core::Time now) {
  const workload::JobSpec& j = jobs_[job];
  Partition& p = parts_[j.partition];
  JobState& s = states_[job];
  progress(job, now);
  refresh_usage(now);
  p.running.erase({s.end, job});
  p.alloc.release(s.allocation);
  if (s.powered) dynamic_w_ -= static_cast<double>(j.accelerators) * j.activity * p.dynamic_w;
  s.powered = false;
  busy_ -= p.alloc.footprint(j.accelerators);
  usage_rate_[j.tenant] -= static_cast<double>(j.accelerators);
  --running_count_;
}

bool SiteScheduler::resume(std::uint32_t job, std::uint32_t version) {
  JobState& s = states_[job];
  if (s.status != JobStatus::running || s.version != version || s.powered) return false;
  s.powered = true;
  const workload::JobSpec& j = jobs_[job];
  dynamic_w_ += static_cast<double>(j.accelerators) * j.activity * parts_[j.partition].dynamic_w;
  return true;
}

bool SiteScheduler::complete(std::uint32_t job, std::uint32_t version, core::Time now) {
  JobState& s = states_[job];
  if (s.status != JobStatus::running || s.version != version) return false;
  stop(job, now);
  s.remaining_s = 0;
  s.end = now;
  s.status = JobStatus::done;
  return true;
}

SiteScheduler::Reservation SiteScheduler::reserve_for(Partition& p, std::uint32_t job) {
  // When could the job start if nothing else started? Replay the running jobs' releases in
  // the order of their expected ends, domain by domain, until enough domains are whole: a job
  // spanning domains needs whole domains, and a small job is promised a whole domain (it may
  // start earlier in a shared one). Counting exactly makes the promise hold: a later pass can
  // only find the same start or an earlier one.
  const std::int64_t d = p.alloc.shape().domain_size;
  const std::int64_t acc = jobs_[job].accelerators;
  Reservation r;
  const std::int64_t need = acc > d ? (acc + d - 1) / d : 1;
  std::int64_t have = p.alloc.whole_free_domains();
  r.shadow = core::Time::from_ms(std::numeric_limits<std::int64_t>::max() / 2);
  if (p.replay_free.empty()) {
    p.replay_free.assign(static_cast<std::size_t>(p.alloc.shape().domains), 0);
    p.replay_stamp.assign(static_cast<std::size_t>(p.alloc.shape().domains), 0);
  }
  ++p.stamp;
  for (const auto& [end, other] : p.running) {
    const std::int64_t acc_other = jobs_[other].accelerators;
    if (acc_other > d) {
      have += p.alloc.footprint(acc_other) / d;  // whole domains come back whole
    } else {
      for (const auto& piece : p.alloc.pieces(states_[other].allocation)) {  // one shared domain
        if (p.replay_stamp[piece.domain] != p.stamp) {
          p.replay_stamp[piece.domain] = p.stamp;
          p.replay_free[piece.domain] = p.alloc.domain_free(piece.domain);
        }
        p.replay_free[piece.domain] += piece.count;
        if (p.replay_free[piece.domain] == d) ++have;
      }
    }
    if (have >= need) {
      r.shadow = end;
      r.extra = have - need;
      return r;
    }
  }
  r.extra = 0;  // it cannot be promised a start: nothing may run past "never"
  return r;
}

bool SiteScheduler::may_backfill(const Partition& p, std::uint32_t job, core::Time now,
                                 Reservation& r) const {
  const workload::JobSpec& j = jobs_[job];
  if (after(now, states_[job].remaining_s / speed_) <= r.shadow)
    return true;  // done before the reservation
  const std::int64_t d = p.alloc.shape().domain_size;
  // Otherwise only on capacity the reserved job will not need.
  const std::int64_t cost = j.accelerators > d ? (j.accelerators + d - 1) / d : 1;
  if (cost > r.extra) return false;
  r.extra -= cost;
  return true;
}

bool SiteScheduler::try_preempt(std::size_t partition, std::uint32_t job, core::Time now) {
  Partition& p = parts_[partition];
  const int priority = tenants_[jobs_[job].tenant].priority;
  scratch_.clear();
  for (const auto& [end, other] : p.running) {
    const auto& t = tenants_[jobs_[other].tenant];
    if (t.preemptible && t.priority < priority) scratch_.push_back(other);
  }
  // Lowest priority first, then the most recently started (least work lost to requeueing).
  std::sort(scratch_.begin(), scratch_.end(), [&](auto a, auto b) {
    const int pa = tenants_[jobs_[a].tenant].priority, pb = tenants_[jobs_[b].tenant].priority;
    if (pa != pb) return pa < pb;
    if (states_[a].start != states_[b].start) return states_[a].start > states_[b].start;
    return a > b;
  });
  const std::int64_t d = p.alloc.shape().domain_size;
  const bool domains = jobs_[job].accelerators > d;
  const std::int64_t need =
      domains ? (jobs_[job].accelerators + d - 1) / d : jobs_[job].accelerators;
  std::int64_t have = domains ? p.alloc.whole_free_domains() : p.alloc.free_accelerators();
  std::size_t victims = 0;
  while (have < need && victims < scratch_.size()) {
    const auto& v = jobs_[scratch_[victims]];
    if (!domains) {
      have += p.alloc.footprint(v.accelerators);
    } else if (v.accelerators > d) {
      have += (v.accelerators + d - 1) / d;
    }
    ++victims;
  }
  if (have < need) return false;
  for (std::size_t i = 0; i < victims; ++i) {
    const std::uint32_t v = scratch_[i];
    stop(v, now);
    JobState& s = states_[v];
    s.status = JobStatus::waiting;
    ++s.version;  // its end event is now stale
    ++s.preemptions;
    ++preemptions_;
    p.queue.push_back(v);
    ++waiting_;
  }
  return p.alloc.fits(jobs_[job].accelerators);
}

void SiteScheduler::schedule(core::Time now, std::vector<EndEvent>& started) {
  refresh_usage(now);
  const QueueView view{jobs_, tenants_, usage_};
  for (std::size_t pi = 0; pi < parts_.size(); ++pi) {
    Partition& p = parts_[pi];
    if (p.queue.empty()) continue;
    // The queue stays ordered between passes (starting jobs keeps the order of the rest), so
    // only the jobs that joined since are sorted and merged in: O(q + k log k). Fair share's
    // order drifts with usage and is sorted whole.
    const auto before = [&](std::uint32_t a, std::uint32_t b) {
      return policy_->before(a, b, view);
    };
    if (policy_->order_drifts()) {
      std::sort(p.queue.begin(), p.queue.end(), before);
    } else if (p.sorted < p.queue.size()) {
      const auto middle = p.queue.begin() + static_cast<std::ptrdiff_t>(p.sorted);
      std::sort(middle, p.queue.end(), before);
      std::inplace_merge(p.queue.begin(), middle, p.queue.end(), before);
    }
    bool reserved = false;
    Reservation r;
    int examined = 0;
    std::size_t keep = 0;
    const std::size_t ordered = p.queue.size();  // jobs a preemption requeues join after these
    std::size_t unordered_kept = 0;
    const auto keep_at = [&](std::size_t index) {
      if (index >= ordered) ++unordered_kept;
      p.queue[keep++] = p.queue[index];
    };
    for (std::size_t i = 0; i < p.queue.size(); ++i) {
      const std::uint32_t job = p.queue[i];
      if (states_[job].status != JobStatus::waiting) continue;  // started by a preemption pass
      bool run = false;
      if (reserved && examined++ >= spec_.backfill_depth) {
        keep_at(i);
        continue;
      }
      const double job_dynamic =
          static_cast<double>(jobs_[job].accelerators) * jobs_[job].activity * p.dynamic_w;
      const bool within_power = dynamic_w_ + job_dynamic <= dynamic_budget_w_;
      if (p.alloc.fits(jobs_[job].accelerators) && within_power) {
        run = !reserved || may_backfill(p, job, now, r);
      } else if (!reserved) {
        // Preemption frees accelerators, never power: a job held back by the power budget waits.
        if (within_power && spec_.preemption && try_preempt(pi, job, now)) {
          run = true;
        } else if (spec_.backfill) {
          reserved = true;
          r = reserve_for(p, job);
          if (record_reservations_) reservations_.emplace_back(job, r.shadow);
        } else {
          // Strict order: nothing behind the first job that does not fit may start.
          for (std::size_t k = i; k < p.queue.size(); ++k) {
            if (states_[p.queue[k]].status == JobStatus::waiting) keep_at(k);
          }
          break;
        }
      }
      if (run) {
        start(job, now, started);
      } else {
        keep_at(i);
      }
    }
    p.queue.resize(keep);
    p.sorted = keep - unordered_kept;
  }
}

void SiteScheduler::limit_power(double dynamic_budget_w, core::Time now) {
  dynamic_budget_w_ = dynamic_budget_w;
  if (dynamic_w_ <= dynamic_budget_w) return;
  scratch_.clear();
  for (const auto& p : parts_) {
    for (const auto& [end, job] : p.running) scratch_.push_back(job);
  }
  std::sort(scratch_.begin(), scratch_.end(), [&](auto a, auto b) {
    const int pa = tenants_[jobs_[a].tenant].priority, pb = tenants_[jobs_[b].tenant].priority;
    if (pa != pb) return pa < pb;
    if (states_[a].start != states_[b].start) return states_[a].start > states_[b].start;
    return a > b;
  });
  for (const std::uint32_t job : scratch_) {
    if (dynamic_w_ <= dynamic_budget_w) break;
    stop(job, now);
    JobState& s = states_[job];
    s.status = JobStatus::waiting;
    ++s.version;
    ++s.preemptions;
    ++preemptions_;
    parts_[jobs_[job].partition].queue.push_back(job);
    ++waiting_;
  }
}

void SiteScheduler::finish(core::Time now) {
  for (const auto& p : parts_) {
    for (const auto& [end, job] : p.running) progress(job, now);
  }
}

void SiteScheduler::reserve_spares(std::size_t partition, int domains) {
  Partition& p = parts_[partition];
  p.spare_target = domains;
  for (int i = 0; i < domains; ++i) {
    const auto id = p.alloc.allocate(p.alloc.shape().domain_size, kSpareTag);
    if (!id) break;
    p.spares.push_back(*id);
  }
}

void SiteScheduler::interrupt_domain(std::size_t partition, std::uint32_t domain, core::Time now,
                                     double restart_s, bool planned,
                                     std::vector<Interruption>& out) {
  Partition& p = parts_[partition];
  scratch_.assign(p.alloc.holders(domain).begin(), p.alloc.holders(domain).end());
  for (const std::uint32_t id : scratch_) {
    const std::uint32_t job = p.alloc.tag(id);
    // Spares hold no work; an inference pool absorbs the loss of a replica (not modelled).
    if (job == kSpareTag || job == kPoolTag) continue;
    stop(job, now);
    JobState& s = states_[job];
    const workload::JobSpec& j = jobs_[job];
    // Work since the last checkpoint is lost; without checkpoints, everything done so far.
    double lost = 0;
    if (!planned) {
      lost = j.checkpoint_period_s > 0
                 ? std::fmod(s.run_useful_s, static_cast<double>(j.checkpoint_period_s))
                 : j.work_s - (s.remaining_s - s.overhead_s);
    }
    s.remaining_s += lost - s.overhead_s + restart_s;  // unpaid overhead is replaced by the new one
    s.restart_s -= s.overhead_s;                       // and was never spent
    s.overhead_s = restart_s;
    s.run_useful_s = 0;
    s.lost_s += lost;
    s.restart_s += restart_s;
    ++s.interruptions;
    ++s.version;  // its end event is now stale
    s.status = JobStatus::waiting;
    p.queue.push_back(job);
    ++waiting_;
    out.push_back({job, j.accelerators, lost});
  }
}

bool SiteScheduler::take_down(std::size_t partition, std::uint32_t domain) {
  Partition& p = parts_[partition];
  if (p.alloc.is_down(domain)) return false;
  // A spare sitting on the failed domain leaves the pool.
  const auto& holders = p.alloc.holders(domain);
  if (!holders.empty() && p.alloc.tag(holders.front()) == kPoolTag)
    return false;  // the pool keeps it
  if (!holders.empty()) {
    const cluster::AllocationId id = holders.front();
    core::ensure(p.alloc.tag(id) == kSpareTag,
                 "scheduler: take_down with jobs still on the domain");
    p.alloc.release(id);
    p.spares.erase(std::find(p.spares.begin(), p.spares.end(), id));
  }
  p.alloc.set_down(domain);
  // A hot spare takes the failed system's place in the schedulable capacity.
  if (!p.spares.empty()) {
    p.alloc.release(p.spares.back());
    p.spares.pop_back();
  }
  return true;
}

void SiteScheduler::repair(std::size_t partition, std::uint32_t domain) {
  Partition& p = parts_[partition];
  p.alloc.set_up(domain);
  while (static_cast<int>(p.spares.size()) < p.spare_target) {
    const auto id = p.alloc.allocate(p.alloc.shape().domain_size, kSpareTag);
    if (!id) break;
    p.spares.push_back(*id);
  }
}

void SiteScheduler::set_cap(double cap, core::Time now, std::vector<EndEvent>& moved) {
  cap = std::clamp(cap, 0.05, 1.0);
  if (cap == cap_) return;
  // Progress so far at the old speed and power, then the new ends at the new speed.
  for (auto& p : parts_) {
    for (const auto& [end, job] : p.running) progress(job, now);
  }
  cap_ = cap;
  // Performance under a power cap: dynamic power ∝ f·V² with V ∝ f, so f ∝ P^(1/3)
  // (docs/models/scheduling.md).
  speed_ = std::cbrt(cap);
  for (auto& p : parts_) {
    scratch_.clear();
    for (const auto& [end, job] : p.running) scratch_.push_back(job);
    p.running.clear();
    for (const std::uint32_t job : scratch_) {
      JobState& s = states_[job];
      s.end = expected_end(s, now);
      ++s.version;
      p.running.emplace(s.end, job);
      moved.push_back({job, s.version, s.end});
      if (!s.powered)
        moved.push_back({job, s.version, after(now, s.overhead_s), true});  // the old one is stale
    }
  }
}

}  // namespace gigasim::sched
