#include "gigasim/energy/dispatch.hpp"

#include <algorithm>

namespace gigasim::energy {
namespace {

bool before(const Offer& a, const Offer& b) {
  if (a.must_take != b.must_take) return a.must_take;
  if (a.firm != b.firm) return b.firm;
  if (a.priority != b.priority) return a.priority < b.priority;
  return a.price < b.price;
}

}  // namespace

void dispatch_order(std::span<const Offer> offers, std::span<std::size_t> order) {
  const std::size_t n = offers.size();
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t j = i;
    while (j > 0 && before(offers[i], offers[order[j - 1]])) {
      order[j] = order[j - 1];
      --j;
    }
    order[j] = i;
  }
}

DispatchResult dispatch(double demand_w, double connection_w, std::span<const Offer> offers,
                        std::span<const std::size_t> order, std::span<double> supplied_w,
                        std::span<double> surplus_w) {
  DispatchResult r;
  double remaining = std::max(0.0, demand_w);
  double connection_left = connection_w;
  for (const std::size_t i : order) {
    const Offer& o = offers[i];
    const double available = std::max(0.0, o.available_w);
    double take = std::min(remaining, available);
    if (!o.on_site) take = std::min(take, connection_left);
    take = std::max(0.0, take);
    supplied_w[i] = take;
    surplus_w[i] = o.must_take ? available - take : 0.0;
    r.surplus_w += surplus_w[i];
    remaining -= take;
    if (!o.on_site) {
      connection_left -= take;
      r.import_w += take;
    }
  }
  r.unserved_w = remaining;
  return r;
}

}  // namespace gigasim::energy
