// A loop's chillers: COP by lift and part load, units staged to the load
// (docs/models/facility.md#chiller).
#pragma once

namespace gigasim::facility {

struct HeatRejectionSpec;

struct ChillerOutcome {
  double power_w = 0.0;    ///< compressor (and controls) electricity
  double carried_w = 0.0;  ///< heat the running units took; the rest is unmet
  int units_on = 0;
};

/// COP of a chiller at part-load ratio `plr` with the chilled water leaving at `supply_c` and
/// the condenser rejecting to a sink at `sink_c`. The evaporator and condenser approaches
/// shrink with the heat flux: T_e = T_sup − 2 K · PLR, T_c = T_sink + a_c · PLR, and
///   COP = min(COP_max, η · T_e / (T_c − T_e))            (kelvin, T_c ≥ T_e + 1 K)
double chiller_cop(const HeatRejectionSpec& rej, double plr, double supply_c, double sink_c);

/// Runs the loop's chillers on `load_w`. With `chiller_units` n and a unit of
/// `chiller_unit_capacity` · Q_design, the fewest units that carry the load run, each at the
/// part-load ratio PLR = carried / (units on · unit); each draws
///   W = unit / COP(PLR) · (f0 + (1 − f0) · max(PLR, PLR_min))
/// with f0 `chiller_no_load` (the share of full-load power at no load and the same lift) and
/// PLR_min `chiller_min_part_load` (below it the unit false-loads). Load beyond n units is not
/// carried. Without units (n = 0) one machine of unlimited capacity runs at full load.
ChillerOutcome run_chillers(const HeatRejectionSpec& rej, double load_w, double design_heat_w,
                            double supply_c, double sink_c);

}  // namespace gigasim::facility
