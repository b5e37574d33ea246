#include "gigasim/io/catalog/grid_series.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>

#include "gigasim/core/errors.hpp"
#include "gigasim/io/formats/csv.hpp"

namespace gigasim::io {
namespace {

constexpr int kDays = 365;
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

bool leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

}  // namespace

// Wide files (hour_utc, one column per zone) or the long carbon file (hour_utc, zone,
// carbon_lca_g_kwh, ...): either way, one vector of UTC hours per zone; an empty cell is NaN.
bool GridSeries::has_prices(int year) {
  return std::filesystem::is_regular_file(dir_ / "electricity" /
                                          fmt::format("day_ahead_price_eur_mwh_{}.csv", year));
}

std::vector<int> GridSeries::price_years() {
  std::vector<int> years;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir_ / "electricity", ec)) {
    const std::string name = e.path().filename().string();
    int year = 0;
    if (std::sscanf(name.c_str(), "day_ahead_price_eur_mwh_%d.csv", &year) == 1)
      years.push_back(year);
  }
  std::sort(years.begin(), years.end());
  return years;
}

const GridSeries::Columns& GridSeries::table(const std::string& file, bool long_format) {
  if (const auto it = tables_.find(file); it != tables_.end()) return it->second;
  Columns& columns = tables_[file];
  const std::filesystem::path path = dir_ / "electricity" / file;
  std::ifstream in(path);
  if (!in) return columns;  // no such year: the caller falls back to the synthetic shape
  CsvReader reader(in, path.string());
  CsvRecord header, record;
  if (!reader.next(header)) return columns;
  const auto fail = [&](const CsvRecord& r, std::size_t field, const std::string& why) {
    throw core::InputError(core::Diagnostic{
        "", why, core::SourceLocation{path.string(), r.line, r.columns.at(field)}});
  };
  std::size_t value_field = 0;
  if (long_format) {
    for (std::size_t f = 0; f < header.fields.size(); ++f)
      if (header.fields[f] == "carbon_lca_g_kwh") value_field = f;
    if (value_field < 2) fail(header, 0, "no column carbon_lca_g_kwh after hour_utc and zone");
  }
  while (reader.next(record)) {
    if (record.fields.size() != header.fields.size())
      fail(record, 0,
           fmt::format("expected {} fields, found {}", header.fields.size(), record.fields.size()));
    const auto value = [&](std::size_t f) {
      double v = kMissing;
      const auto text = trim_field(record.fields[f]);
      if (!text.empty() && !parse_csv_number(text, v)) fail(record, f, "not a number");
      return v;
    };
    if (long_format) {
      columns[record.fields[1]].push_back(value(value_field));
    } else {
      for (std::size_t f = 1; f < header.fields.size(); ++f)
        columns[header.fields[f]].push_back(value(f));
    }
  }
  return columns;
}

// Local standard hour k of day d is UTC hour d·24 + k − offset of the data year (day d
// counted without the 29th of February); the first hours of 1 January, before the file
// starts in UTC, take the last hours of the year. Gaps take the previous hour's value.
const CalendarSeries* GridSeries::aligned(const std::string& key, const std::vector<double>* utc,
                                          int year, int utc_offset_h) {
  if (utc == nullptr || utc->empty()) return nullptr;
  if (const auto it = aligned_.find(key); it != aligned_.end()) return &it->second;
  const auto n = static_cast<long>(utc->size());
  CalendarSeries out(static_cast<std::size_t>(kDays) * 24);
  for (int d = 0; d < kDays; ++d) {
    const int data_day = leap(year) && d >= 59 ? d + 1 : d;  // skip the 29th of February
    for (int k = 0; k < 24; ++k) {
      long i = static_cast<long>(data_day) * 24 + k - utc_offset_h;
      i = ((i % n) + n) % n;
      out[static_cast<std::size_t>(d * 24 + k)] = (*utc)[static_cast<std::size_t>(i)];
    }
  }
  // Fill gaps forward, then any at the start backward from the first value.
  double last = kMissing;
  for (double& v : out) {
    if (std::isnan(v)) {
      v = last;
    } else {
      last = v;
    }
  }
  last = kMissing;
  for (auto it = out.rbegin(); it != out.rend(); ++it) {
    if (std::isnan(*it)) {
      *it = last;
    } else {
      last = *it;
    }
  }
  for (const double v : out)
    if (std::isnan(v)) return nullptr;  // a column without a single value
  return &(aligned_[key] = std::move(out));
}

const CalendarSeries* GridSeries::prices(int year, const std::string& zone, int utc_offset_h) {
  const std::lock_guard lock(mutex_);
  const Columns& t = table(fmt::format("day_ahead_price_eur_mwh_{}.csv", year), false);
  const auto it = t.find(zone);
  return aligned(fmt::format("price/{}/{}/{}", year, zone, utc_offset_h),
                 it == t.end() ? nullptr : &it->second, year, utc_offset_h);
}

const CalendarSeries* GridSeries::carbon(const std::string& zone, int utc_offset_h) {
  const std::lock_guard lock(mutex_);
  const Columns& t = table(fmt::format("carbon_intensity_hourly_{}_FR_GB.csv", kCarbonYear), true);
  const auto it = t.find(zone);
  return aligned(fmt::format("carbon/{}/{}", zone, utc_offset_h),
                 it == t.end() ? nullptr : &it->second, kCarbonYear, utc_offset_h);
}

const CalendarSeries* GridSeries::capacity_factors(const std::string& kind,
                                                   const std::string& country, int utc_offset_h) {
  const std::lock_guard lock(mutex_);
  const Columns& t = table(fmt::format("{}_cf_{}.csv", kind, kCapacityFactorYear), false);
  const std::string column = country == "GR" ? "EL" : country;  // Dispa-SET's code for Greece
  const auto it = t.find(column);
  return aligned(fmt::format("cf/{}/{}/{}", kind, column, utc_offset_h),
                 it == t.end() ? nullptr : &it->second, kCapacityFactorYear, utc_offset_h);
}

}  // namespace gigasim::io
