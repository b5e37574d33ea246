// Where each element of a scenario was written: element id (its YAML path) → file:line:column.
// The only bridge from the ids that plan and sim report problems with back to the files the
// user edits (docs/architecture.md, "describe").
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gigasim/core/errors.hpp"

namespace gigasim::io {

class SourceMap {
 public:
  /// Records where element `id` was written.
  void add(const std::string& id, core::SourceLocation where);
  /// Records a list read from another file, such as a trace: element "<list_id>[k]" was read
  /// at `lines[k]` of `file`.
  void add_list(const std::string& list_id, std::string file, std::vector<int> lines);

  /// Where `id` was written: its own place, else that of the nearest element enclosing it
  /// ("a.b[2].c" → "a.b[2]" → "a.b" → "a"); unknown if none was recorded.
  [[nodiscard]] core::SourceLocation locate(std::string_view id) const;
  /// `error` with the unknown place of each problem filled in from its path.
  [[nodiscard]] core::InputError locate(const core::InputError& error) const;

  [[nodiscard]] std::size_t size() const { return places_.size(); }

 private:
  struct List {
    std::string file;
    std::vector<int> lines;
  };
  std::unordered_map<std::string, core::SourceLocation> places_;
  std::unordered_map<std::string, List> lists_;
};

}  // namespace gigasim::io
