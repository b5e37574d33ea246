// JSON of a performance estimate (docs/perf.md).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "gigasim/perf/layout.hpp"
#include "gigasim/perf/platform.hpp"
#include "gigasim/perf/search.hpp"
#include "gigasim/perf/step_model.hpp"

namespace gigasim::io {

nlohmann::json layout_json(const perf::Layout& layout);
nlohmann::json estimate_json(const perf::StepEstimate& estimate);

/// What `gigasim perf --json` prints and `gigasim.perf` returns: one estimate with the model,
/// hardware and layout it is for.
nlohmann::json perf_estimate_json(const perf::TransformerModel& model,
                                  const perf::Platform& platform, std::int64_t gpus,
                                  const perf::Layout& layout, const perf::StepEstimate& estimate);
/// The same for a search (`--search`): how many layouts were possible and fit, and the best.
nlohmann::json perf_search_json(const perf::TransformerModel& model, std::int64_t gpus,
                                const perf::SearchResult& result);

}  // namespace gigasim::io
