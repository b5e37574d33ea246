// An hourly weather year, synthetic or read from an EPW file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gigasim::climate {

/// One value per hour from 1 January 00:00. A run longer than the year wraps around.
struct WeatherYear {
  std::string source;                     ///< "synthetic: lyon" or the EPW file name
  std::vector<double> dry_bulb_c;         ///< air temperature, °C
  std::vector<double> wet_bulb_c;         ///< thermodynamic wet-bulb temperature, °C
  std::vector<double> relative_humidity;  ///< fraction in [0, 1]
  /// The outdoor temperature heat demand follows (see heating_reference), by hour; filled
  /// by `with_heating_reference`.
  std::vector<double> heating_reference_c;

  [[nodiscard]] std::size_t hours() const { return dry_bulb_c.size(); }
  /// Index of the hour of year h, wrapping around the year.
  [[nodiscard]] std::size_t index(std::int64_t hour) const {
    const auto n = static_cast<std::int64_t>(hours());
    return static_cast<std::size_t>(((hour % n) + n) % n);
  }
  /// Monthly means of dry-bulb temperature (calendar months of a 365-day year).
  [[nodiscard]] std::vector<double> monthly_mean_dry_bulb() const;
  /// The heating reference of hour h (the hour's own dry bulb where none was filled in, as
  /// in a weather year built outside preparation).
  [[nodiscard]] double heating_reference_at(std::size_t h) const {
    return heating_reference_c.empty() ? dry_bulb_c[h] : heating_reference_c[h];
  }
  /// Highest dry-bulb temperature of the year, °C.
  [[nodiscard]] double max_dry_bulb() const;
};

/// The reference temperature of space-heating demand for each hour: its day's mean outdoor
/// temperature weighted with the three days before, as buildings store heat,
///   T_ref(d) = (T_d + ½ T_{d−1} + ¼ T_{d−2} + ⅛ T_{d−3}) / 1.875
/// (the "allocation temperature" of the German gas and heat standard load profiles: BDEW/
/// VKU/GEODE, Leitfaden Abwicklung von Standardlastprofilen Gas; Hellwig, TU München 2003).
/// The year is taken as cyclic (a typical year), so 1 January looks back to late December.
std::vector<double> heating_reference(const WeatherYear& weather);

/// `weather` with its heating reference filled in.
WeatherYear with_heating_reference(WeatherYear weather);

/// Day of year (0-based) at which month m (0..11) starts in a 365-day year.
int month_start_day(int month);
/// Month (0..11) of a day of year (0..364).
int month_of_day(int day_of_year);

}  // namespace gigasim::climate
