#include "gigasim/io/yaml/source_map.hpp"

#include <charconv>

namespace gigasim::io {

void SourceMap::add(const std::string& id, core::SourceLocation where) {
  if (!id.empty()) places_.insert_or_assign(id, std::move(where));
}

void SourceMap::add_list(const std::string& list_id, std::string file, std::vector<int> lines) {
  lists_.insert_or_assign(list_id, List{std::move(file), std::move(lines)});
}

core::SourceLocation SourceMap::locate(std::string_view id) const {
  std::string key(id);
  while (!key.empty()) {
    if (const auto it = places_.find(key); it != places_.end()) return it->second;
    const std::size_t cut = key.find_last_of(".[");
    if (cut == std::string::npos) break;
    if (key[cut] == '[' && key.back() == ']') {
      // "<list>[k]" of a list read from another file.
      if (const auto list = lists_.find(key.substr(0, cut)); list != lists_.end()) {
        std::size_t k = 0;
        const char* first = key.data() + cut + 1;
        const char* last = key.data() + key.size() - 1;
        if (std::from_chars(first, last, k).ptr == last && k < list->second.lines.size())
          return {list->second.file, list->second.lines[k], 0};
      }
    }
    key.resize(cut);
  }
  return {};
}

core::InputError SourceMap::locate(const core::InputError& error) const {
  std::vector<core::Diagnostic> out = error.diagnostics();
  for (auto& d : out) {
    if (!d.location.known()) d.location = locate(d.path);
  }
  return core::InputError(std::move(out));
}

}  // namespace gigasim::io
