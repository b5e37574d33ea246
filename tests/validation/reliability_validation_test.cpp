// The reliability model against Llama 3 405B's 54-day snapshot (arXiv:2407.21783 §3.3.4 and
// Table 5): 419 unexpected interruptions, their
// breakdown by component, and more than 90 % effective training time.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "gigasim/api/api.hpp"
#include "gigasim/reliability/components.hpp"

namespace gigasim {
namespace {

struct Run {
  double interruptions;
  double ettr;
  std::map<std::string, std::int64_t> by_component;
};

std::vector<Run> runs() {
  static const std::vector<Run> r = [] {
    const auto root = std::filesystem::path(GIGASIM_TEST_SOURCE_DIR);
    const io::Catalog catalog = io::Catalog::load(root / "data");
    const io::ScenarioFile s = api::load(root / "scenarios/llama3-405b-54days.yaml", catalog);
    std::vector<Run> out;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
      const sim::Results res = api::run(api::prepare(s, seed));
      const auto& rel = res.reliability_total;
      out.push_back(
          {static_cast<double>(rel.job_interruptions), rel.ettr, rel.interruptions_by_component});
    }
    return out;
  }();
  return r;
}

TEST(ReliabilityValidation, Llama3InterruptionsWithinTenPercent) {
  double sum = 0, sq = 0;
  for (const auto& r : runs()) {
    sum += r.interruptions;
    sq += r.interruptions * r.interruptions;
  }
  const double n = static_cast<double>(runs().size());
  const double mean = sum / n;
  const double sd = std::sqrt(std::max(0.0, sq / n - mean * mean));
  std::printf("\nunexpected interruptions over %zu seeds: mean %.1f, sd %.1f (published 419)\n",
              runs().size(), mean, sd);
  RecordProperty("mean", std::to_string(mean));
  RecordProperty("sd", std::to_string(sd));
  EXPECT_NEAR(mean, 419.0, 41.9);
}

TEST(ReliabilityValidation, Llama3BreakdownByComponentWithinAFewPoints) {
  std::map<std::string, double> total;
  double all = 0;
  for (const auto& r : runs()) {
    for (const auto& [c, k] : r.by_component) {
      total[c] += static_cast<double>(k);
      all += static_cast<double>(k);
    }
  }
  const io::Catalog catalog =
      io::Catalog::load(std::filesystem::path(GIGASIM_TEST_SOURCE_DIR) / "data");
  for (const auto& c : catalog.defaults.reliability.components) {  // data/defaults.yaml
    const std::string name(reliability::to_string(c.component));
    const double published = c.interruptions_in_llama3 / 419.0;
    const double simulated = total[name] / all;
    EXPECT_NEAR(simulated, published, 0.03) << name;
  }
  // The largest classes: faulty GPUs 148/419 = 35.3 %, HBM3 72/419 = 17.2 %.
  EXPECT_NEAR(total["gpu"] / all, 0.353, 0.03);
  EXPECT_NEAR(total["hbm"] / all, 0.172, 0.02);
}

TEST(ReliabilityValidation, Llama3EffectiveTrainingTimeAboveNinetyPercent) {
  for (const auto& r : runs()) {
    EXPECT_GT(r.ettr, 0.90);
    EXPECT_LT(r.ettr, 0.99);  // 419 restarts cannot be free
  }
}

}  // namespace
}  // namespace gigasim
