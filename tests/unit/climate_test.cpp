#include <gtest/gtest.h>

#include <cmath>

#include "gigasim/climate/psychrometrics.hpp"
#include "gigasim/climate/synthetic.hpp"
#include "gigasim/core/errors.hpp"
#include "run_fixtures.hpp"

namespace gigasim::climate {
namespace {

// The options of data/defaults.yaml, as every scenario starts from them.
const SyntheticWeatherOptions& options() {
  return testing::catalog().defaults.site.synthetic;
}

ClimateNormals lyon_like() {
  ClimateNormals n;
  n.dry_bulb_mean_c = {4.1, 5.1, 8.8, 11.9, 16.0, 19.9, 22.3, 22.0, 17.6, 13.3, 8.0, 4.8};
  n.diurnal_range_k = {6.6, 8.0, 9.8, 10.5, 10.7, 11.1, 11.7, 11.7, 10.6, 8.7, 7.0, 6.4};
  n.relative_humidity_pct = {81, 75, 66, 67, 67, 61, 61, 60, 71, 70, 81, 85};
  return n;
}

TEST(Psychrometrics, StullExampleFromThePaper) {
  // Stull (2011): T = 20 °C, RH = 50 % gives Tw = 13.7 °C.
  EXPECT_NEAR(wet_bulb_stull_c(20.0, 0.5), 13.7, 0.05);
}

TEST(Psychrometrics, WetBulbNeverAboveDryBulbAndNearItWhenSaturated) {
  for (double t = -15; t <= 45; t += 5) {
    for (double rh = 0.05; rh <= 1.0; rh += 0.1) EXPECT_LE(wet_bulb_stull_c(t, rh), t);
    EXPECT_NEAR(wet_bulb_stull_c(t, 0.99), t, 0.6);
  }
}

TEST(Psychrometrics, DewPointInvertsSaturationPressure) {
  const double td = dew_point_c(25.0, 0.6);
  EXPECT_NEAR(saturation_vapour_pressure_hpa(td) / saturation_vapour_pressure_hpa(25.0), 0.6, 1e-9);
  EXPECT_NEAR(saturation_vapour_pressure_hpa(0.0), 6.1094, 1e-9);
}

TEST(Weather, MonthHelpers) {
  EXPECT_EQ(month_of_day(0), 0);
  EXPECT_EQ(month_of_day(31), 1);
  EXPECT_EQ(month_of_day(364), 11);
  EXPECT_EQ(month_start_day(12), 365);
}

TEST(SyntheticWeather, DailyCurveReproducesMonthlyNormals) {
  const auto n = lyon_like();
  const auto daily = daily_mean_curve(n.dry_bulb_mean_c);
  ASSERT_EQ(daily.size(), 365U);
  for (int m = 0; m < 12; ++m) {
    double sum = 0;
    for (int d = month_start_day(m); d < month_start_day(m + 1); ++d)
      sum += daily[static_cast<std::size_t>(d)];
    EXPECT_NEAR(sum / (month_start_day(m + 1) - month_start_day(m)),
                n.dry_bulb_mean_c[static_cast<std::size_t>(m)], 1e-3);
  }
}

TEST(SyntheticWeather, IsDeterministicForAStream) {
  core::RandomStream a(1, "w"), b(1, "w"), c(2, "w");
  const auto wa = synthesize_weather(lyon_like(), a, options());
  const auto wb = synthesize_weather(lyon_like(), b, options());
  const auto wc = synthesize_weather(lyon_like(), c, options());
  EXPECT_EQ(wa.dry_bulb_c, wb.dry_bulb_c);
  EXPECT_NE(wa.dry_bulb_c, wc.dry_bulb_c);
  EXPECT_EQ(wa.hours(), 8760U);
}

TEST(SyntheticWeather, MonthlyMeansAndDiurnalRangeFollowTheNormals) {
  core::RandomStream rng(11, "w");
  const auto n = lyon_like();
  const auto w = synthesize_weather(n, rng, options());
  const auto means = w.monthly_mean_dry_bulb();
  for (std::size_t m = 0; m < 12; ++m)
    EXPECT_NEAR(means[m], n.dry_bulb_mean_c[m], 1.5) << "month " << m;
  // Mean daily range in July: max − min of each day.
  double range = 0;
  for (int d = month_start_day(6); d < month_start_day(7); ++d) {
    double lo = 1e9, hi = -1e9;
    for (int h = 0; h < 24; ++h) {
      const double t = w.dry_bulb_c[static_cast<std::size_t>(d * 24 + h)];
      lo = std::min(lo, t);
      hi = std::max(hi, t);
    }
    range += hi - lo;
  }
  EXPECT_NEAR(range / 31.0, n.diurnal_range_k[6], 0.6);
  for (std::size_t h = 0; h < w.hours(); ++h) {
    ASSERT_LE(w.wet_bulb_c[h], w.dry_bulb_c[h]);
    ASSERT_GT(w.relative_humidity[h], 0.0);
    ASSERT_LE(w.relative_humidity[h], 1.0);
  }
}

}  // namespace
}  // namespace gigasim::climate
