// The control of perf_includes_sim.cpp: the same target may include what perf uses.
#include "gigasim/core/units.hpp"
#include "gigasim/perf/model.hpp"

int layering_control() {
  return static_cast<int>(sizeof(gigasim::perf::TransformerModel));
}
