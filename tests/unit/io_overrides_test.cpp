// `PATH=VALUE` overrides (`gigasim run --set`, studies): applied to the document before it
// is decoded, checked like the file's own keys, with the override as their place.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gigasim/io/yaml/overrides.hpp"
#include "run_fixtures.hpp"

namespace gigasim::io {
namespace {

ScenarioFile load_with(const std::vector<std::string>& overrides) {
  return load_scenario_text(testing::small_site(), "t.yaml", ".", testing::catalog(), {},
                            overrides);
}

std::string error_with(const std::vector<std::string>& overrides) {
  try {
    (void)load_with(overrides);
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Overrides, ChangeKeysOfTheDocumentAndOfItsLists) {
  const ScenarioFile f = load_with(
      {"seed=7", "sites[0].location=lulea", "sites[0].grid_connection=25 MW", "horizon=30 days"});
  EXPECT_EQ(f.scenario.seed, 7u);
  EXPECT_EQ(f.scenario.sites[0].location.id, "lulea");
  EXPECT_DOUBLE_EQ(f.scenario.sites[0].grid_connection.value(), 25e6);
  EXPECT_EQ(f.scenario.horizon, core::Duration::days(30));
}

TEST(Overrides, AddAbsentKeysAndTakeYamlValues) {
  const ScenarioFile f = load_with({"sites[0].heat_reuse={base_load: 1 MW, peak_load: 4 MW}",
                                    "sites[0].heat_reuse.capacity=2 MW",
                                    "sites[0].cooling.air.economiser.enabled=true"});
  const auto& facility = f.scenario.sites[0].facility;
  EXPECT_TRUE(facility.heat_reuse.enabled);
  EXPECT_DOUBLE_EQ(facility.heat_reuse.peak_load.value(), 4e6);
  EXPECT_DOUBLE_EQ(facility.heat_reuse.capacity.value(), 2e6);
  EXPECT_TRUE(facility.air.economiser.enabled);
}

TEST(Overrides, TheLastOfTwoOnOnePathWins) {
  EXPECT_EQ(load_with({"seed=3", "seed=4"}).scenario.seed, 4u);
}

TEST(Overrides, ABadValueNamesTheOverrideAsItsPlace) {
  const std::string e = error_with({"sites[0].grid_connection=banana"});
  EXPECT_NE(e.find("sites[0].grid_connection:"), std::string::npos) << e;
  EXPECT_NE(e.find("(--set sites[0].grid_connection=banana)"), std::string::npos) << e;
  EXPECT_EQ(e.find("t.yaml"), std::string::npos) << "not a place in the file: " << e;
  // A key missing from a mapping the override added is the override's problem too.
  const std::string missing = error_with({"sites[0].heat_reuse.capacity=2 MW"});
  EXPECT_NE(missing.find("sites[0].heat_reuse.base_load: missing required key"), std::string::npos)
      << missing;
  EXPECT_NE(missing.find("(--set sites[0].heat_reuse.capacity=2 MW)"), std::string::npos)
      << missing;
}

TEST(Overrides, MalformedOverridesAreReportedAllAtOnce) {
  const std::string e = error_with({"nogood", "sites[3].location=lyon", "sites..x=1",
                                    "name.first=x", "sites[0].fleet[0][1]=2", "tick=[1"});
  EXPECT_NE(e.find("expected PATH=VALUE"), std::string::npos) << e;
  EXPECT_NE(e.find("sites has 1 element: index 3 is out of range (--set sites[3].location=lyon)"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("\"sites..x\" is not a YAML path"), std::string::npos) << e;
  EXPECT_NE(e.find("name is not a mapping"), std::string::npos) << e;
  EXPECT_NE(e.find("\"sites[0].fleet[0][1]\" is not a YAML path"), std::string::npos) << e;
  EXPECT_NE(e.find("tick: the value is not YAML"), std::string::npos) << e;
}

TEST(Overrides, WithoutOverridesTheFileIsUnchanged) {
  const ScenarioFile plain = testing::load(testing::small_site());
  const ScenarioFile none = load_with({});
  EXPECT_EQ(plain.scenario.sites[0].location.id, none.scenario.sites[0].location.id);
  EXPECT_EQ(plain.places.locate("sites[0].location").to_string(),
            none.places.locate("sites[0].location").to_string());
  EXPECT_EQ(load_with({"sites[0].location=lulea"}).places.locate("sites[0].location").to_string(),
            "--set sites[0].location=lulea");
}

}  // namespace
}  // namespace gigasim::io
