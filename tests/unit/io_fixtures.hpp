// What the io tests share: the source tree's catalogs, a valid one-site scenario and the
// problems a scenario text produces.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "gigasim/core/errors.hpp"
#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/scenario/scenario_loader.hpp"

namespace gigasim::io::testing {

inline const Catalog& catalog() {
  static const Catalog c = Catalog::load(std::filesystem::path(GIGASIM_TEST_SOURCE_DIR) / "data");
  return c;
}

/// The problems of loading `yaml` as file "test.yaml" (none: empty).
inline std::vector<core::Diagnostic> problems(const std::string& yaml) {
  try {
    (void)load_scenario_text(yaml, "test.yaml", ".", catalog());
  } catch (const core::InputError& e) {
    return e.diagnostics();
  }
  return {};
}

/// A valid scenario of one site, ten lines long.
inline constexpr const char* kValid = R"(name: t
sites:
  - name: a
    location: lyon
    grid_connection: 20 MW
    fleet:
      - system: dgx-h100
        count: 100
    supply:
      - type: grid
)";

}  // namespace gigasim::io::testing
