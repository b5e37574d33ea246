// The grid's limit on a site's power oscillations and the site's mitigations, as the
// scenario describes them (docs/scenario.md, "power_swings"; docs/models/energy.md, "Power
// swings"). Each training job's swing is derived by plan::prepare.
#pragma once

#include "gigasim/core/quantity.hpp"
#include "gigasim/energy/power_swing.hpp"

namespace gigasim::scenario {

struct PowerSwingSpec {
  /// Peak-to-peak oscillation allowed in the band at the grid connection (0: 10 % of the
  /// connection, an assumption: no general published limit exists).
  core::Power limit;
  energy::FrequencyBand band;
  double power_floor = 0;       ///< share of TDP an accelerator keeps while communicating (0: none)
  core::Power smoothing_power;  ///< storage (batteries, capacitors) that absorbs the swing
  double smoothing_efficiency = 0.9;  ///< its round trip
};

}  // namespace gigasim::scenario
