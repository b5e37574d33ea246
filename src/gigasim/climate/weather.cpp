#include "gigasim/climate/weather.hpp"

#include <algorithm>
#include <array>

namespace gigasim::climate {
namespace {
constexpr std::array<int, 13> kMonthStart = {0,   31,  59,  90,  120, 151, 181,
                                             212, 243, 273, 304, 334, 365};
}  // namespace

int month_start_day(int month) {
  return kMonthStart.at(static_cast<std::size_t>(month));
}

int month_of_day(int day_of_year) {
  const int d = ((day_of_year % 365) + 365) % 365;
  int m = 0;
  while (d >= kMonthStart[static_cast<std::size_t>(m + 1)]) ++m;
  return m;
}

std::vector<double> WeatherYear::monthly_mean_dry_bulb() const {
  std::vector<double> sum(12, 0.0);
  std::vector<int> count(12, 0);
  for (std::size_t h = 0; h < hours(); ++h) {
    const int m = month_of_day(static_cast<int>(h / 24) % 365);
    sum[static_cast<std::size_t>(m)] += dry_bulb_c[h];
    ++count[static_cast<std::size_t>(m)];
  }
  for (std::size_t m = 0; m < 12; ++m) sum[m] = count[m] > 0 ? sum[m] / count[m] : 0.0;
  return sum;
}

std::vector<double> heating_reference(const WeatherYear& weather) {
  const std::size_t hours = weather.hours();
  std::vector<double> daily;  // the mean of each day, the last one possibly partial
  for (std::size_t first = 0; first < hours; first += 24) {
    const std::size_t end = std::min(hours, first + 24);
    double sum = 0.0;
    for (std::size_t h = first; h < end; ++h) sum += weather.dry_bulb_c[h];
    daily.push_back(sum / static_cast<double>(end - first));
  }
  const std::size_t days = daily.size();
  std::vector<double> reference = weather.dry_bulb_c;  // one value per hour, overwritten
  for (std::size_t h = 0; h < hours; ++h) {
    const std::size_t d = h / 24;
    const auto before = [&](std::size_t k) { return daily[(d + days - k % days) % days]; };
    reference[h] = (daily[d] + 0.5 * before(1) + 0.25 * before(2) + 0.125 * before(3)) / 1.875;
  }
  return reference;
}

WeatherYear with_heating_reference(WeatherYear weather) {
  weather.heating_reference_c = heating_reference(weather);
  return weather;
}

double WeatherYear::max_dry_bulb() const {
  return dry_bulb_c.empty() ? 0.0 : *std::max_element(dry_bulb_c.begin(), dry_bulb_c.end());
}

}  // namespace gigasim::climate
