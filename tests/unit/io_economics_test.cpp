// data/economics.yaml, the economic fields of the catalogs and a scenario's `economics`.
#include <gtest/gtest.h>

#include "gigasim/core/errors.hpp"
#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/scenario/scenario_loader.hpp"
#include "io_fixtures.hpp"

namespace gigasim::io {
namespace {

using testing::catalog;
using testing::kValid;

std::vector<core::Diagnostic> problems(const std::string& economics) {
  return testing::problems(std::string(kValid) + economics);
}

TEST(EconomicsCatalog, EveryDefaultIsThere) {
  const auto& e = catalog().economics;
  EXPECT_GT(e.discount_rate, 0.0);
  EXPECT_LT(e.discount_rate, 0.2);
  ASSERT_EQ(e.assets.size(), 10U);
  for (const auto& a : e.assets) {
    if (a.name != "systems") {
      EXPECT_GT(a.unit_cost_eur, 0) << a.name;
    }
    if (a.name != "land") {
      EXPECT_GT(a.lifetime_years, 0) << a.name;
    }
  }
  EXPECT_GT(e.operations.staff_cost.value(), 0);
  EXPECT_GT(catalog().carbon.building_embodied.value(), 0);
  EXPECT_DOUBLE_EQ(catalog().carbon.systems_lifetime_years, e.assets[0].lifetime_years);
  for (const auto& [id, s] : catalog().systems) {
    EXPECT_GT(s.price.value(), 0) << id;
    EXPECT_GT(s.embodied_carbon.value(), 0) << id;
    EXPECT_GT(s.accelerator.embodied_carbon.value(), 0) << id;
  }
  for (const auto& [country, g] : catalog().grids) EXPECT_GT(g.residual_mix.value(), 0) << country;
}

TEST(EconomicsScenario, OverridesOnlyWhatItNames) {
  const auto s = load_scenario_text(std::string(kValid) + R"(economics:
  discount_rate: 5 %
  assets: {network: {per_accelerator: 3000 EUR}, systems: {lifetime: 4 years}}
  operations: {heat_price: 40 EUR/MWh}
  carbon: {building_embodied: 300 t/MW}
)",
                                    "t.yaml", ".", catalog())
                     .scenario;
  const auto& d = catalog().economics;
  EXPECT_DOUBLE_EQ(s.economics.discount_rate, 0.05);
  EXPECT_DOUBLE_EQ(s.economics.assets[1].unit_cost_eur, 3000);
  EXPECT_DOUBLE_EQ(s.economics.assets[1].lifetime_years, d.assets[1].lifetime_years);
  EXPECT_NEAR(s.economics.assets[0].lifetime_years, 4.0, 1e-12);
  EXPECT_NEAR(s.carbon.systems_lifetime_years, 4.0, 1e-12);  // embodied ages with the systems
  EXPECT_DOUBLE_EQ(s.economics.operations.heat_price.value(), core::euros_per_mwh(40).value());
  EXPECT_DOUBLE_EQ(s.economics.operations.water_price.value(), d.operations.water_price.value());
  EXPECT_DOUBLE_EQ(s.carbon.building_embodied.value(), 0.3);
  // The grid contract's market-based factor is the country's residual mix.
  EXPECT_DOUBLE_EQ(s.sites[0].supply[0].market_carbon.value(),
                   catalog().grids.at("FR").residual_mix.value());
}

// A bad economic input is reported at its YAML path and line.
void expect_problem(const std::string& economics, const std::string& path, const std::string& words,
                    int line) {
  const auto p = problems(economics);
  bool found = false;
  for (const auto& d : p) {
    if (d.path != path) continue;
    found = true;
    EXPECT_NE(d.message.find(words), std::string::npos) << d.message;
    EXPECT_EQ(d.location.line, line) << d.to_string();
    EXPECT_EQ(d.location.file, "test.yaml");
  }
  EXPECT_TRUE(found) << path << " not among " << p.size() << " problems"
                     << (p.empty() ? "" : ": " + p[0].to_string());
}

TEST(EconomicsScenario, RefusesBadInputAtItsPlace) {
  // kValid has 10 lines: `economics:` is line 11.
  expect_problem("economics:\n  operations: {water_price: -2 EUR/m3}\n",
                 "economics.operations.water_price", "must not be negative", 12);
  expect_problem("economics:\n  assets:\n    storage: {lifetime: 0 years}\n",
                 "economics.assets.storage.lifetime", "positive", 13);
  expect_problem("economics:\n  operations:\n    heat_price: 30 USD/MWh\n",
                 "economics.operations.heat_price", "unknown currency \"USD\"", 13);
  expect_problem("economics:\n  assets: {cafeteria: {per_mw_it: 1 MEUR/MW}}\n",
                 "economics.assets.cafeteria", "unknown key", 12);
  expect_problem("economics:\n  discount_rate: 120 %\n", "economics.discount_rate", "", 12);
  expect_problem("economics:\n  assets: {network: {per_accelerator: 5 MEUR/MW}}\n",
                 "economics.assets.network.per_accelerator", "amount of money", 12);
}

TEST(EconomicsScenario, MarketFactorOfASourceCanBeSet) {
  std::string yaml = kValid;
  yaml.replace(yaml.find("      - type: grid"), 18,
               "      - type: grid\n        market_carbon_intensity: 0 g/kWh");
  const auto s = load_scenario_text(yaml, "t.yaml", ".", catalog()).scenario;
  EXPECT_DOUBLE_EQ(s.sites[0].supply[0].market_carbon.value(), 0.0);
}

}  // namespace
}  // namespace gigasim::io
