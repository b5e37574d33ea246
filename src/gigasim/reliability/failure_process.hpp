// A fleet's failures as one superposed process (docs/models/reliability.md): no timer per
// accelerator. The superposition of many independent components is a Poisson process whose
// rate is the sum of theirs (Palm-Khintchine); an optional Weibull shape k makes it a power-
// law process with intensity ∝ t^(k−1) (k < 1: infant mortality), scaled so that the
// expected count over the horizon is unchanged. The failing component is drawn by weight.
#pragma once

#include <vector>

#include "gigasim/core/rng.hpp"
#include "gigasim/reliability/components.hpp"

namespace gigasim::reliability {

class FailureProcess {
 public:
  /// `rate_per_s`: failures per second over the fleet; `horizon_s` scales the Weibull form.
  FailureProcess(double rate_per_s, double weibull_shape, double horizon_s);

  /// Time (s since the start) of the next failure after the previous one; +inf if none.
  double next(core::RandomStream& rng);

  /// Expected failures in [0, t]: Λ(t) = r·T·(t/T)^k.
  [[nodiscard]] double expected_by(double t_s) const;

 private:
  double rate_;
  double shape_;
  double horizon_;
  double cumulative_ = 0;  // Λ at the last failure
};

/// Optimal checkpoint interval for checkpoint cost C and mean time between interruptions M:
/// Young's first-order τ = √(2·C·M) (Young 1974, CACM 17(9)) with Daly's higher-order terms,
/// τ = √(2CM)·[1 + ⅓·√(C/2M) + ⅑·(C/2M)] − C for C < 2M, else τ = M (Daly 2006, "A higher
/// order estimate of the optimum checkpoint interval for restart dumps", FGCS 22(3), eq. 37).
double optimal_checkpoint_interval(double cost_s, double mtbf_s);

}  // namespace gigasim::reliability
