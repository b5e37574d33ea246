// The hourly requests of a site's demand-response programme over the run: its dated events
// and its rules laid on the run's calendar and weather (docs/models/energy.md, "Demand
// response").
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

#include "gigasim/climate/weather.hpp"
#include "gigasim/scenario/demand_response_spec.hpp"

namespace gigasim::plan {

struct DemandResponsePlan {
  std::vector<float> request_w;  ///< reduction asked in each hour of the run (0: none)
  std::size_t events = 0;        ///< runs of consecutive requested hours
};

/// Lays out `spec` over `hours` hours from local midnight of `start`. A rule with `days`
/// ranks its matching days by the daily mean of `dry_bulb_c` (by hour of the run); where
/// events overlap, the larger reduction is asked.
DemandResponsePlan plan_demand_response(const scenario::DemandResponseSpec& spec,
                                        std::chrono::sys_days start, std::size_t hours,
                                        const std::vector<double>& dry_bulb_c);

}  // namespace gigasim::plan
