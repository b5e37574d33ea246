// A battery's state over a run and the day-ahead plan of its arbitrage strategies
// (docs/models/energy.md, "Storage").
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "gigasim/energy/source.hpp"

namespace gigasim::energy {

/// The stored energy of a battery, moved by charge and discharge at the AC side. The round
/// trip's losses are split evenly: η_c = η_d = √η_rt. Capacity fades linearly with
/// equivalent full cycles, to 80 % at `cycle_life` (a simplification of calendar and cycle
/// ageing, docs/models/energy.md).
class Battery {
 public:
  explicit Battery(const StorageSpec& spec);

  [[nodiscard]] double stored_j() const { return stored_j_; }
  /// Usable capacity now (faded), J.
  [[nodiscard]] double capacity_j() const;
  /// The most it can give or take, AC side, as a constant power over `seconds`.
  [[nodiscard]] double max_discharge_w(double seconds) const;
  [[nodiscard]] double max_charge_w(double seconds) const;
  /// Moves energy; `w` must not exceed the matching maximum.
  void discharge(double w, double seconds);
  void charge(double w, double seconds);
  /// Standby loss over `seconds`.
  void idle(double seconds);
  /// Equivalent full cycles so far: energy discharged from storage / nominal energy.
  [[nodiscard]] double cycles() const;
  [[nodiscard]] const StorageSpec& spec() const { return spec_; }

 private:
  StorageSpec spec_;
  double nominal_j_;
  double eta_;  // one-way efficiency
  double stored_j_;
  double discharged_j_ = 0;  // from storage (DC side)
};

/// What a day-ahead strategy asks of the battery in one hour.
enum class PlannedAction : signed char { charge = -1, idle = 0, discharge = 1 };

/// A day-ahead plan over the hours of `signal` (a price or a carbon intensity, known for the
/// whole window): pairs a charge hour before a discharge hour, the most valuable pair first
/// (largest η_rt · s_discharge − s_charge), until `pairs` pairs are taken or no pair gains.
/// A greedy heuristic, compared with the linear-programming optimum in the tests.
void plan_day(std::span<const double> signal, double round_trip_efficiency, std::size_t pairs,
              std::span<PlannedAction> out);

}  // namespace gigasim::energy
