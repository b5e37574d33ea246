// The synthetic weather generator against a real year: the Lyon-Bron TMYx (2004-2018) EPW
// from Climate.OneBuilding.Org, copied to tests/data/weather (tests/data/README.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "gigasim/climate/synthetic.hpp"
#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/formats/epw.hpp"

namespace gigasim::climate {
namespace {

struct Years {
  WeatherYear real;
  WeatherYear synthetic;
};

const Years& years() {
  static const Years y = [] {
    std::ifstream in(std::string(GIGASIM_TEST_DATA) +
                     "/weather/FRA_AR_Lyon-Bron.AP.074800_TMYx.2004-2018.epw");
    Years out;
    out.real = io::parse_epw(in, "lyon.epw").weather;
    const auto catalog = io::Catalog::load(std::filesystem::path(GIGASIM_TEST_SOURCE_DIR) / "data");
    core::RandomStream rng(2025, "weather/lyon");
    out.synthetic = synthesize_weather(catalog.locations.at("lyon").climate, rng,
                                       catalog.defaults.site.synthetic);
    return out;
  }();
  return y;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

TEST(WeatherValidation, MonthlyMeansMatchTheRealLyonYear) {
  const auto real = years().real.monthly_mean_dry_bulb();
  const auto synthetic = years().synthetic.monthly_mean_dry_bulb();
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

TEST(WeatherValidation, HotTailMatchesDesignConditions) {
  // ASHRAE 2017 cooling design condition for Lyon-Bron (EPW header): 0.4 % dry bulb 33.1 C.
  const double real = percentile(years().real.dry_bulb_c, 0.996);
  const double synthetic = percentile(years().synthetic.dry_bulb_c, 0.996);
  EXPECT_NEAR(real, 33.1, 1.5);
  EXPECT_NEAR(synthetic, real, 2.5);
}

TEST(WeatherValidation, WetBulbDistributionIsClose) {
  // Evaporative cooling depends on the wet bulb: compare its mean and its 99th percentile.
  const auto& r = years().real.wet_bulb_c;
  const auto& s = years().synthetic.wet_bulb_c;
  double mr = 0, ms = 0;
  for (double x : r) mr += x / static_cast<double>(r.size());
  for (double x : s) ms += x / static_cast<double>(s.size());
  EXPECT_NEAR(ms, mr, 1.0);
  EXPECT_NEAR(percentile(s, 0.99), percentile(r, 0.99), 2.0);
}

}  // namespace
}  // namespace gigasim::climate
