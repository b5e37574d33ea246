#include "gigasim/io/yaml/overrides.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstddef>
#include <optional>

namespace gigasim::io {
namespace {

struct Step {
  std::string key;
  std::optional<std::size_t> index;  ///< `key[i]`
};

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// "sites[0].grid_connection" -> {sites, 0}, {grid_connection}; nullopt when malformed.
std::optional<std::vector<Step>> parse_path(std::string_view path) {
  std::vector<Step> steps;
  std::size_t i = 0;
  while (i < path.size()) {
    Step step;
    while (i < path.size() && is_key_char(path[i])) step.key += path[i++];
    if (step.key.empty()) return std::nullopt;
    if (i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos) return std::nullopt;
      std::size_t index = 0;
      const char* first = path.data() + i + 1;
      const char* last = path.data() + close;
      const auto [end, ec] = std::from_chars(first, last, index);
      if (ec != std::errc() || end != last || first == last) return std::nullopt;
      step.index = index;
      i = close + 1;
    }
    steps.push_back(std::move(step));
    if (i == path.size()) break;
    if (path[i] != '.' || i + 1 == path.size()) return std::nullopt;
    ++i;
  }
  if (steps.empty()) return std::nullopt;
  return steps;
}

std::string elements(std::size_t n) {
  return n == 1 ? "1 element" : fmt::format("{} elements", n);
}

// Walks `steps` from `root`, adding absent mapping keys, and sets the last to `value`.
// Returns an error message, or "" when set; `added` receives the path of the first mapping
// the walk had to add (a problem found later under it is the override's).
std::string set_at(YAML::Node root, const std::vector<Step>& steps, const YAML::Node& value,
                   std::string& added) {
  YAML::Node node;
  node.reset(root);
  std::string where;  // the path walked so far, for messages
  for (std::size_t k = 0; k < steps.size(); ++k) {
    const Step& step = steps[k];
    const bool last = k + 1 == steps.size();
    if (node.IsNull()) node = YAML::Node(YAML::NodeType::Map);
    if (!node.IsMap())
      return fmt::format("{} is not a mapping: it has no key \"{}\"",
                         where.empty() ? "the document" : where, step.key);
    where = child_path(where, step.key);
    if (!step.index) {
      if (last) {
        node[step.key] = value;
        return {};
      }
      YAML::Node child = node[step.key];
      if (!child.IsDefined()) {
        node[step.key] = YAML::Node(YAML::NodeType::Map);
        if (added.empty()) added = where;
      }
      node.reset(node[step.key]);
      continue;
    }
    YAML::Node list = node[step.key];
    if (!list.IsDefined()) return fmt::format("{} is not in the scenario", where);
    if (!list.IsSequence()) return fmt::format("{} is not a list", where);
    if (*step.index >= list.size())
      return fmt::format("{} has {}: index {} is out of range", where, elements(list.size()),
                         *step.index);
    where = index_path(where, *step.index);
    if (last) {
      list[*step.index] = value;
      return {};
    }
    node.reset(list[*step.index]);
  }
  return {};
}

}  // namespace

void apply_overrides(YAML::Node& root, const std::vector<std::string>& overrides, Context& ctx) {
  for (const std::string& text : overrides) {
    const core::SourceLocation at{"--set " + text, 0, 0};
    const std::size_t eq = text.find('=');
    if (eq == std::string::npos) {
      ctx.error("", at, "expected PATH=VALUE, e.g. sites[0].grid_connection=\"500 MW\"");
      continue;
    }
    const std::string path = text.substr(0, eq);
    const std::optional<std::vector<Step>> steps = parse_path(path);
    if (!steps) {
      ctx.error("", at,
                fmt::format("\"{}\" is not a YAML path like sites[0].grid_connection", path));
      continue;
    }
    YAML::Node value;
    try {
      value = YAML::Load(text.substr(eq + 1));
    } catch (const YAML::Exception& e) {
      ctx.error(path, at, fmt::format("the value is not YAML: {}", e.msg));
      continue;
    }
    if (!root.IsDefined() || root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
    std::string added;
    if (const std::string problem = set_at(root, *steps, value, added); !problem.empty()) {
      ctx.error(path, at, problem);
      continue;
    }
    ctx.mark_override(added.empty() ? path : added, at);
  }
}

}  // namespace gigasim::io
