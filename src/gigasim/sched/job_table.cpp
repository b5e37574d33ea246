#include "gigasim/sched/job_table.hpp"

#include <algorithm>
#include <cmath>

namespace gigasim::sched {

core::Time after(core::Time now, double seconds) {
  return now + core::Duration::milliseconds(static_cast<std::int64_t>(std::ceil(seconds * 1000.0)));
}

JobTable::JobTable(std::vector<workload::JobSpec> jobs) : jobs_(std::move(jobs)) {
  states_.resize(jobs_.size());
  for (std::size_t j = 0; j < jobs_.size(); ++j) states_[j].remaining_s = jobs_[j].work_s;
}

std::uint32_t JobTable::add(const workload::JobSpec& job) {
  jobs_.push_back(job);
  JobState& s = states_.emplace_back();
  s.remaining_s = job.work_s;
  return static_cast<std::uint32_t>(jobs_.size() - 1);
}

void JobTable::progress(std::uint32_t job, const Partition& p, double speed, double cap,
                        core::Time now) {
  JobState& s = states_[job];
  const workload::JobSpec& j = jobs_[job];
  const double dt = (now - s.last_update).in_seconds();
  const double overhead = std::min(dt, s.overhead_s);
  const double working = dt - overhead;
  const double work = working * speed;
  s.overhead_s -= overhead;
  s.run_useful_s += work;
  s.remaining_s = std::max(0.0, s.remaining_s - overhead - work);
  const double acc = static_cast<double>(j.accelerators);
  s.energy_j += acc * p.idle_w * dt + acc * j.activity * p.dynamic_w * cap * working;
  s.last_update = now;
}

core::Time JobTable::expected_end(const JobState& s, double speed, core::Time now) const {
  return after(now, s.overhead_s + (s.remaining_s - s.overhead_s) / speed);
}

}  // namespace gigasim::sched
