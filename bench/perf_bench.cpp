// Benchmarks of the training performance model: one estimate (goal: at most 10 µs) and the
// layout search for llama-3-405b on 16,384 H100 (goal: at most 100 ms).
#include <benchmark/benchmark.h>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/perf/search.hpp"
#include "gigasim/perf/step_model.hpp"

namespace {

using namespace gigasim;

struct Setup {
  io::Catalog catalog = io::Catalog::load(std::filesystem::path(GIGASIM_TEST_SOURCE_DIR) / "data");
  perf::Platform platform;
  perf::Layout layout;
  Setup() {
    platform.system = catalog.systems.at("dgx-h100");
    platform.fabric = catalog.fabrics.at("roce-400-llama3");
    platform.efficiency = catalog.efficiencies.at("hopper");
    layout.tp = 8;
    layout.pp = 16;
    layout.dp = 128;
    layout.virtual_stages = 8;
    layout.balance_embedding = true;
    layout.global_batch = 2048;
    layout.sequence_parallel = true;
    layout.recompute = perf::Recompute::full;
    layout.zero = perf::ZeroStage::zero2;
  }
};

const Setup& setup() {
  static const Setup s;
  return s;
}

void BM_PerfEstimate(benchmark::State& state) {
  const auto& s = setup();
  const auto& model = s.catalog.models.at("llama-3-405b");
  for (auto _ : state) {
    auto e = perf::estimate_step(model, s.layout, s.platform);
    benchmark::DoNotOptimize(e.step_time_s);
  }
}
BENCHMARK(BM_PerfEstimate);

void BM_PerfSearchLlama405b16k(benchmark::State& state) {
  const auto& s = setup();
  const auto& model = s.catalog.models.at("llama-3-405b");
  perf::Layout base;
  base.global_batch = 2048;
  base.zero = perf::ZeroStage::zero2;
  base.fp32_grad_reduce = true;
  std::int64_t layouts = 0;
  for (auto _ : state) {
    auto r = perf::search_layouts(model, s.platform, 16384, base, perf::SearchSpace{});
    layouts = r.layouts_possible;
    benchmark::DoNotOptimize(r.best.data());
  }
  state.counters["layouts"] = static_cast<double>(layouts);
}
BENCHMARK(BM_PerfSearchLlama405b16k)->Unit(benchmark::kMillisecond);

}  // namespace
