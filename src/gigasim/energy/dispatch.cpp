#include "gigasim/energy/dispatch.hpp"

#include <algorithm>

namespace gigasim::energy {

DispatchResult dispatch(double demand_w, double connection_w, std::size_t h,
                        std::span<const SourceProfile> profiles, std::span<double> supplied_w,
                        std::span<std::size_t> order) {
  const std::size_t n = profiles.size();
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  // A handful of sources: insertion sort, stable, allocation-free.
  for (std::size_t i = 1; i < n; ++i) {
    const std::size_t key = order[i];
    const double price = profiles[key].price_at(h);
    std::size_t j = i;
    while (j > 0 && profiles[order[j - 1]].price_at(h) > price) {
      order[j] = order[j - 1];
      --j;
    }
    order[j] = key;
  }
  double remaining = std::max(0.0, demand_w);
  double connection_left = connection_w;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = order[k];
    const SourceProfile& p = profiles[i];
    double take = std::min(remaining, p.available_w[h]);
    if (!p.on_site) take = std::min(take, connection_left);
    take = std::max(0.0, take);
    supplied_w[i] = take;
    remaining -= take;
    if (!p.on_site) connection_left -= take;
  }
  return DispatchResult{remaining};
}

}  // namespace gigasim::energy
