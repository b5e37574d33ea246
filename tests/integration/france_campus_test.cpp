// The flagship scenario end to end: one run of scenarios/france-1gw.yaml, its economics and
// carbon objects in summary.json and its costs table.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "run_gigasim.hpp"

namespace {

namespace fs = std::filesystem;
using gigasim::testing::gigasim;
using gigasim::testing::run_command;

// CTest runs the scenario once (fixture `france_run`, tests/CMakeLists.txt) into
// GIGASIM_FRANCE_OUT; run by hand, the suite runs it itself when the folder is empty.
class FranceCampus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const fs::path out = GIGASIM_FRANCE_OUT;
    if (!fs::exists(out / "summary.json")) {
      const auto r = gigasim(
          "run " + (fs::path(GIGASIM_TEST_SOURCE_DIR) / "scenarios/france-1gw.yaml").string() +
          " --quiet --out " + out.string());
      if (r.code != 0) failure_ = new std::string(r.out);
    }
    if (fs::exists(out / "summary.json"))
      summary_ = new nlohmann::json(nlohmann::json::parse(std::ifstream(out / "summary.json")));
  }
  static void TearDownTestSuite() {
    delete summary_;
    delete failure_;
  }
  void SetUp() override {
    ASSERT_NE(summary_, nullptr) << (failure_ != nullptr ? *failure_ : "no summary.json");
  }
  static fs::path out() { return GIGASIM_FRANCE_OUT; }

  static inline nlohmann::json* summary_ = nullptr;
  static inline std::string* failure_ = nullptr;
};

TEST_F(FranceCampus, EconomicsObjectAddsUp) {
  for (const auto* e : {&(*summary_)["economics"], &(*summary_)["sites"][0]["economics"]}) {
    for (const char* key :
         {"capex_eur", "annualised_capex_eur", "opex_eur", "tco_eur", "eur_per_gpu_hour_available",
          "eur_per_gpu_hour_busy", "eur_per_m_tokens_trained", "eur_per_m_tokens_served",
          "cost_breakdown_eur", "depreciation_eur", "eur_per_pflop_day"}) {
      ASSERT_TRUE(e->contains(key)) << key;
      if (std::string(key) != "cost_breakdown_eur") {
        EXPECT_TRUE((*e)[key].is_number()) << key;
      }
    }
  }
  const auto& e = (*summary_)["economics"];
  const double years = (*summary_)["hours"].get<double>() / 8760.0;
  EXPECT_NEAR(e["tco_eur"].get<double>(),
              e["annualised_capex_eur"].get<double>() * years + e["opex_eur"].get<double>(), 1.0);
  double breakdown = 0;
  for (const auto& [name, eur] : e["cost_breakdown_eur"].items()) breakdown += eur.get<double>();
  EXPECT_NEAR(breakdown, e["tco_eur"].get<double>(), 1.0);
  EXPECT_LT(e["cost_breakdown_eur"]["heat_revenue"].get<double>(), 0.0);  // heat is sold
  // Half a million GB200-class accelerators: tens of billions of euros, and a GPU-hour in the
  // range of published rental prices (about 2-4 USD per H100-hour in 2025).
  EXPECT_GT(e["capex_eur"].get<double>(), 1e10);
  EXPECT_LT(e["capex_eur"].get<double>(), 1e11);
  const double available = e["eur_per_gpu_hour_available"].get<double>();
  EXPECT_GT(available, 0.5);
  EXPECT_LT(available, 6.0);
  EXPECT_GT(e["eur_per_gpu_hour_busy"].get<double>(), available);  // idle time is paid for
  EXPECT_GT(e["eur_per_m_tokens_trained"].get<double>(), 0.0);
  EXPECT_GT(e["eur_per_m_tokens_served"].get<double>(), 0.0);
}

TEST_F(FranceCampus, CarbonObjectMatchesTheEnergyAccount) {
  const auto& c = (*summary_)["carbon"];
  for (const char* key :
       {"scope2_location_t", "scope2_market_t", "embodied_t", "cue", "g_per_m_tokens"}) {
    ASSERT_TRUE(c.contains(key)) << key;
    EXPECT_TRUE(c[key].is_number()) << key;
  }
  const auto& total = (*summary_)["total"];
  EXPECT_NEAR(c["scope2_location_t"].get<double>(), total["carbon_t"].get<double>(),
              1e-6 * total["carbon_t"].get<double>());
  // CUE: kg CO2e per kWh of IT energy.
  EXPECT_NEAR(c["cue"].get<double>(),
              c["scope2_location_t"].get<double>() / total["energy_it_mwh"].get<double>(), 1e-9);
  // Nuclear and the French grid: a CUE far below the EU average grid's ~0.25 kg/kWh.
  EXPECT_LT(c["cue"].get<double>(), 0.05);
  EXPECT_GT(c["embodied_t"].get<double>(), 0.0);
  EXPECT_LT(c["embodied_t"].get<double>(), c["embodied_total_t"].get<double>());
}

TEST_F(FranceCampus, CostsTableHoldsTheBreakdown) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((out() / "results.sqlite").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT SUM(run_eur), SUM(kind = 'capital'), SUM(capex_eur) FROM "
                               "costs WHERE site = 'total'",
                               -1, &s, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  const auto& e = (*summary_)["economics"];
  EXPECT_NEAR(sqlite3_column_double(s, 0), e["tco_eur"].get<double>(), 1.0);
  EXPECT_EQ(sqlite3_column_int64(s, 1), 10);
  EXPECT_NEAR(sqlite3_column_double(s, 2), e["capex_eur"].get<double>(), 1.0);
  sqlite3_finalize(s);
  sqlite3_close(db);
}

TEST_F(FranceCampus, ReportRendersEverySectionInChromium) {
  const fs::path report = out() / "report.html";
  ASSERT_TRUE(fs::exists(report));
  EXPECT_LT(fs::file_size(report), 5U << 20U);
  // The screenshot, DOM and console log stay in the build tree as the test's artefacts.
  const fs::path artifacts = fs::path(GIGASIM_TEST_ARTIFACTS) / "report-france-1gw";
  const auto r = run_command(
      (fs::path(GIGASIM_TEST_SOURCE_DIR) / "report/check.sh").string() + " " + report.string() +
      " " + artifacts.string() +
      " headline sankey timeline pue_vs_temperature supply utilization goodput power_steps "
      "costs jobs");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(fs::exists(artifacts / "report.png"));
}

TEST_F(FranceCampus, ReportCommandRedrawsTheSamePage) {
  const fs::path copy =
      fs::temp_directory_path() / ("gigasim-report-" + std::to_string(::getpid()));
  fs::remove_all(copy);
  fs::create_directories(copy);
  fs::copy_file(out() / "results.sqlite", copy / "results.sqlite");
  const auto r = gigasim("report " + copy.string());
  EXPECT_EQ(r.code, 0) << r.out;
  const auto read = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  EXPECT_TRUE(read(copy / "report.html") == read(out() / "report.html"));
  fs::remove_all(copy);
}

}  // namespace
