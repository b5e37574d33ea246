// What the scheduler knows of each job while it runs, and the one place that turns a job's
// state into what it achieved: useful work, work lost, checkpoint overhead (JobAccount).
#pragma once

#include <cstdint>

#include "gigasim/cluster/allocator.hpp"
#include "gigasim/core/time.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::sched {

/// `moved`: sent to another site while running (a federation's migration); the work it did
/// here counts here, the rest runs there as a job of that site.
enum class JobStatus : std::uint8_t { pending, waiting, running, done, moved };

struct JobState {
  core::Time first_start = core::Time::from_ms(-1);
  core::Time start = core::Time::from_ms(-1);  ///< of the current run
  core::Time end = core::Time::from_ms(-1);    ///< completion, or expected completion while running
  core::Time planned_end;  ///< while running: the end the scheduler plans with (Partition::planned)
  core::Time last_update;
  double remaining_s = 0;   ///< work left at full speed, as of last_update (overhead included)
  double overhead_s = 0;    ///< restart overhead still to pay in the current run
  double run_useful_s = 0;  ///< useful work done in the current run (since its last restart)
  double lost_s = 0;        ///< work lost to interruptions (since the last checkpoint)
  double restart_s = 0;     ///< restart overheads paid or pending
  double held_s = 0;        ///< wall time its accelerators were held, over all its runs
  std::uint32_t interruptions = 0;
  bool powered = false;  ///< drawing its dynamic power (false while restarting)
  double energy_j = 0;   ///< IT energy of its accelerators
  cluster::AllocationId allocation = 0;
  std::uint32_t version = 0;  ///< bumps whenever its end event changes
  std::uint16_t preemptions = 0;
  JobStatus status = JobStatus::pending;

  [[nodiscard]] bool started() const { return first_start.ms() >= 0; }
};

/// What a job achieved by now. Lost work and restarts were added to its remaining work when
/// they happened, so the work done that counts is the planned work less what remains:
///   useful = work − (remaining − pending overhead);
/// a share (1 − useful_share) of it went to writing checkpoints.
struct JobAccount {
  double useful_s = 0;                  ///< work done that counts, at full speed, s
  double done = 0;                      ///< useful / planned work, in [0, 1]
  double useful_accelerator_h = 0;      ///< accelerators × useful, h
  double lost_accelerator_h = 0;        ///< accelerators × work lost to interruptions, h
  double restart_accelerator_h = 0;     ///< accelerators × restart overheads paid, h
  double checkpoint_accelerator_h = 0;  ///< accelerators × checkpoint writes in the useful work, h
  /// accelerators × useful work less its checkpoint writes, h: the work that survived
  /// failures, was not redone and advanced the job
  double net_useful_accelerator_h = 0;
  /// accelerators × wall time held (slowed work, lost work and restarts included), h
  double held_accelerator_h = 0;
  double tokens = 0;       ///< tokens trained, in proportion to the work done
  double model_flops = 0;  ///< model FLOPs, in proportion to the work done
};
JobAccount account_of(const workload::JobSpec& spec, const JobState& state);

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

}  // namespace gigasim::sched
