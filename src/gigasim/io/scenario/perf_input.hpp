// Loading a `gigasim perf` file: a model, the hardware it runs on and a parallel layout
// (docs/perf.md documents every key).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/catalog/serve_keys.hpp"
#include "gigasim/perf/layout.hpp"
#include "gigasim/perf/platform.hpp"
#include "gigasim/perf/search.hpp"

namespace gigasim::io {

struct PerfInput {
  perf::TransformerModel model;
  perf::Platform platform;
  std::int64_t gpus = 0;
  perf::Layout layout;
  perf::SearchSpace search;
};

enum class PerfMode {
  estimate,  ///< the layout must be complete and possible
  search,    ///< only what the search does not vary is needed (global_batch and options)
};

/// Decodes a `parallelism` mapping (tp, pp, dp, ..., recompute, zero, precision, rank_order)
/// onto `l`, shared by `gigasim perf` files and scenario jobs. Returns whether dp was given.
bool decode_layout(MapView& m, perf::Layout& l, Need dp_need);

/// Decodes the required `model` key (a catalog id, an id with overrides, or an inline model),
/// shared by `gigasim perf` and `gigasim serve` files. Returns whether it resolved.
bool decode_model_key(MapView& top, const Catalog& catalog, perf::TransformerModel& model);

/// Decodes the hardware keys shared by `gigasim perf` and `gigasim serve` files: `system`
/// and/or `accelerator`, `fabric`, `efficiency` (overrides). Returns whether a system was
/// found; problems are recorded in the map's context.
bool decode_platform(MapView& top, const Catalog& catalog, perf::Platform& platform);

/// Throws core::InputError listing every problem, impossible layouts included, each with its
/// YAML path (parallelism.tp, ...) and place.
PerfInput load_perf_input(const std::filesystem::path& file, const Catalog& catalog, PerfMode mode);
PerfInput load_perf_text(const std::string& text, const std::string& file, const Catalog& catalog,
                         PerfMode mode);

}  // namespace gigasim::io
