#include "gigasim/reliability/failure_process.hpp"

#include <cmath>
#include <limits>

namespace gigasim::reliability {

FailureProcess::FailureProcess(double rate_per_s, double weibull_shape, double horizon_s)
    : rate_(rate_per_s), shape_(weibull_shape), horizon_(horizon_s) {}

double FailureProcess::expected_by(double t_s) const {
  return rate_ * horizon_ * std::pow(t_s / horizon_, shape_);
}

double FailureProcess::next(core::RandomStream& rng) {
  if (rate_ <= 0 || horizon_ <= 0) return std::numeric_limits<double>::infinity();
  // Inversion of the cumulative intensity: Λ(t_next) = Λ(t_prev) + Exp(1).
  cumulative_ += rng.exponential(1.0);
  return horizon_ * std::pow(cumulative_ / (rate_ * horizon_), 1.0 / shape_);
}

double optimal_checkpoint_interval(double cost_s, double mtbf_s) {
  if (cost_s <= 0) return 0.0;
  if (cost_s >= 2.0 * mtbf_s) return mtbf_s;
  // Daly (2006), eq. (37): τ = √(2CM)·[1 + ⅓·√(C/2M) + ⅑·(C/2M)] − C for C < 2M.
  const double x = cost_s / (2.0 * mtbf_s);
  return std::sqrt(2.0 * cost_s * mtbf_s) * (1.0 + std::sqrt(x) / 3.0 + x / 9.0) - cost_s;
}

}  // namespace gigasim::reliability
