#include "gigasim/facility/free_cooling.hpp"

#include <algorithm>

namespace gigasim::facility {

double share_of_range(double return_c, double supply_c, double leaving_c) {
  if (return_c <= supply_c) return leaving_c <= supply_c ? 1.0 : 0.0;
  return std::clamp((return_c - leaving_c) / (return_c - supply_c), 0.0, 1.0);
}

FreeCooling free_cool(double return_c, double supply_c, double air_c, double approach_k,
                      double loop_heat_w, double already_share, double rated_w,
                      double fan_fraction) {
  FreeCooling r;
  const double reach = share_of_range(return_c, supply_c, air_c + approach_k);
  const double wanted = std::max(0.0, reach - already_share) * loop_heat_w;
  if (wanted <= 0.0) return r;
  if (rated_w <= 0.0) {
    r.heat_w = wanted;
    r.fan_w = fan_fraction * wanted;
    return r;
  }
  const double capacity =
      rated_w * std::max(0.0, return_c - air_c) / (return_c - supply_c + approach_k);
  if (capacity <= 0.0) return r;
  r.heat_w = std::min(wanted, capacity);
  const double airflow = r.heat_w / capacity;
  r.fan_w = fan_fraction * rated_w * airflow * airflow * airflow;
  return r;
}

}  // namespace gigasim::facility
