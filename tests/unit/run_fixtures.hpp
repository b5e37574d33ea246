// What the tests of whole runs share: the source tree's catalogs, scenarios loaded from text,
// and runs through the library API (load → prepare → run).
#pragma once

#include <filesystem>
#include <string>

#include "gigasim/api/api.hpp"

namespace gigasim::testing {

inline const io::Catalog& catalog() {
  static const io::Catalog c =
      io::Catalog::load(std::filesystem::path(GIGASIM_TEST_SOURCE_DIR) / "data");
  return c;
}

/// A scenario read from `yaml` as if from file `name`.
inline io::ScenarioFile load(const std::string& yaml, const std::string& name = "t.yaml") {
  return io::load_scenario_text(yaml, name, ".", catalog());
}

/// The message of the input error that loading `yaml` raises ("no error" when it loads).
inline std::string load_error(const std::string& yaml) {
  try {
    (void)load(yaml);
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "no error";
}

/// A shipped scenario of scenarios/.
/// A small Lyon site (100 DGX H100 on a 10 MW grid connection) with `extra` appended under
/// the site, indented by four spaces.
inline std::string small_site(const std::string& extra = "") {
  return R"(name: t
sites:
  - name: s
    location: lyon
    grid_connection: 10 MW
    fleet: [{system: dgx-h100, count: 100}]
    supply: [{type: grid}]
)" + extra;
}

inline io::ScenarioFile shipped(const std::string& name) {
  return api::load(std::filesystem::path(GIGASIM_TEST_SOURCE_DIR) / "scenarios" / name, catalog());
}

/// Prepares and runs a loaded scenario with `seed`.
inline sim::Results run(const io::ScenarioFile& file, std::uint64_t seed,
                        sim::Observer* observer = nullptr) {
  const plan::Plan plan = api::prepare(file, seed);
  return api::run(plan, observer);
}

}  // namespace gigasim::testing
