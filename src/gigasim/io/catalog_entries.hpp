// Reading one catalog file of data/ (internal to io): a list of mappings, each with an id,
// decoded by the caller's function, with every problem recorded.
#pragma once

#include <fmt/format.h>

#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include "gigasim/io/files.hpp"
#include "gigasim/io/yaml_reader.hpp"

namespace gigasim::io {

/// `sources` must map each listed field (or one of its alternatives) to a citation.
void check_sources(MapView& entry,
                   std::initializer_list<std::initializer_list<std::string_view>> fields);

/// Reads `dir`/`file`, whose `list_key` holds mappings identified by `id_key`, into `out`.
template <class T, class Decode>
void load_catalog_entries(Context& ctx, const std::filesystem::path& dir, const char* file,
                          const char* list_key, const char* id_key,
                          std::map<std::string, T, std::less<>>& out, Decode decode,
                          std::initializer_list<const char*> other_top_keys = {}) {
  const std::filesystem::path path = dir / file;
  ctx.set_file(path.string());
  YAML::Node root;
  try {
    root = parse_yaml(read_input_file(path, "catalog"), path.string());
  } catch (const core::InputError& e) {
    ctx.add(e.diagnostics());
    return;
  }
  MapView top(ctx, root, "");
  const YAML::Node list = top.get(list_key);
  for (const char* key : other_top_keys) top.get(key);  // read by the caller
  top.finish();
  if (!list.IsSequence()) {
    ctx.error(list_key, list.IsDefined() ? ctx.where(list) : ctx.where(root),
              "expected a list of entries");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapView entry(ctx, list[i], index_path(list_key, i));
    if (!entry.valid()) continue;
    T value{};
    std::string id;
    entry.string(id_key, id, Need::required);
    decode(entry, value);
    entry.finish();
    if (id.empty()) continue;
    if (out.count(id) != 0) {
      entry.error(id_key, fmt::format("duplicate id \"{}\"", id));
      continue;
    }
    out.emplace(id, std::move(value));
  }
}

}  // namespace gigasim::io
