// Declared fields as JSON values (internal to io/results).
#pragma once

#include <nlohmann/json.hpp>

#include "gigasim/sim/output.hpp"

namespace gigasim::io {

inline nlohmann::json to_json(const sim::output::Value& v) {
  using Kind = sim::output::Value::Kind;
  switch (v.kind) {
    case Kind::null:
      return nullptr;
    case Kind::number:
      return v.number;
    case Kind::integer:
      return v.integer;
    case Kind::boolean:
      return v.integer != 0;
    case Kind::text:
      return std::string(v.text);
  }
  return nullptr;
}

/// The fields of a group as a JSON object; keyed fields as objects by key.
template <class R>
nlohmann::json group_json(const sim::output::Group<R>& g, const R& record) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto* f : g.fields)
    j[std::string(f->name)] = to_json(sim::output::value_of(*f, record));
  for (const auto* k : g.keyed) {
    nlohmann::json o = nlohmann::json::object();
    for (const auto& [key, value] : sim::output::values_of(*k, record)) o[key] = to_json(value);
    j[std::string(k->name)] = std::move(o);
  }
  return j;
}

}  // namespace gigasim::io
