#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "gigasim/core/errors.hpp"
#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/workload/generator.hpp"
#include "gigasim/workload/inference.hpp"

namespace gigasim::workload {
namespace {

TEST(Generator, RateSizesAndDurationsFollowTheirDistributions) {
  GeneratorSpec g;
  g.jobs_per_day = 2000;
  g.diurnal_amplitude = 0.5;
  g.size = {{1, 8, 64}, {0.7, 0.2, 0.1}};
  g.duration_median_s = 1800;
  g.duration_sigma = 1.0;
  g.duration_max_s = 1e9;
  g.tenants = {0, 1};
  g.tenant_weights = {3, 1};
  core::RandomStream rng(1, "gen");
  std::vector<JobSpec> jobs;
  generate_jobs(g, JobCosting{}, core::Duration::days(30), rng, jobs);
  EXPECT_NEAR(static_cast<double>(jobs.size()), 60000, 4 * std::sqrt(60000.0));
  const double ones = static_cast<double>(
      std::count_if(jobs.begin(), jobs.end(), [](auto& j) { return j.accelerators == 1; }));
  EXPECT_NEAR(ones / static_cast<double>(jobs.size()), 0.7, 0.01);
  std::vector<double> d;
  for (const auto& j : jobs) d.push_back(j.work_s);
  std::nth_element(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2), d.end());
  EXPECT_NEAR(d[d.size() / 2], 1800, 60);
  const double tenant0 = static_cast<double>(
      std::count_if(jobs.begin(), jobs.end(), [](auto& j) { return j.tenant == 0; }));
  EXPECT_NEAR(tenant0 / static_cast<double>(jobs.size()), 0.75, 0.01);
  // The daily cycle: more submissions around 14:00 than around 02:00.
  int afternoon = 0, night = 0;
  for (const auto& j : jobs) {
    const int h = static_cast<int>(std::fmod(j.submit.in_hours(), 24.0));
    afternoon += h == 14;
    night += h == 2;
  }
  EXPECT_GT(afternoon, 2 * night);
}

// The modal model of requested limits (Tsafrir, Etsion & Feitelson 2005): round values at or
// above the run time, a share asking for the maximum.
TEST(Generator, RequestedLimitsAreRoundValuesAboveTheRunTime) {
  EXPECT_DOUBLE_EQ(requested_limit_s(600, 86400), 900);
  EXPECT_DOUBLE_EQ(requested_limit_s(3600, 86400), 3600);
  EXPECT_DOUBLE_EQ(requested_limit_s(3601, 86400), 7200);
  EXPECT_DOUBLE_EQ(requested_limit_s(50000, 86400), 86400);
  EXPECT_DOUBLE_EQ(requested_limit_s(50000, 36000), 36000);  // nothing above the maximum
  GeneratorSpec g;
  g.jobs_per_day = 5000;
  g.size = {{8}, {1}};
  g.duration_median_s = 3600;
  g.duration_max_s = 2 * 86400.0;
  g.time_limit_max_s = 2 * 86400.0;
  g.time_limit_max_share = 0.25;
  core::RandomStream rng(3, "limits");
  std::vector<JobSpec> jobs;
  generate_jobs(g, JobCosting{}, core::Duration::days(10), rng, jobs);
  int at_max = 0;
  for (const auto& j : jobs) {
    EXPECT_GE(j.requested_s, static_cast<float>(j.work_s) * 0.999F);  // never below the run
    at_max += j.requested_s == static_cast<float>(g.time_limit_max_s);
  }
  // The share drawn at the maximum, plus the few runs whose round value is the maximum.
  EXPECT_NEAR(at_max / static_cast<double>(jobs.size()), 0.25, 0.03);
  GeneratorSpec none = g;
  none.time_limit_max_s = 0;
  std::vector<JobSpec> exact;
  core::RandomStream rng2(3, "limits");
  generate_jobs(none, JobCosting{}, core::Duration::days(10), rng2, exact);
  for (const auto& j : exact) EXPECT_EQ(j.requested_s, 0.0F);
}

TEST(Inference, ReplicasFollowDemandWithinTheirLimits) {
  InferenceService s;
  s.min_replicas = 2;
  s.max_replicas = 10;
  s.peak_tokens_per_s = 1000;
  s.tokens_per_s_per_replica = 120;
  s.daily_shape = io::Catalog::load(std::filesystem::path(GIGASIM_TEST_SOURCE_DIR) / "data")
                      .defaults.inference.daily_shape;  // data/defaults.yaml
  const auto peak = s.at(14);
  EXPECT_DOUBLE_EQ(peak.demand_tokens_per_s, 1000);
  EXPECT_EQ(peak.active_replicas, 9);  // ⌈1000 / 120⌉
  EXPECT_DOUBLE_EQ(peak.served_tokens_per_s, 1000);
  EXPECT_NEAR(s.at(2).demand_tokens_per_s, 350, 1e-9);  // the night trough at 35 %
  s.max_replicas = 5;
  EXPECT_DOUBLE_EQ(s.at(14).served_tokens_per_s, 600);  // capacity-bound
}

}  // namespace
}  // namespace gigasim::workload
