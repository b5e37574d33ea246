// Layout search: every possible parallel layout of a model on a number of accelerators.
#pragma once

#include <cstdint>
#include <vector>

#include "gigasim/perf/layout.hpp"
#include "gigasim/perf/step_model.hpp"

namespace gigasim::perf {

/// The choices the search tries besides tp, pp, cp, dp and ep (which run over every divisor).
struct SearchSpace {
  std::vector<int> micro_batches{1, 2, 4, 8};
  std::vector<Recompute> recompute{Recompute::none, Recompute::selective, Recompute::full};
  std::vector<int> virtual_stages{1, 2, 4, 8};
  int max_cp = 32;
  int max_ep = 256;
};

struct Candidate {
  Layout layout;
  StepEstimate estimate;
};

struct SearchResult {
  std::vector<Candidate> best;  ///< by tokens/s, fastest first, all fitting in memory
  std::int64_t layouts_possible = 0;
  std::int64_t layouts_fitting = 0;
};

/// Tries every layout of `gpus` accelerators; `base` supplies what is not searched (global
/// batch, ZeRO stage, precision, attention kernel, rank order). Sequence parallelism is on
/// whenever tp > 1: in this model it saves memory and element-wise time and never costs any;
/// balanced first and last stages are tried both ways.
SearchResult search_layouts(const TransformerModel& model, const Platform& platform,
                            std::int64_t gpus, const Layout& base, const SearchSpace& space,
                            std::size_t keep = 10);

}  // namespace gigasim::perf
