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

double dew_point_of_vapour_c(double e) {
  const double gamma = std::log(std::max(e, 1e-6) / 6.1094);
  return 243.04 * gamma / (17.625 - gamma);
}

double pressure_at_elevation_hpa(double elevation_m) {
  return kSeaLevelPressureHpa * std::pow(1.0 - 2.25577e-5 * elevation_m, 5.2559);
}

double wet_bulb_stull_c(double t, double rh) {
  const double r = 100.0 * std::clamp(rh, 0.05, 0.99);
  const double tw = t * std::atan(0.151977 * std::sqrt(r + 8.313659)) + std::atan(t + r) -
                    std::atan(r - 1.676331) +
                    0.00391838 * std::pow(r, 1.5) * std::atan(0.023101 * r) - 4.686035;
  return std::min(tw, t);
}

namespace {
double psychrometer_constant(double wet_bulb_c) {
  return 6.53e-4 * (1.0 + 9.44e-4 * wet_bulb_c);
}
}  // namespace

double humidity_ratio(double t, double tw, double p) {
  const double e =
      std::max(0.0, saturation_vapour_pressure_hpa(tw) - psychrometer_constant(tw) * p * (t - tw));
  return 0.622 * e / std::max(p - e, 1.0);
}

double saturation_humidity_ratio(double t, double p) {
  const double e = saturation_vapour_pressure_hpa(t);
  return 0.622 * e / std::max(p - e, 1.0);
}

double moist_air_enthalpy_kj_per_kg(double t, double w) {
  return 1.006 * t + w * (2501.0 + 1.86 * t);
}

double wet_bulb_c(double t, double rh, double p) {
  const double e = std::clamp(rh, 0.0, 1.0) * saturation_vapour_pressure_hpa(t);
  return wet_bulb_of_vapour_c(t, e, rh > 1e-3 ? dew_point_c(t, rh) : t - 60.0, p);
}

double wet_bulb_of_vapour_c(double t, double e, double lo, double p) {
  // f(T_w) = e_s(T_w) − A(T_w) p (T − T_w) − e is increasing in T_w, with f(T) ≥ 0 and
  // f(T_dew) ≤ 0: Newton from inside the bracket, kept inside it.
  lo = std::min(lo, t);
  // Start from the meteorologists' one-third rule (the wet bulb lies about a third of the
  // way from the dry bulb down to the dew point): Newton then needs two or three steps.
  double tw = t - (t - lo) / 3.0;
  for (int i = 0; i < 20; ++i) {
    const double es = saturation_vapour_pressure_hpa(tw);
    const double a = psychrometer_constant(tw);
    const double f = es - a * p * (t - tw) - e;
    const double des = es * 17.625 * 243.04 / ((tw + 243.04) * (tw + 243.04));
    const double df = des + a * p - 6.53e-4 * 9.44e-4 * p * (t - tw);
    const double next = std::clamp(tw - f / df, lo, t);
    if (std::fabs(next - tw) < 1e-4) return next;
    tw = next;
  }
  return tw;
}

}  // namespace gigasim::climate
