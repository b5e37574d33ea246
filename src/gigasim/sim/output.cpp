#include "gigasim/sim/output.hpp"

#include <fmt/format.h>

#include "gigasim/core/errors.hpp"

namespace gigasim::sim::output {

void throw_non_finite(std::string_view name, std::string_view key) {
  throw core::InternalError(fmt::format(
      "output figure {}{}{}{} is not a finite number: a model produced a NaN or an infinity "
      "(please report it with the scenario)",
      name, key.empty() ? "" : " [", key, key.empty() ? "" : "]"));
}

std::string_view to_string(Type t) {
  switch (t) {
    case Type::real:
    case Type::precise:
      return "number";
    case Type::integer:
      return "integer";
    case Type::boolean:
      return "boolean";
    case Type::text:
      return "text";
  }
  return "?";
}

std::string_view to_string(Aggregate a) {
  switch (a) {
    case Aggregate::none:
      return "";
    case Aggregate::sum:
      return "sum";
    case Aggregate::max:
      return "max";
    case Aggregate::mean:
      return "mean";
    case Aggregate::weighted:
      return "weighted";
    case Aggregate::derived:
      return "derived";
  }
  return "?";
}

}  // namespace gigasim::sim::output
