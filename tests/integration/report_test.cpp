// report.html end to end: a 60-site year stays small, sections without data are left out,
// `gigasim report` fails cleanly without results, and a study's comparison page draws.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "run_gigasim.hpp"

namespace {

namespace fs = std::filesystem;
using gigasim::testing::gigasim;
using gigasim::testing::run_command;

class Report : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gigasim-report-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

// Sixty sites for a year, without workload: the series and scatter are at their largest.
std::string sixty_sites() {
  const char* locations[] = {"lyon", "paris-saclay", "stockholm", "lulea", "madrid", "milan"};
  std::string yaml = "name: sixty\nhorizon: 365 days\nsites:\n";
  for (int i = 0; i < 60; ++i) {
    yaml += "  - name: site-" + std::to_string(i) + "\n    location: " + locations[i % 6] +
            "\n    grid_connection: 50 MW\n    fleet: [{system: gb200-nvl72, count: auto}]\n"
            "    supply: [{type: grid}]\n";
  }
  return yaml;
}

TEST_F(Report, SixtySiteYearStaysUnderFiveMegabytesAndLeavesOutEmptySections) {
  const fs::path scenario = dir_ / "sixty.yaml";
  std::ofstream(scenario) << sixty_sites();
  const auto run =
      gigasim("run " + scenario.string() + " --quiet --out " + (dir_ / "out").string());
  ASSERT_EQ(run.code, 0) << run.out;
  const fs::path report = dir_ / "out/report.html";
  ASSERT_TRUE(fs::exists(report));
  EXPECT_LT(fs::file_size(report), 5U << 20U) << fs::file_size(report);
  const fs::path artifacts = fs::path(GIGASIM_TEST_ARTIFACTS) / "report-sixty-sites";
  const auto check = run_command((fs::path(GIGASIM_TEST_SOURCE_DIR) / "report/check.sh").string() +
                                 " " + report.string() + " " + artifacts.string() +
                                 " headline sankey timeline pue_vs_temperature supply costs");
  ASSERT_EQ(check.code, 0) << check.out;
  std::ifstream dom_file(artifacts / "dom.html");
  const std::string dom(std::istreambuf_iterator<char>(dom_file), {});
  const auto rendered_at = dom.find("data-rendered=\"");
  ASSERT_NE(rendered_at, std::string::npos);
  const std::string rendered =
      dom.substr(rendered_at, dom.find('"', rendered_at + 15) - rendered_at);
  for (const char* absent : {"goodput", "jobs", "power_steps"}) {
    EXPECT_EQ(rendered.find(absent), std::string::npos)
        << absent << " drawn without data: " << rendered;
  }
  // Every time series lets the reader pick one site instead of the sum: a list of "all
  // sites" and the 60 sites above the power, supply and utilization charts.
  std::size_t pickers = 0, options = 0;
  for (auto at = dom.find("class=\"site-picker\""); at != std::string::npos;
       at = dom.find("class=\"site-picker\"", at + 1))
    ++pickers;
  for (auto at = dom.find("<option"); at != std::string::npos; at = dom.find("<option", at + 1))
    ++options;
  EXPECT_EQ(pickers, 3U);
  EXPECT_EQ(options, 3U * 61U);
  // A year of hourly points is denser than the chart's pixels: the PUE, temperature, carbon
  // and utilization lines are drawn as daily means on min–max bands, and the page says so
  // under each of the three time-series charts.
  std::size_t band_notes = 0;
  for (auto at = dom.find("daily mean on a band"); at != std::string::npos;
       at = dom.find("daily mean on a band", at + 1))
    ++band_notes;
  EXPECT_EQ(band_notes, 3U);
}

// A study's comparison page draws its ranking, its Pareto charts and its bars in Chromium
// with no error; the ranking lists every variant, ranked by useful compute per euro.
TEST_F(Report, StudyComparisonDrawsEverySectionInChromium) {
  const fs::path study = fs::path(GIGASIM_TEST_DATA) / "studies/compare.yaml";
  const fs::path out = dir_ / "study";
  const auto run = gigasim("study " + study.string() + " --out " + out.string());
  ASSERT_EQ(run.code, 0) << run.out;
  const fs::path report = out / "report.html";
  ASSERT_TRUE(fs::exists(report));
  const fs::path artifacts = fs::path(GIGASIM_TEST_ARTIFACTS) / "report-study";
  const auto check =
      run_command((fs::path(GIGASIM_TEST_SOURCE_DIR) / "report/check.sh").string() + " " +
                  report.string() + " " + artifacts.string() + " ranking pareto bars");
  ASSERT_EQ(check.code, 0) << check.out;
  std::ifstream dom_file(artifacts / "dom.html");
  const std::string dom(std::istreambuf_iterator<char>(dom_file), {});
  EXPECT_NE(dom.find("6 of 6 variants"), std::string::npos);
  EXPECT_NE(dom.find("Useful compute per euro"), std::string::npos);
  EXPECT_NE(dom.find("no spares, sites[0].location=lulea"), std::string::npos);
}

TEST_F(Report, WithoutResultsExitsThreeAndWritesNothing) {
  const auto r = gigasim("report " + dir_.string());
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find("no results database"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir_ / "report.html"));
  EXPECT_FALSE(fs::exists(dir_ / "results.sqlite"));
}

// The report reads each figure through its declaration: a database whose figure is missing
// (written by another version, or tampered with) is refused, never drawn with a gap.
TEST_F(Report, AMissingFigureIsRefusedNotDrawnAsAGap) {
  const fs::path out = dir_ / "run";
  ASSERT_EQ(
      gigasim("run " + (fs::path(GIGASIM_TEST_SOURCE_DIR) / "scenarios/minimal.yaml").string() +
              " --quiet --out " + out.string())
          .code,
      0);
  ASSERT_EQ(run_command("sqlite3 " + (out / "results.sqlite").string() +
                        " \"DELETE FROM metrics WHERE name = 'pue'\"")
                .code,
            0);
  const auto r = gigasim("report " + out.string());
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find("totals.pue"), std::string::npos) << r.out;
}

}  // namespace
