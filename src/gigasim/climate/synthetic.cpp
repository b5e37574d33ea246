#include "gigasim/climate/synthetic.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "gigasim/climate/psychrometrics.hpp"

namespace gigasim::climate {
namespace {

constexpr int kDays = 365;
constexpr double kMinHour = 5.0;   // hour of the daily minimum
constexpr double kMaxHour = 15.0;  // hour of the daily maximum

double mid_month_day(int m) {
  return 0.5 * (month_start_day(m) + month_start_day(m + 1));
}

// Piecewise-linear, cyclic interpolation through (mid-month day, anchor) points.
std::vector<double> interpolate(const std::array<double, 12>& anchors) {
  std::vector<double> daily(kDays);
  for (int d = 0; d < kDays; ++d) {
    const double x = d + 0.5;
    int hi = 0;
    while (hi < 12 && mid_month_day(hi) <= x) ++hi;
    const int lo = (hi + 11) % 12;
    const int next = hi % 12;
    double x0 = mid_month_day(lo);
    double x1 = mid_month_day(next);
    if (hi == 0) x0 -= kDays;   // before mid-January: wrap from December
    if (hi == 12) x1 += kDays;  // after mid-December: wrap to January
    const double w = (x - x0) / (x1 - x0);
    daily[static_cast<std::size_t>(d)] =
        anchors[static_cast<std::size_t>(lo)] * (1 - w) + anchors[static_cast<std::size_t>(next)] * w;
  }
  return daily;
}

// Diurnal shape in [-1, 1]: -1 at kMinHour, +1 at kMaxHour, cosine halves in between.
// Each half averages to zero over its span, so the daily mean is unchanged.
double diurnal_shape(double hour) {
  const double rise = kMaxHour - kMinHour;
  const double h = std::fmod(hour - kMinHour + 24.0, 24.0);
  if (h <= rise) return -std::cos(std::numbers::pi * h / rise);
  return std::cos(std::numbers::pi * (h - rise) / (24.0 - rise));
}

}  // namespace

std::vector<double> daily_mean_curve(const std::array<double, 12>& monthly_means) {
  // Linear interpolation flattens the peaks of the annual cycle; adjusting the anchors by
  // the residual of each month converges in a few passes to a curve whose monthly means
  // equal the normals (to 1e-6 K after 20 passes).
  std::array<double, 12> anchors = monthly_means;
  std::vector<double> daily;
  for (int pass = 0; pass < 20; ++pass) {
    daily = interpolate(anchors);
    for (int m = 0; m < 12; ++m) {
      double sum = 0;
      for (int d = month_start_day(m); d < month_start_day(m + 1); ++d) {
        sum += daily[static_cast<std::size_t>(d)];
      }
      const double mean = sum / (month_start_day(m + 1) - month_start_day(m));
      anchors[static_cast<std::size_t>(m)] += monthly_means[static_cast<std::size_t>(m)] - mean;
    }
  }
  return interpolate(anchors);
}

WeatherYear synthesize_weather(const ClimateNormals& normals, core::RandomStream& rng,
                               const SyntheticWeatherOptions& options) {
  const std::vector<double> mean_curve = daily_mean_curve(normals.dry_bulb_mean_c);
  const std::vector<double> range_curve = interpolate(normals.diurnal_range_k);
  const std::vector<double> rh_curve = interpolate(normals.relative_humidity_pct);

  WeatherYear w;
  w.dry_bulb_c.resize(kDays * 24);
  w.wet_bulb_c.resize(kDays * 24);
  w.relative_humidity.resize(kDays * 24);

  const double phi = options.daily_anomaly_autocorrelation;
  const double innovation_sd = options.daily_anomaly_sd_k * std::sqrt(1.0 - phi * phi);
  double anomaly = options.daily_anomaly_sd_k * rng.normal();  // stationary start
  for (int d = 0; d < kDays; ++d) {
    const auto di = static_cast<std::size_t>(d);
    const double day_mean = mean_curve[di] + anomaly;
    const double half_range = 0.5 * range_curve[di];
    const double rh_mean = std::clamp(rh_curve[di] / 100.0, 0.01, 1.0);
    const double dew = dew_point_c(mean_curve[di], rh_mean) + anomaly;
    const double vapour = saturation_vapour_pressure_hpa(dew);
    for (int h = 0; h < 24; ++h) {
      const auto i = di * 24 + static_cast<std::size_t>(h);
      const double t = day_mean + half_range * diurnal_shape(h + 0.5);
      const double rh = std::min(1.0, vapour / saturation_vapour_pressure_hpa(t));
      w.dry_bulb_c[i] = t;
      w.relative_humidity[i] = rh;
      w.wet_bulb_c[i] = wet_bulb_stull_c(t, rh);
    }
    anomaly = phi * anomaly + innovation_sd * rng.normal();
  }
  return w;
}

}  // namespace gigasim::climate
