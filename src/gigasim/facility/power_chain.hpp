// Electrical power chain between the grid connection and the IT equipment.
#pragma once

namespace gigasim::facility {

/// Losses of one conversion stage at output P, rated R (Rasmussen, "Electrical Efficiency
/// Modeling for Data Centers", APC/Schneider Electric White Paper 113):
///   loss(P) = no_load · R + proportional · P + square · P² / R.
/// No-load losses (magnetising, control, fans) are paid whatever the load, proportional
/// losses scale with the power and square-law losses are I²R heating of conductors.
struct LossStage {
  double no_load = 0.0;
  double proportional = 0.0;
  double square = 0.0;

  [[nodiscard]] double loss(double out_w, double rated_w) const {
    if (rated_w <= 0.0) return 0.0;
    return no_load * rated_w + proportional * out_w + square * out_w * out_w / rated_w;
  }
};

/// Default fractions are typical of modern equipment (docs/models/facility.md): a
/// transformer at 99.0 % at rated load, a double-conversion UPS at about 96.8 % at half load,
/// distribution (PDUs, busways, cables) at 99 % at rated load.
struct PowerChainSpec {
  LossStage transformer{0.002, 0.0, 0.008};
  LossStage ups{0.005, 0.02, 0.005};
  LossStage distribution{0.0, 0.0, 0.01};
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
PowerChainLosses power_chain_losses(const PowerChainSpec& spec, double it_w, double mechanical_w,
                                    double rated_it_w);

}  // namespace gigasim::facility
