#include "gigasim/energy/power_swing.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace gigasim::energy {
namespace {
constexpr double kPi = std::numbers::pi;
// Harmonics beyond this many are not looked at: their lines are below 4 / (2000π) ≈ 0.06 %
// of the swing.
constexpr double kMaxHarmonics = 2'000;
}  // namespace

double band_oscillation(double period_s, double duty, const FrequencyBand& band) {
  if (period_s <= 0 || duty <= 0 || duty >= 1) return 0.0;
  const double first = std::max(1.0, std::ceil(band.low_hz * period_s - 1e-9));
  const double last = std::min(kMaxHarmonics, std::floor(band.high_hz * period_s + 1e-9));
  double strongest = 0;
  for (double k = first; k <= last; ++k)
    strongest = std::max(strongest, 4.0 / (k * kPi) * std::fabs(std::sin(k * kPi * duty)));
  return strongest;
}

FlooredSwing apply_floor(const IterationPower& p, double floor_w) {
  const double low = std::clamp(floor_w, p.low_w, std::max(p.low_w, p.high_w));
  return {std::max(0.0, p.high_w - low), (low - p.low_w) * (1.0 - p.duty)};
}

}  // namespace gigasim::energy
