#include <gtest/gtest.h>

#include <algorithm>
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

Location lyon_like() {
  Location l;
  l.id = "lyon-like";
  l.elevation = core::metres(198.0);
  ClimateNormals& n = l.climate;
  n.dry_bulb_mean_c = {4.1, 5.1, 8.8, 11.9, 16.0, 19.9, 22.3, 22.0, 17.6, 13.3, 8.0, 4.8};
  n.diurnal_range_k = {6.6, 8.0, 9.8, 10.5, 10.7, 11.1, 11.7, 11.7, 10.6, 8.7, 7.0, 6.4};
  n.relative_humidity_pct = {81, 75, 66, 67, 67, 61, 61, 60, 71, 70, 81, 85};
  return l;
}

// Daily means of a synthetic year, 365 values.
std::vector<double> daily_means(const WeatherYear& w) {
  std::vector<double> out(365);
  for (std::size_t i = 0; i < w.hours(); ++i) out[i / 24] += w.dry_bulb_c[i] / 24.0;
  return out;
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

TEST(Psychrometrics, StandardAtmospherePressure) {
  // ASHRAE Handbook - Fundamentals (2017), ch. 1, Table 1: 101.325 kPa at 0 m, 84.556 kPa at
  // 1500 m.
  EXPECT_NEAR(pressure_at_elevation_hpa(0.0), 1013.25, 1e-9);
  EXPECT_NEAR(pressure_at_elevation_hpa(1500.0), 845.56, 0.1);
}

TEST(Psychrometrics, WetBulbSolvesThePsychrometerEquation) {
  for (double t = -10; t <= 45; t += 5) {
    for (double rh = 0.05; rh <= 1.0; rh += 0.15) {
      const double tw = wet_bulb_c(t, rh, kSeaLevelPressureHpa);
      const double a = 6.53e-4 * (1.0 + 9.44e-4 * tw);
      const double e = saturation_vapour_pressure_hpa(tw) - a * kSeaLevelPressureHpa * (t - tw);
      EXPECT_NEAR(e, rh * saturation_vapour_pressure_hpa(t), 1e-3) << t << " C " << rh;
      EXPECT_LE(tw, t);
      EXPECT_GE(tw, dew_point_c(t, rh) - 1e-6);
      // Stull's fit is for sea level and is within about 1 K there (Stull 2011, Fig. 1).
      if (t >= 0 && rh >= 0.1) {
        EXPECT_NEAR(tw, wet_bulb_stull_c(t, rh), 1.0) << t << " C " << rh;
      }
    }
  }
  EXPECT_NEAR(wet_bulb_c(20.0, 0.5, kSeaLevelPressureHpa), 13.7, 0.15);  // Stull's example
  EXPECT_NEAR(wet_bulb_c(25.0, 1.0, 900.0), 25.0, 1e-3);
}

TEST(Psychrometrics, WetBulbFallsWithAltitude) {
  // Lower pressure: the same air evaporates more readily, so the wet bulb nears the dew point.
  const double sea = wet_bulb_c(32.0, 0.4, kSeaLevelPressureHpa);
  const double high = wet_bulb_c(32.0, 0.4, pressure_at_elevation_hpa(1500.0));
  EXPECT_LT(high, sea - 0.5);
  EXPECT_GT(high, dew_point_c(32.0, 0.4));
}

TEST(SyntheticWeather, VariabilityRuleFollowsTheSeason) {
  const auto& rule = options().variability;
  const MonthlyVariability winter_cold = rule.at(-10.0);
  const MonthlyVariability winter_mild = rule.at(4.0);
  const MonthlyVariability summer = rule.at(22.0);
  EXPECT_GT(winter_cold.daily_sd_k, winter_mild.daily_sd_k + 2.0);
  EXPECT_DOUBLE_EQ(winter_mild.daily_sd_k, summer.daily_sd_k);
  EXPECT_GT(winter_cold.dew_point_slope, summer.dew_point_slope);
  EXPECT_GT(summer.dew_point_sd_k, winter_cold.dew_point_sd_k);
  EXPECT_GT(summer.range_slope, 0.0);
  EXPECT_LT(winter_cold.range_slope, 0.0);
  SyntheticWeatherOptions fixed = options();
  fixed.daily_anomaly_sd_k = 1.5;
  EXPECT_DOUBLE_EQ(fixed.month(-10.0).daily_sd_k, 1.5);
}

TEST(SyntheticWeather, DayToDaySpreadMatchesTheRuleWithinEachMonth) {
  // Pooled over 30 years, the standard deviation of the daily means about their month equals
  // the rule's σ of that month (the rescaling of step 2) within 12 %, without the cold tail.
  Location cold = lyon_like();
  cold.climate.dry_bulb_mean_c[0] = -10.0;  // a Nordic January beside a Lyon July
  SyntheticWeatherOptions symmetric = options();
  symmetric.variability.cold_tail_stretch = 0.0;
  double ss_january = 0, ss_july = 0;
  int n_january = 0, n_july = 0;
  for (int year = 0; year < 30; ++year) {
    core::RandomStream rng(static_cast<std::uint64_t>(year), "spread");
    const auto daily = daily_means(synthesize_weather(cold, rng, symmetric));
    const auto curve = daily_mean_curve(cold.climate.dry_bulb_mean_c);
    for (int d = 0; d < 31; ++d) {
      // σ is interpolated between mid-months: the middle of January has January's.
      const auto i = static_cast<std::size_t>(d);
      if (d >= 8 && d <= 23) {
        ss_january += std::pow(daily[i] - curve[i], 2);
        ++n_january;
      }
      const auto j = static_cast<std::size_t>(month_start_day(6) + d);
      ss_july += std::pow(daily[j] - curve[j], 2);
      ++n_july;
    }
  }
  const double sd_january = std::sqrt(ss_january / n_january);
  const double sd_july = std::sqrt(ss_july / n_july);
  EXPECT_NEAR(sd_january / options().month(-10.0).daily_sd_k, 1.0, 0.12);
  EXPECT_NEAR(sd_july / options().month(22.3).daily_sd_k, 1.0, 0.12);
}

TEST(SyntheticWeather, ColdWintersHaveALongColdTail) {
  // With the cold tail stretched, a cold January's coldest days lie further below the month
  // than its mildest days lie above it; a July (above cold_below) stays symmetric.
  Location cold = lyon_like();
  cold.climate.dry_bulb_mean_c[0] = -10.0;
  std::vector<double> january, july;
  for (int year = 0; year < 30; ++year) {
    core::RandomStream rng(static_cast<std::uint64_t>(year), "tail");
    const auto daily = daily_means(synthesize_weather(cold, rng, options()));
    const auto curve = daily_mean_curve(cold.climate.dry_bulb_mean_c);
    for (std::size_t d = 0; d < 31; ++d) {
      january.push_back(daily[d] - curve[d]);
      const auto j = static_cast<std::size_t>(month_start_day(6)) + d;
      july.push_back(daily[j] - curve[j]);
    }
  }
  std::sort(january.begin(), january.end());
  std::sort(july.begin(), july.end());
  const auto at = [](const std::vector<double>& v, double q) {
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
  };
  EXPECT_GT(-at(january, 0.01), 1.5 * at(january, 0.99));
  EXPECT_NEAR(-at(july, 0.01) / at(july, 0.99), 1.0, 0.25);
}

TEST(SyntheticWeather, HigherSiteHasALowerWetBulb) {
  Location low = lyon_like();
  Location high = lyon_like();
  high.elevation = core::metres(1500.0);
  core::RandomStream a(5, "w"), b(5, "w");
  const auto wl = synthesize_weather(low, a, options());
  const auto wh = synthesize_weather(high, b, options());
  EXPECT_EQ(wl.dry_bulb_c, wh.dry_bulb_c);
  double mean_difference = 0;
  for (std::size_t h = 0; h < wl.hours(); ++h)
    mean_difference += (wl.wet_bulb_c[h] - wh.wet_bulb_c[h]) / static_cast<double>(wl.hours());
  EXPECT_GT(mean_difference, 0.2);
}

TEST(Weather, MonthHelpers) {
  EXPECT_EQ(month_of_day(0), 0);
  EXPECT_EQ(month_of_day(31), 1);
  EXPECT_EQ(month_of_day(364), 11);
  EXPECT_EQ(month_start_day(12), 365);
}

TEST(SyntheticWeather, DailyCurveReproducesMonthlyNormals) {
  const auto n = lyon_like();
  const auto daily = daily_mean_curve(n.climate.dry_bulb_mean_c);
  ASSERT_EQ(daily.size(), 365U);
  for (int m = 0; m < 12; ++m) {
    double sum = 0;
    for (int d = month_start_day(m); d < month_start_day(m + 1); ++d)
      sum += daily[static_cast<std::size_t>(d)];
    EXPECT_NEAR(sum / (month_start_day(m + 1) - month_start_day(m)),
                n.climate.dry_bulb_mean_c[static_cast<std::size_t>(m)], 1e-3);
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
    EXPECT_NEAR(means[m], n.climate.dry_bulb_mean_c[m], 1.5) << "month " << m;
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
  EXPECT_NEAR(range / 31.0, n.climate.diurnal_range_k[6], 0.8);
  for (std::size_t h = 0; h < w.hours(); ++h) {
    ASSERT_LE(w.wet_bulb_c[h], w.dry_bulb_c[h]);
    ASSERT_GT(w.relative_humidity[h], 0.0);
    ASSERT_LE(w.relative_humidity[h], 1.0);
  }
}

}  // namespace
}  // namespace gigasim::climate
