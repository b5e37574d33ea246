// Studies: the study file, its variants, the statistics and the independence from threads.
#include "gigasim/study/study.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "../scratch_folder.hpp"
#include "gigasim/api/api.hpp"
#include "gigasim/study/headline.hpp"
#include "run_fixtures.hpp"

namespace gigasim::study {
namespace {

class Study : public testing::ScratchFolderTest {
 protected:
  // A study of the small Lyon site of run_fixtures.hpp, shortened to a week.
  std::filesystem::path study(const std::string& body) {
    write("site.yaml", testing::small_site());
    return write("study.yaml", "name: s\nscenario: site.yaml\n" + body);
  }
  std::string error(const std::string& body) {
    try {
      (void)run_study(load_study(study(body)), testing::catalog(), 1);
    } catch (const core::InputError& e) {
      return e.what();
    }
    return "no error";
  }
};

TEST_F(Study, VariantsArePatchesTimesTheGridFirstPathSlowest) {
  const StudySpec spec = load_study(study(R"(set: {horizon: 7 days}
grid:
  sites[0].location: [lyon, lulea]
  seed: [1, 2, 3]
variants:
  - name: a
    set:
      sites[0].grid_connection: 8 MW
  - name: b
    set:
      sites[0].heat_reuse: {base_load: 1 MW, peak_load: 3 MW}
)"));
  const std::vector<Variant> v = expand(spec);
  ASSERT_EQ(v.size(), 2u * 2u * 3u);
  EXPECT_EQ(v[0].name, "a, sites[0].location=lyon, seed=1");
  EXPECT_EQ(v[1].name, "a, sites[0].location=lyon, seed=2");
  EXPECT_EQ(v[3].name, "a, sites[0].location=lulea, seed=1");
  EXPECT_EQ(v[6].name, "b, sites[0].location=lyon, seed=1");
  EXPECT_EQ(v[6].overrides,
            (std::vector<std::string>{"horizon=7 days",
                                      "sites[0].heat_reuse={base_load: 1 MW, peak_load: 3 MW}",
                                      "sites[0].location=lyon", "seed=1"}));
  EXPECT_EQ(expand(load_study(study("replicas: 2\n")))[0].name, "base");
}

TEST_F(Study, StudentsQuantileGivesTheIntervalOfSmallSamples) {
  EXPECT_DOUBLE_EQ(t975(1), 12.706);
  EXPECT_DOUBLE_EQ(t975(2), 4.303);
  EXPECT_DOUBLE_EQ(t975(30), 2.042);
  EXPECT_NEAR(t975(60), 2.000, 0.002);
  EXPECT_NEAR(t975(1000), 1.962, 0.002);
  EXPECT_TRUE(std::isnan(t975(0)));
}

TEST_F(Study, ReplicasGiveAMeanAndAnIntervalThatHoldsIt) {
  const StudyResult r =
      run_study(load_study(study("replicas: 3\nset: {horizon: 14 days, start: 2025-07-01}\n")),
                testing::catalog(), 2);
  ASSERT_EQ(r.variants.size(), 1u);
  const VariantResult& v = r.variants[0];
  ASSERT_EQ(v.replicas.size(), 3u);
  std::size_t pue = 0;
  while (pue < r.metrics.size() && r.metrics[pue] != "pue") ++pue;
  ASSERT_LT(pue, r.metrics.size());
  double sum = 0;
  for (const auto& rep : v.replicas) sum += rep.values[pue];
  EXPECT_DOUBLE_EQ(v.mean[pue], sum / 3.0);
  EXPECT_LT(v.ci_low[pue], v.mean[pue]) << "three weather years differ in July";
  EXPECT_GT(v.ci_high[pue], v.mean[pue]);
  EXPECT_EQ(v.replicas[1].seed, v.replicas[0].seed + 1);
}

TEST_F(Study, TheTablesDoNotDependOnTheThreads) {
  const StudySpec spec = load_study(study(R"(replicas: 2
set: {horizon: 7 days}
grid:
  sites[0].location: [lyon, madrid, lulea]
)"));
  const auto tables = [&](unsigned threads) {
    const std::filesystem::path out = dir_ / ("out" + std::to_string(threads));
    write_study(run_study(spec, testing::catalog(), threads), out);
    std::string all;
    for (const char* name : {"study.csv", "replicas.csv", "study.json"}) {
      std::ifstream in(out / name);
      std::stringstream text;
      text << in.rdbuf();
      all += text.str();
    }
    return all;
  };
  const std::string one = tables(1);
  EXPECT_GT(one.size(), 1000u);
  EXPECT_EQ(one, tables(2));
  EXPECT_EQ(one, tables(5)) << "more threads than replicas";
}

TEST_F(Study, BadStudiesAreRefusedWithEveryPlace) {
  const std::string e = error(R"(replicas: 0
grid:
  sites[0].location: []
variants:
  - name: a
    set:
      sites[0].grid_connection: 8 MW
  - {name: a, set: {seed: 2}}
  - {name: c}
colour: blue
)");
  EXPECT_NE(e.find("replicas:"), std::string::npos) << e;
  EXPECT_NE(e.find("grid.sites[0].location: expected a non-empty list of values (" + dir_.string() +
                   "/study.yaml:5:22)"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("variants[1].name: a variant named \"a\" comes earlier (" + dir_.string() +
                   "/study.yaml:10:12)"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("variants[2].set: missing required key \"set\""), std::string::npos) << e;
  EXPECT_NE(e.find("colour: unknown key"), std::string::npos) << e;
}

TEST_F(Study, AVariantTheScenarioRefusesNamesItselfAndItsOverride) {
  const std::string e = error(R"(variants:
  - name: windy
    set:
      sites[0].grid_connection: banana
  - {name: fine, set: {seed: 3}}
)");
  EXPECT_NE(e.find("sites[0].grid_connection: in variant \"windy\": expected a power"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("(--set sites[0].grid_connection=banana)"), std::string::npos) << e;
  EXPECT_EQ(e.find("fine"), std::string::npos) << e;
}

TEST_F(Study, ProblemsFoundWhilePreparingNameTheVariantAndAMissingBaseItsKey) {
  const std::string e = error(R"(variants:
  - name: huge
    set:
      sites[0].workload: {jobs: [{name: big, accelerators: 100000, duration: 1 h}]}
)");
  EXPECT_NE(e.find("sites[0].workload.jobs[0]: in variant \"huge\": the job needs 100000 "
                   "accelerators"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("(--set sites[0].workload="), std::string::npos) << e;
  try {
    (void)load_study(write("lost.yaml", "name: s\nscenario: nowhere.yaml\n"));
    ADD_FAILURE() << "a missing base was accepted";
  } catch (const core::InputError& missing) {
    EXPECT_NE(std::string(missing.what()).find("scenario: no scenario file"), std::string::npos)
        << missing.what();
    EXPECT_NE(std::string(missing.what()).find("lost.yaml:2:11"), std::string::npos)
        << missing.what();
  }
}

TEST_F(Study, EveryRunKeepsTheSameDeclaredFiguresNaNWhereOneDoesNotApply) {
  const std::vector<std::string>& names = headline_metrics();
  const auto at = [&](const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    EXPECT_NE(it, names.end()) << name;
    return static_cast<std::size_t>(it - names.begin());
  };
  // The small site runs no jobs: its workload figures do not apply, its costs do.
  const StudyResult r =
      run_study(load_study(study("set: {horizon: 3 days}\n")), testing::catalog(), 1);
  ASSERT_EQ(r.metrics, names);
  const std::vector<double>& v = r.variants[0].replicas[0].values;
  ASSERT_EQ(v.size(), names.size());
  EXPECT_GT(v[at("pue")], 1.0);
  EXPECT_GT(v[at("economics.tco_eur")], 0.0);
  EXPECT_GT(v[at("carbon.scope2_location_t")], 0.0);
  EXPECT_TRUE(std::isnan(v[at("workload.jobs_completed")]));
  EXPECT_TRUE(std::isnan(v[at("economics.eur_per_m_tokens_trained")])) << "no tokens: null";
}

// Every study shipped in studies/ reads, and every variant of it loads as a scenario.
TEST(ShippedStudies, EveryVariantLoads) {
  const std::filesystem::path dir = std::filesystem::path(GIGASIM_TEST_SOURCE_DIR) / "studies";
  std::size_t variants = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const StudySpec spec = load_study(entry.path());
    for (const Variant& v : expand(spec)) {
      EXPECT_NO_THROW((void)api::load(spec.scenario, testing::catalog(), {}, v.overrides))
          << entry.path() << ", " << v.name;
      ++variants;
    }
  }
  EXPECT_GE(variants, 6u + 76u) << "minimal-sites and eu-76-proposals";
}

TEST(StudyRanks, OneProcessOwnsEveryTaskAndGathersItsOwnFigures) {
  const Ranks alone;
  EXPECT_EQ(alone.size(), 1);
  EXPECT_TRUE(alone.owns(0) && alone.owns(7));
  EXPECT_EQ(alone.max(3), 3);
  const std::vector<double> mine{1.0, 2.0, 3.0, 4.0};
  EXPECT_EQ(alone.gather_tasks(mine, 2, 2), mine);
}

}  // namespace
}  // namespace gigasim::study
