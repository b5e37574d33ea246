// The scheduler of one site: queues per partition, placement through the allocator, EASY
// backfilling, preemption, and the running jobs' progress under a power cap
// (docs/models/scheduling.md). Decisions only: the simulation owns time and events.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "gigasim/cluster/allocator.hpp"
#include "gigasim/core/time.hpp"
#include "gigasim/sched/policy.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::sched {

struct PartitionSetup {
  cluster::PartitionShape shape;
  double idle_w_per_accelerator = 0;     ///< share of system idle power, network overhead included
  double dynamic_w_per_accelerator = 0;  ///< share of (full − idle) system power
};

enum class JobStatus : std::uint8_t { pending, waiting, running, done };

struct JobState {
  core::Time first_start = core::Time::from_ms(-1);
  core::Time start = core::Time::from_ms(-1);  ///< of the current run
  core::Time end = core::Time::from_ms(-1);    ///< completion, or expected completion while running
  core::Time last_update;
  double remaining_s = 0;   ///< work left at full speed, as of last_update (overhead included)
  double overhead_s = 0;    ///< restart overhead still to pay in the current run
  double run_useful_s = 0;  ///< useful work done in the current run (since its last restart)
  double lost_s = 0;        ///< work lost to interruptions (since the last checkpoint)
  double restart_s = 0;     ///< restart overheads paid or pending
  std::uint32_t interruptions = 0;
  bool powered = false;  ///< drawing its dynamic power (false while restarting)
  double energy_j = 0;   ///< IT energy of its accelerators
  cluster::AllocationId allocation = 0;
  std::uint32_t version = 0;  ///< bumps whenever its end event changes
  std::uint16_t preemptions = 0;
  JobStatus status = JobStatus::pending;
};

/// A job stopped by a failure or maintenance.
struct Interruption {
  std::uint32_t job;
  std::int64_t accelerators;
  double lost_s;  ///< work lost since its last checkpoint
};

/// A job event the simulation must schedule: its end, or (resume) the end of its restart,
/// when its accelerators go from idle to work.
struct EndEvent {
  std::uint32_t job;
  std::uint32_t version;
  core::Time end;
  bool resume = false;
};

class SiteScheduler {
 public:
  SiteScheduler(std::vector<PartitionSetup> partitions, std::vector<workload::Tenant> tenants,
                SchedulerSpec spec, std::vector<workload::JobSpec> jobs);

  /// Takes `accelerators` of a partition out of the batch pool for good (inference pools).
  bool reserve(std::size_t partition, std::int64_t accelerators);

  void submit(std::uint32_t job, core::Time now);
  /// A job's restart is over: its accelerators start drawing power. False if stale.
  bool resume(std::uint32_t job, std::uint32_t version);
  /// A job's end event fired: false if the event was stale (the job was preempted or slowed).
  bool complete(std::uint32_t job, std::uint32_t version, core::Time now);
  /// Starts what the policy allows now; appends the started jobs' end events.
  void schedule(core::Time now, std::vector<EndEvent>& started);
  /// Power cap: dynamic power scaled by `cap` (0..1], speed by cap^(1/3) (docs). Appends
  /// the new end events of every running job when the speed changes.
  void set_cap(double cap, core::Time now, std::vector<EndEvent>& moved);
  /// Power-aware mode: stops the lowest-priority running jobs (latest started first) until
  /// their dynamic power is within `dynamic_budget_w`, requeues them, and keeps new starts
  /// within that budget until the next call.
  void limit_power(double dynamic_budget_w, core::Time now);
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
  [[nodiscard]] const std::vector<workload::JobSpec>& jobs() const { return jobs_; }
  [[nodiscard]] const std::vector<JobState>& states() const { return states_; }
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
  struct Partition {
    explicit Partition(const PartitionSetup& setup)
        : alloc(setup.shape),
          idle_w(setup.idle_w_per_accelerator),
          dynamic_w(setup.dynamic_w_per_accelerator) {}
    cluster::Allocator alloc;
    double idle_w;
    double dynamic_w;
    std::vector<std::uint32_t> queue;
    std::size_t sorted = 0;  // the queue's first `sorted` jobs are in policy order
    std::set<std::pair<core::Time, std::uint32_t>> running;  // by expected end
    // Scratch of reserve_for: free accelerators per domain, valid where stamp matches.
    std::vector<int> replay_free;
    std::vector<std::uint32_t> replay_stamp;
    std::uint32_t stamp = 0;
    std::vector<cluster::AllocationId> spares;  // single-domain placements held idle
    int spare_target = 0;
  };
  struct Reservation {
    core::Time shadow;
    std::int64_t extra = 0;  // whole domains the reserved job will not need
  };

  void start(std::uint32_t job, core::Time now, std::vector<EndEvent>& started);
  void stop(std::uint32_t job, core::Time now);  // release the accelerators, account progress
  void progress(std::uint32_t job, core::Time now);
  [[nodiscard]] core::Time expected_end(const JobState& s, core::Time now) const;
  Reservation reserve_for(Partition& p, std::uint32_t job);
  bool may_backfill(const Partition& p, std::uint32_t job, core::Time now, Reservation& r) const;
  bool try_preempt(std::size_t partition, std::uint32_t job, core::Time now);
  void refresh_usage(core::Time now);

  std::vector<Partition> parts_;
  std::vector<workload::Tenant> tenants_;
  SchedulerSpec spec_;
  std::unique_ptr<QueuePolicy> policy_;
  std::vector<workload::JobSpec> jobs_;
  std::vector<JobState> states_;
  std::vector<double> usage_;       // accelerator-seconds per tenant as of usage_time_
  std::vector<double> usage_rate_;  // accelerators running per tenant
  core::Time usage_time_;
  double cap_ = 1.0;
  double dynamic_budget_w_ = std::numeric_limits<double>::infinity();
  double speed_ = 1.0;
  double dynamic_w_ = 0;
  double idle_w_ = 0;
  std::int64_t busy_ = 0;
  std::int64_t total_ = 0;
  std::size_t waiting_ = 0;
  std::size_t running_count_ = 0;
  std::int64_t preemptions_ = 0;
  std::vector<std::uint32_t> scratch_;
  std::vector<std::pair<std::uint32_t, core::Time>> reservations_;

  bool record_reservations_ = false;
};

}  // namespace gigasim::sched
