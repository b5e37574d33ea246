// JSON of a serving estimate (docs/serve.md).
#pragma once

#include <nlohmann/json.hpp>

#include "gigasim/perf/platform.hpp"
#include "gigasim/perf/serving.hpp"

namespace gigasim::io {

/// Accelerators a demand of `demand` generated tokens/s needs: whole replicas, and their
/// share of the prefill pool when disaggregated; 0 without a demand or a throughput.
double accelerators_for_demand(const perf::ServeEstimate& estimate, double demand);

/// What `gigasim serve --json` prints and `gigasim.serve` returns: the estimate with the
/// model, hardware, replica, requests and targets it is for; with a demand (> 0), the
/// accelerators it needs.
nlohmann::json serve_json(const perf::TransformerModel& model, const perf::Platform& platform,
                          const perf::ServeSetup& setup, double demand,
                          const perf::ServeEstimate& estimate);

}  // namespace gigasim::io
