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

/// Young's optimal checkpoint interval τ = √(2·C·M) (Young 1974, CACM 17(9)), refined by
/// Daly (2006, FGCS 22(3)) to τ = √(2·C·M) − C for C < M/2, else τ = M; C the checkpoint
/// cost, M the job's mean time between interruptions.
double optimal_checkpoint_interval(double cost_s, double mtbf_s);

}  // namespace gigasim::reliability
