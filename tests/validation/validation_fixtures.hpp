// What the validation tests share: the source tree's catalogs and runs of shipped scenarios.
#pragma once

#include <filesystem>

#include "gigasim/api/api.hpp"
#include "gigasim/io/scenario/scenario_loader.hpp"

namespace gigasim::validation {

inline const std::filesystem::path kSource = GIGASIM_TEST_SOURCE_DIR;

inline const io::Catalog& catalog() {
  static const io::Catalog c = io::Catalog::load(kSource / "data");
  return c;
}

/// Loads scenarios/<relative> and runs it with its own seed.
inline sim::Results run_shipped(const std::filesystem::path& relative) {
  const io::ScenarioFile s = api::load(kSource / "scenarios" / relative, catalog());
  return api::run(api::prepare(s, s.scenario.seed));
}

}  // namespace gigasim::validation
