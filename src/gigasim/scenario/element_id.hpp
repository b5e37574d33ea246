// The stable id of a described element: its YAML path, as a user reads it in a message.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gigasim::scenario {

using ElementId = std::string;

/// "parent.key" (or "key" at the top).
inline ElementId child_id(std::string_view parent, std::string_view key) {
  ElementId id(parent);
  if (!id.empty()) id += '.';
  id += key;
  return id;
}

/// "parent[index]".
inline ElementId index_id(std::string_view parent, std::size_t index) {
  ElementId id(parent);
  id += '[';
  id += std::to_string(index);
  id += ']';
  return id;
}

}  // namespace gigasim::scenario
