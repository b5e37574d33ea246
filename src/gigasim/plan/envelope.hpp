// The size envelope of a run (docs/robustness.md, "Size of a run"): what a run would hold,
// estimated before any job is generated, and the limits `check` and `run` refuse beyond,
// naming the key responsible. Each limit can be raised (gigasim --max-...).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gigasim/core/errors.hpp"
#include "gigasim/plan/plan.hpp"
#include "gigasim/plan/run_size.hpp"
#include "gigasim/scenario/scenario.hpp"

namespace gigasim::plan {

/// Estimates the size of a run of `scenario` whose sites are sized as `sizing` says.
RunSize estimate_size(const scenario::Scenario& scenario, const std::vector<SiteSizing>& sizing);

/// The problems of a run of that size: one per limit exceeded, naming the element or key that
/// contributes most (a generator's jobs_per_day, a fleet entry's count, the tick...).
std::vector<core::Diagnostic> check_size(const scenario::Scenario& scenario,
                                         const std::vector<SiteSizing>& sizing, const RunSize& size,
                                         const Limits& limits);

}  // namespace gigasim::plan
