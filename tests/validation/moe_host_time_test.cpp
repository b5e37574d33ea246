// The host time of MoE layers launched without CUDA graphs (kMoeLayerHostTime,
// docs/models/perf.md, "Host time of MoE layers"): the step model reproduces the gain
// Megatron-LM's DeepSeek-V3 GB200 optimisation guide measured when it captured the static
// parts of each layer as graphs, the one measurement the constant was fitted on.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "gigasim/io/scenario/perf_input.hpp"
#include "gigasim/perf/step_model.hpp"
#include "validation_fixtures.hpp"

namespace gigasim::perf {
namespace {

// The guide's layout (NVIDIA/Megatron-LM docs/discussions/deepseek-v3-gb200-optimization/
// deepseek-v3-gb200-optimization.md @1d9edcf8, §1): 256 GB200, TP1/PP8/VPP4/EP32/MBS1/GBS2048,
// MXFP8, DeepSeek-V3 without MTP, first stage the embedding and one layer, last stage the
// loss ("Et|(tt|)*30L").
constexpr const char* kGuideLayout = R"(model: deepseek-v3
system: gb200-nvl72
gpus: 256
parallelism:
  tp: 1
  pp: 8
  virtual_stages: 4
  ep: 32
  micro_batch: 1
  global_batch: 2048
  zero: zero1
  precision: fp8
  rank_order: tp-cp-dp-pp
  balance_embedding: true
)";

double step_time(bool graphs) {
  io::PerfInput in =
      io::load_perf_text(kGuideLayout, "guide", validation::catalog(), io::PerfMode::estimate);
  in.layout.cuda_graphs = graphs;
  return estimate_step(in.model, in.layout, in.platform).step_time_s;
}

TEST(MoeHostTime, ReproducesTheGraphGainMeasuredOnGb200) {
  // The guide's table (§3): CUDA graphs of attention, router and preprocessing took the run
  // from 610.71 to 663.27 TFLOP/s, and graphing the shared experts from 797.67 to 829.93
  // ("a total of 84.8 TFLOPS", §2.3). Its FLOPs per GPU and step: 2,048 × 4,096 tokens over
  // 256 GPUs at NVIDIA's count for DeepSeek-V3 without MTP, 1,088 TFLOP/s at 4,357 tokens/s
  // per GPU (Megatron-Bridge performance summary, 25.11, DGX-GB300), 2.497e11 a token; the
  // guide is taken to count FLOPs as that summary does (both NVIDIA's, for one model). The
  // model paces the step by its balanced last rank, eight layer slots with the output layer
  // in place of one (the head outweighs a layer), so H passes through 7 · 58/61 layers in
  // each of the 64 + 7/4 micro-batch times of the step; the guide's middle ranks hold eight
  // layers. H carries that stage assumption.
  const double flops = 2048.0 * 4096.0 / 256.0 * 1088e12 / 4357.0;
  const double measured =
      flops * (1 / 610.71e12 - 1 / 663.27e12) + flops * (1 / 797.67e12 - 1 / 829.93e12);
  const double modelled = step_time(false) - step_time(true);
  std::printf("\nguide's graph gain: measured %.3f s a step, model %.3f s (%+.1f %%)\n", measured,
              modelled, 100 * (modelled / measured - 1));
  EXPECT_NEAR(modelled, measured, 0.005 * measured);
}

}  // namespace
}  // namespace gigasim::perf
