// What the performance-model unit tests share: the source tree's catalogs, and a platform
// (system, its generation's constants and default fabric) by system id.
#pragma once

#include <filesystem>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/perf/platform.hpp"

namespace gigasim::perf::fixtures {

inline const io::Catalog& catalog() {
  static const io::Catalog c =
      io::Catalog::load(std::filesystem::path(GIGASIM_TEST_SOURCE_DIR) / "data");
  return c;
}

inline Platform platform(const char* system) {
  Platform p;
  p.system = catalog().systems.at(system);
  p.efficiency = catalog().efficiencies.at(p.system.accelerator.generation);
  p.fabric = catalog().fabrics.at(catalog().default_fabrics.at(p.system.accelerator.generation));
  return p;
}

}  // namespace gigasim::perf::fixtures
