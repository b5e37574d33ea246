// Decoding of a study file (docs/studies.md).
#include <fmt/format.h>

#include "gigasim/io/formats/files.hpp"
#include "gigasim/io/yaml/yaml_reader.hpp"
#include "gigasim/study/study.hpp"

namespace gigasim::study {
namespace {

// A YAML value as the text of an override's VALUE (flow style, one line).
std::string as_value(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  out << node;
  return out.c_str();
}

// A mapping of `PATH: VALUE` pairs, as overrides.
std::vector<std::string> overrides_of(io::Context& ctx, const YAML::Node& node,
                                      const std::string& path) {
  std::vector<std::string> out;
  if (!node.IsMap()) {
    ctx.error(path, node, "expected a mapping of YAML paths to values");
    return out;
  }
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    if (kv.second.IsNull() || !kv.second.IsDefined()) {
      ctx.error(io::child_path(path, key), kv.second, "has no value");
      continue;
    }
    out.push_back(key + "=" + as_value(kv.second));
  }
  return out;
}

}  // namespace

StudySpec load_study(const std::filesystem::path& file) {
  const std::string text = io::read_input_file(file, "study");
  io::Context ctx(file.string());
  const YAML::Node root = io::parse_yaml(text, file.string());
  io::MapView top(ctx, root, "");
  StudySpec spec;
  if (!top.valid()) ctx.throw_if_errors();
  top.name("name", spec.name, io::Need::required);
  std::string scenario;
  if (top.string("scenario", scenario, io::Need::required)) {
    spec.scenario = file.parent_path() / scenario;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(spec.scenario, ec))
      top.error("scenario", fmt::format("no scenario file \"{}\"", spec.scenario.string()));
  }
  std::int64_t replicas = 1;
  if (top.integer("replicas", replicas, io::Need::optional, io::Check::positive)) {
    if (replicas > 10'000) top.error("replicas", "must not exceed 10,000");
    spec.replicas = static_cast<int>(std::min<std::int64_t>(replicas, 10'000));
  }
  if (const YAML::Node set = top.get("set"); set.IsDefined())
    spec.common = overrides_of(ctx, set, "set");
  if (const YAML::Node grid = top.get("grid"); grid.IsDefined()) {
    if (!grid.IsMap())
      ctx.error("grid", grid, "expected a mapping of YAML paths to lists of values");
    for (const auto& kv : grid.IsMap() ? grid : YAML::Node()) {
      const std::string key = kv.first.Scalar();
      const std::string path = io::child_path("grid", key);
      if (!kv.second.IsSequence() || kv.second.size() == 0) {
        ctx.error(path, kv.second, "expected a non-empty list of values");
        continue;
      }
      std::vector<std::string> values;
      for (const auto& v : kv.second) values.push_back(as_value(v));
      spec.grid.emplace_back(key, std::move(values));
    }
  }
  if (const YAML::Node variants = top.get("variants"); variants.IsDefined()) {
    if (!variants.IsSequence()) ctx.error("variants", variants, "expected a list of variants");
    std::size_t i = 0;
    for (const auto& v : variants.IsSequence() ? variants : YAML::Node()) {
      io::MapView m(ctx, v, io::index_path("variants", i++));
      if (!m.valid()) continue;
      StudySpec::Patch patch;
      m.name("name", patch.name, io::Need::required);
      const YAML::Node set = m.get("set");
      if (set.IsDefined())
        patch.overrides = overrides_of(ctx, set, m.path_of("set"));
      else
        m.error("set", "missing required key \"set\"");
      for (const auto& other : spec.patches)
        if (other.name == patch.name && !patch.name.empty())
          m.error("name", fmt::format("a variant named \"{}\" comes earlier", patch.name));
      m.finish();
      spec.patches.push_back(std::move(patch));
    }
  }
  top.finish();
  ctx.throw_if_errors();
  return spec;
}

}  // namespace gigasim::study
