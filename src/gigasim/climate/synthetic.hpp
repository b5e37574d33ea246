// Synthetic hourly weather from monthly climate normals.
#pragma once

#include <optional>

#include "gigasim/climate/location.hpp"
#include "gigasim/climate/weather.hpp"
#include "gigasim/core/rng.hpp"

namespace gigasim::climate {

/// Day-to-day variability of one month (docs/models/weather.md, "Variability").
struct MonthlyVariability {
  double daily_sd_k = 0.0;       ///< σ: SD of the daily mean temperature about its month, K
  double cold_stretch = 0.0;     ///< λ: the cold side of the anomaly stretched by 1 + λ
  double dew_point_slope = 0.0;  ///< β: daily dew-point anomaly per K of temperature anomaly
  double dew_point_sd_k = 0.0;   ///< s: SD of the dew-point anomaly not explained by β, K
  double range_slope = 0.0;      ///< γ: diurnal-range anomaly per K of temperature anomaly
  double dew_point_cycle = 0.0;  ///< c: semi-diurnal dew-point amplitude per K of half range
};

/// Each month's variability from its mean temperature T̄ (°C), fitted on real years
/// (data/defaults.yaml `site.weather.synthetic.variability`, tools/weather/fit_variability.py):
///   σ = daily_sd + daily_sd_cold_slope · max(0, cold_below − T̄)
///   λ = min(1.5, cold_tail_stretch · max(0, cold_below − T̄))
///       (cold side of the anomaly's distribution stretched by 1 + λ: cold-air outbreaks and
///       radiative inversions over snow make cold winters' lows a long tail)
///   β = dew_point_slope_0c + dew_point_slope_per_k · T̄      (clamped to 0..1.2)
///   s = max(0.3 K, dew_point_sd_0c + dew_point_sd_per_k · T̄)
///   γ = range_slope_0c + range_slope_per_k · T̄              (clamped to −0.6..0.8)
///   ρ = range_dew_point_slope                                  (every month)
///   c = dew_point_cycle_0c + dew_point_cycle_per_k · T̄         (clamped to 0..0.2)
struct VariabilityRule {
  double daily_sd_k = 0.0;
  double daily_sd_cold_slope = 0.0;  ///< K of σ per K below cold_below
  double cold_below_c = 0.0;
  double cold_tail_stretch = 0.0;  ///< λ per K below cold_below
  double dew_point_slope_0c = 0.0;
  double dew_point_slope_per_k = 0.0;
  double dew_point_sd_0c_k = 0.0;
  double dew_point_sd_per_k = 0.0;
  double range_slope_0c = 0.0;
  double range_slope_per_k = 0.0;
  double range_dew_point_slope = 0.0;
  double dew_point_cycle_0c = 0.0;
  double dew_point_cycle_per_k = 0.0;

  [[nodiscard]] MonthlyVariability at(double month_mean_c) const;
};

/// The options of the synthetic year. Their defaults live in data/defaults.yaml
/// (`site.weather.synthetic`), read by the catalog; here they are zero (no anomaly).
struct SyntheticWeatherOptions {
  /// A fixed σ for every month instead of the rule's (scenario key `daily_anomaly_sd`).
  std::optional<double> daily_anomaly_sd_k;
  /// Lag-one autocorrelation φ of the daily anomalies.
  double daily_anomaly_autocorrelation = 0.0;
  VariabilityRule variability;

  /// The variability of a month of mean temperature T̄, with the fixed σ when one is given.
  [[nodiscard]] MonthlyVariability month(double month_mean_c) const;
};

/// A 365-day year of hourly dry-bulb, wet-bulb and relative humidity (docs/models/weather.md):
/// 1. the daily mean temperature follows a smooth annual curve through the monthly normals,
///    corrected so that each month's mean equals its normal;
/// The month-by-month values of `location.variability`, where given, replace the rule's.
/// 2. day-to-day weather is an AR(1) anomaly on the daily mean (Richardson 1981, "Stochastic
///    simulation of daily precipitation, temperature and solar radiation", Water Resour. Res.
///    17(1)) whose standard deviation follows the season; the anomalies' own monthly means
///    are removed (smoothly), so each month keeps its normal;
/// 3. the diurnal cycle is a two-piece cosine with its minimum at 05:00 and maximum at 15:00
///    of amplitude half the diurnal range (the WAVE shape of Reicosky et al. 1989, Agric.
///    For. Meteorol. 46, 193-209); the range widens on warm days of the warm season and
///    narrows on humid days;
/// 4. the dew point of the day is the one whose mean relative humidity over the
///    climatological diurnal cycle equals the monthly normal, moved by a share of the day's
///    temperature anomaly plus an AR(1) anomaly of its own (Richardson 1981's multisite
///    idea applied to two variables), with a semi-diurnal cycle over the hours (highest at
///    09:00 and 21:00, lowest at 15:00);
/// 5. the wet bulb is psychrometric at the location's standard pressure.
/// Deterministic for a given random stream.
WeatherYear synthesize_weather(const Location& location, core::RandomStream& rng,
                               const SyntheticWeatherOptions& options);

/// The smooth daily mean temperature (365 values) before anomalies: step 1 above.
std::vector<double> daily_mean_curve(const std::array<double, 12>& monthly_means);

}  // namespace gigasim::climate
