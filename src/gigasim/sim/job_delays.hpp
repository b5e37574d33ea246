// Waits, slowdowns and work left unfinished, over all jobs and per job class
// (docs/outputs.md#workload-metrics). One accumulator for a site's jobs and for all sites',
// so that a site's figures and the total's are computed the same way.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "gigasim/sched/job_state.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::sim {

/// What the jobs of one class (or all jobs) waited and what they left undone.
struct JobDelays {
  std::int64_t jobs = 0;        ///< submitted before the end of the horizon
  std::int64_t unfinished = 0;  ///< of those, not done at the end of the horizon
  double mean_wait_h = 0;       ///< submission to first start, over the jobs that started
  double p95_wait_h = 0;
  double max_wait_h = 0;
  /// Over the jobs that finished, with a 10 s threshold (Feitelson, Rudolph &
  /// Schwiegelshohn 2005).
  double mean_bounded_slowdown = 0;
  /// Accelerators × work not done at the end of the horizon, at full speed.
  double unfinished_accelerator_h = 0;
};

class DelayAccumulator {
 public:
  /// A submitted job as the run left it, with its account (sched::account_of).
  void add(const workload::JobSpec& spec, const sched::JobState& state,
           const sched::JobAccount& account);
  [[nodiscard]] JobDelays overall() const { return reduce(all_); }
  /// By class name (workload::to_string), only the classes that had jobs.
  [[nodiscard]] std::map<std::string, JobDelays> by_class() const;

 private:
  struct Sums {
    std::int64_t jobs = 0, completed = 0, unfinished = 0;
    std::vector<double> waits_h;
    double slowdown_sum = 0, unfinished_accelerator_h = 0;
  };
  static void add_to(Sums& s, double wait_h, bool started, bool done, double slowdown,
                     double left_accelerator_h);
  static JobDelays reduce(const Sums& s);

  Sums all_;
  std::array<Sums, 5> classes_;  ///< by workload::JobClass
};

}  // namespace gigasim::sim
