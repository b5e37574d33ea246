// The jobs of a site and their states: job tracking for the scheduler. Jobs can be added
// while the simulation runs; a job's index never changes.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

#include "gigasim/sched/job_state.hpp"
#include "gigasim/sched/partition.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::sched {

class JobTable {
 public:
  /// A table that owns its jobs.
  JobTable(std::vector<workload::JobSpec> jobs);  // NOLINT(google-explicit-constructor)
  JobTable(std::initializer_list<workload::JobSpec> jobs)
      : JobTable(std::vector<workload::JobSpec>(jobs)) {}
  /// A table over jobs prepared elsewhere (a plan), which must outlive it: a million jobs
  /// are not copied for a run.
  static JobTable over(std::span<const workload::JobSpec> jobs);

  /// Adds a job (pending until submitted); returns its index.
  std::uint32_t add(const workload::JobSpec& job);

  [[nodiscard]] std::size_t size() const { return states_.size(); }
  [[nodiscard]] const workload::JobSpec& spec(std::uint32_t j) const {
    return j < planned_.size() ? planned_[j] : added_[j - planned_.size()];
  }
  [[nodiscard]] JobState& state(std::uint32_t j) { return states_[j]; }
  [[nodiscard]] const JobState& state(std::uint32_t j) const { return states_[j]; }
  [[nodiscard]] const std::vector<JobState>& states() const { return states_; }
  /// Every job, in index order (a copy).
  [[nodiscard]] std::vector<workload::JobSpec> specs() const;

  /// Brings a running job's progress and energy up to `now`, at `speed` and power `cap`.
  /// A restart takes wall time whatever the cap; its accelerators idle meanwhile.
  void progress(std::uint32_t job, const Partition& p, double speed, double cap, core::Time now);
  /// When a running job ends at `speed` if nothing changes (restart overhead first).
  [[nodiscard]] core::Time expected_end(const JobState& s, double speed, core::Time now) const;
  /// Dynamic power of a running job at full cap, W.
  [[nodiscard]] double dynamic_w(std::uint32_t job, const Partition& p) const {
    const workload::JobSpec& j = spec(job);
    return static_cast<double>(j.accelerators) * j.activity * p.dynamic_w;
  }

 private:
  JobTable() = default;
  void init_states();
  std::vector<workload::JobSpec> owned_;  ///< the jobs, when the table owns them
  std::span<const workload::JobSpec> planned_;
  std::vector<workload::JobSpec> added_;  ///< jobs added while the simulation runs
  std::vector<JobState> states_;
};

/// `now` plus `seconds`, rounded up to the millisecond.
core::Time after(core::Time now, double seconds);

}  // namespace gigasim::sched
