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

  [[nodiscard]] std::size_t hours() const { return dry_bulb_c.size(); }
  /// Index of the hour of year h, wrapping around the year.
  [[nodiscard]] std::size_t index(std::int64_t hour) const {
    const auto n = static_cast<std::int64_t>(hours());
    return static_cast<std::size_t>(((hour % n) + n) % n);
  }
  /// Monthly means of dry-bulb temperature (calendar months of a 365-day year).
  [[nodiscard]] std::vector<double> monthly_mean_dry_bulb() const;
  /// Highest dry-bulb temperature of the year, °C.
  [[nodiscard]] double max_dry_bulb() const;
};

/// Day of year (0-based) at which month m (0..11) starts in a 365-day year.
int month_start_day(int month);
/// Month (0..11) of a day of year (0..364).
int month_of_day(int day_of_year);

}  // namespace gigasim::climate
