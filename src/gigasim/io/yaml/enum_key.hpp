// Reading a key whose value is one of a few names.
#pragma once

#include <fmt/format.h>

#include <initializer_list>
#include <string>
#include <utility>

#include "gigasim/io/yaml/yaml_reader.hpp"

namespace gigasim::io {

/// Reads `key` of `m` as one of `choices`; any other text is an error naming them all.
/// Returns whether a value was set.
template <class E>
bool read_enum(MapView& m, const char* key, E& out,
               std::initializer_list<std::pair<const char*, E>> choices) {
  std::string text;
  if (!m.string(key, text)) return false;
  std::string names;
  for (const auto& [name, value] : choices) {
    if (text == name) {
      out = value;
      return true;
    }
    names += (names.empty() ? "" : ", ") + std::string(name);
  }
  m.error(key, fmt::format("expected one of {}, got \"{}\"", names, text));
  return false;
}

}  // namespace gigasim::io
