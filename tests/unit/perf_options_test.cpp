// The step model's FP8, schedule, memory and mixture-of-experts options
// (docs/models/perf.md): each moves the step the way its physics says.
#include <gtest/gtest.h>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/perf/step_model.hpp"
#include "perf_fixtures.hpp"

namespace gigasim::perf {
namespace {

using fixtures::catalog;
using fixtures::platform;

// Llama 3 70B on 512 H100: TP 8, PP 8, DP 8.
Layout pipelined() {
  Layout l;
  l.tp = 8;
  l.pp = 8;
  l.dp = 8;
  l.global_batch = 256;
  l.sequence_parallel = true;
  l.zero = ZeroStage::zero1;
  l.recompute = Recompute::full;
  return l;
}

TEST(PerfOptions, Fp8SpeedUpIsBelowTheRatioOfPeaks) {
  // Published FP8 speed-ups on H100 are 1.3–1.5× (dgxc-benchmarking, NeMo 24.09), not 2×:
  // attention and the output layer stay in 16 bits, casts cost memory traffic and FP8
  // products reach a smaller share of their peak.
  const auto p = platform("dgx-h100");
  const auto& m = catalog().models.at("llama-3-70b");
  Layout l = pipelined();
  const StepEstimate bf16 = estimate_step(m, l, p);
  l.precision = Precision::fp8;
  const StepEstimate fp8 = estimate_step(m, l, p);
  const double speedup = bf16.step_time_s / fp8.step_time_s;
  EXPECT_GT(speedup, 1.2);
  EXPECT_LT(speedup, 1.6);
  // FP8 weights (and their transposes) take the place of the 16-bit copy: no more memory.
  EXPECT_NEAR(fp8.memory.total(), bf16.memory.total(), 1e-6 * bf16.memory.total());
}

TEST(PerfOptions, ALowerSustainedMatrixClockSlowsTheProductsOnly) {
  // The efficiency constants multiply the peak at the clock the matrix units hold
  // (Accelerator::matrix_clock): halving it doubles the products' time, not the memory
  // traffic's, and MFU stays a ratio to the datasheet peak.
  auto p = platform("dgx-h100");
  const auto& m = catalog().models.at("llama-3-70b");
  const Layout l = pipelined();
  const StepEstimate full = estimate_step(m, l, p);
  p.system.accelerator.matrix_clock = 0.5;
  const StepEstimate half = estimate_step(m, l, p);
  EXPECT_GT(half.breakdown.compute, 1.7 * full.breakdown.compute);
  EXPECT_LT(half.breakdown.compute, 2.0 * full.breakdown.compute);
  EXPECT_DOUBLE_EQ(half.peak_tflops_per_gpu, full.peak_tflops_per_gpu);
  EXPECT_DOUBLE_EQ(half.memory.total(), full.memory.total());
}

TEST(PerfOptions, ZeroBubbleSchedulesShrinkTheBubble) {
  const auto p = platform("dgx-h100");
  const auto& m = catalog().models.at("llama-3-70b");
  Layout l = pipelined();
  l.recompute = Recompute::none;  // activations in flight dominate the memory
  const StepEstimate one = estimate_step(m, l, p);
  l.schedule = Schedule::zb_h1;
  const StepEstimate h1 = estimate_step(m, l, p);
  l.schedule = Schedule::zb_h2;
  const StepEstimate h2 = estimate_step(m, l, p);
  l.schedule = Schedule::dualpipe;
  const StepEstimate dual = estimate_step(m, l, p);
  EXPECT_GT(one.breakdown.pp_bubble, 0);
  EXPECT_LT(h1.breakdown.pp_bubble, 0.6 * one.breakdown.pp_bubble);
  EXPECT_LT(h2.breakdown.pp_bubble, h1.breakdown.pp_bubble);
  EXPECT_LT(dual.breakdown.pp_bubble, one.breakdown.pp_bubble);
  // ZB-H2 holds about twice the activations in flight; DualPipe two stages' parameters.
  EXPECT_GT(h2.memory.activations, 1.5 * one.memory.activations);
  EXPECT_NEAR(dual.memory.weights, 2.0 * one.memory.weights, 0.01 * dual.memory.weights);
}

TEST(PerfOptions, PartialRecomputationLiesBetweenNoneAndFull) {
  const auto p = platform("dgx-h100");
  const auto& m = catalog().models.at("llama-3-70b");
  Layout l = pipelined();  // 10 layers per stage
  const StepEstimate full = estimate_step(m, l, p);
  l.recompute_layers = 5;
  const StepEstimate half = estimate_step(m, l, p);
  l.recompute = Recompute::none;
  l.recompute_layers = 0;
  const StepEstimate none = estimate_step(m, l, p);
  EXPECT_LT(none.step_time_s, half.step_time_s);
  EXPECT_LT(half.step_time_s, full.step_time_s);
  EXPECT_LT(full.memory.activations, half.memory.activations);
  EXPECT_LT(half.memory.activations, none.memory.activations);
  EXPECT_NEAR(half.hardware_flops_per_step - half.model_flops_per_step,
              0.5 * (full.hardware_flops_per_step - full.model_flops_per_step),
              0.01 * full.hardware_flops_per_step);
}

TEST(PerfOptions, OffloadingTradesMemoryForTheHostLink) {
  const auto p = platform("dgx-h100");
  const auto& m = catalog().models.at("llama-3-70b");
  Layout l = pipelined();
  l.recompute = Recompute::none;
  const StepEstimate kept = estimate_step(m, l, p);
  l.offload_activations = 0.5;
  const StepEstimate half = estimate_step(m, l, p);
  EXPECT_LT(half.memory.activations, 0.6 * kept.memory.activations);
  EXPECT_GE(half.step_time_s, kept.step_time_s);
  // A host link a hundred times slower cannot hide the transfers.
  Platform slow = p;
  slow.system.accelerator.host_bandwidth = p.system.accelerator.host_bandwidth * 0.01;
  const StepEstimate slowed = estimate_step(m, l, slow);
  EXPECT_GT(slowed.breakdown.offload_exposed, 0);
  EXPECT_GT(slowed.step_time_s, half.step_time_s);
}

Layout expert_layout() {
  Layout l;
  l.tp = 1;
  l.pp = 16;
  l.dp = 128;
  l.ep = 64;
  l.global_batch = 4096;
  l.zero = ZeroStage::zero1;
  l.precision = Precision::fp8;
  l.recompute = Recompute::full;
  l.balance_embedding = true;
  return l;
}

TransformerModel deepseek_with_mtp() {
  TransformerModel m = catalog().models.at("deepseek-v3");
  m.layers = 62;  // the multi-token-prediction module as one more layer: 64 pipeline slots
  m.mtp_depth = 1;
  return m;
}

// DeepSeek-V3's 129,280-word head in BF16 outweighs an FP8 layer: on balanced stages the last
// stage, which holds it (twice with the MTP module), sets the pace.
TEST(PerfOptions, AHeavyOutputLayerLoadsTheLastStage) {
  const auto p = platform("hgx-h800");
  TransformerModel m = deepseek_with_mtp();
  const Layout l = expert_layout();
  const StepEstimate with_mtp = estimate_step(m, l, p);
  m.mtp_depth = 0;
  const StepEstimate without = estimate_step(m, l, p);
  EXPECT_GT(with_mtp.breakdown.compute, without.breakdown.compute);
  // The module's pass adds the head's 2·h·V FLOPs per token.
  const auto f = [](const TransformerModel& x) { return forward_flops_per_token(x, 4096); };
  EXPECT_NEAR(f(deepseek_with_mtp()).total - f(m).total, 2.0 * 7168 * 129280, 1.0);
  // The head costs more than the layer it replaces: the pipeline's slowest stage is the last.
  m.vocab = 32000;
  EXPECT_LT(estimate_step(m, l, p).breakdown.compute, without.breakdown.compute);
}

TEST(PerfOptions, ExpertImbalanceAndRoutingMoveTheAllToAll) {
  const auto p = platform("hgx-h800");
  TransformerModel m = deepseek_with_mtp();
  const Layout l = expert_layout();
  const StepEstimate balanced = estimate_step(m, l, p);
  m.expert_imbalance = 1.3;
  const StepEstimate skewed = estimate_step(m, l, p);
  EXPECT_GT(skewed.step_time_s, balanced.step_time_s);
  EXPECT_GT(skewed.breakdown.ep_exposed, 1.2 * balanced.breakdown.ep_exposed);
  // Dropping tokens past a capacity factor of 1.1 caps the busiest rank's load.
  m.capacity_factor = 1.1;
  const StepEstimate capped = estimate_step(m, l, p);
  EXPECT_LT(capped.step_time_s, skewed.step_time_s);
  // Node-limited routing: at most 4 domains per token instead of up to 8 copies.
  m = deepseek_with_mtp();
  m.max_nodes_per_token = 4;
  EXPECT_LT(estimate_step(m, l, p).breakdown.ep_exposed, balanced.breakdown.ep_exposed);
}

TEST(PerfOptions, DualPipeAndOverlapHideTheAllToAll) {
  const auto p = platform("hgx-h800");
  const TransformerModel m = deepseek_with_mtp();
  Layout l = expert_layout();
  const StepEstimate plain = estimate_step(m, l, p);
  ASSERT_GT(plain.breakdown.ep_exposed, 0);
  l.schedule = Schedule::dualpipe;
  EXPECT_LT(estimate_step(m, l, p).breakdown.ep_exposed, 0.5 * plain.breakdown.ep_exposed);
  Platform overlapped = p;
  l.schedule = Schedule::one_f_one_b;
  overlapped.efficiency.ep_overlap = 0.5;
  EXPECT_NEAR(estimate_step(m, l, overlapped).breakdown.ep_exposed,
              0.5 * plain.breakdown.ep_exposed, 1e-9);
}

TEST(PerfOptions, MoeLayersWithoutGraphsWaitForTheHost) {
  // Launched from the host, each MoE layer of each micro-batch adds kMoeLayerHostTime to the
  // busiest stage's compute (here no recomputation repeats it and no output layer replaces
  // a layer); dense layers do not change.
  const auto p = platform("hgx-h800");
  const TransformerModel m = deepseek_with_mtp();
  Layout l = expert_layout();
  l.recompute = Recompute::none;
  l.balance_embedding = false;
  const StepEstimate graphed = estimate_step(m, l, p);
  l.cuda_graphs = false;
  const StepEstimate launched = estimate_step(m, l, p);
  const double moe_share = static_cast<double>(m.moe_layers()) / m.layers;
  const double per_micro_batch = l.busiest_stage_layers(m.layers) * moe_share * kMoeLayerHostTime;
  EXPECT_NEAR(launched.breakdown.compute - graphed.breakdown.compute,
              l.micro_batches() * per_micro_batch, 1e-6 * graphed.breakdown.compute);
  EXPECT_GT(launched.step_time_s, graphed.step_time_s);
  // A fully recomputed forward launches its kernels again: a third more.
  l.recompute = Recompute::full;
  const double recomputed = estimate_step(m, l, p).breakdown.compute;
  l.cuda_graphs = true;
  EXPECT_NEAR(recomputed - estimate_step(m, l, p).breakdown.compute,
              4.0 / 3.0 * l.micro_batches() * per_micro_batch, 1e-6 * recomputed);
  const auto& dense = catalog().models.at("llama-3-8b");
  Layout d;
  d.dp = 8;
  d.global_batch = 64;
  const double dense_graphed = estimate_step(dense, d, p).step_time_s;
  d.cuda_graphs = false;
  EXPECT_DOUBLE_EQ(estimate_step(dense, d, p).step_time_s, dense_graphed);
}

TEST(PerfOptions, EstimatesSayWhenTheirGenerationIsExtrapolated) {
  const auto& m = catalog().models.at("llama-3-8b");
  Layout l;
  l.dp = 8;
  l.global_batch = 64;
  EXPECT_FALSE(estimate_step(m, l, platform("dgx-h100")).extrapolated);
  EXPECT_FALSE(estimate_step(m, l, platform("dgx-b200")).extrapolated);
  EXPECT_TRUE(estimate_step(m, l, platform("mi355x-platform")).extrapolated);
}

// Layers that do not divide into the stages: the busiest stage holds one more, and the
// pipeline keeps its pace. 78 layers on 8 stages take as long as 80 (stages of 10), and do
// less useful work in that time.
TEST(PerfOptions, UnevenStagesMoveAtTheBusiestStagesPace) {
  const auto p = platform("dgx-h100");
  const auto& m = catalog().models.at("llama-3-70b");
  TransformerModel shorter = m;
  shorter.layers = 78;
  const Layout l = pipelined();
  EXPECT_TRUE(check_layout(shorter, l, 512, 8).empty());
  EXPECT_EQ(l.busiest_stage_layers(shorter.layers), 10);
  const StepEstimate even = estimate_step(m, l, p);
  const StepEstimate uneven = estimate_step(shorter, l, p);
  EXPECT_DOUBLE_EQ(uneven.breakdown.compute, even.breakdown.compute);
  EXPECT_LT(uneven.mfu, even.mfu);
  // A stage's recomputed layers are counted against the busiest stage.
  Layout partial = l;
  partial.recompute_layers = 10;
  EXPECT_TRUE(check_layout(shorter, partial, 512, 8).empty());
  partial.recompute_layers = 11;
  EXPECT_FALSE(check_layout(shorter, partial, 512, 8).empty());
}

TEST(PerfOptions, ImpossibleOptionsNameTheirConstraint) {
  const auto& m = catalog().models.at("llama-3-70b");
  Layout l = pipelined();
  l.pp = 1;
  l.dp = 64;
  l.schedule = Schedule::zb_h1;
  auto v = check_layout(m, l, 512, 8);
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0].field, "schedule");
  l = pipelined();
  l.recompute = Recompute::selective;
  l.recompute_layers = 2;
  v = check_layout(m, l, 512, 8);
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0].field, "recompute_layers");
  l.recompute = Recompute::full;
  l.recompute_layers = 11;  // a stage holds 10
  v = check_layout(m, l, 512, 8);
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0].field, "recompute_layers");
  l = pipelined();
  l.precision = Precision::fp4;  // a serving precision
  v = check_layout(m, l, 512, 8);
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0].field, "precision");
  // Degrees whose products overflow 32 bits are refused, not wrapped round.
  l = pipelined();
  l.pp = 4194304;
  l.virtual_stages = 1024;
  l.dp = 1;
  l.tp = 1;
  EXPECT_FALSE(check_layout(m, l, 4194304, 8).empty());
  EXPECT_FALSE(layout_possible(m, l, 4194304, 8));
}

}  // namespace
}  // namespace gigasim::perf
