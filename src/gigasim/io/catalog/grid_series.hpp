// Measured hourly grid series of data/electricity: day-ahead prices by bidding zone and year,
// hourly carbon intensity of the generation mix (data/electricity/README.md). Read on first
// use and kept: a study or a 60-site scenario reads each file once. Safe to share between
// threads.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace gigasim::io {

/// A year of hourly values in local standard time: 365 days × 24 hours, hour 0 at 00:00 on
/// 1 January, the 29th of February dropped (docs/models/energy.md, "Real grid data").
using CalendarSeries = std::vector<double>;

class GridSeries {
 public:
  explicit GridSeries(std::filesystem::path dir) : dir_(std::move(dir)) {}

  /// Day-ahead prices (EUR/MWh) of `zone` in `year`, shifted from UTC by `utc_offset_h`;
  /// null when no file holds that year or zone.
  const CalendarSeries* prices(int year, const std::string& zone, int utc_offset_h);
  /// Life-cycle carbon intensity (g CO2e/kWh) of `zone`'s generation in the one year shipped.
  const CalendarSeries* carbon(const std::string& zone, int utc_offset_h);
  /// Hourly capacity factors (0..1) of `kind` ("solar_pv" or "wind_onshore") in `country`
  /// (ISO code; Greece is EL in the file) in the one weather year shipped; null without them.
  const CalendarSeries* capacity_factors(const std::string& kind, const std::string& country,
                                         int utc_offset_h);
  /// The weather year of the capacity factors.
  static constexpr int kCapacityFactorYear = 2016;
  /// Whether data/electricity holds day-ahead prices for `year`, and the years it holds.
  bool has_prices(int year);
  std::vector<int> price_years();
  /// The year of the hourly carbon series.
  static constexpr int kCarbonYear = 2020;

 private:
  using Columns = std::map<std::string, std::vector<double>, std::less<>>;  // UTC hours
  const Columns& table(const std::string& file, bool long_format);
  const CalendarSeries* aligned(const std::string& key, const std::vector<double>* utc, int year,
                                int utc_offset_h);

  std::filesystem::path dir_;
  std::mutex mutex_;
  std::map<std::string, Columns, std::less<>> tables_;
  std::map<std::string, CalendarSeries, std::less<>> aligned_;
};

}  // namespace gigasim::io
