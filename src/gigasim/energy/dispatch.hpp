// The dispatch of one interval: which source meets how much of a site's demand
// (docs/models/energy.md, "Contracts and dispatch"). A pure function over flat arrays, so
// that it is cheap per tick and tested on its own.
#pragma once

#include <cstddef>
#include <span>

namespace gigasim::energy {

/// One source as the dispatch sees it in one interval.
struct Offer {
  double available_w = 0;  ///< must-take: what it produces; else what it can give
  double price = 0;        ///< EUR/J: the merit order among equal priorities
  int priority = 0;        ///< lowest first
  bool on_site = false;    ///< does not pass the grid connection
  bool must_take = false;  ///< pay-as-produced or take-or-pay: taken before any other
  bool firm = false;       ///< must-take and firm (a baseload block): after the variable ones
};

struct DispatchResult {
  double unserved_w = 0;  ///< demand no source met
  double surplus_w = 0;   ///< must-take output beyond what the site used
  double import_w = 0;    ///< what off-site sources delivered through the connection
};

/// Sorts `order` (indices of `offers`) into dispatch order: must-take sources first (the
/// variable ones, whose output cannot wait, before firm blocks), then by priority, then by
/// price, ties in declaration order. Insertion sort: a handful of
/// sources, stable, allocation-free.
void dispatch_order(std::span<const Offer> offers, std::span<std::size_t> order);

/// Meets `demand_w` from `offers` in `order`: each source up to its availability, off-site
/// ones together up to `connection_w`. Writes what each delivered to `supplied_w` and what a
/// must-take source produced beyond that to `surplus_w`. Σ supplied + unserved = demand.
DispatchResult dispatch(double demand_w, double connection_w, std::span<const Offer> offers,
                        std::span<const std::size_t> order, std::span<double> supplied_w,
                        std::span<double> surplus_w);

}  // namespace gigasim::energy
