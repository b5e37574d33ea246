// Free-cooling heat exchangers of a loop: dry coolers and evaporative towers with a rated
// capacity and fans on the affinity law (docs/models/facility.md#plant-capacities).
#pragma once

namespace gigasim::facility {

/// One free cooler in an hour: the heat it takes and the power of its fans.
struct FreeCooling {
  double heat_w = 0.0;
  double fan_w = 0.0;
};

/// A free cooler (dry cooler against the dry bulb, tower against the wet bulb) cools the
/// loop's return water T_ret towards T_air + approach. It takes the share of the loop's heat
/// q that this temperature allows, beyond the share `already` that a cooler upstream took:
///   f_T = clamp((T_ret − (T_air + a)) / (T_ret − T_sup), 0, 1)
/// and, with a rated capacity Q_r (> 0: the heat it rejects at full fan speed with air at
/// T_sup − a, which cools the design flow from T_ret to T_sup), no more than its capacity at
/// the hour's air, which grows with the temperature difference across it:
///   Q_cap = Q_r · (T_ret − T_air) / (T_ret − T_sup + a)
/// Its fans then run at the airflow x = Q / Q_cap and draw k · Q_r · x³ (affinity law, air
/// heat pick-up ∝ airflow at constant effectiveness). Without a rating (Q_r = 0), capacity is
/// unlimited and the fans draw k · Q, as in the model's first version.
FreeCooling free_cool(double return_c, double supply_c, double air_c, double approach_k,
                      double loop_heat_w, double already_share, double rated_w,
                      double fan_fraction);

/// Share of a loop's temperature drop that water leaving at `leaving_c` covers.
double share_of_range(double return_c, double supply_c, double leaving_c);

}  // namespace gigasim::facility
