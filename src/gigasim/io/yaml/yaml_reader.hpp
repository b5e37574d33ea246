// Location-aware reading of YAML mappings. Every problem is recorded with its YAML path
// and file:line:column, and reading goes on, so that one run of `gigasim check` lists them
// all (as OpenDC's validation does). Keys a decoder never asked for are reported as unknown.
#pragma once

#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gigasim/core/errors.hpp"
#include "gigasim/core/units.hpp"
#include "gigasim/io/yaml/source_map.hpp"

namespace gigasim::io {

/// The problems found in one or more files, collected while decoding.
class Context {
 public:
  explicit Context(std::string file) : file_(std::move(file)) {}

  [[nodiscard]] const std::string& file() const { return file_; }
  void set_file(std::string file) { file_ = std::move(file); }
  /// Files the document refers to must lie under this folder (empty: anywhere).
  [[nodiscard]] const std::filesystem::path& input_root() const { return input_root_; }
  void set_input_root(std::filesystem::path root) { input_root_ = std::move(root); }
  [[nodiscard]] core::SourceLocation where(const YAML::Node& node) const;
  void error(const std::string& path, const YAML::Node& at, std::string message);
  void error(const std::string& path, core::SourceLocation at, std::string message);
  /// The value at `path` came from outside the file (a `--set`): problems at or under
  /// `path`, and its recorded place, name `at` instead of a line of the file.
  void mark_override(std::string path, core::SourceLocation at);
  void add(std::vector<core::Diagnostic> diagnostics);
  [[nodiscard]] bool has_errors() const { return !diagnostics_.empty(); }
  [[nodiscard]] std::size_t error_count() const { return diagnostics_.size(); }
  /// Throws core::InputError with every problem recorded, if there is any.
  void throw_if_errors();

  /// Records the place of every mapping and key read from now on into `places`.
  void record_places(SourceMap& places) { places_ = &places; }
  [[nodiscard]] bool recording() const { return places_ != nullptr; }
  void record(const std::string& path, const YAML::Node& node) {
    if (places_ == nullptr || !node.IsDefined()) return;
    const core::SourceLocation* set = override_at(path);
    places_->add(path, set != nullptr ? *set : where(node));
  }
  void record_list(const std::string& list_id, std::string file, std::vector<int> lines) {
    if (places_ != nullptr) places_->add_list(list_id, std::move(file), std::move(lines));
  }

 private:
  std::string file_;
  std::filesystem::path input_root_;
  std::vector<core::Diagnostic> diagnostics_;
  SourceMap* places_ = nullptr;
  std::vector<std::pair<std::string, core::SourceLocation>> overrides_;
  [[nodiscard]] const core::SourceLocation* override_at(const std::string& path) const;
};

std::string child_path(const std::string& parent, std::string_view key);
std::string index_path(const std::string& parent, std::size_t index);

enum class Need { optional, required };
enum class Check { none, positive, non_negative, fraction };

/// A view of one YAML mapping being decoded.
class MapView {
 public:
  /// Records an error if `node` is not a mapping; the view is then empty.
  MapView(Context& ctx, const YAML::Node& node, std::string path);

  [[nodiscard]] bool valid() const { return valid_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const YAML::Node& node() const { return node_; }
  [[nodiscard]] Context& context() const { return ctx_; }

  /// The value of `key` (undefined if absent), marking the key as known.
  YAML::Node get(std::string_view key);
  bool has(std::string_view key) { return get(key).IsDefined(); }
  [[nodiscard]] std::string path_of(std::string_view key) const { return child_path(path_, key); }
  void error(std::string_view key, std::string message);

  // Typed readers: return true and assign `out` when the key is present and valid; record
  // an error when it is invalid, or absent and required; leave `out` (a default or the
  // catalog's value) untouched otherwise.
  template <class Q>
  bool quantity(std::string_view key, Q& out, Need need = Need::optional,
                Check check = Check::none);
  bool number(std::string_view key, double& out, Need need = Need::optional,
              Check check = Check::none);
  bool fraction(std::string_view key, double& out, Need need = Need::optional);
  bool integer(std::string_view key, std::int64_t& out, Need need = Need::optional,
               Check check = Check::none);
  bool integer(std::string_view key, int& out, Need need = Need::optional,
               Check check = Check::none);
  bool boolean(std::string_view key, bool& out, Need need = Need::optional);
  bool string(std::string_view key, std::string& out, Need need = Need::optional);
  /// A name: 1 to kMaxNameLength bytes, no control characters. Names reach file names, tables,
  /// reports.
  bool name(std::string_view key, std::string& out, Need need = Need::optional);
  /// Records an error at `key` when `value` (read from it, in the unit of `limit_text`) is
  /// above `limit`: a bound of what can be real, with the reason. Returns whether it is not.
  bool at_most(std::string_view key, double value, double limit, std::string_view limit_text,
               std::string_view why);
  /// A bound of one key for at_most_each: the value read, its limit and the limit as text.
  struct Bound {
    template <class T>  // any count or number read from the key
    Bound(std::string_view k, T v, double lim, std::string_view text)
        : key(k), value(static_cast<double>(v)), limit(lim), limit_text(text) {}
    std::string_view key;
    double value;
    double limit;
    std::string_view limit_text;
  };
  /// at_most for each bound whose key is present, all for the same reason.
  void at_most_each(std::initializer_list<Bound> bounds, std::string_view why);
  /// A list of exactly 12 plain numbers (January..December).
  bool monthly(std::string_view key, std::array<double, 12>& out, Need need = Need::optional,
               Check check = Check::none);

  /// Reports every key of the mapping that no reader asked for, with a suggestion.
  void finish();

 private:
  bool scalar(std::string_view key, Need need, YAML::Node& value);
  bool check_value(std::string_view key, const YAML::Node& value, double v, Check check);

  Context& ctx_;
  YAML::Node node_;
  std::string path_;
  bool valid_ = false;
  std::set<std::string, std::less<>> known_;
};

/// Reads `value` as a quantity at `path`; records an error and returns false if it is not.
template <class Q>
bool read_quantity(Context& ctx, const YAML::Node& value, const std::string& path, Q& out) {
  if (!value.IsScalar()) {
    ctx.error(path, value,
              std::string("expected ") +
                  std::string(core::dimension_name(core::QuantityTraits<Q>::dimension)) +
                  " like \"" +
                  std::string(core::dimension_example(core::QuantityTraits<Q>::dimension)) + "\"");
    return false;
  }
  try {
    out = core::parse<Q>(value.Scalar());
    return true;
  } catch (const core::UnitParseError& e) {
    ctx.error(path, value, e.what());
    return false;
  }
}

/// Value of a quantity in its base unit, for range checks.
template <class Q>
double base_value(const Q& q) {
  if constexpr (std::is_same_v<Q, core::Duration>) {
    return static_cast<double>(q.ms());
  } else if constexpr (std::is_same_v<Q, core::Temperature>) {
    return q.in_kelvin();
  } else {
    return q.value();
  }
}

template <class Q>
bool MapView::quantity(std::string_view key, Q& out, Need need, Check check) {
  YAML::Node value;
  if (!scalar(key, need, value)) return false;
  Q parsed = out;
  if (!read_quantity(ctx_, value, path_of(key), parsed)) return false;
  if (!check_value(key, value, base_value(parsed), check)) return false;
  out = parsed;
  return true;
}

/// The longest name of a site, source, tenant, job or catalog entry, in bytes.
inline constexpr std::size_t kMaxNameLength = 128;

/// Values a document may hold, aliases expanded: far above any real scenario (eu-60-sites
/// holds about 10,000), far below what would exhaust memory or time.
inline constexpr std::size_t kMaxYamlValues = 2'000'000;

/// Parses a YAML document from text. Every problem is an InputError at its place: a byte
/// sequence that is not UTF-8, a syntax error, a document with nothing but comments, a key
/// that is a list or a mapping, a key written twice in one mapping (with both places), or
/// more than kMaxYamlValues values. Lines may end with LF, CRLF or CR alone.
YAML::Node parse_yaml(const std::string& text, const std::string& file);

}  // namespace gigasim::io
