// Outputs generated from their declarations: the documentation matches them, each group has
// unique names, and summary.json holds exactly what is declared.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "gigasim/io/results/output_docs.hpp"
#include "gigasim/io/results/writers.hpp"
#include "gigasim/sim/metrics.hpp"
#include "run_fixtures.hpp"

namespace gigasim::io {
namespace {

namespace metrics = sim::metrics;

TEST(OutputDocs, TheReferenceTablesOfOutputsMdAreTheDeclarations) {
  std::ifstream in(std::filesystem::path(GIGASIM_TEST_SOURCE_DIR) / "docs/outputs.md");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(with_generated_sections(text.str()), text.str())
      << "docs/outputs.md is out of date: run `gigasim outputs --update docs/outputs.md`";
}

TEST(OutputDocs, UnknownOrUnclosedSectionsAreRefused) {
  EXPECT_THROW((void)with_generated_sections("<!-- generated: nothing -->\n<!-- end generated -->"),
               core::InputError);
  EXPECT_THROW((void)with_generated_sections("<!-- generated: group-run -->\nno end\n"),
               core::InputError);
}

template <class Fields>
void expect_unique_and_described(const Fields& fields, std::set<std::string>& names) {
  for (const auto* f : fields) {
    EXPECT_TRUE(names.insert(std::string(f->name)).second) << "duplicate " << f->name;
    EXPECT_FALSE(f->description.empty()) << f->name;
  }
}

TEST(OutputDeclarations, NamesAreUniqueAndEveryFigureIsDescribed) {
  const auto check_group = [](const auto& g) {
    std::set<std::string> names;
    expect_unique_and_described(g.fields, names);
    expect_unique_and_described(g.keyed, names);
  };
  check_group(metrics::run());
  check_group(metrics::site());
  check_group(metrics::totals());
  check_group(metrics::workload());
  check_group(metrics::reliability());
  check_group(metrics::economics());
  check_group(metrics::carbon());
  const auto check_table = [](const auto& t) {
    std::set<std::string> names;
    expect_unique_and_described(t.columns, names);
  };
  check_table(metrics::run_table());
  check_table(metrics::site_hourly());
  check_table(metrics::fleet());
  check_table(metrics::jobs());
  check_table(metrics::failures());
  check_table(metrics::power_steps());
  check_table(metrics::costs());
}

TEST(OutputDeclarations, SummaryJsonHoldsExactlyTheDeclaredFigures) {
  const sim::Results r = testing::run(testing::shipped("swf-replay.yaml"), 1);
  const nlohmann::json j = summary_json(r);
  const auto keys_of = [](const auto& g) {
    std::set<std::string> keys;
    for (const auto* f : g.fields) keys.insert(std::string(f->name));
    for (const auto* k : g.keyed) keys.insert(std::string(k->name));
    return keys;
  };
  const auto json_keys = [](const nlohmann::json& o) {
    std::set<std::string> keys;
    for (const auto& [key, value] : o.items()) keys.insert(key);
    return keys;
  };
  EXPECT_EQ(json_keys(j["total"]), keys_of(metrics::totals()));
  EXPECT_EQ(json_keys(j["workload"]), keys_of(metrics::workload()));
  EXPECT_EQ(json_keys(j["economics"]), keys_of(metrics::economics()));
  EXPECT_EQ(json_keys(j["carbon"]), keys_of(metrics::carbon()));
  auto site = keys_of(metrics::totals());
  for (const auto& k : keys_of(metrics::site())) site.insert(k);
  for (const char* k : {"fleet", "workload", "economics", "carbon"}) site.insert(k);
  EXPECT_EQ(json_keys(j["sites"][0]), site);
}

}  // namespace
}  // namespace gigasim::io
