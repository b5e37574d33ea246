// The scheduler of one site: the queue of each partition ordered by a queue policy, admission
// (a power budget and an optional policy that may defer starts), placement through the
// allocator, EASY backfilling, preemption, power caps, and the running jobs' progress through
// the job table (docs/models/scheduling.md). Decisions only: the simulation owns time and events.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "gigasim/core/time.hpp"
#include "gigasim/sched/admission.hpp"
#include "gigasim/sched/backfill.hpp"
#include "gigasim/sched/job_table.hpp"
#include "gigasim/sched/partition.hpp"
#include "gigasim/sched/policy.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::sched {

class SiteScheduler {
 public:
  SiteScheduler(std::vector<PartitionSetup> partitions, std::vector<workload::Tenant> tenants,
                SchedulerSpec spec, JobTable jobs);

  /// Takes `accelerators` of a partition out of the batch pool for good (inference pools).
  bool reserve(std::size_t partition, std::int64_t accelerators);
  /// A policy asked before every start, after the power budget (none by default).
  void set_admission(std::unique_ptr<AdmissionPolicy> policy) { admission_ = std::move(policy); }

  /// Adds a job while the simulation runs; it waits to be submitted. Returns its index.
  std::uint32_t add(const workload::JobSpec& job) { return table_.add(job); }
  void submit(std::uint32_t job, core::Time now);
  /// A job's restart is over: its accelerators start drawing power. False if stale.
  bool resume(std::uint32_t job, std::uint32_t version);
  /// A job's end event fired: false if the event was stale (the job was preempted or slowed).
  bool complete(std::uint32_t job, std::uint32_t version, core::Time now);
  /// Starts what the policies allow now; appends the started jobs' end events. Returns the
  /// earliest time an admission policy deferred a job to (the next pass is due then), or
  /// "never".
  core::Time schedule(core::Time now, std::vector<EndEvent>& started);
  /// Power cap: dynamic power scaled by `cap` (0..1], speed by cap^(1/3) (docs). Appends
  /// the new end events of every running job when the speed changes.
  void set_cap(double cap, core::Time now, std::vector<EndEvent>& moved);
  /// Power-aware mode: stops the lowest-priority running jobs (latest started first) until
  /// their dynamic power is within `dynamic_budget_w`, requeues them, and keeps new starts
  /// within that budget until the next call.
  void limit_power(double dynamic_budget_w, core::Time now);
  /// Demand response: stops running jobs of `classes` (a bit per workload::JobClass), the
  /// lowest priority and latest started first, until the dynamic power is within
  /// `dynamic_target_w`, requeues them, and defers every start of those classes until
  /// `until`. Returns the accelerators stopped.
  std::int64_t hold_classes(std::uint8_t classes, double dynamic_target_w, core::Time until,
                            core::Time now);
  /// A federation moves a running job away (docs/models/federation.md, "Migration"): it
  /// stops here, keeping the work done (it checkpoints on leaving), and ends as `moved`.
  /// Returns its work left at full speed here, s; negative if the job was not running.
  double withdraw(std::uint32_t job, core::Time now);
  /// End of the horizon: accounts progress and energy of the jobs still running.
  void finish(core::Time now);

  // Reliability (docs/models/reliability.md).
  /// Keeps `domains` whole domains of a partition idle as hot spares.
  void reserve_spares(std::size_t partition, int domains);
  /// Stops every job holding part of `domain`: each loses the work since its last
  /// checkpoint (all of it without checkpoints; none if `planned`), will pay `restart_s`
  /// before useful work, and waits in the queue to be placed again.
  void interrupt_domain(std::size_t partition, std::uint32_t domain, core::Time now,
                        double restart_s, bool planned, std::vector<Interruption>& out);
  /// Takes a domain out of service until repaired (its jobs must have been interrupted); a
  /// hot spare, if any, takes its place. Returns false if the domain was already down or
  /// belongs to an inference pool (which absorbs the loss of a replica).
  bool take_down(std::size_t partition, std::uint32_t domain);
  /// Returns a repaired domain to service (to the spare pool first if it is short).
  void repair(std::size_t partition, std::uint32_t domain);
  [[nodiscard]] int spares(std::size_t partition) const {
    return static_cast<int>(parts_[partition].spares.size());
  }
  [[nodiscard]] std::size_t partitions() const { return parts_.size(); }

  [[nodiscard]] double cap() const { return cap_; }
  [[nodiscard]] double speed() const { return speed_; }
  /// Dynamic IT power of the running jobs at full cap, W.
  [[nodiscard]] double dynamic_w() const { return dynamic_w_; }
  [[nodiscard]] double idle_w() const { return idle_w_; }
  [[nodiscard]] std::int64_t busy_accelerators() const { return busy_; }
  [[nodiscard]] std::int64_t total_accelerators() const { return total_; }
  [[nodiscard]] std::size_t queue_length() const { return waiting_; }
  [[nodiscard]] std::size_t running() const { return running_count_; }
  [[nodiscard]] const JobTable& jobs() const { return table_; }
  [[nodiscard]] const std::vector<JobState>& states() const { return table_.states(); }
  [[nodiscard]] const std::vector<workload::Tenant>& tenants() const { return tenants_; }
  [[nodiscard]] std::int64_t preemptions() const { return preemptions_; }
  [[nodiscard]] const cluster::Allocator& allocator(std::size_t partition) const {
    return parts_[partition].alloc;
  }
  /// Records each reservation EASY makes (job, promised start), for tests of the promise.
  void record_reservations(bool on) { record_reservations_ = on; }
  [[nodiscard]] const std::vector<std::pair<std::uint32_t, core::Time>>& reservations() const {
    return reservations_;
  }

 private:
  void start(std::uint32_t job, core::Time now, std::vector<EndEvent>& started);
  void stop(std::uint32_t job, core::Time now);  // release the accelerators, account progress
  // The end EASY plans a running job with (Partition::planned), set and entered.
  void plan_end(Partition& p, std::uint32_t job);
  void requeue(std::uint32_t job);  // a stopped job waits again (preempted)
  void enqueue(std::uint32_t job);  // into its partition's queue
  void progress(std::uint32_t job, core::Time now) {
    table_.progress(job, parts_[table_.spec(job).partition], speed_, cap_, now);
  }
  Admission admit(const Partition& p, std::uint32_t job, core::Time now) const;
  bool try_preempt(std::size_t partition, std::uint32_t job, core::Time now);
  void refresh_usage(core::Time now);

  std::vector<Partition> parts_;
  std::vector<workload::Tenant> tenants_;
  SchedulerSpec spec_;
  std::unique_ptr<QueuePolicy> policy_;
  PowerBudget power_budget_;
  std::unique_ptr<AdmissionPolicy> admission_;
  JobTable table_;
  std::vector<double> usage_;       // accelerator-seconds per tenant as of usage_time_
  std::vector<double> usage_rate_;  // accelerators running per tenant
  core::Time usage_time_;
  double cap_ = 1.0;
  double speed_ = 1.0;
  double dynamic_w_ = 0;
  double idle_w_ = 0;
  std::int64_t busy_ = 0;
  std::int64_t total_ = 0;
  std::size_t waiting_ = 0;
  std::size_t running_count_ = 0;
  std::int64_t preemptions_ = 0;
  std::vector<std::uint32_t> scratch_;
  std::vector<double> rank_;  // of each tenant, in the pass under way
  bool in_pass_ = false;
  std::vector<std::uint32_t> requeued_;  // stopped by preemption during the pass
  std::vector<std::pair<std::uint32_t, core::Time>> reservations_;
  bool record_reservations_ = false;
  std::uint8_t held_classes_ = 0;  // demand response: classes deferred until held_until_
  core::Time held_until_;
};

}  // namespace gigasim::sched
