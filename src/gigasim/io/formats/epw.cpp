#include "gigasim/io/formats/epw.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <vector>

#include "gigasim/climate/psychrometrics.hpp"
#include "gigasim/core/errors.hpp"
#include "gigasim/core/text.hpp"

namespace gigasim::io {
namespace {

constexpr int kHeaderLines = 8;
constexpr std::size_t kHoursPerYear = 8760;
constexpr std::size_t kMaxReported = 20;  // problems listed before giving up

std::vector<std::string_view> split_commas(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    fields.push_back(line.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return fields;
}

bool to_double(std::string_view s, double& out) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  // from_chars reads "nan" and "inf": a weather file holds neither.
  return ec == std::errc() && ptr == s.data() + s.size() && !s.empty() && std::isfinite(out);
}

class Parser {
 public:
  explicit Parser(std::string file) : file_(std::move(file)) {}

  void problem(int line, int column, std::string message) {
    if (problems_.size() < kMaxReported) {
      problems_.push_back(core::Diagnostic{"", std::move(message), {file_, line, column}});
    }
  }
  [[nodiscard]] bool failed() const { return !problems_.empty(); }
  [[noreturn]] void fail() { throw core::InputError(std::move(problems_)); }

  void parse_location(std::string_view line, int line_no, EpwHeader& header) {
    const auto f = split_commas(line);
    if (f.size() < 10 || f[0] != "LOCATION") {
      problem(line_no, 1, "EPW: the first line must be the LOCATION record with 10 fields");
      return;
    }
    header.city = std::string(f[1]);
    header.country = std::string(f[3]);
    if (!to_double(f[6], header.latitude) || !to_double(f[7], header.longitude) ||
        !to_double(f[9], header.elevation_m)) {
      problem(line_no, 1,
              "EPW: LOCATION has a latitude, longitude or elevation that is not a number");
    } else if (header.elevation_m < climate::kLowestElevationM ||
               header.elevation_m > climate::kHighestElevationM) {
      problem(
          line_no, column_of(f, 9, line),
          fmt::format("EPW: LOCATION elevation {} m is out of range ({}..{})", header.elevation_m,
                      climate::kLowestElevationM, climate::kHighestElevationM));
    } else {
      pressure_hpa_ = climate::pressure_at_elevation_hpa(header.elevation_m);
    }
  }

  // Column (1-based) where field i starts, for messages.
  static int column_of(const std::vector<std::string_view>& f, std::size_t i,
                       std::string_view line) {
    return static_cast<int>(f[i].data() - line.data()) + 1;
  }

  void parse_record(std::string_view line, int line_no, climate::WeatherYear& w) {
    const auto f = split_commas(line);
    if (f.size() < 9) {
      problem(line_no, 1,
              fmt::format("EPW: expected at least 9 comma-separated fields, found {}", f.size()));
      return;
    }
    double values[9];
    static constexpr const char* kNames[9] = {"year",     "month",     "day",
                                              "hour",     "minute",    "flags",
                                              "dry bulb", "dew point", "relative humidity"};
    for (std::size_t i = 0; i < 9; ++i) {
      if (i == 5) continue;  // data source flags are text
      if (!to_double(f[i], values[i])) {
        problem(
            line_no, column_of(f, i, line),
            fmt::format("EPW: {} \"{}\" is not a finite number", kNames[i], core::excerpt(f[i])));
        return;
      }
    }
    const double month = values[1], day = values[2], hour = values[3];
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 1 || hour > 24) {
      problem(line_no, column_of(f, 1, line), "EPW: month, day or hour out of range");
      return;
    }
    if (month == 2 && day == 29) return;  // leap day dropped: every year has 365 days
    const double t = values[6], dew = values[7], rh_pct = values[8];
    if (t >= 99.9 || t < -90 || t > 70) {
      problem(line_no, column_of(f, 6, line),
              fmt::format("EPW: dry bulb {} C is missing or out of range (-90..70)", t));
      return;
    }
    double rh = rh_pct / 100.0;
    if (rh_pct >= 999 || rh_pct < 0 || rh_pct > 110) {
      if (dew >= 99.9) {
        problem(line_no, column_of(f, 8, line),
                "EPW: both relative humidity and dew point are missing");
        return;
      }
      rh =
          climate::saturation_vapour_pressure_hpa(dew) / climate::saturation_vapour_pressure_hpa(t);
    }
    rh = std::clamp(rh, 0.0, 1.0);
    w.dry_bulb_c.push_back(t);
    w.relative_humidity.push_back(rh);
    w.wet_bulb_c.push_back(climate::wet_bulb_c(t, rh, pressure_hpa_));
  }

  std::string file_;
  std::vector<core::Diagnostic> problems_;
  // The standard pressure at the station's elevation (LOCATION line), for the wet bulb.
  double pressure_hpa_ = climate::kSeaLevelPressureHpa;
};

}  // namespace

EpwData parse_epw(std::istream& in, const std::string& file_name) {
  Parser parser(file_name);
  EpwData data;
  data.weather.source = file_name;
  data.weather.dry_bulb_c.reserve(kHoursPerYear);
  data.weather.wet_bulb_c.reserve(kHoursPerYear);
  data.weather.relative_humidity.reserve(kHoursPerYear);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1) {
      parser.parse_location(line, line_no, data.header);
    } else if (line_no > kHeaderLines) {
      if (line.empty() || line == "\r") continue;
      parser.parse_record(line, line_no, data.weather);
      if (data.weather.hours() > kHoursPerYear) {
        parser.problem(line_no, 1, "EPW: more than one year of hourly records");
        break;
      }
    }
  }
  if (line_no == 0) parser.problem(0, 0, "EPW: the file is empty");
  if (!parser.failed() && data.weather.hours() != kHoursPerYear) {
    parser.problem(line_no, 0,
                   fmt::format("EPW: truncated: expected {} hourly records, found {}",
                               kHoursPerYear, data.weather.hours()));
  }
  if (parser.failed()) parser.fail();
  return data;
}

}  // namespace gigasim::io
