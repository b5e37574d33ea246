// A probe of the layering (tests/CMakeLists.txt): perf sits below sim, so this file, built as
// part of a target that uses only gigasim_perf, must fail to compile: gigasim/sim/results.hpp
// is not on its include path.
#include "gigasim/perf/model.hpp"
#include "gigasim/sim/results.hpp"

int layering_probe() {
  return static_cast<int>(sizeof(gigasim::sim::Results));
}
