// Ratios under stress (docs/outputs.md#ratios): a power cap or a supply outage slows the work,
// which then holds its accelerators longer and uses less energy. The ratios built on useful
// work must get worse, never better; the ratio on busy hours is shown falling, the trap they
// replace.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "run_gigasim.hpp"

namespace {

using nlohmann::json;

// Ten days of the Llama 3 cluster (2,112 DGX H100, about 21 MW of IT) under a DVFS cap.
json summary_with(const std::string& sets) {
  const auto r = gigasim::testing::gigasim(
      std::string("run ") + GIGASIM_TEST_SOURCE_DIR +
      "/scenarios/llama3-405b-54days.yaml --quiet --json --summary-only --out " +
      GIGASIM_TEST_ARTIFACTS +
      "/stress-ratios --set horizon=10days --set "
      "'sites[0].workload.power_cap=dvfs' " +
      sets);
  EXPECT_EQ(r.code, 0) << r.out;
  return json::parse(r.out);
}

void expect_worse_under_stress(const json& base, const json& stressed) {
  const json& b = base["economics"];
  const json& s = stressed["economics"];
  EXPECT_GT(stressed["workload"]["power_capped_hours"].get<double>(), 24.0);
  for (const char* key :
       {"eur_per_useful_gpu_hour", "eur_per_m_tokens_trained", "eur_per_pflop_day"}) {
    EXPECT_GT(s[key].get<double>(), 1.01 * b[key].get<double>()) << key;
  }
  // The run itself: less of it done, each share of it dearer.
  const auto per_done = [](const json& j) {
    const json& w = j["workload"];
    return w["cost_eur_by_named_job"]["llama3-405b"].get<double>() /
           w["done_by_named_job"]["llama3-405b"].get<double>();
  };
  EXPECT_LT(stressed["workload"]["done_by_named_job"]["llama3-405b"].get<double>(),
            base["workload"]["done_by_named_job"]["llama3-405b"].get<double>());
  EXPECT_GT(per_done(stressed), per_done(base));
}

TEST(StressRatios, AnImportCapNeverMakesAUsefulRatioLookBetter) {
  const json base = summary_with("");
  const json capped = summary_with("--set 'sites[0].supply[0].import_cap=15 MW'");
  expect_worse_under_stress(base, capped);
  // Less energy was bought, and busy hours still count the slowed ones: the old trap.
  const json& b = base["economics"];
  const json& c = capped["economics"];
  EXPECT_LT(c["tco_eur"].get<double>(), b["tco_eur"].get<double>());
  EXPECT_LT(c["eur_per_gpu_hour_busy"].get<double>(), b["eur_per_gpu_hour_busy"].get<double>());
}

TEST(StressRatios, ASupplyOutageNeverMakesAUsefulRatioLookBetter) {
  // A 30 MW nuclear contract out for four days, the grid import limited to 12 MW.
  const std::string supply =
      "--set 'sites[0].supply=[{type: nuclear, capacity: 30 MW, contract: capped, "
      "dated_outages: [{from: 2025-01-03, to: 2025-01-06}]}, {type: grid, import_cap: 12 MW}]'";
  const std::string normal =
      "--set 'sites[0].supply=[{type: nuclear, capacity: 30 MW, contract: capped}, "
      "{type: grid, import_cap: 12 MW}]'";
  expect_worse_under_stress(summary_with(normal), summary_with(supply));
}

}  // namespace
