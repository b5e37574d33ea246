#include "gigasim/energy/supply.hpp"

#include <algorithm>

namespace gigasim::energy {

std::unique_ptr<Source> make_source(const SourceSpec& /*spec*/, const SourceProfile& profile) {
  // Every kind so far follows a profile prepared before the run (energy/profiles.cpp).
  return std::make_unique<ProfileSource>(profile);
}

DispatchResult dispatch(double demand_w, double connection_w, std::size_t h,
                        std::span<const std::unique_ptr<Source>> sources,
                        std::span<double> supplied_w, std::span<std::size_t> order,
                        std::span<double> price) {
  const std::size_t n = sources.size();
  for (std::size_t i = 0; i < n; ++i) {
    order[i] = i;
    price[i] = sources[i]->price_at(h);  // once per source: a virtual call each
  }
  // A handful of sources: insertion sort, stable, allocation-free.
  for (std::size_t i = 1; i < n; ++i) {
    const std::size_t key = order[i];
    std::size_t j = i;
    while (j > 0 && price[order[j - 1]] > price[key]) {
      order[j] = order[j - 1];
      --j;
    }
    order[j] = key;
  }
  double remaining = std::max(0.0, demand_w);
  double connection_left = connection_w;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = order[k];
    const Source& s = *sources[i];
    double take = std::min(remaining, s.available_w(h));
    if (!s.on_site()) take = std::min(take, connection_left);
    take = std::max(0.0, take);
    supplied_w[i] = take;
    remaining -= take;
    if (!s.on_site()) connection_left -= take;
  }
  return DispatchResult{remaining};
}

Supply::Supply(std::vector<std::unique_ptr<Source>> sources, double connection_w)
    : sources_(std::move(sources)),
      connection_w_(connection_w),
      supplied_w_(sources_.size(), 0.0),
      order_(sources_.size(), 0),
      price_(sources_.size(), 0.0) {}

double Supply::available_w(std::size_t h) const {
  double on_site = 0, off_site = 0;
  for (const auto& s : sources_) (s->on_site() ? on_site : off_site) += s->available_w(h);
  return on_site + std::min(off_site, connection_w_);
}

DispatchResult Supply::dispatch(double demand_w, std::size_t h, double seconds) {
  const DispatchResult d =
      energy::dispatch(demand_w, connection_w_, h, sources_, supplied_w_, order_, price_);
  for (std::size_t i = 0; i < sources_.size(); ++i)
    sources_[i]->deliver(h, supplied_w_[i], seconds);
  return d;
}

}  // namespace gigasim::energy
