// The input envelope (docs/robustness.md): physical bounds checked at load with their place,
// the size of a run estimated and refused beyond its limits with the key responsible, the
// files a scenario may refer to, and the guard that keeps NaN and infinities out of outputs.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "../scratch_folder.hpp"
#include "gigasim/core/errors.hpp"
#include "gigasim/core/units.hpp"
#include "gigasim/io/formats/csv_series.hpp"
#include "gigasim/io/formats/epw.hpp"
#include "gigasim/io/formats/files.hpp"
#include "gigasim/io/formats/traces.hpp"
#include "gigasim/plan/plan.hpp"
#include "gigasim/sim/output.hpp"
#include "run_fixtures.hpp"

namespace gigasim {
namespace {

namespace fs = std::filesystem;
using testing::load;

// A small valid site; `extra` is spliced in at the site's level, `top` at the file's.
std::string site(const std::string& extra, const std::string& top = "",
                 const std::string& fleet = "      - {system: dgx-h100, count: 100}\n") {
  return "name: t\n" + top +
         "sites:\n  - name: a\n    location: lyon\n    grid_connection: 20 MW\n"
         "    fleet:\n" +
         fleet + "    supply: [{type: grid}]\n" + extra;
}

// The messages of loading `yaml`, each with its YAML path and place; empty when it loads.
std::string problems_of(const std::string& yaml) {
  try {
    (void)load(yaml);
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "";
}

void expect_refused(const std::string& yaml, const std::string& path, const std::string& words) {
  const std::string p = problems_of(yaml);
  EXPECT_NE(p.find(path), std::string::npos) << "expected a problem at " << path << ":\n" << p;
  EXPECT_NE(p.find(words), std::string::npos) << "expected \"" << words << "\":\n" << p;
  EXPECT_NE(p.find("t.yaml:"), std::string::npos) << "no place in:\n" << p;
}

TEST(Bounds, ExtremeButFiniteNumbersAreRefusedWithTheirPlace) {
  expect_refused(site("", "", "      - {system: dgx-h100, count: 1e15}\n"),
                 "sites[0].fleet[0].count", "must not exceed 10,000,000 systems");
  expect_refused(site("").replace(site("").find("20 MW"), 5, "1e300 W"), "grid_connection",
                 "beyond any plausible power");
  expect_refused(site("", "start: 9999-01-01\n"), "start", "between 1900-01-01 and 2200-12-31");
  expect_refused(site("", "start: 0000-01-01\n"), "start", "between 1900-01-01 and 2200-12-31");
  expect_refused(site("", "horizon: 1e300 h\n"), "horizon", "beyond any plausible duration");
}

TEST(Bounds, PhysicallyImpossibleValuesAreRefused) {
  expect_refused(site("    cooling:\n      liquid: {supply_temp: -300 C}\n"),
                 "cooling.liquid.supply_temp", "below absolute zero");
  expect_refused(site("    cooling:\n      liquid: {supply_temp: -200 C}\n"),
                 "cooling.liquid.supply_temp", "between 0 °C and 90 °C");
  EXPECT_THROW((void)core::parse<core::Temperature>("-1 K"), core::UnitParseError);
  EXPECT_NO_THROW((void)core::parse<core::Temperature>("0 K"));
}

TEST(Bounds, RatesAndCountsThatWouldExhaustMemoryAreRefused) {
  expect_refused(site("    workload:\n      generators:\n        - {class: evaluation, "
                      "jobs_per_day: 1e9}\n"),
                 "generators[0].jobs_per_day", "must not exceed 10,000,000");
  expect_refused(site("    reliability:\n      maintenance: {per_day: 1e9, duration: 1 h}\n"),
                 "maintenance.per_day", "must not exceed 10,000 a day");
  expect_refused(site("    reliability:\n      restart: 365000 days\n"), "reliability.restart",
                 "must not exceed 1 day");
}

TEST(Bounds, NamesHaveALengthAndNoControlCharacters) {
  expect_refused("name: " + std::string(200, 'x') + "\n" + site("").substr(8), "name",
                 "must not exceed 128 bytes");
  expect_refused("name: \"a\\x01b\"\n" + site("").substr(8), "name", "control characters");
}

TEST(Envelope, ARunBeyondALimitIsRefusedNamingTheKeyResponsible) {
  const auto file =
      load(site("    workload:\n      generators:\n        - {class: evaluation, "
                "jobs_per_day: 5e6}\n"));
  try {
    (void)api::prepare(file, 1);
    FAIL() << "expected the job limit to refuse 1.8e9 jobs";
  } catch (const core::InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("sites[0].workload.generators[0].jobs_per_day: the run would hold 1.82e+09 "
                     "jobs, above the limit of 1e+07 (raise it with --max-jobs"),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("t.yaml:"), std::string::npos) << m;
  }
}

TEST(Envelope, TheEstimateFollowsTheScenarioAndLimitsCanBeRaised) {
  const auto file =
      load(site("    workload:\n      generators:\n        - {class: evaluation, "
                "jobs_per_day: 100}\n",
                "horizon: 10 days\n"));
  const plan::Plan p = plan::prepare(file.scenario, 1);
  EXPECT_DOUBLE_EQ(p.size.accelerators, 800);
  EXPECT_NEAR(p.size.jobs, 1000, 1e-9);
  EXPECT_GT(p.size.events, p.size.jobs);
  EXPECT_GT(p.size.bytes, 0);
  plan::Limits tight;
  tight.jobs = 500;
  EXPECT_THROW((void)plan::prepare(file.scenario, 1, tight), core::InputError);
  tight.jobs = 2000;
  EXPECT_NO_THROW((void)plan::prepare(file.scenario, 1, tight));
}

class ReferencedFiles : public testing::ScratchFolderTest {
 protected:
  void SetUp() override {
    ScratchFolderTest::SetUp();
    fs::create_directories(dir_ / "root");
  }
};

TEST_F(ReferencedFiles, OnlyRegularFilesAreOpened) {
  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_THROW((void)io::open_input_file(fifo, "trace"), core::InputError);  // never blocks
  EXPECT_THROW((void)io::open_input_file(dir_, "trace"), core::InputError);
  EXPECT_THROW((void)io::open_input_file("/dev/zero", "trace"), core::InputError);
  EXPECT_THROW((void)io::open_input_file(dir_ / "missing", "trace"), core::InputError);
  std::ofstream(dir_ / "ok.csv") << "a\n1\n";
  EXPECT_NO_THROW((void)io::open_input_file(dir_ / "ok.csv", "CSV"));
}

TEST_F(ReferencedFiles, AnInputRootConfinesThemLinksIncluded) {
  std::ofstream(dir_ / "root" / "in.csv") << "a\n1\n";
  std::ofstream(dir_ / "secret.csv") << "a\n1\n";
  fs::create_symlink(dir_ / "secret.csv", dir_ / "root" / "link.csv");
  const fs::path root = dir_ / "root";
  EXPECT_NO_THROW((void)io::resolve_input(root, "in.csv", root));
  EXPECT_THROW((void)io::resolve_input(root, "../secret.csv", root), core::InputError);
  EXPECT_THROW((void)io::resolve_input(root, (dir_ / "secret.csv").string(), root),
               core::InputError);
  EXPECT_THROW((void)io::resolve_input(root, "link.csv", root), core::InputError);
  EXPECT_THROW((void)io::resolve_input(root, "/proc/self/environ", root), core::InputError);
  // Without a root, a path is taken relative to the scenario's folder.
  EXPECT_EQ(io::resolve_input(root, "../secret.csv", {}), root / "../secret.csv");
}

TEST_F(ReferencedFiles, AScenarioUnderARootCannotReadOutsideIt) {
  const std::string yaml = site("    weather: {epw: ../../etc/passwd}\n");
  try {
    (void)io::load_scenario_text(yaml, "t.yaml", dir_ / "root", testing::catalog(), dir_ / "root");
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("outside the input root"), std::string::npos) << e.what();
  }
}

TEST(FileFormats, NonFiniteNumbersAreLocatedInputErrors) {
  std::istringstream swf(
      "1 0 0 3600 8 -1 -1 8 3600 -1 1 1 1 1 1 1 -1 -1\n"
      "2 nan 0 3600 8 -1 -1 8 3600 -1 1 1 1 1 1 1 -1 -1\n");
  try {
    (void)io::parse_swf(swf, "t.swf");
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_EQ(e.diagnostics().at(0).location.line, 2);
  }
}

TEST(FileFormats, AnErrorQuotesAShortEscapedExcerptNotTheLine) {
  // A header of secrets (like /proc/self/environ, NUL-separated) is not echoed whole.
  std::string secret = "KEY=";
  secret += std::string(500, 's');
  secret += '\x01';
  std::istringstream csv(secret + ",b\n1,2\n");
  try {
    (void)io::read_csv_column(csv, "t.csv", "missing");
    FAIL();
  } catch (const core::InputError& e) {
    const std::string m = e.what();
    EXPECT_LT(m.size(), 300U) << m;
    EXPECT_EQ(m.find(std::string(100, 's')), std::string::npos) << m;
  }
}

struct Record {
  double x;
};

TEST(NoNaNInOutputs, ANonFiniteFigureIsAnInternalErrorNamingIt) {
  const sim::output::Field<Record> field{
      "pue",
      sim::output::Type::real,
      "",
      sim::output::Aggregate::derived,
      sim::output::Aggregate::derived,
      "",
      [](const Record& r) { return sim::output::Value::of(r.x); }};
  EXPECT_EQ(sim::output::value_of(field, Record{1.5}).number, 1.5);
  for (double bad : {std::nan(""), HUGE_VAL}) {
    try {
      (void)sim::output::value_of(field, Record{bad});
      FAIL();
    } catch (const core::InternalError& e) {
      EXPECT_NE(std::string(e.what()).find("output figure pue is not a finite number"),
                std::string::npos);
    }
  }
}

}  // namespace
}  // namespace gigasim
