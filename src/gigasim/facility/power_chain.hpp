// Electrical power chain between the grid connection and the IT equipment.
#pragma once

namespace gigasim::facility {

/// Losses of one conversion stage at output P, rated R (Rasmussen, "Electrical Efficiency
/// Modeling for Data Centers", APC/Schneider Electric White Paper 113):
///   loss(P) = no_load · R + proportional · P + square · P² / R.
/// No-load losses (magnetising, control, fans) are paid whatever the load, proportional
/// losses scale with the power and square-law losses are I²R heating of conductors.
///
/// Redundancy installs more capacity than the load needs and shares the load among the
/// units: with k = installed / rated capacity (N: 1; N+1 of n modules: (n + 1) / n; 2N: 2;
/// distributed redundant with s systems for the load of s − 1: s / (s − 1)), each unit runs
/// at 1/k of the load, so no-load losses grow with k and square-law losses shrink:
///   loss(P) = no_load · k·R + proportional · P + square · P² / (k·R).
struct LossStage {
  double no_load = 0.0;
  double proportional = 0.0;
  double square = 0.0;
  double installed = 1.0;  ///< k: installed capacity / rated (redundancy)

  [[nodiscard]] double loss(double out_w, double rated_w) const {
    if (rated_w <= 0.0) return 0.0;
    const double capacity = installed * rated_w;
    return no_load * capacity + proportional * out_w + square * out_w * out_w / capacity;
  }
};

/// The three stages' coefficients. Their defaults (docs/models/facility.md) live in
/// data/defaults.yaml (`facility.power_chain`), read by the catalog; here they are zero.
struct PowerChainSpec {
  LossStage transformer;
  LossStage ups;
  LossStage distribution;
};

struct PowerChainLosses {
  double distribution_w = 0.0;
  double ups_w = 0.0;
  double transformer_w = 0.0;
  [[nodiscard]] double total() const { return distribution_w + ups_w + transformer_w; }
};

/// IT load goes through distribution, UPS and transformer; mechanical load (cooling, heat
/// pumps) through the transformer only, as is usual (mechanical plant is not on UPS).
/// `rated_it_w` sizes every stage.
/// Inline: evaluated three times per site and tick, and for every hour tried by sizing.
inline PowerChainLosses power_chain_losses(const PowerChainSpec& spec, double it_w,
                                           double mechanical_w, double rated_it_w) {
  PowerChainLosses l;
  l.distribution_w = spec.distribution.loss(it_w, rated_it_w);
  const double ups_out = it_w + l.distribution_w;
  l.ups_w = spec.ups.loss(ups_out, rated_it_w);
  const double transformer_out = ups_out + l.ups_w + mechanical_w;
  // The transformer is rated for the IT load plus the mechanical plant at design (about
  // 1.3 × IT), so that its square-law term stays modest.
  l.transformer_w = spec.transformer.loss(transformer_out, 1.3 * rated_it_w);
  return l;
}

}  // namespace gigasim::facility
