// Output declarations: each figure a run produces is declared once, with its name, type,
// unit, how it combines over time and over sites, and what it means (sim/metrics.hpp holds
// the declarations). summary.json, the tables of results.sqlite, the CSV files, the tables of
// docs/outputs.md and the report's data are all generated from them (io/results, io/report).
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gigasim::sim::output {

enum class Type : std::uint8_t {
  real,     ///< a floating-point figure (CSV: 6 significant digits)
  precise,  ///< a floating-point figure written exactly (times)
  integer,  ///< a count
  boolean,  ///< yes or no
  text,     ///< a name
};
std::string_view to_string(Type t);

/// How a figure combines: over the ticks of a site (series) or over sites (totals).
enum class Aggregate : std::uint8_t {
  none,      ///< not combined: a name or a property of one site or run
  sum,       ///< added up
  max,       ///< the largest
  mean,      ///< the plain mean
  weighted,  ///< a mean weighted as the description says
  derived,   ///< computed again from the combined figures it is made of (a ratio)
};
std::string_view to_string(Aggregate a);

/// A value of a field: a number, a count, a name, or nothing (a figure that does not apply,
/// written null). A figure that does not apply is null by its getter's choice (an empty
/// optional); a non-finite number is a fault of a model, refused by `value_of`.
struct Value {
  enum class Kind : std::uint8_t { null, number, integer, boolean, text };
  Kind kind = Kind::null;
  double number = 0;
  std::int64_t integer = 0;
  std::string_view text;
  bool non_finite = false;  ///< made `of` a NaN or an infinity: never written

  static Value of(double v) {
    Value x;
    if (std::isfinite(v)) {
      x.kind = Kind::number;
      x.number = v;
    } else {
      x.non_finite = true;
    }
    return x;
  }
  static Value of(std::optional<double> v) { return v ? of(*v) : Value{}; }
  static Value count(std::int64_t v) {
    Value x;
    x.kind = Kind::integer;
    x.integer = v;
    return x;
  }
  static Value flag(bool v) {
    Value x;
    x.kind = Kind::boolean;
    x.integer = v ? 1 : 0;
    return x;
  }
  static Value name(std::string_view v) {
    Value x;
    x.kind = Kind::text;
    x.text = v;
    return x;
  }
  [[nodiscard]] bool is_null() const { return kind == Kind::null; }
  /// The value as a number (a count too); nothing for null and text.
  [[nodiscard]] std::optional<double> as_number() const {
    if (kind == Kind::number) return number;
    if (kind == Kind::integer || kind == Kind::boolean) return static_cast<double>(integer);
    return std::nullopt;
  }
};

/// Throws core::InternalError: figure `name` (`key` of it, if any) is not a finite number.
[[noreturn]] void throw_non_finite(std::string_view name, std::string_view key);

/// One figure of record type R.
template <class R>
struct Field {
  std::string_view name;
  Type type;
  std::string_view unit;
  Aggregate over_time;
  Aggregate over_sites;
  std::string_view description;
  Value (*get)(const R&);
};

/// A figure with one value per key: per source, per tenant, per component, per cost class.
template <class R>
struct KeyedField {
  std::string_view name;
  Type type;
  std::string_view unit;
  std::string_view key;  ///< what the keys are ("source name")
  Aggregate over_sites;
  std::string_view description;
  std::vector<std::pair<std::string, Value>> (*get)(const R&);
};

/// An object of summary.json, and the rows of the `metrics` table with its name as `group`.
template <class R>
struct Group {
  std::string_view name;
  std::string_view description;
  std::span<const Field<R>* const> fields;
  std::span<const KeyedField<R>* const> keyed;
};

/// A table of results.sqlite (and of a CSV file), one row per record.
template <class R>
struct Table {
  std::string_view name;
  std::string_view description;
  std::span<const Field<R>* const> columns;
};

/// The value of `field` for `record`, as every writer takes it: a NaN or an infinity is a
/// fault of the model behind the figure, reported as core::InternalError naming it, never
/// written as a silent null (docs/robustness.md, "No NaN in an output").
template <class R>
Value value_of(const Field<R>& field, const R& record) {
  Value v = field.get(record);
  if (v.non_finite) throw_non_finite(field.name, "");
  return v;
}

template <class R>
std::vector<std::pair<std::string, Value>> values_of(const KeyedField<R>& field, const R& record) {
  auto values = field.get(record);
  for (const auto& [key, v] : values) {
    if (v.non_finite) throw_non_finite(field.name, key);
  }
  return values;
}

}  // namespace gigasim::sim::output
