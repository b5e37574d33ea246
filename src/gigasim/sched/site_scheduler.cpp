#include "gigasim/sched/site_scheduler.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "gigasim/core/errors.hpp"
#include "gigasim/sched/preemption.hpp"

namespace gigasim::sched {
namespace {
// Placement tags that are not job indices.
constexpr std::uint32_t kSpareTag = 0xffffffffU;  // a hot spare
constexpr std::uint32_t kPoolTag = 0xfffffffeU;   // an inference pool
constexpr core::Time kNever = core::Time::from_ms(std::numeric_limits<std::int64_t>::max());
}  // namespace

SiteScheduler::SiteScheduler(std::vector<PartitionSetup> partitions,
                             std::vector<workload::Tenant> tenants, SchedulerSpec spec,
                             JobTable jobs)
    : tenants_(std::move(tenants)),
      spec_(spec),
      policy_(make_policy(spec.policy)),
      table_(std::move(jobs)) {
  if (tenants_.empty()) tenants_.push_back(workload::Tenant{"default", 1, 1.0, false});
  for (const auto& p : partitions) {
    parts_.emplace_back(p, tenants_.size());
    total_ += parts_.back().alloc.capacity();
    idle_w_ += static_cast<double>(parts_.back().alloc.capacity()) * p.idle_w_per_accelerator;
  }
  usage_.assign(tenants_.size(), 0.0);
  usage_rate_.assign(tenants_.size(), 0.0);
  rank_.assign(tenants_.size(), 0.0);
}

bool SiteScheduler::reserve(std::size_t partition, std::int64_t accelerators) {
  if (!parts_[partition].alloc.allocate(accelerators, kPoolTag)) return false;
  busy_ += parts_[partition].alloc.footprint(accelerators);
  return true;
}

void SiteScheduler::submit(std::uint32_t job, core::Time now) {
  JobState& s = table_.state(job);
  s.status = JobStatus::waiting;
  s.last_update = now;
  enqueue(job);
}

void SiteScheduler::enqueue(std::uint32_t job) {
  const workload::JobSpec& j = table_.spec(job);
  parts_[j.partition].queue.push(job, j.tenant, j.submit, j.accelerators);
  ++waiting_;
}

void SiteScheduler::refresh_usage(core::Time now) {
  const double dt = (now - usage_time_).in_seconds();
  for (std::size_t t = 0; t < usage_.size(); ++t) usage_[t] += usage_rate_[t] * dt;
  usage_time_ = now;
}

void SiteScheduler::start(std::uint32_t job, core::Time now, std::vector<EndEvent>& started) {
  const workload::JobSpec& j = table_.spec(job);
  Partition& p = parts_[j.partition];
  const auto id = p.alloc.allocate(j.accelerators, job);
  core::ensure(id.has_value(), "scheduler: start without room");
  refresh_usage(now);
  JobState& s = table_.state(job);
  s.allocation = *id;
  s.status = JobStatus::running;
  s.start = now;
  if (!s.started()) s.first_start = now;
  s.last_update = now;
  s.end = table_.expected_end(s, speed_, now);
  ++s.version;
  p.running.emplace(s.end, job);
  plan_end(p, job);
  s.powered = s.overhead_s <= 0;
  if (s.powered) {
    dynamic_w_ += table_.dynamic_w(job, p);
  } else {
    started.push_back({job, s.version, after(now, s.overhead_s), true});
  }
  busy_ += p.alloc.footprint(j.accelerators);
  usage_rate_[j.tenant] += static_cast<double>(j.accelerators);
  --waiting_;
  ++running_count_;
  started.push_back({job, s.version, s.end});
}

// A user's limit counts from the start of each run (a requeued job asks for it again); the
// scheduler does not know that a power cap slows the job, so its plan stays.
void SiteScheduler::plan_end(Partition& p, std::uint32_t job) {
  JobState& s = table_.state(job);
  const float limit = table_.spec(job).requested_s;
  s.planned_end = spec_.plan_with_requested_limits && limit > 0 ? after(s.start, limit) : s.end;
  p.planned.emplace(s.planned_end, job);
}

void SiteScheduler::stop(std::uint32_t job, core::Time now) {
  const workload::JobSpec& j = table_.spec(job);
  Partition& p = parts_[j.partition];
  JobState& s = table_.state(job);
  progress(job, now);
  refresh_usage(now);
  p.running.erase({s.end, job});
  p.planned.erase({s.planned_end, job});
  p.alloc.release(s.allocation);
  if (s.powered) dynamic_w_ -= table_.dynamic_w(job, p);
  s.powered = false;
  busy_ -= p.alloc.footprint(j.accelerators);
  usage_rate_[j.tenant] -= static_cast<double>(j.accelerators);
  --running_count_;
}

double SiteScheduler::withdraw(std::uint32_t job, core::Time now) {
  JobState& s = table_.state(job);
  if (s.status != JobStatus::running) return -1.0;
  stop(job, now);
  s.status = JobStatus::moved;
  s.end = now;
  ++s.version;  // its end or resume event is now stale
  return s.remaining_s;
}

void SiteScheduler::requeue(std::uint32_t job) {
  JobState& s = table_.state(job);
  s.status = JobStatus::waiting;
  ++s.version;  // its end event is now stale
  ++s.preemptions;
  ++preemptions_;
  // A job stopped during a pass joins the queue after it (as the last jobs it examines).
  if (in_pass_) {
    requeued_.push_back(job);
    ++waiting_;
  } else {
    enqueue(job);
  }
}

bool SiteScheduler::resume(std::uint32_t job, std::uint32_t version) {
  JobState& s = table_.state(job);
  if (s.status != JobStatus::running || s.version != version || s.powered) return false;
  s.powered = true;
  dynamic_w_ += table_.dynamic_w(job, parts_[table_.spec(job).partition]);
  return true;
}

bool SiteScheduler::complete(std::uint32_t job, std::uint32_t version, core::Time now) {
  JobState& s = table_.state(job);
  if (s.status != JobStatus::running || s.version != version) return false;
  stop(job, now);
  s.remaining_s = 0;
  s.end = now;
  s.status = JobStatus::done;
  return true;
}

Admission SiteScheduler::admit(const Partition& p, std::uint32_t job, core::Time now) const {
  const AdmissionView view{now, dynamic_w_, table_.dynamic_w(job, p), p.alloc.free_accelerators()};
  const workload::JobSpec& spec = table_.spec(job);
  if (now < held_until_ && ((held_classes_ >> static_cast<unsigned>(spec.cls)) & 1U) != 0)
    return Admission::defer(held_until_);
  const Admission power = power_budget_.admit(spec, job, view);
  if (power.decision != Admission::Decision::start || !admission_) return power;
  return admission_->admit(spec, job, view);
}

bool SiteScheduler::try_preempt(std::size_t partition, std::uint32_t job, core::Time now) {
  Partition& p = parts_[partition];
  const std::size_t n = victims_for(p, table_, tenants_, job, scratch_);
  if (n == 0) return false;
  for (std::size_t i = 0; i < n; ++i) {
    stop(scratch_[i], now);
    requeue(scratch_[i]);
  }
  return p.alloc.fits(table_.spec(job).accelerators);
}

core::Time SiteScheduler::schedule(core::Time now, std::vector<EndEvent>& started) {
  refresh_usage(now);
  const QueueView view{tenants_, usage_};
  for (std::size_t t = 0; t < tenants_.size(); ++t)
    rank_[t] = policy_->tenant_rank(static_cast<std::uint16_t>(t), view);
  core::Time wake = kNever;
  for (std::size_t pi = 0; pi < parts_.size(); ++pi) {
    Partition& p = parts_[pi];
    if (p.queue.empty()) continue;
    bool reserved = false;
    Reservation r;
    int examined = 0;
    in_pass_ = true;
    requeued_.clear();
    // Decides for one waiting job; false ends the pass: nothing behind may start.
    const auto decide = [&](std::uint32_t job, bool queued) {
      if (table_.state(job).status != JobStatus::waiting) return true;
      // Behind a reservation, with fewer free accelerators than the smallest waiting job
      // asks for, no job can start: the pass ends here instead of examining backfill_depth
      // jobs in vain (an overloaded campus is full at nearly every pass). A job deferred
      // further back is seen at the next pass, which the end of a running job brings.
      // (Jobs stopped by a preemption in this pass wait outside the queue: not then.)
      if (reserved && requeued_.empty() && p.alloc.free_accelerators() < p.queue.smallest())
        return false;
      const Admission admission = admit(p, job, now);
      if (admission.decision == Admission::Decision::defer) {
        // Not eligible before `until`: passed over, holding no reservation.
        wake = std::min(wake, std::max(admission.until, now));
        return true;
      }
      if (reserved && examined++ >= spec_.backfill_depth) return false;
      const bool admitted = admission.decision == Admission::Decision::start;
      bool run = false;
      if (p.alloc.fits(table_.spec(job).accelerators) && admitted) {
        run = !reserved ||
              may_backfill(p, table_, job, now, speed_, spec_.plan_with_requested_limits, r);
      } else if (!reserved) {
        // Preemption frees accelerators, never power: a job held back by admission waits.
        if (admitted && spec_.preemption && try_preempt(pi, job, now)) {
          run = true;
        } else if (spec_.backfill) {
          reserved = true;
          r = reserve_for(p, table_, job);
          if (record_reservations_) reservations_.emplace_back(job, r.shadow);
        } else {
          return false;  // strict order: nothing behind the first job that does not fit
        }
      }
      if (run) {
        const workload::JobSpec& j = table_.spec(job);
        if (queued) p.queue.erase(job, j.tenant, j.submit, j.accelerators);
        start(job, now, started);
      }
      return true;
    };
    bool going = true;
    p.queue.walk(rank_, [&](std::uint32_t job) { return going = decide(job, true); });
    // Jobs a preemption stopped during the pass come last, in the order they were stopped.
    for (std::size_t k = 0; going && k < requeued_.size(); ++k) going = decide(requeued_[k], false);
    in_pass_ = false;
    for (const std::uint32_t job : requeued_) {
      if (table_.state(job).status != JobStatus::waiting) continue;
      const workload::JobSpec& j = table_.spec(job);
      p.queue.push(job, j.tenant, j.submit, j.accelerators);
    }
  }
  return wake;
}

void SiteScheduler::limit_power(double dynamic_budget_w, core::Time now) {
  power_budget_.set(dynamic_budget_w);
  if (dynamic_w_ <= dynamic_budget_w) return;
  scratch_.clear();
  for (const auto& p : parts_) {
    for (const auto& [end, job] : p.running) scratch_.push_back(job);
  }
  order_victims(scratch_, table_, tenants_);
  for (const std::uint32_t job : scratch_) {
    if (dynamic_w_ <= dynamic_budget_w) break;
    stop(job, now);
    requeue(job);
  }
}

std::int64_t SiteScheduler::hold_classes(std::uint8_t classes, double dynamic_target_w,
                                         core::Time until, core::Time now) {
  held_classes_ = classes;
  held_until_ = until;
  if (dynamic_w_ <= dynamic_target_w) return 0;
  scratch_.clear();
  for (const auto& p : parts_) {
    for (const auto& [end, job] : p.running)
      if (((classes >> static_cast<unsigned>(table_.spec(job).cls)) & 1U) != 0)
        scratch_.push_back(job);
  }
  order_victims(scratch_, table_, tenants_);
  std::int64_t stopped = 0;
  for (const std::uint32_t job : scratch_) {
    if (dynamic_w_ <= dynamic_target_w) break;
    stop(job, now);
    requeue(job);
    stopped += table_.spec(job).accelerators;
  }
  return stopped;
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
    JobState& s = table_.state(job);
    const workload::JobSpec& j = table_.spec(job);
    // Work since the last checkpoint is lost; without checkpoints, everything done so far.
    double lost = 0;
    if (!planned) {
      lost = j.checkpoint_period_s > 0
                 ? std::fmod(s.run_useful_s, static_cast<double>(j.checkpoint_period_s))
                 : account_of(j, s).useful_s;
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
    enqueue(job);
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
      JobState& s = table_.state(job);
      p.planned.erase({s.planned_end, job});
      s.end = table_.expected_end(s, speed_, now);
      ++s.version;
      p.running.emplace(s.end, job);
      plan_end(p, job);
      moved.push_back({job, s.version, s.end});
      if (!s.powered)
        moved.push_back({job, s.version, after(now, s.overhead_s), true});  // the old one is stale
    }
  }
}

}  // namespace gigasim::sched
