// Synthetic hourly weather from monthly climate normals.
#pragma once

#include "gigasim/climate/location.hpp"
#include "gigasim/climate/weather.hpp"
#include "gigasim/core/rng.hpp"

namespace gigasim::climate {

/// The options of the synthetic year. Their defaults live in data/defaults.yaml
/// (`site.weather.synthetic`), read by the catalog; here they are zero (no anomaly).
struct SyntheticWeatherOptions {
  /// Standard deviation of day-to-day anomalies of the daily mean temperature, K.
  double daily_anomaly_sd_k = 0.0;
  /// Lag-one autocorrelation of those anomalies.
  double daily_anomaly_autocorrelation = 0.0;
};

/// A 365-day year of hourly dry-bulb, wet-bulb and relative humidity (docs/models/weather.md):
/// 1. the daily mean temperature follows a smooth annual curve through the monthly normals,
///    corrected so that each month's mean equals its normal;
/// 2. day-to-day weather is an AR(1) anomaly on the daily mean (Richardson 1981, "Stochastic
///    simulation of daily precipitation, temperature and solar radiation", Water Resour. Res.
///    17(1));
/// 3. the diurnal cycle is a two-piece cosine with its minimum at 05:00 and maximum at 15:00
///    of amplitude half the diurnal range (the WAVE shape of Reicosky et al. 1989, Agric.
///    For. Meteorol. 46, 193-209);
///    the anomalies' own monthly means are removed (smoothly), so each month keeps its normal;
/// 4. the vapour pressure is held for the day at the value whose mean relative humidity over
///    the climatological diurnal cycle equals the monthly normal, so relative humidity falls
///    in the afternoon as observed and warm anomalies are drier, not more humid;
/// 5. the wet bulb follows from Stull (2011).
/// Deterministic for a given random stream.
WeatherYear synthesize_weather(const ClimateNormals& normals, core::RandomStream& rng,
                               const SyntheticWeatherOptions& options);

/// The smooth daily mean temperature (365 values) before anomalies: step 1 above.
std::vector<double> daily_mean_curve(const std::array<double, 12>& monthly_means);

}  // namespace gigasim::climate
