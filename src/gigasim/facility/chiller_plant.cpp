#include "gigasim/facility/chiller_plant.hpp"

#include <algorithm>
#include <cmath>

#include "gigasim/facility/cooling.hpp"

namespace gigasim::facility {

namespace {
constexpr double kKelvin = 273.15;
constexpr double kEvaporatorApproachK = 2.0;  // chilled water over the refrigerant at full load
}  // namespace

double chiller_cop(const HeatRejectionSpec& rej, double plr, double supply_c, double sink_c) {
  const double t_evap = supply_c - kEvaporatorApproachK * plr + kKelvin;
  const double t_cond =
      std::max(sink_c + rej.condenser_approach.value() * plr + kKelvin, t_evap + 1.0);
  return std::min(rej.chiller_cop_max, rej.chiller_carnot_fraction * t_evap / (t_cond - t_evap));
}

ChillerOutcome run_chillers(const HeatRejectionSpec& rej, double load_w, double design_heat_w,
                            double supply_c, double sink_c) {
  ChillerOutcome r;
  if (load_w <= 0.0) return r;
  const double unit_w = rej.chiller_unit_capacity * design_heat_w;
  if (rej.chiller_units <= 0 || unit_w <= 0.0) {
    r.carried_w = load_w;
    r.units_on = 1;
    r.power_w = load_w / chiller_cop(rej, 1.0, supply_c, sink_c);
    return r;
  }
  r.carried_w = std::min(load_w, unit_w * rej.chiller_units);
  r.units_on =
      std::clamp(static_cast<int>(std::ceil(r.carried_w / unit_w - 1e-9)), 1, rej.chiller_units);
  const double plr = r.carried_w / (unit_w * r.units_on);
  const double f0 = rej.chiller_no_load;
  const double drawn = f0 + (1.0 - f0) * std::max(plr, rej.chiller_min_part_load);
  r.power_w = r.units_on * unit_w / chiller_cop(rej, plr, supply_c, sink_c) * drawn;
  return r;
}

}  // namespace gigasim::facility
