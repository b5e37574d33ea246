// Order statistics used by several outputs.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace gigasim::core {

/// The 95th percentile by the nearest lower rank (the ⌊0.95 (k − 1)⌋-th of k sorted values);
/// reorders `values`, which must not be empty.
inline double percentile_95(std::vector<double>& values) {
  const auto k = static_cast<std::size_t>(0.95 * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

}  // namespace gigasim::core
