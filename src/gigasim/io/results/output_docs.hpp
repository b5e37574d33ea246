// The reference tables of docs/outputs.md, generated from the output declarations
// (sim/metrics.hpp), so that the documentation cannot drift from what is written.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace gigasim::io {

/// Each reference section as (name, Markdown table): "group-totals", "table-jobs", ...
std::vector<std::pair<std::string, std::string>> output_reference();

/// `text` with the body of every generated section, between a line
/// `<!-- generated: NAME -->` and the next `<!-- end generated -->`, replaced by the current
/// reference table of NAME. An unknown NAME or an unclosed section is core::InputError.
std::string with_generated_sections(const std::string& text);

}  // namespace gigasim::io
