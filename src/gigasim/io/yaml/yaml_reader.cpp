#include "gigasim/io/yaml/yaml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>

#include "gigasim/core/text.hpp"

namespace gigasim::io {

core::SourceLocation Context::where(const YAML::Node& node) const {
  const YAML::Mark m = node.Mark();
  if (m.is_null()) return {file_, 0, 0};
  return {file_, m.line + 1, m.column + 1};
}

void Context::error(const std::string& path, const YAML::Node& at, std::string message) {
  error(path, where(at), std::move(message));
}

void Context::error(const std::string& path, core::SourceLocation at, std::string message) {
  if (const core::SourceLocation* set = override_at(path)) at = *set;
  diagnostics_.push_back(core::Diagnostic{path, std::move(message), std::move(at)});
}

void Context::mark_override(std::string path, core::SourceLocation at) {
  overrides_.emplace_back(std::move(path), std::move(at));
}

const core::SourceLocation* Context::override_at(const std::string& path) const {
  // The last override wins where two cover the same path.
  for (auto it = overrides_.rbegin(); it != overrides_.rend(); ++it) {
    const std::string& prefix = it->first;
    if (path.compare(0, prefix.size(), prefix) == 0 &&
        (path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '['))
      return &it->second;
  }
  return nullptr;
}

void Context::add(std::vector<core::Diagnostic> diagnostics) {
  for (auto& d : diagnostics) diagnostics_.push_back(std::move(d));
}

void Context::throw_if_errors() {
  if (!diagnostics_.empty()) throw core::InputError(std::move(diagnostics_));
}

std::string child_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
}

std::string index_path(const std::string& parent, std::size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

MapView::MapView(Context& ctx, const YAML::Node& node, std::string path)
    : ctx_(ctx), node_(node), path_(std::move(path)) {
  ctx_.record(path_, node_);
  if (node.IsMap()) {
    valid_ = true;
  } else if (!node.IsDefined() || node.IsNull()) {
    ctx_.error(path_, node, "expected a mapping of keys, got nothing");
  } else {
    ctx_.error(path_, node, "expected a mapping of keys");
  }
}

YAML::Node MapView::get(std::string_view key) {
  known_.emplace(key);
  if (!valid_) return YAML::Node(YAML::NodeType::Undefined);
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      if (ctx_.recording()) ctx_.record(path_of(key), it->second);
      return it->second;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

void MapView::error(std::string_view key, std::string message) {
  const YAML::Node value = get(key);
  ctx_.error(path_of(key), value.IsDefined() ? ctx_.where(value) : ctx_.where(node_),
             std::move(message));
}

bool MapView::scalar(std::string_view key, Need need, YAML::Node& value) {
  value = get(key);
  if (!value.IsDefined()) {
    if (need == Need::required && valid_) {
      ctx_.error(path_of(key), node_, fmt::format("missing required key \"{}\"", key));
    }
    return false;
  }
  if (value.IsNull()) {
    ctx_.error(path_of(key), value, "has no value");
    return false;
  }
  if (!value.IsScalar()) {
    ctx_.error(path_of(key), value, "expected a single value, got a list or mapping");
    return false;
  }
  return true;
}

bool MapView::check_value(std::string_view key, const YAML::Node& value, double v, Check check) {
  const char* problem = nullptr;
  switch (check) {
    case Check::none:
      break;
    case Check::positive:
      if (!(v > 0)) problem = "must be positive";
      break;
    case Check::non_negative:
      if (!(v >= 0)) problem = "must not be negative";
      break;
    case Check::fraction:
      if (!(v >= 0 && v <= 1)) problem = "must lie between 0 and 1 (0 % and 100 %)";
      break;
  }
  if (problem == nullptr) return true;
  ctx_.error(path_of(key), value, fmt::format("{}, got \"{}\"", problem, value.Scalar()));
  return false;
}

bool MapView::number(std::string_view key, double& out, Need need, Check check) {
  YAML::Node value;
  if (!scalar(key, need, value)) return false;
  double v = 0;
  try {
    v = core::parse_number(value.Scalar());
  } catch (const core::UnitParseError& e) {
    ctx_.error(path_of(key), value, e.what());
    return false;
  }
  if (!check_value(key, value, v, check)) return false;
  out = v;
  return true;
}

bool MapView::fraction(std::string_view key, double& out, Need need) {
  YAML::Node value;
  if (!scalar(key, need, value)) return false;
  double v = 0;
  try {
    v = core::parse_fraction(value.Scalar());
  } catch (const core::UnitParseError& e) {
    ctx_.error(path_of(key), value, e.what());
    return false;
  }
  if (!check_value(key, value, v, Check::fraction)) return false;
  out = v;
  return true;
}

bool MapView::integer(std::string_view key, std::int64_t& out, Need need, Check check) {
  double v = static_cast<double>(out);
  if (!number(key, v, need, check)) return false;
  if (v != std::floor(v) || std::fabs(v) > 9e15) {
    error(key, fmt::format("expected a whole number, got \"{}\"", get(key).Scalar()));
    return false;
  }
  out = static_cast<std::int64_t>(v);
  return true;
}

bool MapView::integer(std::string_view key, int& out, Need need, Check check) {
  std::int64_t v = out;
  if (!integer(key, v, need, check)) return false;
  if (v > 1'000'000'000 || v < -1'000'000'000) {
    error(key, "is out of range");
    return false;
  }
  out = static_cast<int>(v);
  return true;
}

bool MapView::boolean(std::string_view key, bool& out, Need need) {
  YAML::Node value;
  if (!scalar(key, need, value)) return false;
  const std::string& s = value.Scalar();
  if (s == "true" || s == "yes" || s == "on") {
    out = true;
  } else if (s == "false" || s == "no" || s == "off") {
    out = false;
  } else {
    ctx_.error(path_of(key), value, fmt::format("expected true or false, got \"{}\"", s));
    return false;
  }
  return true;
}

bool MapView::string(std::string_view key, std::string& out, Need need) {
  YAML::Node value;
  if (!scalar(key, need, value)) return false;
  if (value.Scalar().empty()) {
    ctx_.error(path_of(key), value, "must not be empty");
    return false;
  }
  out = value.Scalar();
  return true;
}

bool MapView::name(std::string_view key, std::string& out, Need need) {
  std::string read;
  if (!string(key, read, need)) return false;
  for (const char c : read) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      error(key,
            fmt::format("a name must not hold control characters (found byte 0x{:02x})", byte));
      return false;
    }
  }
  if (read.size() > kMaxNameLength) {
    error(key, fmt::format("a name must not exceed {} bytes, got {}", kMaxNameLength, read.size()));
    return false;
  }
  out = std::move(read);
  return true;
}

void MapView::at_most_each(std::initializer_list<Bound> bounds, std::string_view why) {
  for (const Bound& b : bounds) {
    if (has(b.key)) at_most(b.key, b.value, b.limit, b.limit_text, why);
  }
}

bool MapView::at_most(std::string_view key, double value, double limit, std::string_view limit_text,
                      std::string_view why) {
  if (value <= limit) return true;
  error(key, fmt::format("must not exceed {} ({}), got \"{}\"", limit_text, why,
                         get(key).IsScalar() ? get(key).Scalar() : std::string("?")));
  return false;
}

bool MapView::monthly(std::string_view key, std::array<double, 12>& out, Need need, Check check) {
  const YAML::Node value = get(key);
  if (!value.IsDefined()) {
    if (need == Need::required && valid_) {
      ctx_.error(path_of(key), node_, fmt::format("missing required key \"{}\"", key));
    }
    return false;
  }
  if (!value.IsSequence() || value.size() != 12) {
    ctx_.error(path_of(key), value, "expected a list of 12 numbers, January to December");
    return false;
  }
  std::array<double, 12> parsed{};
  bool ok = true;
  for (std::size_t i = 0; i < 12; ++i) {
    const YAML::Node item = value[i];
    const std::string path = index_path(path_of(key), i);
    try {
      parsed[i] = core::parse_number(item.IsScalar() ? item.Scalar() : std::string("?"));
    } catch (const core::UnitParseError& e) {
      ctx_.error(path, item, e.what());
      ok = false;
      continue;
    }
    if ((check == Check::non_negative && parsed[i] < 0) ||
        (check == Check::positive && parsed[i] <= 0) ||
        (check == Check::fraction && (parsed[i] < 0 || parsed[i] > 1))) {
      ctx_.error(path, item, fmt::format("value {} is out of range", parsed[i]));
      ok = false;
    }
  }
  if (ok) out = parsed;
  return ok;
}

namespace {
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}
}  // namespace

void MapView::finish() {
  if (!valid_) return;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string("?");
    if (known_.count(key) != 0) continue;
    std::string best;
    std::size_t best_distance = 3;
    for (const auto& k : known_) {
      const std::size_t d = edit_distance(key, k);
      if (d < best_distance) {
        best_distance = d;
        best = k;
      }
    }
    std::string message = fmt::format("unknown key \"{}\"", key);
    if (!best.empty()) message += fmt::format(" (did you mean \"{}\"?)", best);
    ctx_.error(path_of(key), it->first, std::move(message));
  }
}

namespace {

// Lone carriage returns end lines too (classic Mac files): make them line feeds so that
// yaml-cpp, which only knows LF and CRLF, reads the lines and their numbers as the user sees.
std::string with_line_feeds(const std::string& text) {
  if (text.find('\r') == std::string::npos) return text;
  std::string out = text;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\r' && (i + 1 >= out.size() || out[i + 1] != '\n')) out[i] = '\n';
  }
  return out;
}

// The place (line and column) of byte `offset` of `text`.
core::SourceLocation place_of(const std::string& text, std::size_t offset,
                              const std::string& file) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;  // continuation bytes do not start a column
    }
  }
  return {file, line, column};
}

// Every mapping's keys are plain names and appear once; the document, aliases expanded, stays
// within kMaxYamlValues values.
void check_structure(const YAML::Node& root, const std::string& file,
                     std::vector<core::Diagnostic>& problems) {
  const auto where = [&](const YAML::Node& n) {
    const YAML::Mark m = n.Mark();
    return m.is_null() ? core::SourceLocation{file, 1, 1}
                       : core::SourceLocation{file, m.line + 1, m.column + 1};
  };
  std::vector<YAML::Node> stack = {root};
  std::size_t visited = 0;
  while (!stack.empty()) {
    const YAML::Node node = stack.back();
    stack.pop_back();
    if (++visited > kMaxYamlValues) {
      problems.push_back({"",
                          fmt::format("the document holds more than {} values (are anchors and "
                                      "aliases repeating a large part of it?)",
                                      kMaxYamlValues),
                          {file, 1, 1}});
      return;
    }
    if (node.IsSequence()) {
      for (const auto& item : node) stack.push_back(item);
    } else if (node.IsMap()) {
      std::map<std::string, YAML::Node> seen;
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (!it->first.IsScalar()) {
          problems.push_back(
              {"", "a key must be a plain name, not a list or a mapping", where(it->first)});
          continue;
        }
        const auto [first, inserted] = seen.emplace(it->first.Scalar(), it->first);
        if (!inserted) {
          problems.push_back({"",
                              fmt::format("duplicate key \"{}\": it is also at {}",
                                          it->first.Scalar(), where(first->second).to_string()),
                              where(it->first)});
        }
        stack.push_back(it->second);
      }
    }
  }
}

}  // namespace

YAML::Node parse_yaml(const std::string& raw, const std::string& file) {
  if (const std::size_t bad = core::invalid_utf8_at(raw); bad != std::string::npos) {
    throw core::InputError(core::Diagnostic{"", "the file is not UTF-8 text (YAML files are UTF-8)",
                                            place_of(raw, bad, file)});
  }
  const std::string text = with_line_feeds(raw);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw core::InputError(core::Diagnostic{"",
                                            fmt::format("YAML syntax error: {}", e.msg),
                                            {file, e.mark.line + 1, e.mark.column + 1}});
  }
  if (!root.IsDefined() || root.IsNull()) {
    throw core::InputError(core::Diagnostic{
        "", "the file holds no YAML document, only blank lines or comments", {file, 1, 1}});
  }
  std::vector<core::Diagnostic> problems;
  check_structure(root, file, problems);
  if (!problems.empty()) throw core::InputError(std::move(problems));
  return root;
}

}  // namespace gigasim::io
