#include "gigasim/scenario/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace gigasim::scenario {

double UtilizationProfile::at(double hour_of_day) const {
  const double u =
      mean + daily_amplitude * std::cos(2.0 * std::numbers::pi * (hour_of_day - peak_hour) / 24.0);
  return std::clamp(u, 0.0, 1.0);
}

}  // namespace gigasim::scenario
