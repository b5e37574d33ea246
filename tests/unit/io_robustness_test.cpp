// Hostile or careless input to io: YAML corner cases, byte sequences, tampered results, and
// output sets that are whole or absent (docs/robustness.md). Inputs the fuzzers once turned
// up are kept here as regression tests.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../scratch_folder.hpp"
#include "gigasim/core/text.hpp"
#include "gigasim/io/formats/csv.hpp"
#include "gigasim/io/formats/traces.hpp"
#include "gigasim/io/report/report.hpp"
#include "gigasim/io/results/output_set.hpp"
#include "gigasim/io/yaml/yaml_reader.hpp"
#include "run_fixtures.hpp"

namespace gigasim::io {
namespace {

namespace fs = std::filesystem;

std::vector<core::Diagnostic> yaml_problems(const std::string& text) {
  try {
    (void)parse_yaml(text, "f.yaml");
  } catch (const core::InputError& e) {
    return e.diagnostics();
  }
  return {};
}

TEST(Yaml, ADuplicateKeyIsAnErrorWithBothPlaces) {
  const auto p = yaml_problems("name: a\nsites:\n  - {x: 1}\nname: b\n");
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].location.line, 4);
  EXPECT_NE(p[0].message.find("duplicate key \"name\""), std::string::npos) << p[0].message;
  EXPECT_NE(p[0].message.find("f.yaml:1:1"), std::string::npos) << p[0].message;
  EXPECT_EQ(yaml_problems("a: {b: 1, b: 2}\nc: [{d: 1, d: 1}]\n").size(), 2U);
}

TEST(Yaml, AListOrMappingAsAKeyIsAnError) {
  const auto p = yaml_problems("? [x, y]\n: z\n");
  ASSERT_EQ(p.size(), 1U);
  EXPECT_NE(p[0].message.find("plain name"), std::string::npos);
  EXPECT_EQ(p[0].location.line, 1);
}

TEST(Yaml, CommentsAloneAndEmptyFilesAreLocatedErrors) {
  for (const char* text : {"# only a comment\n", "\n\n", "---\n"}) {
    const auto p = yaml_problems(text);
    ASSERT_EQ(p.size(), 1U) << text;
    EXPECT_EQ(p[0].location.to_string(), "f.yaml:1:1");
  }
}

TEST(Yaml, CarriageReturnsAloneEndLines) {
  const YAML::Node n = parse_yaml("a: 1\rb: [2,\r  3]\rc: x\r", "cr.yaml");
  ASSERT_TRUE(n.IsMap());
  EXPECT_EQ(n["c"].Scalar(), "x");
  EXPECT_EQ(n["c"].Mark().line, 3);
}

TEST(Yaml, BytesThatAreNotUtf8AreLocated) {
  const auto p = yaml_problems("name: ok\nsite: caf\xE9\n");
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].location.to_string(), "f.yaml:2:10");
  EXPECT_FALSE(yaml_problems("name: \xC0\xAF\n").empty()) << "an overlong form";
  EXPECT_FALSE(yaml_problems("name: \xED\xA0\x80\n").empty()) << "a surrogate";
  EXPECT_TRUE(yaml_problems("name: café ✓\n").empty());
}

TEST(Yaml, AnAliasBombIsRefusedWithoutExpandingIt) {
  std::string text = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
  char p = 'a';
  for (int i = 0; i < 9; ++i) {
    const char q = static_cast<char>(p + 1);
    text += std::string(1, q) + ": &" + q + " [";
    for (int k = 0; k < 10; ++k) text += std::string(k ? ", *" : "*") + p;
    text += "]\n";
    p = q;
  }
  const auto problems = yaml_problems(text);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].message.find("more than"), std::string::npos);
}

TEST(Csv, AFieldThatIsNotUtf8IsLocated) {
  std::istringstream in("a,b\n1,\xFF\xFE\n");
  CsvReader reader(in, "t.csv");
  CsvRecord r;
  ASSERT_TRUE(reader.next(r));
  try {
    (void)reader.next(r);
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].location.to_string(), "t.csv:2:3");
  }
}

TEST(Text, ExcerptsAreShortAndEscaped) {
  EXPECT_EQ(core::excerpt("plain"), "plain");
  EXPECT_EQ(core::excerpt("a\nb\x01", 10), "a\\x0Ab\\x01");
  EXPECT_EQ(core::excerpt(std::string(100, 'x'), 5), "xxxxx…");
}

class OutputSets : public testing::ScratchFolderTest {
 protected:
  static void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path().filename().string());
    return out;
  }
};

TEST_F(OutputSets, ASetAppearsWholeOnCommitAndNotAtAllWithout) {
  {
    OutputSet set(dir_ / "run");
    write(set.dir() / "summary.json", "{}");
    EXPECT_FALSE(fs::exists(dir_ / "run")) << "nothing is visible before the commit";
  }
  EXPECT_TRUE(entries().empty()) << "an abandoned set leaves nothing behind";
  OutputSet set(dir_ / "run");
  write(set.dir() / "summary.json", "{}");
  set.commit();
  EXPECT_TRUE(fs::exists(dir_ / "run" / "summary.json"));
  EXPECT_TRUE(fs::exists(dir_ / "run" / kManifestFile));
  EXPECT_EQ(entries(), std::vector<std::string>{"run"});
}

TEST_F(OutputSets, ARerunReplacesTheEarlierSetWithoutMixingThem) {
  {
    OutputSet first(dir_ / "run");
    write(first.dir() / "summary.json", "old");
    write(first.dir() / "jobs.csv", "old");
    first.commit();
  }
  OutputSet second(dir_ / "run");
  write(second.dir() / "summary.json", "new");
  second.commit();
  EXPECT_FALSE(fs::exists(dir_ / "run" / "jobs.csv")) << "a file of the earlier run survived";
  std::ifstream in(dir_ / "run" / "summary.json");
  std::string text;
  in >> text;
  EXPECT_EQ(text, "new");
  EXPECT_EQ(entries(), std::vector<std::string>{"run"});
}

TEST_F(OutputSets, AFolderOfOtherFilesOrALinkIsNeverReplaced) {
  fs::create_directories(dir_ / "mine");
  write(dir_ / "mine" / "thesis.tex", "precious");
  EXPECT_THROW(OutputSet(dir_ / "mine"), core::IoError);
  EXPECT_TRUE(fs::exists(dir_ / "mine" / "thesis.tex"));
  fs::create_directories(dir_ / "elsewhere");
  fs::create_directory_symlink(dir_ / "elsewhere", dir_ / "link");
  EXPECT_THROW(OutputSet(dir_ / "link"), core::IoError);
}

TEST_F(OutputSets, TemporariesOfDeadRunsAreRemovedByTheNext) {
  // Pid 2^22 + 1 is above Linux's default pid_max: no process has it.
  const fs::path stale = dir_ / ".run.gigasim-tmp.4194305.0123456789abcdef";
  fs::create_directories(stale);
  write(stale / "results.sqlite", "half");
  OutputSet set(dir_ / "run");
  EXPECT_FALSE(fs::exists(stale));
}

TEST_F(OutputSets, AStopRequestInterrupts) {
  std::atomic<bool> stop{false};
  OutputSet set(dir_ / "run", &stop);
  EXPECT_NO_THROW(set.check());
  stop = true;
  EXPECT_THROW(set.check(), core::Interrupted);
  EXPECT_THROW(set.commit(), core::Interrupted);
}

// A results database tampered with gives an IoError (exit 3), never a crash or a report of
// nonsense: the run's length, its ticks and its figures are checked.
class TamperedResults : public OutputSets {
 protected:
  void SetUp() override {
    OutputSets::SetUp();
    const auto file = testing::shipped("minimal.yaml");
    write_run_outputs(testing::run(file, 1), dir_ / "run");
  }
  void tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "run/results.sqlite").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
    sqlite3_close(db);
  }
};

TEST_F(TamperedResults, ANegativeTickIsRefused) {
  tamper("UPDATE site_hourly SET time_h = -5 WHERE rowid = 3");
  EXPECT_THROW((void)report_data(dir_ / "run/results.sqlite"), core::IoError);
}

TEST_F(TamperedResults, AnImpossibleRunLengthIsRefused) {
  for (const char* sql : {"UPDATE run SET tick_h = 0", "UPDATE run SET hours = 1e300",
                          "UPDATE run SET hours = -1", "DELETE FROM run"}) {
    SetUp();
    tamper(sql);
    EXPECT_THROW((void)report_data(dir_ / "run/results.sqlite"), core::IoError) << sql;
  }
}

// Found by fuzz_report: a NULL or a text where the run's length belongs.
TEST_F(TamperedResults, ARunLengthThatIsNotANumberIsRefused) {
  for (const char* value : {"NULL", "'x'"}) {
    SetUp();
    tamper(std::string("UPDATE run SET hours = ") + value);
    EXPECT_THROW((void)report_data(dir_ / "run/results.sqlite"), core::IoError) << value;
  }
}

TEST_F(TamperedResults, TextThatIsNotUtf8IsDrawnReplacedNotThrown) {
  // The site's name, renamed consistently everywhere it is stored, to bytes that are not UTF-8.
  tamper("UPDATE metrics SET site = X'FF4142' WHERE site <> 'total'");
  tamper("UPDATE metrics SET text = X'FF4142' WHERE name = 'name'");
  tamper("UPDATE site_hourly SET site = X'FF4142'");
  const auto data = report_data(dir_ / "run/results.sqlite");
  EXPECT_NO_THROW((void)report_html(data));
}

// Found by fuzz_formats: numbers beyond what an integer holds, cast without a check.
TEST(TraceFiles, HugeNumbersAreLocatedInputErrorsNotCasts) {
  std::istringstream swf(
      "1 0 0 3600 1e300 -1 -1 8 3600 -1 1 1 1 1 1 1 -1 -1\n"
      "2 0 0 3600 8 -1 -1 8 3600 -1 1 1e300 1 1 1 1 -1 -1\n");
  try {
    (void)parse_swf(swf, "t.swf");
    FAIL();
  } catch (const core::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2U);
    EXPECT_EQ(e.diagnostics()[0].location.line, 1);
    EXPECT_EQ(e.diagnostics()[1].location.line, 2);
  }
  std::istringstream csv("submit_s,accelerators,duration_s\n0,1e300,60\n");
  EXPECT_THROW((void)parse_job_csv(csv, "t.csv"), core::InputError);
}

}  // namespace
}  // namespace gigasim::io
