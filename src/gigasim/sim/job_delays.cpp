#include "gigasim/sim/job_delays.hpp"

#include <algorithm>
#include <numeric>

#include "gigasim/core/statistics.hpp"

namespace gigasim::sim {

void DelayAccumulator::add_to(Sums& s, double wait_h, bool started, bool done, double slowdown,
                              double left_accelerator_h) {
  ++s.jobs;
  if (started) s.waits_h.push_back(wait_h);
  if (done) {
    ++s.completed;
    s.slowdown_sum += slowdown;
  } else {
    ++s.unfinished;
    s.unfinished_accelerator_h += left_accelerator_h;
  }
}

void DelayAccumulator::add(const workload::JobSpec& spec, const sched::JobState& state,
                           const sched::JobAccount& account) {
  const bool started = state.started();
  const bool done = state.status == sched::JobStatus::done;
  const double wait_h = started ? (state.first_start - spec.submit).in_hours() : 0.0;
  double slowdown = 0;
  if (done) {
    // Bounded slowdown with a 10 s threshold (Feitelson, Rudolph & Schwiegelshohn 2005).
    const double response = (state.end - spec.submit).in_seconds();
    const double run = (state.end - state.first_start).in_seconds();
    slowdown = std::max(1.0, response / std::max(run, 10.0));
  }
  const double left_h = static_cast<double>(spec.accelerators) *
                        std::max(0.0, spec.work_s - account.useful_s) / 3600.0;
  add_to(all_, wait_h, started, done, slowdown, left_h);
  add_to(classes_[static_cast<std::size_t>(spec.cls)], wait_h, started, done, slowdown, left_h);
}

JobDelays DelayAccumulator::reduce(const Sums& s) {
  JobDelays d;
  d.jobs = s.jobs;
  d.unfinished = s.unfinished;
  d.unfinished_accelerator_h = s.unfinished_accelerator_h;
  if (!s.waits_h.empty()) {
    d.mean_wait_h = std::accumulate(s.waits_h.begin(), s.waits_h.end(), 0.0) /
                    static_cast<double>(s.waits_h.size());
    d.max_wait_h = *std::max_element(s.waits_h.begin(), s.waits_h.end());
    std::vector<double> waits = s.waits_h;
    d.p95_wait_h = core::percentile_95(waits);
  }
  if (s.completed > 0) d.mean_bounded_slowdown = s.slowdown_sum / static_cast<double>(s.completed);
  return d;
}

std::map<std::string, JobDelays> DelayAccumulator::by_class() const {
  std::map<std::string, JobDelays> out;
  for (std::size_t c = 0; c < classes_.size(); ++c) {
    if (classes_[c].jobs == 0) continue;
    out.emplace(workload::to_string(static_cast<workload::JobClass>(c)), reduce(classes_[c]));
  }
  return out;
}

}  // namespace gigasim::sim
