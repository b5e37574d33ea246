// What the declarations of sim/metrics_*.cpp share: a map turned into the entries of a keyed
// figure, and the names of the aggregations.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "gigasim/sim/output.hpp"

namespace gigasim::sim::metrics::entries {

using Entries = std::vector<std::pair<std::string, output::Value>>;

/// A map of numbers by key as the entries of a keyed figure.
template <class Map>
Entries numbers(const Map& map) {
  Entries out;
  for (const auto& [key, value] : map) out.emplace_back(key, output::Value::of(value));
  return out;
}

/// A map of counts by key as the entries of a keyed figure.
template <class Map>
Entries counts(const Map& map) {
  Entries out;
  for (const auto& [key, value] : map) out.emplace_back(key, output::Value::count(value));
  return out;
}

inline constexpr output::Aggregate kNone = output::Aggregate::none;
inline constexpr output::Aggregate kSum = output::Aggregate::sum;
inline constexpr output::Aggregate kMax = output::Aggregate::max;
inline constexpr output::Aggregate kDerived = output::Aggregate::derived;

}  // namespace gigasim::sim::metrics::entries
