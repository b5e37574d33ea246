// Benchmarks of the performance models: one training estimate (goal: at most 10 µs), the
// layout search for llama-3-405b on 16,384 H100 (goal: at most 100 ms), and one serving
// estimate at MLPerf's 99th-percentile targets, whose queue of slots is solved for every
// slot count (goal: at most 50 ms for thousands of slots).
#include <benchmark/benchmark.h>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/perf/search.hpp"
#include "gigasim/perf/serving.hpp"
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

// Serving at MLPerf's server targets (TTFT 2 s, TPOT 200 ms, 99 % of requests under
// Poisson arrivals): Llama 3 70B on two H100 (429 slots, examples/serve/llama3-70b-h100.yaml),
// Llama 3 8B on one B200 in FP4 (8,707 slots), and DeepSeek-V3 expert-parallel on a DGX B200
// in FP4 at TPOT 80 ms (examples/serve/deepseek-v3-b200-fp4.yaml, 2,426 slots).
void BM_ServeAtPercentile(benchmark::State& state) {
  const auto& s = setup();
  const long which = state.range(0);
  const char* model_id = which == 0 ? "llama-3-70b" : which == 1 ? "llama-3-8b" : "deepseek-v3";
  const auto& model = s.catalog.models.at(model_id);
  const perf::Platform platform =
      s.catalog.platform_of(s.catalog.systems.at(which == 0 ? "dgx-h100" : "dgx-b200"));
  perf::ServeSetup serve;
  serve.tp = which == 0 ? 2 : which == 1 ? 1 : 8;
  serve.expert_parallel = which == 2;
  serve.precision = which == 0 ? perf::Precision::fp8 : perf::Precision::fp4;
  serve.input_tokens = which == 0 ? 1000 : which == 1 ? 200 : 2000;
  serve.output_tokens = which == 0 ? 300 : which == 1 ? 200 : 1000;
  serve.ttft_s = 2;
  serve.tpot_s = which == 2 ? 0.08 : 0.2;
  serve.percentile = 0.99;
  double slots = 0;
  for (auto _ : state) {
    const perf::ServeEstimate e = perf::estimate_serving(model, platform, serve);
    slots = e.batch;
    benchmark::DoNotOptimize(e.tokens_per_s_replica);
  }
  state.counters["slots"] = slots;
}
BENCHMARK(BM_ServeAtPercentile)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

}  // namespace
