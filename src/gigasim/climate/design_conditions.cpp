#include "gigasim/climate/design_conditions.hpp"

#include <algorithm>
#include <cmath>

namespace gigasim::climate {
namespace {

// Value below which a share q of the hours lie, linear between ranked hours.
double quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  const double w = position - static_cast<double>(below);
  return values[below] * (1.0 - w) + values[above] * w;
}

}  // namespace

DesignConditions design_conditions(const WeatherYear& year) {
  DesignConditions d;
  d.cooling_dry_bulb_0_4_c = quantile(year.dry_bulb_c, 0.996);
  d.cooling_dry_bulb_1_c = quantile(year.dry_bulb_c, 0.99);
  d.evaporation_wet_bulb_0_4_c = quantile(year.wet_bulb_c, 0.996);
  d.evaporation_wet_bulb_1_c = quantile(year.wet_bulb_c, 0.99);
  d.heating_dry_bulb_99_6_c = quantile(year.dry_bulb_c, 0.004);
  return d;
}

}  // namespace gigasim::climate
