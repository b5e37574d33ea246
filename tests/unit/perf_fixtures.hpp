// What the performance-model unit tests share: the source tree's catalogs, a platform
// (system, its generation's constants and default fabric) by system id, and a serving
// replica.
#pragma once

#include <filesystem>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/perf/platform.hpp"
#include "gigasim/perf/serving.hpp"

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

// Llama 3 70B served on two accelerators, prompts of 1,000 tokens and answers of 300.
inline ServeSetup llama70b_on_two() {
  ServeSetup s;
  s.tp = 2;
  s.input_tokens = 1000;
  s.output_tokens = 300;
  return s;
}

}  // namespace gigasim::perf::fixtures
