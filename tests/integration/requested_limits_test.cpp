// Requested time limits on a trace, end to end (docs/models/scheduling.md#requested-time-limits):
// the CSV's time_limit_s column reaches EASY, which plans with it unless told `exact`. And the
// deadlines of explicit jobs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "run_gigasim.hpp"

namespace {

using nlohmann::json;

// swf-replay's site cut to 4 DGX H100 (32 accelerators) replaying traces/overestimated.csv:
// a 10 h job asking for 100 h, a 5 h job needing the whole machine, a 50 h job asking 50 h.
json workload_with(const std::string& estimates) {
  const auto r = gigasim::testing::gigasim(
      std::string("run ") + GIGASIM_TEST_SOURCE_DIR +
      "/scenarios/swf-replay.yaml --quiet --json --summary-only --out " + GIGASIM_TEST_ARTIFACTS +
      "/requested-limits --set 'sites[0].fleet[0].count=4' --set "
      "'sites[0].workload.traces=[{format: csv, file: ../tests/data/traces/overestimated.csv}]' "
      "--set sites[0].workload.scheduler.estimates=" +
      estimates);
  EXPECT_EQ(r.code, 0) << r.out;
  return json::parse(r.out)["workload"];
}

TEST(RequestedLimits, EasyPlansWithTheTracesLimitsUnlessToldExact) {
  const json requested = workload_with("requested");
  const json exact = workload_with("exact");
  EXPECT_EQ(requested["jobs_completed"].get<int>(), 3);
  EXPECT_EQ(exact["jobs_completed"].get<int>(), 3);
  // Exact: the whole-machine job is promised the end of the 10 h job and gets it; the 50 h
  // job waits behind it (submitted at 120 s, started at 15 h).
  EXPECT_NEAR(exact["max_wait_h"].get<double>(), 15.0 - 120.0 / 3600, 1e-6);
  // Requested: the 10 h job is believed to run 100 h, so the 50 h job is backfilled at once
  // and the whole-machine job waits for it: 50 h.
  EXPECT_NEAR(requested["max_wait_h"].get<double>(), 50.0 + 120.0 / 3600 - 60.0 / 3600, 1e-6);
  EXPECT_GT(requested["mean_bounded_slowdown"].get<double>(),
            exact["mean_bounded_slowdown"].get<double>());
}

TEST(RequestedLimits, AnUnknownEstimateModeIsRefusedWithItsPlace) {
  const auto r = gigasim::testing::gigasim(
      std::string("check ") + GIGASIM_TEST_SOURCE_DIR +
      "/scenarios/swf-replay.yaml --set sites[0].workload.scheduler.estimates=guessed");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("sites[0].workload.scheduler.estimates"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("expected requested or exact"), std::string::npos) << r.out;
}

}  // namespace

namespace {

// Deadlines of explicit jobs (docs/scenario.md, explicit jobs): a job done late or not done
// when its deadline passed is missed; one whose deadline lies beyond the horizon is not.
TEST(Deadlines, MissedDeadlinesAreCountedAndEachNamedJobSaysByHowMuch) {
  const auto r = gigasim::testing::gigasim(
      std::string("run ") + GIGASIM_TEST_SOURCE_DIR +
      "/scenarios/swf-replay.yaml --quiet --json --summary-only --out " + GIGASIM_TEST_ARTIFACTS +
      "/deadlines --set 'sites[0].workload.jobs=[{name: quick, accelerators: 8, duration: 2 h, "
      "deadline: 1 h}, {name: easy, accelerators: 8, duration: 1 h, deadline: 5 h}, {name: "
      "long, accelerators: 8, duration: 100 days, deadline: 200 days}]'");
  ASSERT_EQ(r.code, 0) << r.out;
  const json w = json::parse(r.out)["workload"];
  EXPECT_EQ(w["jobs_with_deadline"].get<int>(), 3);
  EXPECT_EQ(w["deadlines_missed"].get<int>(), 1);  // quick; long's lies beyond the horizon
  EXPECT_NEAR(w["late_h_by_named_job"]["quick"].get<double>(), 1.0, 1e-9);
  EXPECT_NEAR(w["late_h_by_named_job"]["easy"].get<double>(), -4.0, 1e-9);
  EXPECT_TRUE(w["late_h_by_named_job"]["long"].is_null());
}

TEST(Deadlines, ADeadlineBeforeTheSubmissionIsRefusedWithItsPlace) {
  const auto r = gigasim::testing::gigasim(
      std::string("check ") + GIGASIM_TEST_SOURCE_DIR +
      "/scenarios/swf-replay.yaml --set 'sites[0].workload.jobs=[{name: late, accelerators: 8, "
      "duration: 2 h, submit: 3 h, deadline: 2 h}]'");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("sites[0].workload.jobs[0].deadline"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("after the job's `submit`"), std::string::npos) << r.out;
}

}  // namespace
