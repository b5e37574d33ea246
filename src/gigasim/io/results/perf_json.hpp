// JSON of a performance estimate (docs/perf.md).
#pragma once

#include <nlohmann/json.hpp>

#include "gigasim/perf/layout.hpp"
#include "gigasim/perf/step_model.hpp"

namespace gigasim::io {

nlohmann::json layout_json(const perf::Layout& layout);
nlohmann::json estimate_json(const perf::StepEstimate& estimate);

}  // namespace gigasim::io
