// A study's speed-up with threads (docs/studies.md, docs/performance.md): the six variants
// and three replicas of studies/minimal-sites.yaml, run on 1 and 2 threads.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "gigasim/api/api.hpp"
#include "gigasim/study/study.hpp"

namespace {

const std::filesystem::path kSource = GIGASIM_TEST_SOURCE_DIR;

void BM_StudyMinimalSites(benchmark::State& state) {
  static const gigasim::io::Catalog catalog = gigasim::api::load_catalog(kSource / "data");
  const gigasim::study::StudySpec spec =
      gigasim::study::load_study(kSource / "studies/minimal-sites.yaml");
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    const gigasim::study::StudyResult r = gigasim::study::run_study(spec, catalog, threads);
    benchmark::DoNotOptimize(r.variants.size());
  }
  state.counters["runs_per_s"] =
      benchmark::Counter(6.0 * 3.0, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_StudyMinimalSites)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
