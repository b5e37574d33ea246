#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <iterator>
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

// The problems of loading a catalog whose accelerators.yaml is `accelerators`, beside the
// source tree's systems, locations and grids (none: empty).
std::vector<core::Diagnostic> accelerator_catalog_problems(const std::string& accelerators) {
  const auto dir = std::filesystem::temp_directory_path() / "gigasim-catalog-test";
  std::filesystem::create_directories(dir);
  for (const char* f : {"systems.yaml", "locations.yaml", "grids.yaml"}) {
    std::filesystem::copy_file(kData / f, dir / f,
                               std::filesystem::copy_options::overwrite_existing);
  }
  std::ofstream(dir / "accelerators.yaml") << accelerators;
  std::vector<core::Diagnostic> problems;
  try {
    (void)Catalog::load(dir);
  } catch (const core::InputError& e) {
    problems = e.diagnostics();
  }
  std::filesystem::remove_all(dir);
  return problems;
}

TEST(Catalog, AnEntryWithoutSourcesIsRefused) {
  const auto problems = accelerator_catalog_problems(
      "accelerators:\n  - id: x\n    name: X\n    vendor: v\n    generation: g\n    "
      "bf16_dense: 1 TFLOP/s\n"
      "    fp8_dense: 2 TFLOP/s\n    hbm_capacity: 1 GB\n    hbm_bandwidth: 1 TB/s\n    tdp: "
      "100 W\n"
      "    idle_power: 10 W\n    scale_up_bandwidth: 1 GB/s\n");
  ASSERT_FALSE(problems.empty());
  bool found = false;
  for (const auto& d : problems) found = found || d.message.find("source") != std::string::npos;
  EXPECT_TRUE(found);
}

TEST(ScenarioLoader, AMatrixClockOutsideItsRangeIsRefusedAtItsPath) {
  // kValid with its fleet's system given as `system`.
  const auto with_system = [](const std::string& system) {
    std::string yaml = kValid;
    const std::string plain = "system: dgx-h100";
    return yaml.replace(yaml.find(plain), plain.size(), "system: " + system);
  };
  // A share of the boost clock: above 0, at most 1 (data/accelerators.yaml).
  for (const char* clock : {"0", "1.5", "-0.2"}) {
    const auto p = problems(
        with_system(std::string("{id: dgx-h100, accelerator: {id: h100-sxm5-80gb, matrix_clock: ") +
                    clock + "}}"));
    ASSERT_EQ(p.size(), 1U) << clock;
    EXPECT_EQ(p[0].path, "sites[0].fleet[0].system.accelerator.matrix_clock") << clock;
    EXPECT_EQ(p[0].location.line, 7) << clock;
  }
  // Given, it is kept; an override of other keys keeps the catalog's measured clock.
  auto s = load_scenario_text(
               with_system("{id: dgx-h100, accelerator: {id: h100-sxm5-80gb, matrix_clock: 0.7}}"),
               "t.yaml", ".", catalog())
               .scenario;
  EXPECT_DOUBLE_EQ(s.sites[0].fleet[0].system.accelerator.matrix_clock, 0.7);
  s = load_scenario_text(
          with_system("{id: mi300x-platform, accelerator: {id: mi300x, tdp: 800 W}}"), "t.yaml",
          ".", catalog())
          .scenario;
  EXPECT_DOUBLE_EQ(s.sites[0].fleet[0].system.accelerator.matrix_clock,
                   catalog().accelerators.at("mi300x").matrix_clock);
  EXPECT_LT(catalog().accelerators.at("mi300x").matrix_clock, 1.0);
}

TEST(Catalog, AMatrixClockWithoutItsSourceIsRefused) {
  std::string entry =
      "accelerators:\n  - id: x\n    name: X\n    vendor: v\n    generation: g\n"
      "    bf16_dense: 1 TFLOP/s\n    fp8_dense: 2 TFLOP/s\n    hbm_capacity: 1 GB\n"
      "    hbm_bandwidth: 1 TB/s\n    tdp: 100 W\n    idle_power: 10 W\n"
      "    scale_up_bandwidth: 1 GB/s\n    host_bandwidth: 1 GB/s\n"
      "    embodied_carbon: 1 kg\n    matrix_clock: 0.5\n    sources:\n";
  for (const char* key : {"bf16_dense", "fp8_dense", "hbm_capacity", "hbm_bandwidth", "tdp",
                          "idle_power", "scale_up_bandwidth", "host_bandwidth", "embodied_carbon"})
    entry += std::string("      ") + key + ": \"a datasheet\"\n";
  const auto problems = accelerator_catalog_problems(entry);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems.front().message.find("matrix_clock"), std::string::npos);
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

TEST(ScenarioLoader, HeatReuseSourceBoundaryAndCurve) {
  std::string yaml = kValid;
  yaml +=
      "    heat_reuse: {base_load: 1 MW, peak_load: 5 MW, source: both, heat_pumps: utility,\n"
      "                 capture_efficiency: 80 %, network_supply_temp_at_design: 85 C}\n";
  const auto s = load_scenario_text(yaml, "t.yaml", ".", catalog()).scenario;
  const auto& h = s.sites[0].facility.heat_reuse;
  EXPECT_EQ(h.source, facility::HeatSource::both);
  EXPECT_EQ(h.heat_pumps, facility::HeatPumpBoundary::utility);
  EXPECT_DOUBLE_EQ(h.capture_efficiency, 0.8);
  ASSERT_TRUE(h.network_supply_at_design.has_value());
  EXPECT_EQ(*h.network_supply_at_design, core::Temperature::celsius(85));

  std::string bad = kValid;
  bad += "    heat_reuse: {base_load: 1 MW, peak_load: 5 MW, source: roof, heat_pumps: city}\n";
  std::set<std::string> paths;
  for (const auto& d : problems(bad)) paths.insert(d.path);
  EXPECT_TRUE(paths.count("sites[0].heat_reuse.source"));
  EXPECT_TRUE(paths.count("sites[0].heat_reuse.heat_pumps"));
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

// Issue 13: contracts, plants and storage, each bad value refused at its place.
std::set<std::string> problem_paths(const std::string& yaml) {
  std::set<std::string> paths;
  for (const auto& d : problems(yaml)) paths.insert(d.path);
  return paths;
}

TEST(ScenarioLoader, ContractsTakeTheirDefaultsAndPriorities) {
  std::string yaml = kValid;
  yaml +=
      "      - {type: solar, capacity: 10 MW, price: 45 EUR/MWh}\n"
      "      - {type: hydro, capacity: 10 MW, capacity_factor: 0.5, price: 35 EUR/MWh}\n"
      "      - {type: nuclear, contract: baseload, capacity: 5 MW, surplus: curtail}\n"
      "      - {type: gas, capacity: 5 MW}\n";
  const auto s = load_scenario_text(yaml, "test.yaml", ".", catalog()).scenario;
  const auto& supply = s.sites[0].supply;
  ASSERT_EQ(supply.size(), 5U);
  EXPECT_EQ(supply[0].contract, energy::Contract::market);
  EXPECT_EQ(supply[0].priority, 2);
  EXPECT_EQ(supply[1].contract, energy::Contract::ppa);
  EXPECT_EQ(supply[2].contract, energy::Contract::capped);
  EXPECT_EQ(supply[2].priority, 1) << "a contract before the grid";
  EXPECT_EQ(supply[3].contract, energy::Contract::baseload);
  EXPECT_EQ(supply[3].surplus, energy::Surplus::curtail);
  // Gas: 34 EUR/MWh of fuel at 40 % = 85 EUR/MWh; 202 g/kWh of fuel = 505 g/kWh.
  EXPECT_TRUE(supply[4].on_site);
  EXPECT_NEAR(core::in_euros_per_mwh(supply[4].price), 85.0, 1e-9);
  EXPECT_NEAR(core::in_grams_per_kwh(supply[4].carbon), 505.0, 1e-9);
}

TEST(ScenarioLoader, ContractKeysAreRefusedWhereTheyDoNotApply) {
  const std::string base = kValid;
  EXPECT_TRUE(problem_paths(base + "      - {type: grid, name: g2, contract: ppa}\n")
                  .count("sites[0].supply[1].contract"));
  EXPECT_TRUE(problem_paths(base +
                            "      - {type: hydro, capacity: 1 MW, capacity_factor: 0.5, price: 1 "
                            "EUR/MWh, share: 50 %}\n")
                  .count("sites[0].supply[1].share"));
  EXPECT_TRUE(problem_paths(base + "      - {type: wind, capacity: 1 MW, price: 1 EUR/MWh, "
                                   "contract: baseload}\n")
                  .count("sites[0].supply[1].contract"));
  EXPECT_TRUE(problem_paths(base + "      - {type: nuclear, units: [1 MW], contract: baseload}\n")
                  .count("sites[0].supply[1].contract"));
  EXPECT_TRUE(problem_paths(base + "      - {type: nuclear, capacity: 1 MW, contract: cheap}\n")
                  .count("sites[0].supply[1].contract"));
  EXPECT_TRUE(problem_paths(base + "      - {type: nuclear, capacity: 1 MW, priority: -1}\n")
                  .count("sites[0].supply[1].priority"));
  EXPECT_TRUE(problem_paths(base + "      - {type: nuclear, capacity: 1 MW, capex: 1 EUR}\n")
                  .count("sites[0].supply[1].capex"))
      << "a contract has no capital";
  EXPECT_TRUE(problem_paths(base + "      - {type: gas, capacity: 1 MW, capex: 1000000 EUR}\n")
                  .count("sites[0].supply[1].lifetime"));
  EXPECT_TRUE(problem_paths(base + "      - {type: gas, capacity: 1 MW, efficiency: 0}\n")
                  .count("sites[0].supply[1].efficiency"));
}

TEST(ScenarioLoader, BatteryKeysAreChecked) {
  const std::string base = kValid;
  const std::string battery =
      "      - type: battery\n        power: 10 MW\n        energy: 40 MWh\n";
  EXPECT_TRUE(problem_paths(base + battery).count("sites[0].supply[1].strategies"));
  EXPECT_TRUE(problem_paths(base + battery + "        strategies: [backup, hoarding]\n")
                  .count("sites[0].supply[1].strategies[1]"));
  EXPECT_TRUE(problem_paths(base + battery + "        strategies: [backup, backup]\n")
                  .count("sites[0].supply[1].strategies[1]"));
  EXPECT_TRUE(problem_paths(base + battery + "        strategies: [arbitrage, carbon]\n")
                  .count("sites[0].supply[1].strategies"));
  EXPECT_TRUE(problem_paths(base + battery +
                            "        strategies: [backup]\n        soc_min: 0.9\n        "
                            "soc_max: 0.5\n")
                  .count("sites[0].supply[1].soc_min"));
  EXPECT_TRUE(problem_paths(base + battery + "        strategies: [backup]\n" + battery +
                            "        name: second\n        strategies: [backup]\n")
                  .count("sites[0].supply"))
      << "one battery per site";
  // Arbitrage reads the grid's prices: a site without a grid cannot plan.
  std::string no_grid = kValid;
  no_grid.replace(no_grid.find("      - type: grid\n"), 19,
                  "      - {type: nuclear, capacity: 30 MW}\n");
  EXPECT_TRUE(problem_paths(no_grid + battery + "        strategies: [arbitrage]\n")
                  .count("sites[0].supply"));
  EXPECT_TRUE(problems(base + battery + "        strategies: [peak_shaving, arbitrage]\n").empty());
}

TEST(ScenarioLoader, MeasuredGridSeriesFollowTheDataYear) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("name: t\n"), 8, "name: t\ngrid_data_year: 2024\n");
  const auto s = load_scenario_text(yaml, "test.yaml", ".", catalog()).scenario;
  const auto& grid = s.sites[0].supply[0];  // Lyon: France, zone FR
  ASSERT_EQ(grid.price_series.size(), 8760U);
  EXPECT_TRUE(grid.price_by_calendar);
  EXPECT_NE(grid.data_source.find("day-ahead prices FR 2024"), std::string::npos);
  EXPECT_NE(grid.data_source.find("FR generation mix 2020"), std::string::npos);
  double mean = 0;
  for (double p : grid.price_series) mean += p / 8760.0;
  EXPECT_NEAR(mean, 58.0, 1.0) << "the French 2024 day-ahead mean, about 58 EUR/MWh";
  // A year data/electricity does not hold is refused at its place.
  yaml.replace(yaml.find("2024"), 4, "2019");
  EXPECT_TRUE(problem_paths(yaml).count("grid_data_year"));
}

TEST(ScenarioLoader, DatedOutagesAndRiverDeratingAreChecked) {
  const std::string base = kValid;
  const std::string ok = base +
                         "      - type: nuclear\n        units: [900 MW, 900 MW]\n"
                         "        dated_outages: [{from: 2025-12-01, to: 2026-01-31, units: [1]}]\n"
                         "        river_derating: {limit: 25 C, per_kelvin: 5 %}\n";
  EXPECT_TRUE(problems(ok).empty());
  const auto s = load_scenario_text(ok, "test.yaml", ".", catalog()).scenario;
  ASSERT_EQ(s.sites[0].supply[1].dated_outages.size(), 1U);
  EXPECT_EQ(s.sites[0].supply[1].dated_outages[0].units, (std::vector<std::size_t>{1}));
  EXPECT_DOUBLE_EQ(s.sites[0].supply[1].river.limit_c, 25.0);
  EXPECT_TRUE(problem_paths(base + "      - {type: nuclear, units: [1 MW], dated_outages: [{from: "
                                   "2025-12-01, to: 2026-01-31, units: [1]}]}\n")
                  .count("sites[0].supply[1].dated_outages[0].units[0]"));
  EXPECT_TRUE(problem_paths(base + "      - {type: nuclear, capacity: 1 MW, dated_outages: [{from: "
                                   "2025-12-01, to: 2025-11-01}]}\n")
                  .count("sites[0].supply[1].dated_outages[0].to"));
  EXPECT_TRUE(problem_paths(base + "      - {type: nuclear, capacity: 1 MW, dated_outages: [{from: "
                                   "2025-12-01, to: 2025-12-31, units: [0]}]}\n")
                  .count("sites[0].supply[1].dated_outages[0].units"));
  EXPECT_TRUE(problem_paths(base + "      - {type: nuclear, capacity: 1 MW, dated_outages: [{from: "
                                   "soon, to: 2025-12-31}]}\n")
                  .count("sites[0].supply[1].dated_outages[0].from"));
  EXPECT_TRUE(problem_paths(base + "      - {type: nuclear, capacity: 1 MW, river_derating: "
                                   "{limit: 25 C}}\n")
                  .count("sites[0].supply[1].river_derating.per_kelvin"));
}

TEST(ScenarioLoader, AReservoirTakesOneOrTwelveEnergies) {
  const std::string base = std::string(kValid) +
                           "      - type: hydro\n        capacity: 100 MW\n        "
                           "capacity_factor: 1\n        price: 30 EUR/MWh\n";
  const auto s = load_scenario_text(base + "        reservoir: {monthly_energy: 31 GWh}\n",
                                    "test.yaml", ".", catalog())
                     .scenario;
  ASSERT_EQ(s.sites[0].supply[1].reservoir_j.size(), 12U);
  EXPECT_DOUBLE_EQ(s.sites[0].supply[1].reservoir_j[0], 31e9 * 3600);
  EXPECT_TRUE(problem_paths(base + "        reservoir: {monthly_energy: [1 GWh, 2 GWh]}\n")
                  .count("sites[0].supply[1].reservoir.monthly_energy"));
  EXPECT_TRUE(problem_paths(base + "        reservoir: {monthly_energy: 1 GWh}\n        "
                                   "contract: ppa\n")
                  .count("sites[0].supply[1].contract"));
}

TEST(ScenarioLoader, TariffRegimesComeFromTheCountry) {
  std::string yaml = kValid;  // Lyon, France
  auto s = load_scenario_text(yaml, "test.yaml", ".", catalog()).scenario;
  ASSERT_TRUE(s.sites[0].tariff.has_value());
  EXPECT_EQ(s.sites[0].tariff->label, "FR 2024, standard");
  const econ::Tariff& fr = catalog().tariffs.at("FR");
  EXPECT_DOUBLE_EQ(s.sites[0].tariff->taxes_eur_per_j, fr.tax.value() + fr.levies.value());
  yaml.replace(yaml.find("    supply:"), 0, "    tariff: reduced\n");
  s = load_scenario_text(yaml, "test.yaml", ".", catalog()).scenario;
  EXPECT_DOUBLE_EQ(s.sites[0].tariff->taxes_eur_per_j, fr.reduced_tax.value() + fr.levies.value());
  yaml.replace(yaml.find("tariff: reduced"), 15, "tariff: none");
  s = load_scenario_text(yaml, "test.yaml", ".", catalog()).scenario;
  EXPECT_FALSE(s.sites[0].tariff.has_value());
  yaml.replace(yaml.find("tariff: none"), 12, "tariff: cheapest");
  EXPECT_TRUE(problem_paths(yaml).count("sites[0].tariff"));
  // The Netherlands have no reduced regime in data/tariffs.yaml.
  yaml.replace(yaml.find("tariff: cheapest"), 16, "tariff: reduced");
  yaml.replace(yaml.find("location: lyon"), 14, "location: amsterdam");
  ASSERT_FALSE(catalog().tariffs.at("NL").has_reduced);
  EXPECT_TRUE(problem_paths(yaml).count("sites[0].tariff"));
}

TEST(Catalog, EveryTariffHasItsFiguresAndSources) {
  for (const char* c : {"FR", "DE", "NL", "BE", "SE", "FI", "DK", "IE", "ES", "PT", "IT", "PL"}) {
    ASSERT_TRUE(catalog().tariffs.count(c)) << c;
    const econ::Tariff& t = catalog().tariffs.at(c);
    EXPECT_GT(t.network_capacity.value() + t.network_energy.value(), 0.0) << c;
    EXPECT_GE(t.year, 2023) << c;
  }
}

// data/defaults.yaml: the model defaults, every number with its source.

TEST(Defaults, TheFileLoadsIntoThePrototypes) {
  const Defaults& d = catalog().defaults;
  EXPECT_EQ(d.site.pod_size, 4096);
  EXPECT_EQ(d.site.power_step_threshold, core::megawatts(10));
  EXPECT_FALSE(d.site.synthetic.daily_anomaly_sd_k.has_value());
  EXPECT_DOUBLE_EQ(d.site.synthetic.variability.daily_sd_k, 2.8);
  EXPECT_EQ(d.site.facility.liquid.supply, core::Temperature::celsius(32));
  EXPECT_EQ(d.site.facility.air.supply, core::Temperature::celsius(20));
  EXPECT_TRUE(d.site.facility.liquid.rejection.chiller);
  EXPECT_FALSE(d.site.facility.heat_reuse.enabled);  // a site turns it on
  EXPECT_EQ(d.site.facility.heat_reuse.network_supply, core::Temperature::celsius(70));
  const auto& nuclear = d.source(energy::SourceKind::nuclear);
  EXPECT_EQ(nuclear.kind, energy::SourceKind::nuclear);
  EXPECT_NEAR(core::in_euros_per_mwh(nuclear.price), 42.0, 1e-9);
  EXPECT_NEAR(core::in_grams_per_kwh(nuclear.carbon), 12.0, 1e-9);
  EXPECT_EQ(nuclear.outages.cycle_max, core::Duration::days(548));
  EXPECT_NEAR(core::in_grams_per_kwh(d.source(energy::SourceKind::solar).carbon), 48.0, 1e-9);
  EXPECT_DOUBLE_EQ(d.source(energy::SourceKind::grid).shape.carbon_seasonal, 0.25);
  EXPECT_EQ(d.reliability.restart, core::Duration::minutes(10));
  EXPECT_DOUBLE_EQ(d.reliability.checkpoint_bytes_per_parameter, 14.0);
  const auto& gpu = d.reliability.components[0];
  EXPECT_EQ(gpu.component, reliability::Component::gpu);
  EXPECT_DOUBLE_EQ(gpu.interruptions_in_llama3, 148.0);
  EXPECT_DOUBLE_EQ(gpu.rate_per_accelerator_day, 148.0 / (54.0 * 16384.0));
  EXPECT_EQ(gpu.repair, core::Duration::days(3));
  EXPECT_DOUBLE_EQ(d.inference.serve.input_tokens, 1792.0);
  EXPECT_DOUBLE_EQ(d.inference.serve.tpot_s, 0.2);
  EXPECT_FALSE(d.inference.activity.has_value());        // from the serving model
  EXPECT_DOUBLE_EQ(d.inference.daily_shape[14], 1.0);    // the peak at 14:00
  EXPECT_NEAR(d.inference.daily_shape[2], 0.35, 1e-12);  // the night trough
}

TEST(Defaults, ASiteWithoutOverridesGetsThemAll) {
  const auto s = load_scenario_text(kValid, "t.yaml", ".", catalog()).scenario;
  const auto& site = s.sites[0];
  const Defaults& d = catalog().defaults;
  EXPECT_DOUBLE_EQ(site.network_overhead, d.site.network_overhead);
  EXPECT_EQ(site.pod_size, d.site.pod_size);
  EXPECT_EQ(site.facility.liquid.return_temp, d.site.facility.liquid.return_temp);
  EXPECT_DOUBLE_EQ(site.facility.power_chain.ups.proportional,
                   d.site.facility.power_chain.ups.proportional);
  ASSERT_EQ(site.supply.size(), 1U);
  EXPECT_DOUBLE_EQ(site.supply[0].shape.price_daily,
                   d.source(energy::SourceKind::grid).shape.price_daily);
}

TEST(Defaults, AScenarioOverrideWinsOverTheDefault) {
  const std::string yaml = R"(name: t
sites:
  - name: a
    location: lyon
    grid_connection: 20 MW
    network_overhead: 0.1
    pod_size: 1024
    weather: {synthetic: {daily_anomaly_sd: 2 K}}
    fleet: [{system: dgx-h100, count: 10}]
    cooling: {liquid: {supply_temp: 30 C}}
    heat_reuse: {base_load: 1 MW, peak_load: 5 MW, network_supply_temp: 60 C}
    supply:
      - {type: nuclear, capacity: 10 MW, price: 50 EUR/MWh}
      - {type: grid, shape: {price_daily: 0.2}}
    workload:
      jobs: [{accelerators: 8, duration: 1 h}]
      inference:
        - name: chat
          model: llama-3-70b
          max_replicas: 2
          peak_tokens_per_s: 1000
          max_batch: 32
          cuda_graphs: false
          requests: {output_tokens: 300, output_tokens_sd: 150}
          daily_shape: {mean: 0.5, amplitude: 0.5, peak_hour: 12}
    reliability: {restart: 5 min, repair: {gpu: 2 days}, checkpoint: {bytes_per_parameter: 16}}
)";
  const auto s = load_scenario_text(yaml, "t.yaml", ".", catalog()).scenario;
  const auto& site = s.sites[0];
  const Defaults& d = catalog().defaults;
  EXPECT_DOUBLE_EQ(site.network_overhead, 0.1);
  EXPECT_EQ(site.pod_size, 1024);
  EXPECT_EQ(site.power_step_threshold, d.site.power_step_threshold);  // not given: the default
  EXPECT_DOUBLE_EQ(site.synthetic.daily_anomaly_sd_k.value_or(0.0), 2.0);
  EXPECT_DOUBLE_EQ(site.synthetic.daily_anomaly_autocorrelation,
                   d.site.synthetic.daily_anomaly_autocorrelation);
  EXPECT_EQ(site.facility.liquid.supply, core::Temperature::celsius(30));
  EXPECT_EQ(site.facility.liquid.return_temp, d.site.facility.liquid.return_temp);
  EXPECT_EQ(site.facility.air.supply, d.site.facility.air.supply);
  EXPECT_TRUE(site.facility.heat_reuse.enabled);
  EXPECT_EQ(site.facility.heat_reuse.network_supply, core::Temperature::celsius(60));
  EXPECT_EQ(site.facility.heat_reuse.heating_threshold,
            d.site.facility.heat_reuse.heating_threshold);
  ASSERT_EQ(site.supply.size(), 2U);
  EXPECT_NEAR(core::in_euros_per_mwh(site.supply[0].price), 50.0, 1e-9);
  EXPECT_EQ(site.supply[0].carbon, d.source(energy::SourceKind::nuclear).carbon);
  EXPECT_DOUBLE_EQ(site.supply[1].shape.price_daily, 0.2);
  EXPECT_DOUBLE_EQ(site.supply[1].shape.price_seasonal,
                   d.source(energy::SourceKind::grid).shape.price_seasonal);
  ASSERT_TRUE(site.workload.has_value());
  ASSERT_EQ(site.workload->inference.size(), 1U);
  const auto& chat = site.workload->inference[0];
  EXPECT_EQ(chat.serve.max_batch, 32);
  EXPECT_FALSE(chat.serve.cuda_graphs);
  EXPECT_TRUE(d.inference.serve.cuda_graphs);
  EXPECT_DOUBLE_EQ(chat.serve.output_tokens, 300.0);
  EXPECT_DOUBLE_EQ(chat.serve.output_tokens_sd, 150.0);
  EXPECT_DOUBLE_EQ(chat.serve.input_tokens, d.inference.serve.input_tokens);
  EXPECT_DOUBLE_EQ(chat.serve.ttft_s, d.inference.serve.ttft_s);
  EXPECT_FALSE(chat.activity.has_value());
  EXPECT_DOUBLE_EQ(chat.daily_shape[12], 1.0);
  EXPECT_NEAR(chat.daily_shape[0], 0.0, 1e-12);
  ASSERT_TRUE(site.reliability.has_value());
  EXPECT_EQ(site.reliability->restart, core::Duration::minutes(5));
  EXPECT_EQ(site.reliability->components[0].repair, core::Duration::days(2));
  EXPECT_EQ(site.reliability->components[1].repair, d.reliability.components[1].repair);
  EXPECT_DOUBLE_EQ(site.reliability->checkpoint_bytes_per_parameter, 16.0);
  EXPECT_EQ(site.reliability->storage_bandwidth, d.reliability.storage_bandwidth);
}

// A scenario of one site of DGX B200 serving `services` (list entries under `inference:`).
std::string serving_site(const std::string& services) {
  return R"(name: t
sites:
  - name: a
    location: lyon
    grid_connection: 20 MW
    fleet: [{system: dgx-b200, count: 10}]
    supply: [{type: grid}]
    workload:
      inference:
)" + services;
}

// A service may serve its mixture of experts expert-parallel; a dense model has no experts
// to spread, nor do 256 experts spread evenly over 6 accelerators, and the errors name the
// service's key.
TEST(ScenarioLoader, AnExpertParallelServiceNeedsExpertsToSpread) {
  const std::string yaml = serving_site(
      R"(        - {name: moe, model: deepseek-v3, max_replicas: 1, peak_tokens_per_s: 1000, expert_parallel: true}
        - {name: dense, model: llama-3-70b, max_replicas: 1, peak_tokens_per_s: 1000,
           expert_parallel: true}
        - {name: six, model: deepseek-v3, max_replicas: 1, peak_tokens_per_s: 1000,
           accelerators_per_replica: 6, expert_parallel: true}
)");
  try {
    (void)load_scenario_text(yaml, "t.yaml", ".", catalog());
    FAIL() << "a dense model served expert-parallel was accepted";
  } catch (const core::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2U) << e.what();
    const core::Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.path, "sites[0].workload.inference[1].expert_parallel");
    EXPECT_NE(d.message.find("llama-3-70b is a dense model"), std::string::npos) << d.message;
    EXPECT_EQ(d.location.line, 12);
    EXPECT_EQ(e.diagnostics()[1].path, "sites[0].workload.inference[2].expert_parallel");
    EXPECT_NE(e.diagnostics()[1].message.find("256 routed experts of deepseek-v3 do not spread "
                                              "evenly over 6 accelerators"),
              std::string::npos)
        << e.what();
  }
  const std::string moe_only = yaml.substr(0, yaml.find("        - {name: dense"));
  const auto s = load_scenario_text(moe_only, "t.yaml", ".", catalog()).scenario;
  EXPECT_TRUE(s.sites[0].workload->inference[0].serve.expert_parallel);
}

// A service may decode speculatively; a draft costlier than its model is refused at the
// service's `speculative`.
TEST(ScenarioLoader, AServiceDraftsSpeculativelyWithADraftCheaperThanItsModel) {
  const std::string yaml = serving_site(
      R"(        - {name: mtp, model: deepseek-v3, max_replicas: 1, peak_tokens_per_s: 1000,
           speculative: {draft_tokens: 3, acceptance: 0.7, draft_layers: 100}}
)");
  try {
    (void)load_scenario_text(yaml, "t.yaml", ".", catalog());
    FAIL() << "a draft of 100 layers was accepted";
  } catch (const core::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1U) << e.what();
    EXPECT_EQ(e.diagnostics()[0].path, "sites[0].workload.inference[0].speculative.draft_layers");
    EXPECT_NE(e.diagnostics()[0].message.find("costs more than deepseek-v3"), std::string::npos)
        << e.what();
  }
  std::string cheap = yaml;
  cheap.replace(cheap.find("draft_layers: 100"), 17, "draft_layers: 1");
  const auto s = load_scenario_text(cheap, "t.yaml", ".", catalog()).scenario;
  const perf::Speculation& d = s.sites[0].workload->inference[0].serve.speculative;
  EXPECT_EQ(d.draft_tokens, 3);
  EXPECT_DOUBLE_EQ(d.acceptance, 0.7);
  EXPECT_DOUBLE_EQ(d.draft_layers, 1.0);
}

// The problems of loading the catalogs of data/ with defaults.yaml edited by `edit`.
std::vector<core::Diagnostic> defaults_problems(const std::function<void(std::string&)>& edit,
                                                std::string& text) {
  // One folder per test: ctest runs the tests of this file in parallel processes.
  const auto dir = std::filesystem::temp_directory_path() /
                   ("gigasim-defaults-test-" +
                    std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const auto& entry : std::filesystem::directory_iterator(kData))  // the catalogs
    if (entry.is_regular_file())
      std::filesystem::copy_file(entry.path(), dir / entry.path().filename());
  {
    std::ifstream in(kData / "defaults.yaml");
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  edit(text);
  std::ofstream(dir / "defaults.yaml") << text;
  std::vector<core::Diagnostic> out;
  try {
    (void)Catalog::load(dir);
  } catch (const core::InputError& e) {
    out = e.diagnostics();
  }
  std::filesystem::remove_all(dir);
  return out;
}

std::string messages(const std::vector<core::Diagnostic>& problems) {
  std::string out;
  for (const auto& d : problems) out += d.path + ": " + d.message + "\n";
  return out;
}

// The line (1-based) of the first occurrence of `what` in `text`.
int line_of(const std::string& text, const std::string& what) {
  const auto at = text.find(what);
  return at == std::string::npos
             ? 0
             : 1 + static_cast<int>(std::count(
                       text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

TEST(Defaults, AMissingNumberIsALocatedError) {
  std::string text;
  int liquid = 0;
  const auto p = defaults_problems(
      [&](std::string& t) {
        const auto at = t.find("      dry_approach: 6 K\n");  // the liquid loop's
        ASSERT_NE(at, std::string::npos);
        t.erase(at, std::string("      dry_approach: 6 K\n").size());
        liquid = line_of(t, "      supply_temp: 32 C");
      },
      text);
  ASSERT_EQ(p.size(), 1U) << messages(p);
  EXPECT_EQ(p[0].path, "facility.cooling.liquid.dry_approach");
  EXPECT_NE(p[0].message.find("missing required key \"dry_approach\""), std::string::npos);
  EXPECT_NE(p[0].location.file.find("defaults.yaml"), std::string::npos);
  EXPECT_EQ(p[0].location.line, liquid);  // the loop's mapping
}

TEST(Defaults, AMissingSourceIsALocatedError) {
  std::string text;
  const auto p = defaults_problems(
      [](std::string& t) {
        const auto at = t.find("    nuclear.price: ");
        ASSERT_NE(at, std::string::npos);
        t.erase(at, t.find('\n', at) + 1 - at);
      },
      text);
  ASSERT_EQ(p.size(), 1U) << messages(p);
  EXPECT_EQ(p[0].path, "supply.sources");
  EXPECT_NE(p[0].message.find("no source given for \"nuclear.price\""), std::string::npos);
  EXPECT_NE(p[0].location.file.find("defaults.yaml"), std::string::npos);
  EXPECT_EQ(p[0].location.line, line_of(text, "    price: 42 EUR/MWh"));  // the number's place
}

TEST(Defaults, AMissingComponentOrAStraySourceIsRefused) {
  std::string text;
  auto p = defaults_problems(
      [](std::string& t) {
        const auto at = t.find("    host_memory: 1 day\n");
        ASSERT_NE(at, std::string::npos);
        t.erase(at, std::string("    host_memory: 1 day\n").size());
      },
      text);
  ASSERT_EQ(p.size(), 1U) << messages(p);
  EXPECT_EQ(p[0].path, "reliability.repair");
  EXPECT_NE(p[0].message.find("missing component \"host_memory\""), std::string::npos);
  p = defaults_problems(
      [](std::string& t) {
        const auto at = t.find("    requests: \"assumption");
        ASSERT_NE(at, std::string::npos);
        t.insert(at, "    batch_size: \"a source for no value\"\n");
      },
      text);
  ASSERT_EQ(p.size(), 1U) << messages(p);
  EXPECT_EQ(p[0].path, "inference.sources.batch_size");
  EXPECT_EQ(p[0].location.line, line_of(text, "    batch_size:"));
}

}  // namespace
}  // namespace gigasim::io
