// Loading a scenario file into a validated scenario::Scenario: every problem at once, each with
// its YAML path and file:line:column (docs/scenario.md documents every key).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/yaml/source_map.hpp"
#include "gigasim/scenario/scenario.hpp"

namespace gigasim::io {

/// A scenario as read from its file, and where each of its elements was written.
struct ScenarioFile {
  scenario::Scenario scenario;
  SourceMap places;
};

/// Reads and validates `file`. Files it refers to (EPW weather, CSV series, traces) are read
/// relative to its folder; with a non-empty `input_root`, only from under that folder.
/// `overrides` (`PATH=VALUE`, io/yaml/overrides.hpp) change the document before it is
/// decoded. Throws core::InputError listing every problem.
ScenarioFile load_scenario(const std::filesystem::path& file, const Catalog& catalog,
                           const std::filesystem::path& input_root = {},
                           const std::vector<std::string>& overrides = {});

/// The same from text already in memory; `file` names it in messages.
ScenarioFile load_scenario_text(const std::string& text, const std::string& file,
                                const std::filesystem::path& base_dir, const Catalog& catalog,
                                const std::filesystem::path& input_root = {},
                                const std::vector<std::string>& overrides = {});

}  // namespace gigasim::io
