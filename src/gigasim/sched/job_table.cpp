#include "gigasim/sched/job_table.hpp"

#include <algorithm>
#include <cmath>

namespace gigasim::sched {

core::Time after(core::Time now, double seconds) {
  return now + core::Duration::milliseconds(static_cast<std::int64_t>(std::ceil(seconds * 1000.0)));
}

JobTable::JobTable(std::vector<workload::JobSpec> jobs) : owned_(std::move(jobs)) {
  planned_ = owned_;
  init_states();
}

JobTable JobTable::over(std::span<const workload::JobSpec> jobs) {
  JobTable t;
  t.planned_ = jobs;
  t.init_states();
  return t;
}

void JobTable::init_states() {
  states_.resize(planned_.size());
  for (std::size_t j = 0; j < planned_.size(); ++j) states_[j].remaining_s = planned_[j].work_s;
}

std::uint32_t JobTable::add(const workload::JobSpec& job) {
  added_.push_back(job);
  JobState& s = states_.emplace_back();
  s.remaining_s = job.work_s;
  return static_cast<std::uint32_t>(states_.size() - 1);
}

std::vector<workload::JobSpec> JobTable::specs() const {
  std::vector<workload::JobSpec> out(planned_.begin(), planned_.end());
  out.insert(out.end(), added_.begin(), added_.end());
  return out;
}

void JobTable::progress(std::uint32_t job, const Partition& p, double speed, double cap,
                        core::Time now) {
  JobState& s = states_[job];
  const workload::JobSpec& j = spec(job);
  const double dt = (now - s.last_update).in_seconds();
  const double overhead = std::min(dt, s.overhead_s);
  const double working = dt - overhead;
  const double work = working * speed;
  s.overhead_s -= overhead;
  s.run_useful_s += work;
  s.remaining_s = std::max(0.0, s.remaining_s - overhead - work);
  const double acc = static_cast<double>(j.accelerators);
  s.held_s += dt;
  s.energy_j += acc * p.idle_w * dt + acc * j.activity * p.dynamic_w * cap * working;
  s.last_update = now;
}

core::Time JobTable::expected_end(const JobState& s, double speed, core::Time now) const {
  return after(now, s.overhead_s + (s.remaining_s - s.overhead_s) / speed);
}

}  // namespace gigasim::sched
