#include "gigasim/sim/output.hpp"

namespace gigasim::sim::output {

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
