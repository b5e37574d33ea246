// Loading a scenario file into a validated sim::Scenario: every problem at once, each with
// its YAML path and file:line:column (docs/scenario.md documents every key).
#pragma once

#include <filesystem>
#include <string>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/sim/scenario.hpp"

namespace gigasim::io {

/// Reads and validates `file`. Files it refers to (EPW weather, CSV series) are read
/// relative to its folder. Throws core::InputError listing every problem.
sim::Scenario load_scenario(const std::filesystem::path& file, const Catalog& catalog);

/// The same from text already in memory; `file` names it in messages.
sim::Scenario load_scenario_text(const std::string& text, const std::string& file,
                                 const std::filesystem::path& base_dir, const Catalog& catalog);

}  // namespace gigasim::io
