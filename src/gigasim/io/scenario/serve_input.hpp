// Loading a `gigasim serve` file: a model, the hardware, a replica, the requests and their
// latency targets, and optionally a demand (docs/serve.md documents every key).
#pragma once

#include <filesystem>
#include <string>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/perf/platform.hpp"
#include "gigasim/perf/serving.hpp"

namespace gigasim::io {

struct ServeInput {
  perf::TransformerModel model;
  perf::Platform platform;
  perf::ServeSetup setup;
  double demand_tokens_per_s = 0;  ///< generated tokens per second to serve (0: none given)
};

/// Throws core::InputError listing every problem with its YAML path and place.
ServeInput load_serve_input(const std::filesystem::path& file, const Catalog& catalog);
ServeInput load_serve_text(const std::string& text, const std::string& file,
                           const Catalog& catalog);

}  // namespace gigasim::io
