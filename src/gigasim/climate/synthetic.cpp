#include "gigasim/climate/synthetic.hpp"

#include <algorithm>
#include <array>
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
    daily[static_cast<std::size_t>(d)] = anchors[static_cast<std::size_t>(lo)] * (1 - w) +
                                         anchors[static_cast<std::size_t>(next)] * w;
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

  // Day-to-day anomalies, AR(1) from a stationary start.
  const double phi = options.daily_anomaly_autocorrelation;
  const double innovation_sd = options.daily_anomaly_sd_k * std::sqrt(1.0 - phi * phi);
  std::vector<double> anomaly(kDays);
  double a = options.daily_anomaly_sd_k * rng.normal();
  for (auto& x : anomaly) {
    x = a;
    a = phi * a + innovation_sd * rng.normal();
  }
  // A typical year: remove the anomalies' own monthly means (their standard deviation is
  // about σ·√((1+φ)/(30(1−φ))) ≈ 1.3 K) through the same smooth, mean-preserving curve, so
  // that each month keeps its normal and no step appears at month boundaries.
  std::array<double, 12> monthly_anomaly{};
  for (int m = 0; m < 12; ++m) {
    double sum = 0;
    for (int d = month_start_day(m); d < month_start_day(m + 1); ++d)
      sum += anomaly[static_cast<std::size_t>(d)];
    monthly_anomaly[static_cast<std::size_t>(m)] =
        sum / (month_start_day(m + 1) - month_start_day(m));
  }
  const std::vector<double> anomaly_trend = daily_mean_curve(monthly_anomaly);
  for (std::size_t d = 0; d < anomaly.size(); ++d) anomaly[d] -= anomaly_trend[d];

  WeatherYear w;
  w.dry_bulb_c.resize(kDays * 24);
  w.wet_bulb_c.resize(kDays * 24);
  w.relative_humidity.resize(kDays * 24);
  std::array<double, 24> shape{};
  for (int h = 0; h < 24; ++h) shape[static_cast<std::size_t>(h)] = diurnal_shape(h + 0.5);

  for (int d = 0; d < kDays; ++d) {
    const auto di = static_cast<std::size_t>(d);
    const double half_range = 0.5 * range_curve[di];
    // Vapour pressure of the day: the value e for which the mean of e / e_s(T(h)) over the
    // climatological diurnal cycle equals the monthly mean relative humidity. Weather
    // anomalies then change the relative humidity, not the moisture content.
    double inverse_saturation = 0;
    for (int h = 0; h < 24; ++h) {
      const double t = mean_curve[di] + half_range * shape[static_cast<std::size_t>(h)];
      inverse_saturation += 1.0 / (24.0 * saturation_vapour_pressure_hpa(t));
    }
    const double vapour = std::clamp(rh_curve[di] / 100.0, 0.01, 1.0) / inverse_saturation;
    for (int h = 0; h < 24; ++h) {
      const auto i = di * 24 + static_cast<std::size_t>(h);
      const double t =
          mean_curve[di] + anomaly[di] + half_range * shape[static_cast<std::size_t>(h)];
      const double rh = std::min(1.0, vapour / saturation_vapour_pressure_hpa(t));
      w.dry_bulb_c[i] = t;
      w.relative_humidity[i] = rh;
      w.wet_bulb_c[i] = wet_bulb_stull_c(t, rh);
    }
  }
  return w;
}

}  // namespace gigasim::climate
