#include <fmt/format.h>

#include "gigasim/study/study.hpp"

namespace gigasim::study {

std::vector<Variant> expand(const StudySpec& spec) {
  std::vector<Variant> bases;
  if (spec.patches.empty()) {
    bases.push_back({spec.grid.empty() ? "base" : "", spec.common});
  } else {
    for (const auto& p : spec.patches) {
      Variant v{p.name, spec.common};
      v.overrides.insert(v.overrides.end(), p.overrides.begin(), p.overrides.end());
      bases.push_back(std::move(v));
    }
  }
  // The grid's product, its first path varying slowest: an odometer over the value lists.
  std::vector<Variant> out;
  for (const Variant& base : bases) {
    std::vector<std::size_t> at(spec.grid.size(), 0);
    for (;;) {
      Variant v = base;
      for (std::size_t k = 0; k < spec.grid.size(); ++k) {
        const auto& [path, values] = spec.grid[k];
        v.overrides.push_back(path + "=" + values[at[k]]);
        v.name += (v.name.empty() ? "" : ", ") + fmt::format("{}={}", path, values[at[k]]);
      }
      out.push_back(std::move(v));
      std::size_t k = spec.grid.size();
      while (k > 0 && ++at[k - 1] == spec.grid[k - 1].second.size()) at[--k] = 0;
      if (k == 0) break;
    }
  }
  return out;
}

}  // namespace gigasim::study
