#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "gigasim/core/errors.hpp"
#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/formats/csv_series.hpp"
#include "gigasim/io/scenario/scenario_loader.hpp"
#include "io_fixtures.hpp"

namespace gigasim::io {
namespace {

using testing::catalog;
using testing::kValid;
using testing::problems;

const std::filesystem::path kData = std::filesystem::path(GIGASIM_TEST_SOURCE_DIR) / "data";

TEST(Catalog, HoldsTheRequiredEntries) {
  for (const char* id : {"a100-sxm4-40gb", "a100-sxm4-80gb", "h100-sxm5-80gb", "h200-sxm-141gb",
                         "b200", "gb200", "gb300", "mi300x", "mi325x", "mi355x"}) {
    EXPECT_EQ(catalog().accelerators.count(id), 1U) << id;
  }
  for (const char* id : {"dgx-a100", "dgx-h100", "hgx-h200", "dgx-b200", "gb200-nvl72",
                         "gb300-nvl72", "mi300x-platform"}) {
    EXPECT_EQ(catalog().systems.count(id), 1U) << id;
  }
  EXPECT_GE(catalog().locations.size(), 30U);
  const std::set<std::string> eu = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI",
                                    "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
                                    "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"};
  std::set<std::string> countries;
  for (const auto& [id, l] : catalog().locations) {
    if (eu.count(l.country) != 0) countries.insert(l.country);
    EXPECT_EQ(catalog().grids.count(l.country), 1U) << "no grid for the country of " << id;
  }
  EXPECT_GE(countries.size(), 16U);
  for (const char* id :
       {"paris-saclay", "lyon",    "lulea",  "kajaani",   "helsinki", "stockholm", "copenhagen",
        "frankfurt",    "munich",  "julich", "amsterdam", "dublin",   "madrid",    "barcelona",
        "milan",        "bologna", "vienna", "prague",    "warsaw",   "athens",    "ljubljana"}) {
    EXPECT_EQ(catalog().locations.count(id), 1U) << id;
  }
}

TEST(Catalog, SystemsResolveTheirAccelerators) {
  const auto& nvl72 = catalog().systems.at("gb200-nvl72");
  EXPECT_EQ(nvl72.accelerator.id, "gb200");
  EXPECT_EQ(nvl72.accelerators_per_system, 72);
  EXPECT_GT(nvl72.power_full, nvl72.power_idle);
}

TEST(Catalog, AnEntryWithoutSourcesIsRefused) {
  const auto dir = std::filesystem::temp_directory_path() / "gigasim-catalog-test";
  std::filesystem::create_directories(dir);
  for (const char* f : {"systems.yaml", "locations.yaml", "grids.yaml"}) {
    std::filesystem::copy_file(kData / f, dir / f,
                               std::filesystem::copy_options::overwrite_existing);
  }
  {
    std::ofstream out(dir / "accelerators.yaml");
    out << "accelerators:\n  - id: x\n    name: X\n    vendor: v\n    generation: g\n    "
           "bf16_dense: 1 TFLOP/s\n"
           "    fp8_dense: 2 TFLOP/s\n    hbm_capacity: 1 GB\n    hbm_bandwidth: 1 TB/s\n    tdp: "
           "100 W\n"
           "    idle_power: 10 W\n    scale_up_bandwidth: 1 GB/s\n";
  }
  try {
    (void)Catalog::load(dir);
    FAIL();
  } catch (const core::InputError& e) {
    bool found = false;
    for (const auto& d : e.diagnostics())
      found = found || d.message.find("source") != std::string::npos;
    EXPECT_TRUE(found) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(ScenarioLoader, LoadsAValidScenarioWithDefaults) {
  const auto s = load_scenario_text(kValid, "t.yaml", ".", catalog()).scenario;
  ASSERT_EQ(s.sites.size(), 1U);
  EXPECT_EQ(s.horizon, core::Duration::days(365));
  EXPECT_EQ(s.tick, core::Duration::hours(1));
  EXPECT_EQ(s.sites[0].fleet[0].count.value(), 100);
  EXPECT_EQ(s.sites[0].power_envelope, s.sites[0].grid_connection);
  EXPECT_NEAR(core::in_euros_per_mwh(s.sites[0].supply[0].price),
              catalog().grids.at("FR").price.value() * 3.6e9, 1e-9);
}

TEST(ScenarioLoader, UnknownKeyNamesPathPlaceAndSuggestion) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("grid_connection"), 15, "grid_conection");
  const auto p = problems(yaml);
  ASSERT_FALSE(p.empty());
  bool found = false;
  for (const auto& d : p) {
    if (d.path == "sites[0].grid_conection") {
      found = true;
      EXPECT_NE(d.message.find("did you mean \"grid_connection\""), std::string::npos) << d.message;
      EXPECT_EQ(d.location.line, 5);
      EXPECT_EQ(d.location.column, 5);
      EXPECT_EQ(d.location.file, "test.yaml");
    }
  }
  EXPECT_TRUE(found);
}

TEST(ScenarioLoader, ReportsEveryProblemAtOnce) {
  const std::string yaml = R"(name: t
sites:
  - name: a
    location: atlantis
    grid_connection: hot
    fleet:
      - system: dgx-h100
        count: -3
    supply:
      - type: grid
  - name: a
    location: lyon
    grid_connection: 10 days
    fleet:
      - {system: {id: dgx-h100, power_full: 12}, count: 1}
    supply:
      - type: coal
)";
  const auto p = problems(yaml);
  std::set<std::string> paths;
  for (const auto& d : p) paths.insert(d.path);
  EXPECT_TRUE(paths.count("sites[0].location")) << "unknown location";
  EXPECT_TRUE(paths.count("sites[0].grid_connection")) << "not a quantity";
  EXPECT_TRUE(paths.count("sites[0].fleet[0].count")) << "negative";
  EXPECT_TRUE(paths.count("sites[1].name")) << "duplicate site";
  EXPECT_TRUE(paths.count("sites[1].grid_connection")) << "wrong dimension";
  EXPECT_TRUE(paths.count("sites[1].fleet[0].system.power_full")) << "missing unit";
  EXPECT_TRUE(paths.count("sites[1].supply[0].type")) << "unknown source type";
  for (const auto& d : p) {
    EXPECT_EQ(d.location.file, "test.yaml");
    EXPECT_GT(d.location.line, 0) << d.to_string();
  }
}

TEST(ScenarioLoader, MessageFormatMatchesTheDesign) {
  std::string yaml = kValid;
  yaml += "    cooling:\n      liquid:\n        supply_temp: hot\n";
  const auto p = problems(yaml);
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].to_string(),
            "sites[0].cooling.liquid.supply_temp: expected a temperature like \"32 C\", got "
            "\"hot\" (test.yaml:13:22)");
}

TEST(ScenarioLoader, CatalogFieldsCanBeOverriddenInline) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("system: dgx-h100"), 16, "system: {id: dgx-h100, power_full: 11 kW}");
  const auto s = load_scenario_text(yaml, "t.yaml", ".", catalog()).scenario;
  EXPECT_DOUBLE_EQ(s.sites[0].fleet[0].system.power_full.value(), 11e3);
  EXPECT_EQ(s.sites[0].fleet[0].system.accelerators_per_system, 8);  // the rest from the catalog
}

TEST(ScenarioLoader, YamlSyntaxErrorHasItsPlace) {
  try {
    (void)load_scenario_text("name: t\nsites: [\n  - {a: 1\n", "bad.yaml", ".", catalog());
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].location.file, "bad.yaml");
    EXPECT_GT(e.diagnostics()[0].location.line, 0);
    EXPECT_NE(e.diagnostics()[0].message.find("YAML syntax error"), std::string::npos);
  }
}

TEST(ScenarioLoader, RefusesNonsensicalPhysics) {
  std::string yaml = kValid;
  yaml += "    cooling:\n      liquid: {supply_temp: 45 C, return_temp: 40 C}\n";
  yaml += "    heat_reuse: {base_load: 50 MW, peak_load: 10 MW}\n";
  const auto p = problems(yaml);
  std::set<std::string> paths;
  for (const auto& d : p) paths.insert(d.path);
  EXPECT_TRUE(paths.count("sites[0].cooling.liquid.return_temp"));
  EXPECT_TRUE(paths.count("sites[0].heat_reuse.base_load"));
}

TEST(ScenarioLoader, OnlyOneAutoFleetEntryPerSite) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("count: 100"), 10,
               "count: auto\n      - {system: gb200-nvl72, count: auto}");
  const auto p = problems(yaml);
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].path, "sites[0].fleet[1].count");
}

TEST(ScenarioLoader, TotalIsAReservedSiteName) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("name: a"), 7, "name: total");
  const auto p = problems(yaml);
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].path, "sites[0].name");
}

TEST(ScenarioLoader, DisabledHeatReuseNeedsNoLoads) {
  std::string yaml = kValid;
  yaml += "    heat_reuse: {enabled: false}\n";
  const auto s = load_scenario_text(yaml, "t.yaml", ".", catalog()).scenario;
  EXPECT_FALSE(s.sites[0].facility.heat_reuse.enabled);
}

TEST(ScenarioLoader, UnknownKeysInsideNestedMappingsAreFound) {
  std::string yaml = kValid;
  yaml += "    cooling:\n      air: {suply_temp: 20 C}\n";
  const auto p = problems(yaml);
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].path, "sites[0].cooling.air.suply_temp");
  EXPECT_NE(p[0].message.find("supply_temp"), std::string::npos);
}

TEST(ScenarioLoader, ReadsCsvSeriesRelativeToTheScenario) {
  const auto dir = std::filesystem::temp_directory_path() / "gigasim-csv-scenario";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "grid.csv") << "hour,price_eur_per_mwh,carbon_g_per_kwh\n0,50,30\n1,80,60\n";
  std::ofstream(dir / "heat.csv") << "hour,demand_mw\n0,12\n1,15\n";
  std::string yaml = kValid;
  yaml.replace(yaml.find("      - type: grid"), 18,
               "      - type: grid\n        price_csv: {file: grid.csv}\n        carbon_csv: "
               "{file: grid.csv}");
  yaml += "    heat_reuse: {demand_csv: {file: heat.csv}}\n";
  const auto s = load_scenario_text(yaml, "t.yaml", dir, catalog()).scenario;
  EXPECT_EQ(s.sites[0].supply[0].price_series, (std::vector<double>{50, 80}));
  EXPECT_EQ(s.sites[0].supply[0].carbon_series, (std::vector<double>{30, 60}));
  EXPECT_EQ(s.sites[0].facility.heat_reuse.demand_series_w, (std::vector<double>{12e6, 15e6}));
  // A bad cell is reported in the CSV file and under the YAML path that names it.
  std::ofstream(dir / "grid.csv") << "hour,price_eur_per_mwh\n0,cheap\n";
  std::string bad = kValid;
  bad.replace(bad.find("      - type: grid"), 18,
              "      - type: grid\n        price_csv: {file: grid.csv}");
  try {
    (void)load_scenario_text(bad, "t.yaml", dir, catalog());
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].path, "sites[0].supply[0].price_csv.file");
    EXPECT_EQ(e.diagnostics()[0].location.line, 2);
    EXPECT_NE(e.diagnostics()[0].location.file.find("grid.csv"), std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST(ScenarioLoader, WindWithItsOwnCapacityFactorMayNameACountry) {
  std::string yaml = kValid;
  yaml +=
      "      - {type: wind, country: XX, capacity: 10 MW, capacity_factor: 0.3, price: 50 "
      "EUR/MWh}\n";
  EXPECT_TRUE(problems(yaml).empty());
  yaml = kValid;
  yaml += "      - {type: wind, country: XX, capacity: 10 MW, price: 50 EUR/MWh}\n";
  const auto p = problems(yaml);
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].path, "sites[0].supply[1].country");
}

}  // namespace
}  // namespace gigasim::io
