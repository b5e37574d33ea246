// The synthetic weather generator against real years and the ASHRAE design conditions.
// 1. Lyon-Bron: the real TMYx (2004-2018) EPW from Climate.OneBuilding.Org against the year
//    synthesised from the catalog's normals for Lyon (tests/data/weather).
// 2. Every station of tests/data/climate (ASHRAE Handbook design conditions in the headers of
//    TMYx, IWEC and INETI files; their monthly statistics): a synthetic year made from the
//    station's own monthly statistics, averaged over 20 seeds, against the station's design
//    conditions. Bologna, Helsinki, Stockholm, Madrid, Lisbon and Lyon-Saint-Exupery were not
//    used to fit the variability rule (data/defaults.yaml; tools/weather/fit_variability.py).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "gigasim/climate/design_conditions.hpp"
#include "gigasim/climate/synthetic.hpp"
#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/formats/epw.hpp"

namespace gigasim::climate {
namespace {

const io::Catalog& catalog() {
  static const io::Catalog c =
      io::Catalog::load(std::filesystem::path(GIGASIM_TEST_SOURCE_DIR) / "data");
  return c;
}

const SyntheticWeatherOptions& options() {
  return catalog().defaults.site.synthetic;
}

struct Years {
  WeatherYear real;
  WeatherYear synthetic;
  std::vector<WeatherYear> seeds;  // ten synthetic years of ten seeds
};

const Years& lyon() {
  static const Years y = [] {
    std::ifstream in(std::string(GIGASIM_TEST_DATA) +
                     "/weather/FRA_AR_Lyon-Bron.AP.074800_TMYx.2004-2018.epw");
    Years out;
    out.real = io::parse_epw(in, "lyon.epw").weather;
    core::RandomStream rng(2025, "weather/lyon");
    out.synthetic = synthesize_weather(catalog().locations.at("lyon"), rng, options());
    for (int seed = 0; seed < 10; ++seed) {
      core::RandomStream r(static_cast<std::uint64_t>(seed), "weather/lyon");
      out.seeds.push_back(synthesize_weather(catalog().locations.at("lyon"), r, options()));
    }
    return out;
  }();
  return y;
}

TEST(WeatherValidation, MonthlyMeansMatchTheRealLyonYear) {
  const auto real = lyon().real.monthly_mean_dry_bulb();
  const auto synthetic = lyon().synthetic.monthly_mean_dry_bulb();
  double worst = 0, annual_real = 0, annual_synthetic = 0;
  for (std::size_t m = 0; m < 12; ++m) {
    worst = std::max(worst, std::fabs(real[m] - synthetic[m]));
    annual_real += real[m] / 12;
    annual_synthetic += synthetic[m] / 12;
    RecordProperty("month_" + std::to_string(m + 1), std::to_string(synthetic[m] - real[m]));
  }
  EXPECT_LT(worst, 1.5) << "largest monthly difference, K";
  EXPECT_NEAR(annual_synthetic, annual_real, 0.5);
}

TEST(WeatherValidation, LyonDesignConditionsMatchTheRealYear) {
  // Issue 14: the generated year's 0.4 % wet bulb within 1 K of the real year's: for the
  // year a run uses (one seed) and for the mean of ten seeds.
  const DesignConditions real = design_conditions(lyon().real);
  const DesignConditions one = design_conditions(lyon().synthetic);
  DesignConditions mean;
  double lowest_wb = 1e9, highest_wb = -1e9;
  for (const WeatherYear& year : lyon().seeds) {
    const DesignConditions d = design_conditions(year);
    const double n = static_cast<double>(lyon().seeds.size());
    mean.cooling_dry_bulb_0_4_c += d.cooling_dry_bulb_0_4_c / n;
    mean.evaporation_wet_bulb_0_4_c += d.evaporation_wet_bulb_0_4_c / n;
    mean.evaporation_wet_bulb_1_c += d.evaporation_wet_bulb_1_c / n;
    mean.heating_dry_bulb_99_6_c += d.heating_dry_bulb_99_6_c / n;
    lowest_wb = std::min(lowest_wb, d.evaporation_wet_bulb_0_4_c);
    highest_wb = std::max(highest_wb, d.evaporation_wet_bulb_0_4_c);
  }
  EXPECT_NEAR(real.cooling_dry_bulb_0_4_c, 33.1, 1.5);  // ASHRAE 2017, in the EPW header
  EXPECT_NEAR(one.evaporation_wet_bulb_0_4_c, real.evaporation_wet_bulb_0_4_c, 1.0);
  EXPECT_NEAR(mean.evaporation_wet_bulb_0_4_c, real.evaporation_wet_bulb_0_4_c, 1.0);
  EXPECT_NEAR(mean.evaporation_wet_bulb_1_c, real.evaporation_wet_bulb_1_c, 1.0);
  EXPECT_NEAR(mean.cooling_dry_bulb_0_4_c, real.cooling_dry_bulb_0_4_c, 1.5);
  EXPECT_NEAR(mean.heating_dry_bulb_99_6_c, real.heating_dry_bulb_99_6_c, 2.5);
  std::printf(
      "Lyon-Bron real / synthetic (mean of 10 seeds): DB0.4 %.1f / %.1f  WB0.4 %.1f / "
      "%.1f (seeds %.1f..%.1f)  WB1 %.1f / %.1f  DB99.6 %.1f / %.1f\n",
      real.cooling_dry_bulb_0_4_c, mean.cooling_dry_bulb_0_4_c, real.evaporation_wet_bulb_0_4_c,
      mean.evaporation_wet_bulb_0_4_c, lowest_wb, highest_wb, real.evaporation_wet_bulb_1_c,
      mean.evaporation_wet_bulb_1_c, real.heating_dry_bulb_99_6_c, mean.heating_dry_bulb_99_6_c);
}

// ---- Stations of tests/data/climate --------------------------------------------------------

using Row = std::map<std::string, std::string>;

std::vector<Row> read_csv(const std::string& name) {
  std::ifstream in(std::string(GIGASIM_TEST_DATA) + "/climate/" + name);
  std::vector<Row> rows;
  std::string line;
  std::vector<std::string> header;
  auto split = [](const std::string& l) {
    std::vector<std::string> out;
    std::string cell;
    bool quoted = false;
    for (char c : l) {
      if (c == '"')
        quoted = !quoted;
      else if (c == ',' && !quoted)
        out.push_back(std::exchange(cell, {}));
      else if (c != '\r')
        cell += c;
    }
    out.push_back(cell);
    return out;
  };
  if (std::getline(in, line)) header = split(line);
  while (std::getline(in, line)) {
    const auto cells = split(line);
    Row row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(row);
  }
  return rows;
}

struct Station {
  std::string name;
  Location location;
  DesignConditions ashrae;
  bool held_out = true;
};

std::vector<Station> stations() {
  std::map<std::string, Station> by_name;
  for (const Row& r : read_csv("monthly_climate_by_site.csv")) {
    Station& s = by_name[r.at("site")];
    s.name = r.at("site");
    s.location.elevation = core::metres(std::stod(r.at("elev_m")));
    const auto m = static_cast<std::size_t>(std::stoi(r.at("month")) - 1);
    s.location.climate.dry_bulb_mean_c[m] = std::stod(r.at("t_mean_c"));
    s.location.climate.diurnal_range_k[m] =
        std::stod(r.at("t_daily_max_mean_c")) - std::stod(r.at("t_daily_min_mean_c"));
    s.location.climate.relative_humidity_pct[m] = std::stod(r.at("rh_mean_pct"));
  }
  std::vector<Station> out;
  for (const Row& r : read_csv("ashrae_design_conditions_by_site.csv")) {
    auto it = by_name.find(r.at("site"));
    if (it == by_name.end()) continue;
    Station s = it->second;
    s.ashrae.cooling_dry_bulb_0_4_c = std::stod(r.at("cooling_db_0_4_c"));
    s.ashrae.cooling_dry_bulb_1_c = std::stod(r.at("cooling_db_1_c"));
    s.ashrae.evaporation_wet_bulb_0_4_c = std::stod(r.at("evap_wb_0_4_c"));
    s.ashrae.evaporation_wet_bulb_1_c = std::stod(r.at("evap_wb_1_c"));
    s.ashrae.heating_dry_bulb_99_6_c = std::stod(r.at("heating_db_99_6_c"));
    for (const char* fitted : {"Lyon-Bron", "Luxembourg", "Jyv"})
      if (s.name.find(fitted) != std::string::npos) s.held_out = false;
    out.push_back(s);
  }
  return out;
}

DesignConditions mean_synthetic(const Location& location) {
  constexpr int kSeeds = 20;
  DesignConditions sum;
  for (int seed = 0; seed < kSeeds; ++seed) {
    core::RandomStream rng(static_cast<std::uint64_t>(seed), "weather/station");
    const DesignConditions d = design_conditions(synthesize_weather(location, rng, options()));
    sum.cooling_dry_bulb_0_4_c += d.cooling_dry_bulb_0_4_c / kSeeds;
    sum.cooling_dry_bulb_1_c += d.cooling_dry_bulb_1_c / kSeeds;
    sum.evaporation_wet_bulb_0_4_c += d.evaporation_wet_bulb_0_4_c / kSeeds;
    sum.evaporation_wet_bulb_1_c += d.evaporation_wet_bulb_1_c / kSeeds;
    sum.heating_dry_bulb_99_6_c += d.heating_dry_bulb_99_6_c / kSeeds;
  }
  return sum;
}

TEST(WeatherValidation, DesignConditionsOfEveryStation) {
  const auto all = stations();
  ASSERT_GE(all.size(), 9U);
  double held_out_count = 0, abs_db = 0, abs_wb = 0, abs_heating = 0;
  for (const Station& s : all) {
    const DesignConditions g = mean_synthetic(s.location);
    const DesignConditions& a = s.ashrae;
    std::printf(
        "%-28s %s  DB0.4 %5.1f/%5.1f  DB1 %5.1f/%5.1f  WB0.4 %5.1f/%5.1f  "
        "WB1 %5.1f/%5.1f  DB99.6 %6.1f/%6.1f\n",
        s.name.c_str(), s.held_out ? "held-out" : "fitted  ", g.cooling_dry_bulb_0_4_c,
        a.cooling_dry_bulb_0_4_c, g.cooling_dry_bulb_1_c, a.cooling_dry_bulb_1_c,
        g.evaporation_wet_bulb_0_4_c, a.evaporation_wet_bulb_0_4_c, g.evaporation_wet_bulb_1_c,
        a.evaporation_wet_bulb_1_c, g.heating_dry_bulb_99_6_c, a.heating_dry_bulb_99_6_c);
    EXPECT_NEAR(g.cooling_dry_bulb_0_4_c, a.cooling_dry_bulb_0_4_c, 2.5) << s.name;
    EXPECT_NEAR(g.evaporation_wet_bulb_0_4_c, a.evaporation_wet_bulb_0_4_c, 1.5) << s.name;
    EXPECT_NEAR(g.heating_dry_bulb_99_6_c, a.heating_dry_bulb_99_6_c, 4.0) << s.name;
    if (s.held_out) {
      ++held_out_count;
      abs_db += std::fabs(g.cooling_dry_bulb_0_4_c - a.cooling_dry_bulb_0_4_c);
      abs_wb += std::fabs(g.evaporation_wet_bulb_0_4_c - a.evaporation_wet_bulb_0_4_c);
      abs_heating += std::fabs(g.heating_dry_bulb_99_6_c - a.heating_dry_bulb_99_6_c);
    }
  }
  ASSERT_GT(held_out_count, 0);
  std::printf("held-out mean absolute error: DB0.4 %.2f K, WB0.4 %.2f K, DB99.6 %.2f K\n",
              abs_db / held_out_count, abs_wb / held_out_count, abs_heating / held_out_count);
  EXPECT_LT(abs_wb / held_out_count, 1.0);
  EXPECT_LT(abs_db / held_out_count, 1.5);
}

}  // namespace
}  // namespace gigasim::climate
