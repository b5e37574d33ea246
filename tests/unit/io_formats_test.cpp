// The file formats io reads and writes: RFC 4180 CSV, CSV series, EPW weather, SWF and CSV
// job traces.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "gigasim/core/errors.hpp"
#include "gigasim/io/formats/csv.hpp"
#include "gigasim/io/formats/csv_series.hpp"
#include "gigasim/io/formats/epw.hpp"
#include "gigasim/io/formats/traces.hpp"

namespace gigasim::io {
namespace {

const std::string kLyonEpw =
    std::string(GIGASIM_TEST_DATA) + "/weather/FRA_AR_Lyon-Bron.AP.074800_TMYx.2004-2018.epw";

std::vector<double> column_of(const std::string& text, const std::string& file,
                              const std::string& column) {
  std::istringstream in(text);
  return read_csv_column(in, file, column);
}

std::vector<CsvRecord> records(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in, "t.csv");
  std::vector<CsvRecord> out;
  CsvRecord r;
  while (reader.next(r)) out.push_back(r);
  return out;
}

TEST(Csv, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  const auto r = records("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x\n\n3,,\n");
  ASSERT_EQ(r.size(), 3U);
  EXPECT_EQ(r[0].fields, (std::vector<std::string>{"a", "b,c", "say \"hi\""}));
  EXPECT_EQ(r[0].columns, (std::vector<int>{1, 3, 9}));
  EXPECT_EQ(r[1].fields, (std::vector<std::string>{"two\nlines", "x"}));
  EXPECT_EQ(r[1].line, 2);
  EXPECT_EQ(r[2].fields, (std::vector<std::string>{"3", "", ""}));
  EXPECT_EQ(r[2].line, 5);  // the quoted line break counted, the blank line skipped
}

TEST(Csv, CarriageReturnAloneEndsALine) {
  const auto r = records("a,b\r1,2\r");
  ASSERT_EQ(r.size(), 2U);
  EXPECT_EQ(r[1].fields, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(r[1].line, 2);
}

TEST(Csv, AnOpenQuoteOrTextAfterAQuoteIsLocated) {
  try {
    (void)records("a,b\n1,\"never closed\n");
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].location.line, 2);
    EXPECT_EQ(e.diagnostics()[0].location.column, 3);
  }
  EXPECT_THROW((void)records("\"a\"b,c\n"), core::InputError);
}

TEST(Csv, AnOverlongRecordIsRefusedWithoutReadingItWhole) {
  std::istringstream in("a," + std::string(5000, 'x') + "\n");
  CsvReader reader(in, "long.csv", 1000);
  CsvRecord r;
  EXPECT_THROW((void)reader.next(r), core::InputError);
}

TEST(Csv, NumbersMustBeWholeFieldsAndFinite) {
  double v = 0;
  EXPECT_TRUE(parse_csv_number(" 1.5e3 ", v));
  EXPECT_DOUBLE_EQ(v, 1500);
  EXPECT_TRUE(parse_csv_number("+2", v));
  EXPECT_FALSE(parse_csv_number("nan", v));
  EXPECT_FALSE(parse_csv_number("inf", v));
  EXPECT_FALSE(parse_csv_number("1e999", v));
  EXPECT_FALSE(parse_csv_number("12abc", v));
  EXPECT_FALSE(parse_csv_number("", v));
}

TEST(Csv, WriterQuotesWhatNeedsItAndReadsBack) {
  std::ostringstream out;
  CsvWriter w(out);
  w.text("plain");
  w.text("with,comma");
  w.text("with \"quote\"");
  w.number(1.0 / 3.0);
  w.exact(0.1);
  w.empty();
  w.integer(-42);
  w.end_row();
  EXPECT_EQ(out.str(), "plain,\"with,comma\",\"with \"\"quote\"\"\",0.333333,0.1,,-42\n");
  const auto back = records(out.str());
  ASSERT_EQ(back.size(), 1U);
  EXPECT_EQ(back[0].fields[1], "with,comma");
  EXPECT_EQ(back[0].fields[2], "with \"quote\"");
  EXPECT_EQ(csv_field("a\nb"), "\"a\nb\"");
}

TEST(CsvSeries, ReadsAColumnAndLocatesBadCells) {
  EXPECT_EQ(column_of("hour,mw\n0,1.5\n1,2\n", "f.csv", "mw"), (std::vector<double>{1.5, 2.0}));
  try {
    (void)column_of("hour,mw\n0,1.5\n1,lots\n", "f.csv", "mw");
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].location.line, 3);
    EXPECT_EQ(e.diagnostics()[0].location.column, 3);
  }
  EXPECT_THROW((void)column_of("hour,mw\n0,1\n", "f.csv", "price"), core::InputError);
  EXPECT_THROW((void)column_of("hour,mw\n", "f.csv", "mw"), core::InputError);
}

TEST(Epw, ReadsTheLyonYear) {
  std::ifstream in(kLyonEpw);
  ASSERT_TRUE(in) << kLyonEpw;
  const EpwData d = parse_epw(in, "lyon.epw");
  EXPECT_EQ(d.weather.hours(), 8760U);
  EXPECT_NEAR(d.header.latitude, 45.7261, 1e-4);
  EXPECT_NEAR(d.header.elevation_m, 198.0, 1e-9);
  EXPECT_EQ(d.header.city, "Lyon Bron AP");
  EXPECT_DOUBLE_EQ(d.weather.dry_bulb_c[0], 0.0);  // first record: 0.0 C, RH 85 %
  EXPECT_NEAR(d.weather.relative_humidity[0], 0.85, 1e-12);
  EXPECT_DOUBLE_EQ(d.weather.dry_bulb_c[1], 2.0);
  EXPECT_GT(d.weather.max_dry_bulb(), 30.0);
}

std::string lyon_text() {
  std::ifstream in(kLyonEpw);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string first_lines(const std::string& text, int n) {
  std::size_t pos = 0;
  for (int i = 0; i < n && pos != std::string::npos; ++i) pos = text.find('\n', pos + 1);
  return text.substr(0, pos);
}

TEST(Epw, TruncatedFileNamesItsLastLine) {
  std::istringstream in(first_lines(lyon_text(), 5008));
  try {
    (void)parse_epw(in, "cut.epw");
    FAIL();
  } catch (const core::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1U);
    const auto& d = e.diagnostics()[0];
    EXPECT_NE(d.message.find("truncated"), std::string::npos);
    EXPECT_EQ(d.location.file, "cut.epw");
    EXPECT_EQ(d.location.line, 5008);
  }
}

TEST(Epw, MalformedFieldNamesLineAndColumn) {
  std::string text = lyon_text();
  const std::size_t line10 = [&] {
    std::size_t p = 0;
    for (int i = 0; i < 9; ++i) p = text.find('\n', p) + 1;
    return p;
  }();
  // Replace the dry bulb (7th field) of line 10 with text.
  std::size_t field = line10;
  for (int i = 0; i < 6; ++i) field = text.find(',', field) + 1;
  const std::size_t end = text.find(',', field);
  text.replace(field, end - field, "warm");
  std::istringstream in(text);
  try {
    (void)parse_epw(in, "bad.epw");
    FAIL();
  } catch (const core::InputError& e) {
    const auto& d = e.diagnostics()[0];
    EXPECT_EQ(d.location.line, 10);
    EXPECT_EQ(d.location.column, static_cast<int>(field - line10) + 1);
    EXPECT_NE(d.message.find("dry bulb"), std::string::npos) << d.message;
  }
}

TEST(Epw, EmptyAndHeaderlessFilesAreRefused) {
  std::istringstream empty("");
  EXPECT_THROW((void)parse_epw(empty, "e.epw"), core::InputError);
  std::istringstream junk("hello,world\n");
  EXPECT_THROW((void)parse_epw(junk, "j.epw"), core::InputError);
}

TEST(Traces, ReadsTheSwfFixture) {
  std::ifstream in(std::string(GIGASIM_TEST_SOURCE_DIR) + "/tests/data/traces/small-cluster.swf");
  const auto jobs = parse_swf(in, "small-cluster.swf");
  EXPECT_EQ(jobs.size(), 44U);  // 48 jobs, 4 cancelled (run time -1)
  EXPECT_DOUBLE_EQ(jobs[0].submit_s, 1912);
  EXPECT_DOUBLE_EQ(jobs[0].run_s, 3600);
  EXPECT_EQ(jobs[0].accelerators, 32);
  EXPECT_EQ(jobs[0].tenant, "user2");
  EXPECT_EQ(jobs[0].line, 6);
  EXPECT_DOUBLE_EQ(jobs[0].requested_s, 7200);  // field 9: the user asked for twice its run
  std::istringstream unknown("1 10 -1 300 8 -1 -1 8 -1 -1 1 1 1 -1 1 -1 -1 -1\n");
  EXPECT_DOUBLE_EQ(parse_swf(unknown, "u.swf")[0].requested_s, 0);  // -1: none given
}

TEST(Traces, MalformedSwfLinesNameLineAndColumn) {
  std::istringstream in(
      "; header\n1 10 -1 300 8 -1 -1 8 600 -1 1 1 1 -1 1 -1 -1 -1\n2 20 -1 abc 8 -1 -1 8 600 -1 1 "
      "1 1 -1 1 -1 -1 -1\n3 30 -1 300\n");
  try {
    (void)parse_swf(in, "t.swf");
    FAIL();
  } catch (const core::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2U);
    EXPECT_EQ(e.diagnostics()[0].location.line, 3);
    EXPECT_EQ(e.diagnostics()[0].location.column, 9);
    EXPECT_NE(e.diagnostics()[0].message.find("run time"), std::string::npos);
    EXPECT_EQ(e.diagnostics()[1].location.line, 4);
    EXPECT_NE(e.diagnostics()[1].message.find("18 fields"), std::string::npos);
  }
}

TEST(Traces, CsvJobsWithOptionalColumns) {
  std::istringstream in(
      "submit_s,accelerators,duration_s,tenant,class\n0,8,3600,lab,finetuning\n60,1,120,,\n");
  const auto jobs = parse_job_csv(in, "j.csv");
  ASSERT_EQ(jobs.size(), 2U);
  EXPECT_EQ(jobs[0].tenant, "lab");
  EXPECT_EQ(jobs[0].cls, "finetuning");
  EXPECT_EQ(jobs[1].accelerators, 1);
  std::istringstream limits(
      "submit_s,accelerators,duration_s,time_limit_s\n0,8,3600,7200\n60,1,120,\n");
  const auto limited = parse_job_csv(limits, "l.csv");
  EXPECT_DOUBLE_EQ(limited[0].requested_s, 7200);
  EXPECT_DOUBLE_EQ(limited[1].requested_s, 0);  // empty: none
  std::istringstream bad_limit("submit_s,accelerators,duration_s,time_limit_s\n0,8,3600,-5\n");
  try {
    (void)parse_job_csv(bad_limit, "b.csv");
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].location.line, 2);
    EXPECT_EQ(e.diagnostics()[0].location.column, 10);
    EXPECT_NE(e.diagnostics()[0].message.find("time_limit_s"), std::string::npos);
  }
  std::istringstream bad("submit_s,accelerators,duration_s\n0,-8,3600\n");
  EXPECT_THROW((void)parse_job_csv(bad, "b.csv"), core::InputError);
  std::istringstream missing("submit,accelerators\n0,8\n");
  EXPECT_THROW((void)parse_job_csv(missing, "m.csv"), core::InputError);
}

TEST(Traces, NonFiniteSwfFieldsAreLocatedInputErrors) {
  std::istringstream in("1 nan -1 300 8 -1 -1 8 600 -1 1 1 1 -1 1 -1 -1 -1\n");
  try {
    (void)parse_swf(in, "t.swf");
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].location.line, 1);
    EXPECT_EQ(e.diagnostics()[0].location.column, 3);
  }
}

TEST(Traces, CsvTraceFieldsMayBeQuoted) {
  std::istringstream in("submit_s,accelerators,duration_s,tenant\n0,8,3600,\"lab, north\"\n");
  const auto jobs = parse_job_csv(in, "q.csv");
  ASSERT_EQ(jobs.size(), 1U);
  EXPECT_EQ(jobs[0].tenant, "lab, north");
}

}  // namespace
}  // namespace gigasim::io
