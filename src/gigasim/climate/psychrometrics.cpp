#include "gigasim/climate/psychrometrics.hpp"

#include <algorithm>
#include <cmath>

namespace gigasim::climate {

double saturation_vapour_pressure_hpa(double t) {
  return 6.1094 * std::exp(17.625 * t / (t + 243.04));
}

double dew_point_c(double t, double rh) {
  const double gamma = std::log(std::clamp(rh, 1e-3, 1.0)) + 17.625 * t / (t + 243.04);
  return 243.04 * gamma / (17.625 - gamma);
}

double wet_bulb_stull_c(double t, double rh) {
  const double r = 100.0 * std::clamp(rh, 0.05, 0.99);
  const double tw = t * std::atan(0.151977 * std::sqrt(r + 8.313659)) + std::atan(t + r) -
                    std::atan(r - 1.676331) +
                    0.00391838 * std::pow(r, 1.5) * std::atan(0.023101 * r) - 4.686035;
  return std::min(tw, t);
}

}  // namespace gigasim::climate
