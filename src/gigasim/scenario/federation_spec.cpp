#include "gigasim/scenario/federation_spec.hpp"

#include <array>
#include <utility>

namespace gigasim::scenario {
namespace {

constexpr std::array<std::pair<RoutingPolicy, std::string_view>, 5> kPolicies = {{
    {RoutingPolicy::none, "none"},
    {RoutingPolicy::earliest_start, "earliest_start"},
    {RoutingPolicy::lowest_cost, "lowest_cost"},
    {RoutingPolicy::lowest_carbon, "lowest_carbon"},
    {RoutingPolicy::follow_renewables, "follow_renewables"},
}};

}  // namespace

std::string_view to_string(RoutingPolicy p) {
  for (const auto& [policy, name] : kPolicies)
    if (policy == p) return name;
  return "none";
}

bool routing_policy_from(std::string_view text, RoutingPolicy& out) {
  for (const auto& [policy, name] : kPolicies) {
    if (name == text) {
      out = policy;
      return true;
    }
  }
  return false;
}

}  // namespace gigasim::scenario
