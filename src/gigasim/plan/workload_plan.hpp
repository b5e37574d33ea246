// The workload of one site, prepared: partitions from the sized fleet, every job costed and
// in submission order, checkpoint plans, inference pools and spares (internal to plan).
#pragma once

#include <vector>

#include "gigasim/core/errors.hpp"
#include "gigasim/core/rng.hpp"
#include "gigasim/plan/plan.hpp"

namespace gigasim::plan {

/// Jobs of every generator (stream "workload/<site>/<g>"), explicit and trace jobs merged in
/// submission order; problems (a job or a stream larger than its partition, an inference
/// pool the site cannot hold) appended to `problems`.
WorkloadPlan plan_workload(const scenario::SiteSpec& site, const SiteSizing& sizing,
                           core::Duration horizon, const core::RandomStreams& streams,
                           std::vector<core::Diagnostic>& problems);

}  // namespace gigasim::plan
