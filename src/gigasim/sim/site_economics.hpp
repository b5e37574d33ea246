// The economic and carbon accounts of a finished site: what it installed (fleet, building,
// plant) and what the run made of it (energy by source, water, heat, accelerator-hours,
// tokens), turned into the ledger econ reads (docs/models/economics.md, carbon.md).
#pragma once

#include <vector>

#include "gigasim/plan/plan.hpp"
#include "gigasim/sim/results.hpp"
#include "gigasim/sim/site_supply.hpp"

namespace gigasim::sim {

/// Fills out.economics and out.carbon from the site's plan, its sources' sums and its totals.
void account(const plan::SitePlan& plan, const std::vector<SourceSums>& sources,
             const scenario::Scenario& scenario, SiteResult& out);

}  // namespace gigasim::sim
