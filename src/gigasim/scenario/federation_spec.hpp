// A federation of the scenario's sites under one router (docs/models/federation.md): jobs
// submitted at a site may run at another, chosen by a policy when they are submitted.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gigasim/core/quantity.hpp"
#include "gigasim/core/time.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::scenario {

enum class RoutingPolicy : std::uint8_t {
  none,               ///< every job runs where it was submitted (the federation's baseline)
  earliest_start,     ///< where it can start now, home first
  lowest_cost,        ///< where it can start now, at the lowest energy price ahead
  lowest_carbon,      ///< where it can start now, at the lowest carbon intensity ahead
  follow_renewables,  ///< deferrable jobs: the site and start hour with the most renewables
};
std::string_view to_string(RoutingPolicy p);
bool routing_policy_from(std::string_view text, RoutingPolicy& out);

/// The link every pair of sites shares (a leased wavelength or an interconnect's share).
struct InterSiteLink {
  core::Bandwidth bandwidth;  ///< what one job's transfer gets
  core::Latency latency;      ///< one way
  double price_eur_per_gb = 0.0;
};

/// Jobs of a tenant that must stay in some member states (data residency).
struct Residency {
  std::string tenant;
  std::vector<std::string> countries;  ///< ISO 3166 alpha-2, as the sites' locations
};

struct FederationSpec {
  RoutingPolicy policy = RoutingPolicy::none;
  core::Duration lookahead = core::Duration::hours(24);  ///< forecast window of the policies
  core::Duration max_delay = core::Duration::hours(24);  ///< follow_renewables: longest deferral
  std::uint8_t deferrable = 0;  ///< job classes follow_renewables may defer (bit per class)
  /// Running jobs leave a site whose supply cannot power them (its power cap would bind)
  /// for sites that can start them now, chosen by the policy.
  bool migrate = false;
  InterSiteLink link;
  core::DataSize data_per_accelerator;  ///< moved with a job: its data shard and checkpoint
  std::vector<Residency> residency;
  /// Share of each site of a member state kept for jobs submitted in that state.
  std::map<std::string, double> reserved_shares;

  [[nodiscard]] bool may_defer(workload::JobClass c) const {
    return (deferrable >> static_cast<unsigned>(c) & 1U) != 0;
  }
};

}  // namespace gigasim::scenario
