// Merit-order dispatch of a site's sources, one tick at a time.
#pragma once

#include <span>
#include <vector>

#include "gigasim/energy/source.hpp"

namespace gigasim::energy {

struct DispatchResult {
  double unserved_w = 0.0;
};

/// Meets `demand_w` from the sources in order of increasing price at hour `h` (ties: the
/// order of declaration), each up to its availability; sources that are not on site share
/// the grid connection `connection_w`. Writes each source's output to `supplied_w` and
/// returns what could not be met. `order` is scratch space of profiles.size() entries.
/// Σ supplied + unserved = demand, exactly up to rounding.
DispatchResult dispatch(double demand_w, double connection_w, std::size_t h,
                        std::span<const SourceProfile> profiles, std::span<double> supplied_w,
                        std::span<std::size_t> order);

}  // namespace gigasim::energy
