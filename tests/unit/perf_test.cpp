#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/perf/collectives.hpp"
#include "gigasim/perf/search.hpp"
#include "gigasim/perf/step_model.hpp"
#include "perf_fixtures.hpp"

namespace gigasim::perf {
namespace {

using fixtures::catalog;
using fixtures::platform;

TEST(ModelCounts, ParametersMatchThePublishedSizes) {
  const auto count = [](const char* id) { return count_parameters(catalog().models.at(id)); };
  EXPECT_NEAR(count("llama-3-405b").total / 1e9, 405.0, 405 * 0.01);
  EXPECT_NEAR(count("llama-3-70b").total / 1e9, 70.6, 70 * 0.02);
  EXPECT_NEAR(count("llama-3-8b").total / 1e9, 8.0, 8 * 0.02);
  EXPECT_NEAR(count("gpt-3-175b").total / 1e9, 175.0, 175 * 0.01);
  EXPECT_NEAR(count("megatron-gpt-529.6b").total / 1e9, 529.6, 529.6 * 0.01);
  EXPECT_NEAR(count("megatron-gpt-1.7b").total / 1e9, 1.7, 1.7 * 0.05);
  // Mixtral: 46.7B in total, 12.9B active (Jiang et al. 2024 §2.1).
  EXPECT_NEAR(count("mixtral-8x7b").total / 1e9, 46.7, 46.7 * 0.01);
  EXPECT_NEAR(count("mixtral-8x7b").active / 1e9, 12.9, 12.9 * 0.02);
  // DeepSeek-V3: 671B in total, 37B active (arXiv:2412.19437 §1); MLA approximated.
  EXPECT_NEAR(count("deepseek-v3").total / 1e9, 671.0, 671 * 0.03);
  EXPECT_NEAR(count("deepseek-v3").active / 1e9, 37.0, 37 * 0.08);
}

TEST(ModelCounts, FlopsFollowSixNPlusAttention) {
  const TransformerModel& m = catalog().models.at("gpt-3-175b");
  const ParameterCounts c = count_parameters(m);
  // The embedding lookup costs no FLOPs; the output projection (tied or not) does.
  const double six_n =
      6.0 * (c.total - c.embedding - c.output + static_cast<double>(m.hidden) * m.vocab);
  const double attention = 3.0 * m.layers * 2.0 * m.seq_len * m.hidden;
  EXPECT_NEAR(training_flops_per_token(m, m.seq_len), six_n + attention, 1e-6 * six_n);
}

TEST(Collectives, ClosedForms) {
  const Link link{100e9, 10e-6};
  // Ring all-reduce of 1 GB over 8 ranks: 2·7/8·1e9/1e11 + 14·1e-5 s.
  EXPECT_NEAR(all_reduce_time(1e9, 8, link), 2.0 * 7 / 8 * 0.01 + 14e-5, 1e-12);
  // Small messages take the tree: 2·1e3/1e11 + 2·3·1e-5.
  EXPECT_NEAR(all_reduce_time(1e3, 8, link), 2e-8 + 6e-5, 1e-12);
  EXPECT_NEAR(all_gather_time(1e9, 4, link), 0.75 * 0.01 + 3e-5, 1e-12);
  EXPECT_DOUBLE_EQ(all_reduce_time(1e9, 1, link), 0.0);
}

TEST(Collectives, GroupsPickTheirTier) {
  Tiers t;
  t.scale_up_domain = 8;
  t.scale_up = {400e9, 1e-6};
  t.scale_out = {50e9, 5e-6};
  t.pod_size = 3072;
  t.oversubscription = 7;
  EXPECT_DOUBLE_EQ(link_for_group(t, 8, 1).bandwidth, 400e9);  // inside the domain
  EXPECT_DOUBLE_EQ(link_for_group(t, 16, 8).bandwidth, 50e9);  // across nodes in a pod
  EXPECT_DOUBLE_EQ(link_for_group(t, 128, 128).bandwidth,
                   50e9);  // 3072/(7·128) > 1: uplinks suffice
  EXPECT_NEAR(link_for_group(t, 8, 2048).bandwidth, 50e9 * 3072 / (7.0 * 2048),
              1.0);  // oversubscribed
}

TEST(Layout, ImpossibleLayoutsNameTheirConstraint) {
  const TransformerModel& m = catalog().models.at("llama-3-405b");
  Layout l;
  l.tp = 16;
  l.pp = 10;
  l.virtual_stages = 13;  // 130 chunks for 126 layers
  l.dp = 100;
  l.global_batch = 2047;
  const auto v = check_layout(m, l, 16384, 8);
  std::set<std::string> fields;
  for (const auto& x : v) fields.insert(x.field);
  EXPECT_TRUE(fields.count("dp")) << "gpus != tp·pp·dp·cp";
  EXPECT_TRUE(fields.count("tp")) << "tp beyond the scale-up domain";
  EXPECT_TRUE(fields.count("pp")) << "126 layers for 130 chunks";
  EXPECT_TRUE(fields.count("global_batch"));
  EXPECT_FALSE(layout_possible(m, l, 16384, 8));
  l = Layout{};
  l.tp = 8;
  l.pp = 16;
  l.dp = 128;
  l.virtual_stages = 8;
  l.balance_embedding = true;
  l.global_batch = 2048;
  EXPECT_TRUE(check_layout(m, l, 16384, 8).empty());
  EXPECT_TRUE(layout_possible(m, l, 16384, 8));
}

TEST(Layout, FastCheckAgreesWithTheFullCheck) {
  const TransformerModel& m = catalog().models.at("mixtral-8x7b");
  int disagreements = 0, possible = 0;
  Layout l;
  l.global_batch = 256;
  for (int tp : {1, 2, 3, 8, 16}) {
    for (int pp : {1, 2, 4, 5}) {
      for (int ep : {1, 2, 4, 8, 16}) {
        for (int v : {1, 2, 4}) {
          l.tp = tp;
          l.pp = pp;
          l.ep = ep;
          l.virtual_stages = v;
          l.dp = 64 / (tp * pp) > 0 ? 64 / (tp * pp) : 1;
          const bool fast = layout_possible(m, l, 64, 8);
          possible += fast;
          disagreements += fast != check_layout(m, l, 64, 8).empty();
        }
      }
    }
  }
  EXPECT_EQ(disagreements, 0);
  EXPECT_GT(possible, 10);
}

Layout llama_layout() {
  Layout l;
  l.tp = 8;
  l.pp = 16;
  l.dp = 128;
  l.virtual_stages = 8;
  l.balance_embedding = true;
  l.global_batch = 2048;
  l.sequence_parallel = true;
  l.recompute = Recompute::full;
  l.zero = ZeroStage::zero2;
  return l;
}

TEST(StepModel, BreakdownAddsUpAndUtilisationIsConsistent) {
  const auto p = platform("dgx-h100");
  const auto& m = catalog().models.at("llama-3-405b");
  const StepEstimate e = estimate_step(m, llama_layout(), p);
  const auto& b = e.breakdown;
  EXPECT_NEAR(b.compute + b.tp_exposed + b.pp_bubble + b.pp_p2p_exposed + b.dp_exposed +
                  b.cp_exposed + b.ep_exposed + b.offload_exposed + b.optimizer,
              e.step_time_s, 1e-9 * e.step_time_s);
  EXPECT_NEAR(e.tokens_per_s, 2048.0 * 8192 / e.step_time_s, 1e-6 * e.tokens_per_s);
  EXPECT_NEAR(e.mfu, e.model_tflops_per_gpu / 989.4, 1e-3);
  EXPECT_GT(e.hfu, e.mfu);  // full recomputation adds a forward pass
  EXPECT_NEAR(e.hardware_flops_per_step / e.model_flops_per_step, 4.0 / 3.0, 0.02);
  EXPECT_GT(e.power_per_gpu_w, p.system.accelerator.idle_power.value());
  EXPECT_LT(e.power_per_gpu_w, p.system.accelerator.tdp.value());
}

TEST(StepModel, MoreAcceleratorsTrainFasterButLessEfficiently) {
  const auto p = platform("dgx-h100");
  const auto& m = catalog().models.at("llama-3-405b");
  Layout half = llama_layout();
  half.dp = 64;
  const StepEstimate small = estimate_step(m, half, p);
  const StepEstimate large = estimate_step(m, llama_layout(), p);
  EXPECT_GT(large.tokens_per_s, small.tokens_per_s);
  EXPECT_LT(large.mfu, small.mfu);  // fewer micro-batches per pipeline: a larger bubble
}

// Llama 3 70B on 1,024 GPUs: TP 8 within a node, PP 4, DP 32.
Layout llama_70b_layout() {
  Layout l;
  l.tp = 8;
  l.pp = 4;
  l.dp = 32;
  l.global_batch = 1024;
  return l;
}

TEST(StepModel, MemoryFollowsShardingAndRecomputation) {
  const auto p = platform("dgx-h100");
  const auto& m = catalog().models.at("llama-3-70b");
  Layout l = llama_70b_layout();
  l.sequence_parallel = true;
  const double params = count_parameters(m).total;
  l.zero = ZeroStage::none;
  l.recompute = Recompute::none;
  const StepEstimate plain = estimate_step(m, l, p);
  // Weights 2 B, gradients 2 B, Adam 12 B per parameter, over tp·pp (embedding on a stage).
  EXPECT_NEAR(plain.memory.optimizer, 12.0 * params / 32, 0.05 * 12.0 * params / 32);
  l.zero = ZeroStage::zero1;
  EXPECT_NEAR(estimate_step(m, l, p).memory.optimizer, plain.memory.optimizer / 32, 1.0);
  l.recompute = Recompute::full;
  EXPECT_LT(estimate_step(m, l, p).memory.activations, plain.memory.activations / 5);
  EXPECT_GT(estimate_step(m, l, p).step_time_s, estimate_step(
                                                    m,
                                                    [&] {
                                                      Layout x = l;
                                                      x.recompute = Recompute::selective;
                                                      return x;
                                                    }(),
                                                    p)
                                                    .step_time_s);
}

TEST(StepModel, Fp8IsFasterThanBf16OnHopper) {
  const auto p = platform("dgx-h100");
  const auto& m = catalog().models.at("llama-3-70b");
  Layout l = llama_70b_layout();
  l.recompute = Recompute::selective;
  l.sequence_parallel = true;  // FP8 inputs are cast on each rank's share, then gathered
  const double bf16 = estimate_step(m, l, p).step_time_s;
  l.precision = Precision::fp8;
  EXPECT_LT(estimate_step(m, l, p).step_time_s, 0.85 * bf16);
}

TEST(Search, FindsFittingLayoutsFastestFirst) {
  const auto p = platform("dgx-h100");
  const auto& m = catalog().models.at("llama-3-70b");
  Layout base;
  base.global_batch = 512;
  base.zero = ZeroStage::zero1;
  const SearchResult r = search_layouts(m, p, 256, base, SearchSpace{});
  ASSERT_EQ(r.best.size(), 10U);
  EXPECT_GT(r.layouts_possible, r.layouts_fitting);
  for (std::size_t i = 0; i < r.best.size(); ++i) {
    EXPECT_TRUE(r.best[i].estimate.fits_in_memory);
    EXPECT_TRUE(check_layout(m, r.best[i].layout, 256, 8).empty());
    if (i > 0) {
      EXPECT_GE(r.best[i - 1].estimate.tokens_per_s, r.best[i].estimate.tokens_per_s);
    }
  }
}

TEST(Search, AnswersForEveryModelOnEveryAccelerator) {
  for (const auto& [model_id, model] : catalog().models) {
    for (const auto& [system_id, system] : catalog().systems) {
      Platform p = platform(system_id.c_str());
      Layout base;
      base.global_batch = 1024;
      base.zero = ZeroStage::zero1;
      SearchSpace space;
      space.micro_batches = {1};
      space.virtual_stages = {1, 2};
      const SearchResult r = search_layouts(model, p, 1024, base, space, 3);
      EXPECT_GT(r.layouts_possible, 0) << model_id << " on " << system_id;
      for (const auto& c : r.best) {
        ASSERT_TRUE(std::isfinite(c.estimate.step_time_s) && c.estimate.step_time_s > 0)
            << model_id << " " << system_id;
        ASSERT_GT(c.estimate.mfu, 0.05) << model_id << " on " << system_id;
        ASSERT_LT(c.estimate.mfu, 0.9) << model_id << " on " << system_id;
      }
      // Everything but the largest models fits on 1,024 accelerators of any kind.
      if (count_parameters(model).total < 200e9) {
        EXPECT_FALSE(r.best.empty()) << model_id << " on " << system_id;
      }
    }
  }
}

}  // namespace
}  // namespace gigasim::perf
