#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <tuple>

#include "easy_reference.hpp"
#include "gigasim/core/rng.hpp"
#include "gigasim/sched/site_scheduler.hpp"

namespace gigasim::sched {
namespace {

using workload::JobSpec;

JobSpec job(double submit_s, std::int64_t acc, double work_s, std::uint16_t tenant = 0) {
  JobSpec j;
  j.submit = core::Time::from_ms(static_cast<std::int64_t>(submit_s * 1000));
  j.accelerators = acc;
  j.work_s = work_s;
  j.tenant = tenant;
  return j;
}

PartitionSetup partition(std::int64_t domains, int domain_size = 8) {
  PartitionSetup p;
  p.shape = {domain_size, domains, 0};
  p.idle_w_per_accelerator = 100;
  p.dynamic_w_per_accelerator = 900;
  return p;
}

// Runs every job to completion with a tiny event loop that, like the simulation, takes
// every job ending and arriving at an instant into account before one scheduling pass.
// Returns each job's first start. `after_pass`, if given, is called after every pass.
std::vector<double> run(SiteScheduler& s, const std::function<void(core::Time)>& after_pass = {}) {
  constexpr core::Time kNever = core::Time::from_ms(INT64_MAX / 2);
  std::vector<std::tuple<core::Time, std::uint32_t, std::uint32_t>> ends;
  std::vector<EndEvent> started;
  std::uint32_t next = 0;
  const auto& jobs = s.jobs();
  core::Time wake = kNever;  // a pass an admission policy asked for
  while (true) {
    const core::Time t_arrival = next < jobs.size() ? jobs.spec(next).submit : kNever;
    const auto first_end = std::min_element(ends.begin(), ends.end());
    const core::Time t_end = first_end != ends.end() ? std::get<0>(*first_end) : kNever;
    const core::Time now = std::min({wake, t_arrival, t_end});
    if (now == kNever) break;
    std::sort(ends.begin(), ends.end());
    while (!ends.empty() && std::get<0>(ends.front()) == now) {
      (void)s.complete(std::get<1>(ends.front()), std::get<2>(ends.front()), now);
      ends.erase(ends.begin());
    }
    while (next < jobs.size() && jobs.spec(next).submit <= now) s.submit(next++, now);
    wake = std::min(s.schedule(now, started), kNever);
    for (const auto& e : started) ends.emplace_back(e.end, e.job, e.version);
    started.clear();
    if (after_pass) after_pass(now);
  }
  std::vector<double> starts;
  for (const auto& st : s.states()) starts.push_back(st.first_start.in_seconds());
  return starts;
}

TEST(Scheduler, FifoWithoutBackfillKeepsOrder) {
  SchedulerSpec spec;
  spec.backfill = false;
  SiteScheduler s({partition(4)}, {}, spec, {job(0, 24, 100), job(1, 32, 100), job(2, 8, 10)});
  const auto starts = run(s);
  EXPECT_DOUBLE_EQ(starts[0], 0);
  EXPECT_DOUBLE_EQ(starts[1], 100);  // waits for the first
  EXPECT_DOUBLE_EQ(starts[2], 200);  // may not jump the queue: after job 1, which takes everything
}

TEST(Scheduler, EasyBackfillsShortJobsWithoutDelayingTheReservedOne) {
  SchedulerSpec spec;
  spec.backfill = true;
  // 4 domains; job 0 holds 3 for 100 s; job 1 needs all 4 (reserved at t = 100); job 2 fits
  // in the free domain and ends before 100 (backfilled); job 3 fits but would run past 100.
  SiteScheduler s({partition(4)}, {}, spec,
                  {job(0, 24, 100), job(1, 32, 50), job(2, 8, 60), job(3, 8, 500)});
  // (jobs arrive at t = 0, 1, 2, 3 s)
  const auto starts = run(s);
  EXPECT_DOUBLE_EQ(starts[1], 100);  // the reserved job starts when promised
  EXPECT_DOUBLE_EQ(starts[2], 2);    // backfilled at its arrival: it ends at 62, before 100
  EXPECT_DOUBLE_EQ(starts[3], 150);  // not backfilled: it would have delayed job 1
}

// EASY knows the limits users request, not the run times (Mu'alem & Feitelson 2001): a job
// that asks for more than it needs is not backfilled where it would fit, and a running job
// that asked for more pushes the reservation back, letting a long job in ahead of it.
JobSpec limited(JobSpec j, double requested_s) {
  j.requested_s = static_cast<float>(requested_s);
  return j;
}

TEST(Scheduler, EasyPlansWithRequestedLimitsByDefaultAndExactTimesOnRequest) {
  // As above: 4 domains; job 0 holds 3 for 100 s; job 1 needs all 4; job 2 runs 60 s but
  // asks for 200 s.
  const std::vector<JobSpec> jobs = {limited(job(0, 24, 100), 100), job(1, 32, 50),
                                     limited(job(2, 8, 60), 200)};
  SchedulerSpec requested;
  ASSERT_TRUE(requested.plan_with_requested_limits);
  SiteScheduler a({partition(4)}, {}, requested, jobs);
  const auto by_limits = run(a);
  EXPECT_DOUBLE_EQ(by_limits[1], 100);
  EXPECT_DOUBLE_EQ(by_limits[2], 150);  // 2 + 200 s would pass the reservation at 100
  SchedulerSpec exact;
  exact.plan_with_requested_limits = false;
  SiteScheduler b({partition(4)}, {}, exact, jobs);
  const auto by_times = run(b);
  EXPECT_DOUBLE_EQ(by_times[1], 100);
  EXPECT_DOUBLE_EQ(by_times[2], 2);  // ends at 62: backfilled

  // Job 0 asks for 1,000 s: the reservation of job 1 is planned at 1,000, so a 500 s job
  // (asking for 500 s) is backfilled at its arrival and delays job 1 to its own end.
  const std::vector<JobSpec> over = {limited(job(0, 24, 100), 1000), job(1, 32, 50),
                                     limited(job(3, 8, 500), 500)};
  SiteScheduler c({partition(4)}, {}, requested, over);
  const auto overestimated = run(c);
  EXPECT_DOUBLE_EQ(overestimated[2], 3);
  EXPECT_DOUBLE_EQ(overestimated[1], 503);
  SiteScheduler d({partition(4)}, {}, exact, over);
  const auto known = run(d);
  EXPECT_DOUBLE_EQ(known[1], 100);
  EXPECT_DOUBLE_EQ(known[2], 150);
}

TEST(Scheduler, EasyCountsEveryJobEndingAtTheReservedStartAsFreeThen) {
  // 6 domains of 8. A and B hold 2 domains each until t = 100; C needs 4 domains, so its
  // start is promised at 100, when A alone gives it enough. B ends at the same instant: the
  // reserved job will not need B's 2 domains, so D (one domain, running past 100) may take
  // one of the 2 free domains now.
  SiteScheduler s({partition(6)}, {}, SchedulerSpec{},
                  {job(0, 16, 100), job(0, 16, 100), job(1, 32, 50), job(2, 8, 500)});
  s.record_reservations(true);
  const auto starts = run(s);
  EXPECT_DOUBLE_EQ(starts[2], 100);  // the promise holds
  EXPECT_DOUBLE_EQ(starts[3], 2);    // backfilled at its arrival
}

TEST(Scheduler, BackfillingKeepsEveryReservationOnRandomWorkloads) {
  // Each time EASY reserves a start for the head of the queue, that job must start no later
  // than promised, whatever was backfilled meanwhile (run times are exact here).
  core::RandomStream rng(5, "promise");
  int reservations = 0;
  for (int trial = 0; trial < 30; ++trial) {
    std::vector<JobSpec> jobs;
    for (int i = 0; i < 80; ++i) {
      jobs.push_back(
          job(i * rng.uniform(0, 20), std::int64_t{1} << rng.below(7), rng.uniform(10, 400)));
    }
    std::sort(jobs.begin(), jobs.end(),
              [](const auto& a, const auto& b) { return a.submit < b.submit; });
    SiteScheduler s({partition(8)}, {}, SchedulerSpec{}, jobs);
    s.record_reservations(true);
    const auto starts = run(s);
    for (const auto& [j, promised] : s.reservations()) {
      EXPECT_LE(starts[j], promised.in_seconds() + 1e-3) << "trial " << trial << " job " << j;
      ++reservations;
    }
  }
  EXPECT_GT(reservations, 100);
}

// Random workloads on one machine of 64 processors (domains of one), with integer-second
// submissions and run times so that many jobs arrive and end at the same instants.
std::vector<JobSpec> tied_workload(core::RandomStream& rng, int n) {
  std::vector<JobSpec> jobs;
  double t = 0;
  for (int i = 0; i < n; ++i) {
    t += std::floor(rng.uniform(0, 40));
    const auto size = static_cast<std::int64_t>(1 + rng.below(rng.uniform() < 0.3 ? 64 : 16));
    jobs.push_back(job(t, size, std::floor(rng.uniform(1, 30)) * 10));
  }
  return jobs;
}

PartitionSetup machine(std::int64_t processors) {
  PartitionSetup p;
  p.shape = {1, processors, processors};
  p.idle_w_per_accelerator = 100;
  p.dynamic_w_per_accelerator = 900;
  return p;
}

// EASY as the scheduler implements it gives the start times of an independent textbook EASY
// simulator, with or without backfilling, on workloads full of simultaneous events.
TEST(Scheduler, EasyAndFcfsMatchAnIndependentSimulatorJobForJob) {
  core::RandomStream rng(11, "reference");
  for (const bool backfill : {true, false}) {
    for (int trial = 0; trial < 25; ++trial) {
      const auto jobs = tied_workload(rng, 120);
      std::vector<testing::ReferenceJob> reference;
      for (const auto& j : jobs)
        reference.push_back(
            {j.submit.ms(), static_cast<std::int64_t>(j.work_s * 1000), j.accelerators});
      SchedulerSpec spec;
      spec.backfill = backfill;
      spec.backfill_depth = 1000;
      SiteScheduler s({machine(64)}, {}, spec, jobs);
      const auto starts = run(s);
      const auto expected = testing::easy_reference(reference, 64, backfill);
      for (std::size_t j = 0; j < jobs.size(); ++j) {
        ASSERT_EQ(static_cast<std::int64_t>(std::llround(starts[j] * 1000)), expected[j])
            << (backfill ? "EASY" : "FCFS") << " trial " << trial << " job " << j;
      }
    }
  }
}

// What EASY guarantees: after every pass, the first waiting job in FCFS order does not fit
// (nothing is kept waiting that could run at the head of the queue), and the jobs that
// jumped ahead of it never push its start beyond the reservation it was given.
TEST(Scheduler, EasyNeverKeepsTheHeadWaitingWhileItFits) {
  core::RandomStream rng(3, "easy");
  for (int trial = 0; trial < 20; ++trial) {
    const auto jobs = tied_workload(rng, 100);
    SiteScheduler s({machine(64)}, {}, SchedulerSpec{}, jobs);
    s.record_reservations(true);
    int checked = 0;
    const auto starts = run(s, [&](core::Time) {
      for (std::uint32_t j = 0; j < jobs.size(); ++j) {
        if (s.states()[j].status != JobStatus::waiting) continue;
        EXPECT_GT(jobs[j].accelerators, s.allocator(0).free_accelerators()) << "job " << j;
        ++checked;
        break;  // jobs are in FCFS order: the first waiting one is the head
      }
    });
    EXPECT_GT(checked, 10);
    for (const auto& [j, promised] : s.reservations())
      EXPECT_LE(starts[j], promised.in_seconds() + 1e-3) << "trial " << trial << " job " << j;
  }
}

// An admission policy that defers the jobs of one class until a given time (as a price- or
// carbon-aware policy would defer deferrable work to a cheaper hour).
class DeferClassUntil final : public AdmissionPolicy {
 public:
  DeferClassUntil(workload::JobClass cls, core::Time until) : cls_(cls), until_(until) {}
  Admission admit(const JobSpec& job, std::uint32_t, const AdmissionView& view) const override {
    return job.cls == cls_ && view.now < until_ ? Admission::defer(until_) : Admission::start();
  }

 private:
  workload::JobClass cls_;
  core::Time until_;
};

TEST(Scheduler, AnAdmissionPolicyDefersAStartWithoutBlockingOthers) {
  // Job 0 (deferrable) fits at once but may not start before t = 300 s; job 1 arrives later
  // and starts at once: a deferred job holds no reservation.
  JobSpec deferred = job(0, 32, 100);
  deferred.cls = workload::JobClass::evaluation;
  SiteScheduler s({partition(4)}, {}, SchedulerSpec{}, {deferred, job(10, 32, 100)});
  s.set_admission(std::make_unique<DeferClassUntil>(workload::JobClass::evaluation,
                                                    core::Time::from_ms(300'000)));
  const auto starts = run(s);
  EXPECT_DOUBLE_EQ(starts[1], 10);
  EXPECT_DOUBLE_EQ(starts[0], 300) << "started when the policy allowed, not before";
}

TEST(Scheduler, JobsCanBeAddedAfterConstruction) {
  SiteScheduler s({partition(4)}, {}, SchedulerSpec{}, {job(0, 8, 100)});
  const std::uint32_t added = s.add(job(50, 8, 10));
  EXPECT_EQ(added, 1U);
  const auto starts = run(s);
  EXPECT_DOUBLE_EQ(starts[1], 50);
  EXPECT_EQ(s.states()[1].status, JobStatus::done);
}

TEST(Scheduler, PriorityOrdersAndPreempts) {
  std::vector<workload::Tenant> tenants = {{"low", 1, 1.0, true}, {"high", 5, 1.0, false}};
  SchedulerSpec spec;
  spec.policy = PolicyKind::priority;
  spec.preemption = true;
  SiteScheduler s({partition(4)}, tenants, spec, {job(0, 32, 100, 0), job(10, 16, 20, 1)});
  const auto starts = run(s);
  EXPECT_DOUBLE_EQ(starts[1], 10);  // preempts the low-priority job at once
  EXPECT_EQ(s.states()[0].preemptions, 1);
  EXPECT_EQ(s.preemptions(), 1);
  // The preempted job resumed and finished its 100 s of work: 10 before, 90 after.
  EXPECT_NEAR(s.states()[0].end.in_seconds(), 30 + 90, 1e-3);
}

TEST(Scheduler, FairShareConvergesToTheShares) {
  // Two tenants flood the queue with identical jobs; fair share serves them in proportion
  // to their shares (3:1) over the run.
  std::vector<workload::Tenant> tenants = {{"a", 1, 3.0, false}, {"b", 1, 1.0, false}};
  std::vector<JobSpec> jobs;
  for (int i = 0; i < 400; ++i) jobs.push_back(job(0, 8, 100, static_cast<std::uint16_t>(i % 2)));
  SchedulerSpec spec;
  spec.policy = PolicyKind::fair_share;
  SiteScheduler s({partition(4)}, tenants, spec, jobs);
  const auto starts = run(s);
  // Among the jobs started in the first half of the run, tenant a gets three quarters.
  double horizon = 0;
  for (double t : starts) horizon = std::max(horizon, t);
  int a = 0, b = 0;
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    if (starts[j] < horizon / 2) (jobs[j].tenant == 0 ? a : b)++;
  }
  EXPECT_NEAR(static_cast<double>(a) / (a + b), 0.75, 0.03);
}

TEST(Scheduler, PowerCapSlowsRunningJobsAlongTheDvfsCurve) {
  SiteScheduler s({partition(4)}, {}, SchedulerSpec{}, {job(0, 32, 1000)});
  std::vector<EndEvent> ev;
  s.submit(0, core::Time::start());
  s.schedule(core::Time::start(), ev);
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_NEAR(ev[0].end.in_seconds(), 1000, 1e-3);
  ev.clear();
  s.set_cap(0.512, core::Time::from_ms(500'000), ev);  // speed 0.8 after half the work
  ASSERT_EQ(ev.size(), 1U);
  EXPECT_NEAR(s.speed(), 0.8, 1e-12);
  EXPECT_NEAR(ev[0].end.in_seconds(), 500 + 500 / 0.8, 1e-3);
  EXPECT_FALSE(s.complete(0, ev[0].version - 1, ev[0].end));  // the old end event is stale
  EXPECT_TRUE(s.complete(0, ev[0].version, ev[0].end));
  // Energy: 32 accelerators × (100 W idle + 0.7 × 900 W × cap) over each phase.
  const double expected = 32 * (100 + 0.7 * 900) * 500 + 32 * (100 + 0.7 * 900 * 0.512) * 625;
  EXPECT_NEAR(s.states()[0].energy_j, expected, 1e-6 * expected);
}

TEST(Scheduler, PreemptModeShedsLowPriorityWorkToMeetThePowerBudget) {
  std::vector<workload::Tenant> tenants = {{"low", 1, 1.0, true}, {"high", 5, 1.0, false}};
  SiteScheduler s({partition(8)}, tenants, SchedulerSpec{},
                  {job(0, 32, 1000, 0), job(0, 32, 1000, 1)});
  std::vector<EndEvent> ev;
  s.submit(0, core::Time::start());
  s.submit(1, core::Time::start());
  s.schedule(core::Time::start(), ev);
  EXPECT_EQ(s.running(), 2U);
  const double one_job = 32 * 0.7 * 900;
  s.limit_power(one_job * 1.5, core::Time::from_ms(10'000));
  EXPECT_EQ(s.running(), 1U);
  EXPECT_EQ(s.states()[0].status, JobStatus::waiting);  // the low-priority job was stopped
  ev.clear();
  s.schedule(core::Time::from_ms(10'000), ev);
  EXPECT_TRUE(ev.empty()) << "no restart within the power budget";
}

}  // namespace
}  // namespace gigasim::sched
