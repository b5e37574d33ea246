// The library API: many runs in one process, from several threads at once, alike.
#include <gtest/gtest.h>

#include <thread>

#include "run_fixtures.hpp"

namespace gigasim::api {
namespace {

using testing::run;
using testing::shipped;

TEST(Api, RunsOnSeveralThreadsGiveTheResultsOfSerialRuns) {
  const io::ScenarioFile a = shipped("minimal.yaml");
  const io::ScenarioFile b = shipped("swf-replay.yaml");
  const sim::Results serial_a = run(a, 7), serial_b = run(b, 7);
  sim::Results parallel_a, parallel_b, again_a;
  {
    std::jthread ta([&] { parallel_a = run(a, 7); });
    std::jthread tb([&] { parallel_b = run(b, 7); });
    std::jthread tc([&] { again_a = run(a, 7); });
  }
  for (const sim::Results* r : {&parallel_a, &again_a}) {
    EXPECT_EQ(r->total.energy_facility_mwh, serial_a.total.energy_facility_mwh);
    EXPECT_EQ(r->total.carbon_t, serial_a.total.carbon_t);
  }
  EXPECT_EQ(parallel_b.total.energy_it_mwh, serial_b.total.energy_it_mwh);
  EXPECT_EQ(parallel_b.workload_total.mean_wait_h, serial_b.workload_total.mean_wait_h);
}

TEST(Api, OnePlanRunsManyTimesAlike) {
  const io::ScenarioFile f = shipped("swf-replay.yaml");
  const plan::Plan p = prepare(f, 3);
  const sim::Results first = api::run(p), second = api::run(p);
  EXPECT_EQ(first.total.energy_it_mwh, second.total.energy_it_mwh);
  EXPECT_EQ(first.workload_total.jobs_completed, second.workload_total.jobs_completed);
}

TEST(Api, PrepareReportsProblemsWithTheirPlaces) {
  std::string yaml = R"(name: t
sites:
  - name: a
    location: lyon
    grid_connection: 1 MW
    fleet: [{system: dgx-h100, count: 2}]
    supply: [{type: grid}]
    workload:
      jobs: [{accelerators: 64, duration: 1 h}]
)";
  try {
    (void)prepare(testing::load(yaml, "p.yaml"), 1);
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].to_string(),
              "sites[0].workload.jobs[0]: the job needs 64 accelerators but its partition holds "
              "16 (p.yaml:9:14)");
  }
}

}  // namespace
}  // namespace gigasim::api
