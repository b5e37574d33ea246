// Reading one catalog file of data/ (internal to io): a list of mappings, each with an id,
// decoded by the caller's function, with every problem recorded.
#pragma once

#include <fmt/format.h>

#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include "gigasim/io/formats/files.hpp"
#include "gigasim/io/yaml/yaml_reader.hpp"

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

template <class Map>
std::string known_ids(const Map& map) {
  std::string out;
  for (const auto& [id, value] : map) {
    if (!out.empty()) out += ", ";
    out += id;
  }
  return out;
}

// Resolves a catalog reference in a scenario: "id" or {id: ..., fields to override},
// decoding the overrides with `decode` onto a copy of the entry.
template <class T, class Map, class Decode>
bool resolve_reference(Context& ctx, const YAML::Node& node, const std::string& path,
                       const Map& entries, const char* what, T& out, Decode decode) {
  const YAML::Node id_node = node.IsMap() ? node["id"] : node;
  if (!id_node.IsDefined() || !id_node.IsScalar()) {
    ctx.error(path, node,
              fmt::format("expected a {} id, or a mapping with `id` and fields to override", what));
    return false;
  }
  const auto it = entries.find(id_node.Scalar());
  if (it == entries.end()) {
    ctx.error(node.IsMap() ? child_path(path, "id") : path, id_node,
              fmt::format("unknown {} \"{}\"; the catalog has: {}", what, id_node.Scalar(),
                          known_ids(entries)));
    return false;
  }
  out = it->second;
  if (!node.IsMap()) return true;
  const std::size_t before = ctx.error_count();
  MapView m(ctx, node, path);
  m.get("id");
  decode(m, out);
  m.finish();
  return ctx.error_count() == before;
}

}  // namespace gigasim::io
