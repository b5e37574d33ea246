#include "gigasim/energy/storage.hpp"

#include <algorithm>
#include <cmath>

namespace gigasim::energy {
namespace {
constexpr double kEndOfLifeFade = 0.2;  // capacity lost at `cycle_life` cycles (80 % left)
}  // namespace

Battery::Battery(const StorageSpec& spec)
    : spec_(spec),
      nominal_j_(spec.energy.value()),
      eta_(std::sqrt(spec.round_trip_efficiency)),
      stored_j_(spec.soc_initial * spec.energy.value()) {}

double Battery::capacity_j() const {
  if (spec_.cycle_life <= 0) return nominal_j_;
  const double fade = std::min(1.0, kEndOfLifeFade * cycles() / spec_.cycle_life);
  return nominal_j_ * (1.0 - fade);
}

double Battery::cycles() const {
  return nominal_j_ > 0 ? discharged_j_ / nominal_j_ : 0.0;
}

double Battery::max_discharge_w(double seconds) const {
  const double usable = std::max(0.0, stored_j_ - spec_.soc_min * capacity_j());
  return std::min(spec_.power.value(), usable * eta_ / seconds);
}

double Battery::max_charge_w(double seconds) const {
  const double room = std::max(0.0, spec_.soc_max * capacity_j() - stored_j_);
  return std::min(spec_.power.value(), room / eta_ / seconds);
}

void Battery::discharge(double w, double seconds) {
  const double from_storage = w * seconds / eta_;
  stored_j_ = std::max(0.0, stored_j_ - from_storage);
  discharged_j_ += from_storage;
}

void Battery::charge(double w, double seconds) {
  stored_j_ = std::min(capacity_j(), stored_j_ + w * seconds * eta_);
}

void Battery::idle(double seconds) {
  if (spec_.standby_loss_per_day > 0)
    stored_j_ *= std::pow(1.0 - spec_.standby_loss_per_day, seconds / 86'400.0);
}

void plan_day(std::span<const double> signal, double round_trip_efficiency, std::size_t pairs,
              std::span<PlannedAction> out) {
  const std::size_t n = signal.size();
  std::fill(out.begin(), out.end(), PlannedAction::idle);
  for (std::size_t k = 0; k < pairs; ++k) {
    double best_gain = 0;
    std::size_t best_c = n, best_d = n;
    // The cheapest free hour so far, scanning forward: each discharge hour d pairs with the
    // cheapest free charge hour before it (O(n) per pair).
    std::size_t cheapest = n;
    for (std::size_t d = 0; d < n; ++d) {
      if (out[d] == PlannedAction::idle) {
        if (cheapest != n) {
          const double gain = round_trip_efficiency * signal[d] - signal[cheapest];
          if (gain > best_gain) {
            best_gain = gain;
            best_c = cheapest;
            best_d = d;
          }
        }
        if (cheapest == n || signal[d] < signal[cheapest]) cheapest = d;
      }
    }
    if (best_d == n) break;
    out[best_c] = PlannedAction::charge;
    out[best_d] = PlannedAction::discharge;
  }
}

}  // namespace gigasim::energy
