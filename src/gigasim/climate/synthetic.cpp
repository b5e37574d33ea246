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

// Where each day falls between two mid-month days: the two months and the weight of the
// second. The same for every curve, so computed once (interpolate runs 21 times a curve).
struct DayWeight {
  std::size_t lo = 0, next = 0;
  double w = 0.0;
};

const std::array<DayWeight, kDays>& day_weights() {
  static const std::array<DayWeight, kDays> table = [] {
    std::array<DayWeight, kDays> t{};
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
      t[static_cast<std::size_t>(d)] = {static_cast<std::size_t>(lo),
                                        static_cast<std::size_t>(next), (x - x0) / (x1 - x0)};
    }
    return t;
  }();
  return table;
}

// Piecewise-linear, cyclic interpolation through (mid-month day, anchor) points.
std::vector<double> interpolate(const std::array<double, 12>& anchors) {
  std::vector<double> daily(kDays);
  const auto& weights = day_weights();
  for (std::size_t d = 0; d < daily.size(); ++d) {
    const DayWeight& k = weights[d];
    daily[d] = anchors[k.lo] * (1 - k.w) + anchors[k.next] * k.w;
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

MonthlyVariability VariabilityRule::at(double t) const {
  MonthlyVariability v;
  const double colder = std::max(0.0, cold_below_c - t);
  v.daily_sd_k = daily_sd_k + daily_sd_cold_slope * colder;
  v.cold_stretch = std::min(1.5, cold_tail_stretch * colder);
  v.dew_point_slope = std::clamp(dew_point_slope_0c + dew_point_slope_per_k * t, 0.0, 1.2);
  v.dew_point_sd_k = std::max(0.3, dew_point_sd_0c_k + dew_point_sd_per_k * t);
  v.range_slope = std::clamp(range_slope_0c + range_slope_per_k * t, -0.6, 0.8);
  v.dew_point_cycle = std::clamp(dew_point_cycle_0c + dew_point_cycle_per_k * t, 0.0, 0.2);
  return v;
}

MonthlyVariability SyntheticWeatherOptions::month(double month_mean_c) const {
  MonthlyVariability v = variability.at(month_mean_c);
  if (daily_anomaly_sd_k) v.daily_sd_k = *daily_anomaly_sd_k;
  return v;
}

namespace {

// A standard normal value with its negative side stretched by 1 + λ and recentred to zero
// mean (a split normal: for z < 0 the mean of z is −1/√(2π)); the warm side keeps its
// spread, the cold side gets a long tail.
double stretch_cold_side(double z, double lambda) {
  if (lambda <= 0.0) return z;
  const double mean = -lambda / std::sqrt(2.0 * std::numbers::pi);
  return (z < 0.0 ? z * (1.0 + lambda) : z) - mean;
}

// A unit AR(1) series over the year, from a stationary start, with the cold side of each
// day's value stretched by that day's λ, with its own monthly means removed through the
// smooth, mean-preserving curve of step 1 (so that each month keeps its normal and no step
// appears at month boundaries), rescaled so that its standard deviation about the monthly
// mean is 1. For n ≈ 30.4 days a month, the mean of an AR(1) month has a variance of about
// (1 + φ) / (n (1 − φ)) (Box & Jenkins), which the removal takes away.
std::vector<double> typical_unit_anomaly(core::RandomStream& rng, double phi,
                                         const std::vector<double>& cold_stretch) {
  const double innovation_sd = std::sqrt(1.0 - phi * phi);
  std::vector<double> z(kDays);
  double a = rng.normal();
  for (std::size_t d = 0; d < z.size(); ++d) {
    z[d] = stretch_cold_side(a, cold_stretch[d]);
    a = phi * a + innovation_sd * rng.normal();
  }
  std::array<double, 12> monthly{};
  for (int m = 0; m < 12; ++m) {
    double sum = 0;
    for (int d = month_start_day(m); d < month_start_day(m + 1); ++d)
      sum += z[static_cast<std::size_t>(d)];
    monthly[static_cast<std::size_t>(m)] = sum / (month_start_day(m + 1) - month_start_day(m));
  }
  const std::vector<double> trend = daily_mean_curve(monthly);
  const double days_per_month = kDays / 12.0;
  const double removed = (1.0 + phi) / (days_per_month * (1.0 - phi));
  const double scale = 1.0 / std::sqrt(std::max(0.1, 1.0 - removed));
  for (std::size_t d = 0; d < z.size(); ++d) z[d] = (z[d] - trend[d]) * scale;
  return z;
}

}  // namespace

WeatherYear synthesize_weather(const Location& location, core::RandomStream& rng,
                               const SyntheticWeatherOptions& options) {
  const ClimateNormals& normals = location.climate;
  const std::vector<double> mean_curve = daily_mean_curve(normals.dry_bulb_mean_c);
  const std::vector<double> range_curve = interpolate(normals.diurnal_range_k);
  const std::vector<double> rh_curve = interpolate(normals.relative_humidity_pct);
  std::array<double, 12> sd{}, stretch{}, dew_slope{}, dew_sd{}, range_slope{}, dew_cycle{};
  for (std::size_t m = 0; m < 12; ++m) {
    MonthlyVariability v = options.month(normals.dry_bulb_mean_c[m]);
    // A place's own fitted values replace the rule's; a scenario's fixed σ replaces both.
    if (location.variability.daily_sd_k && !options.daily_anomaly_sd_k)
      v.daily_sd_k = (*location.variability.daily_sd_k)[m];
    if (location.variability.dew_point_slope)
      v.dew_point_slope = (*location.variability.dew_point_slope)[m];
    sd[m] = v.daily_sd_k;
    stretch[m] = v.cold_stretch;
    dew_slope[m] = v.dew_point_slope;
    dew_sd[m] = v.dew_point_sd_k;
    range_slope[m] = v.range_slope;
    dew_cycle[m] = v.dew_point_cycle;
  }
  const std::vector<double> sd_curve = interpolate(sd);
  const std::vector<double> dew_slope_curve = interpolate(dew_slope);
  const std::vector<double> dew_sd_curve = interpolate(dew_sd);
  const std::vector<double> range_slope_curve = interpolate(range_slope);
  const std::vector<double> dew_cycle_curve = interpolate(dew_cycle);

  const double phi = options.daily_anomaly_autocorrelation;
  const std::vector<double> temperature_z = typical_unit_anomaly(rng, phi, interpolate(stretch));
  const std::vector<double> dew_z = typical_unit_anomaly(rng, phi, std::vector<double>(kDays));
  const double pressure = pressure_at_elevation_hpa(location.elevation.value());

  WeatherYear w;
  w.dry_bulb_c.resize(kDays * 24);
  w.wet_bulb_c.resize(kDays * 24);
  w.relative_humidity.resize(kDays * 24);
  std::array<double, 24> shape{}, dew_shape{};
  for (int h = 0; h < 24; ++h) {
    shape[static_cast<std::size_t>(h)] = diurnal_shape(h + 0.5);
    dew_shape[static_cast<std::size_t>(h)] =
        std::cos(2.0 * std::numbers::pi * (h + 0.5 - 9.0) / 12.0);
  }

  for (int d = 0; d < kDays; ++d) {
    const auto di = static_cast<std::size_t>(d);
    // Dew point of the day: the vapour pressure e for which the mean of e / e_s(T(h)) over
    // the climatological diurnal cycle equals the monthly mean relative humidity, then moved
    // by the day's weather.
    double inverse_saturation = 0;
    for (int h = 0; h < 24; ++h) {
      const double t = mean_curve[di] + 0.5 * range_curve[di] * shape[static_cast<std::size_t>(h)];
      inverse_saturation += 1.0 / (24.0 * saturation_vapour_pressure_hpa(t));
    }
    const double climate_vapour = std::clamp(rh_curve[di] / 100.0, 0.01, 1.0) / inverse_saturation;
    const double climate_dew = dew_point_of_vapour_c(climate_vapour);
    const double anomaly = sd_curve[di] * temperature_z[di];
    const double dew_residual = dew_sd_curve[di] * dew_z[di];
    const double dew = climate_dew + dew_slope_curve[di] * anomaly + dew_residual;
    // Sunny warm spells of the warm season widen the diurnal range, humid (cloudier) days
    // narrow it; a floor of a quarter of the normal range keeps the cycle's shape.
    const double half_range =
        0.5 * std::max(0.25 * range_curve[di],
                       range_curve[di] + range_slope_curve[di] * anomaly +
                           options.variability.range_dew_point_slope * dew_residual);
    for (int h = 0; h < 24; ++h) {
      const auto i = di * 24 + static_cast<std::size_t>(h);
      const double t = mean_curve[di] + anomaly + half_range * shape[static_cast<std::size_t>(h)];
      const double hour_dew =
          dew + dew_cycle_curve[di] * half_range * dew_shape[static_cast<std::size_t>(h)];
      const double saturation = saturation_vapour_pressure_hpa(t);
      const double rh = std::min(1.0, saturation_vapour_pressure_hpa(hour_dew) / saturation);
      w.dry_bulb_c[i] = t;
      w.relative_humidity[i] = rh;
      w.wet_bulb_c[i] = wet_bulb_of_vapour_c(t, rh * saturation, std::min(hour_dew, t), pressure);
    }
  }
  return w;
}

}  // namespace gigasim::climate
