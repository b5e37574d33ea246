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
// in FP4 at TPOT 80 ms (examples/serve/deepseek-v3-b200-fp4.yaml, 2,620 slots), the last
// also drafting three tokens a sequence with its multi-token prediction module.
void BM_ServeAtPercentile(benchmark::State& state) {
  struct Case {
    const char* model;
    const char* system;
    int tp;
    bool expert_parallel;
    perf::Precision precision;
    double input_tokens, output_tokens, tpot_s;
    perf::Speculation speculative;
  };
  static const Case cases[] = {
      {"llama-3-70b", "dgx-h100", 2, false, perf::Precision::fp8, 1000, 300, 0.2, {}},
      {"llama-3-8b", "dgx-b200", 1, false, perf::Precision::fp4, 200, 200, 0.2, {}},
      {"deepseek-v3", "dgx-b200", 8, true, perf::Precision::fp4, 2000, 1000, 0.08, {}},
      {"deepseek-v3", "dgx-b200", 8, true, perf::Precision::fp4, 2000, 1000, 0.08, {3, 0.8, 1}}};
  const Case& c = cases[state.range(0)];
  const auto& s = setup();
  const auto& model = s.catalog.models.at(c.model);
  const perf::Platform platform = s.catalog.platform_of(s.catalog.systems.at(c.system));
  perf::ServeSetup serve;
  serve.tp = c.tp;
  serve.expert_parallel = c.expert_parallel;
  serve.precision = c.precision;
  serve.input_tokens = c.input_tokens;
  serve.output_tokens = c.output_tokens;
  serve.ttft_s = 2;
  serve.tpot_s = c.tpot_s;
  serve.percentile = 0.99;
  serve.speculative = c.speculative;
  double slots = 0;
  for (auto _ : state) {
    const perf::ServeEstimate e = perf::estimate_serving(model, platform, serve);
    slots = e.batch;
    benchmark::DoNotOptimize(e.tokens_per_s_replica);
  }
  state.counters["slots"] = slots;
}
BENCHMARK(BM_ServeAtPercentile)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

}  // namespace
