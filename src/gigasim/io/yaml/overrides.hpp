// One-off changes to a scenario from the command line or a study: `PATH=VALUE`, where PATH
// is a YAML path as the error messages write it (`sites[0].grid_connection`) and VALUE is
// YAML (`500 MW`, `lulea`, `[a, b]`, `{type: grid}`), applied to the document before it is
// decoded, so the value is checked like one written in the file (docs/scenario.md#overrides).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "gigasim/io/yaml/yaml_reader.hpp"

namespace gigasim::io {

/// Sets each `PATH=VALUE` of `overrides` in `root`, in order. A mapping key that is absent
/// is added (intermediate mappings too); a list index must exist. Problems (no `=`, a
/// malformed path, an index out of range, a value that is not YAML, a step through a
/// scalar) are recorded in `ctx` at the override, and `ctx` is told which paths came from
/// the command line, so that later problems with their values name the override as their
/// place.
void apply_overrides(YAML::Node& root, const std::vector<std::string>& overrides, Context& ctx);

}  // namespace gigasim::io
