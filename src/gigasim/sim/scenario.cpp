#include "gigasim/sim/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace gigasim::sim {

double UtilizationProfile::at(double hour_of_day) const {
  const double u =
      mean + daily_amplitude * std::cos(2.0 * std::numbers::pi * (hour_of_day - peak_hour) / 24.0);
  return std::clamp(u, 0.0, 1.0);
}

int day_of_year(std::chrono::sys_days date) {
  using namespace std::chrono;
  const year_month_day ymd{date};
  const sys_days jan1{ymd.year() / January / 1};
  int d = static_cast<int>((date - jan1).count());
  if (ymd.year().is_leap() && ymd.month() > February) --d;
  return std::min(d, 364);
}

}  // namespace gigasim::sim
