// The serving model's behaviour (docs/models/serving.md): latency targets shrink the batch,
// memory bounds it, disaggregation moves prefill away from the decode iterations.
#include "gigasim/perf/serving.hpp"

#include <gtest/gtest.h>

#include "gigasim/io/catalog/catalog.hpp"
#include "perf_fixtures.hpp"

namespace gigasim::perf {
namespace {

using fixtures::catalog;
using fixtures::platform;

ServeSetup llama70b_on_two() {
  ServeSetup s;
  s.tp = 2;
  s.input_tokens = 1000;
  s.output_tokens = 300;
  return s;
}

TEST(Serving, ALatencyTargetTradesThroughputForSpeed) {
  const auto& m = catalog().models.at("llama-3-70b");
  const auto p = platform("dgx-h100");
  ServeSetup s = llama70b_on_two();
  const ServeEstimate offline = estimate_serving(m, p, s);
  EXPECT_STREQ(offline.limited_by, "memory");
  s.tpot_s = 0.04;
  const ServeEstimate fast = estimate_serving(m, p, s);
  EXPECT_STREQ(fast.limited_by, "tpot");
  EXPECT_LT(fast.batch, offline.batch);
  EXPECT_LE(fast.tpot_s, 0.04);
  EXPECT_LT(fast.tokens_per_s_accelerator, offline.tokens_per_s_accelerator);
  // A target no batch can meet gives no throughput, not a negative or infinite one.
  s.tpot_s = 1e-4;
  const ServeEstimate none = estimate_serving(m, p, s);
  EXPECT_EQ(none.batch, 0);
  EXPECT_EQ(none.tokens_per_s_accelerator, 0);
}

TEST(Serving, MemoryBoundsTheBatchAndMoreMemoryServesMore) {
  const auto& m = catalog().models.at("llama-3-70b");
  ServeSetup s = llama70b_on_two();
  s.tp = 1;
  const ServeEstimate h100 = estimate_serving(m, platform("dgx-h100"), s);
  const ServeEstimate h200 = estimate_serving(m, platform("hgx-h200"), s);
  EXPECT_GT(h200.kv_capacity_tokens, 5 * h100.kv_capacity_tokens);
  EXPECT_GT(h200.tokens_per_s_accelerator, 2 * h100.tokens_per_s_accelerator);
  // 405B in BF16 (810 GB) does not fit on 8 H100.
  s.tp = 8;
  s.precision = Precision::bf16;
  EXPECT_FALSE(estimate_serving(catalog().models.at("llama-3-405b"), platform("dgx-h100"), s).fits);
}

// FP4 (NVFP4) weights take 4.5 bits: more of a B200's HBM holds KV cache, and a decode step
// reads fewer bytes; the cache stays FP8, so a token of context costs what it does in FP8.
// An accelerator without FP4 products serves nothing in FP4 and says why.
TEST(Serving, Fp4WeightsLeaveMoreRoomAndReadLess) {
  const auto& m = catalog().models.at("llama-3-70b");
  const auto p = platform("dgx-b200");
  ServeSetup s = llama70b_on_two();
  s.tp = 1;
  s.max_batch = 8;
  const ServeEstimate fp8 = estimate_serving(m, p, s);
  s.precision = Precision::fp4;
  const ServeEstimate fp4 = estimate_serving(m, p, s);
  ASSERT_TRUE(fp8.fits && fp4.fits);
  const double bytes_saved = count_parameters(m).total * (1.0 - 4.5 / 8.0);
  const double fp8_bytes_per_token = 2.0 * m.layers * m.kv_heads * m.head_dim();
  EXPECT_NEAR(fp4.kv_capacity_tokens - fp8.kv_capacity_tokens, bytes_saved / fp8_bytes_per_token,
              1.0);
  // At a small batch the step is memory-bound: FP4 saves 3.5 of every 8 bits of the weights
  // it reads, and nothing of the cache or the per-layer overhead.
  const ParameterCounts c = count_parameters(m);
  const double hbm = p.system.accelerator.hbm_bandwidth.value() * p.efficiency.memory;
  EXPECT_NEAR(fp8.decode_step_s - fp4.decode_step_s,
              (c.active - c.embedding) * (1.0 - 4.5 / 8.0) / hbm, 1e-2 * fp8.decode_step_s);
  EXPECT_EQ(precision_problem(p.system.accelerator, Precision::fp4), "");
  const auto hopper = platform("dgx-h100");
  EXPECT_NE(precision_problem(hopper.system.accelerator, Precision::fp4).find("no FP4 products"),
            std::string::npos);
  const ServeEstimate none = estimate_serving(m, hopper, s);
  EXPECT_FALSE(none.fits);
  EXPECT_STREQ(none.limited_by, "precision");
}

TEST(Serving, DisaggregationSplitsThePoolsAndMeetsTheTargetWithALargerBatch) {
  const auto& m = catalog().models.at("llama-3-70b");
  const auto p = platform("dgx-h100");
  ServeSetup s = llama70b_on_two();
  s.tpot_s = 0.05;
  const ServeEstimate together = estimate_serving(m, p, s);
  s.disaggregated = true;
  const ServeEstimate apart = estimate_serving(m, p, s);
  EXPECT_GT(apart.prefill_share, 0.0);
  EXPECT_LT(apart.prefill_share, 1.0);
  EXPECT_GT(apart.batch, together.batch);  // prefills no longer slow the iterations
  EXPECT_NEAR(apart.tpot_s, apart.decode_step_s, 1e-12);
  EXPECT_GT(apart.joules_per_token, 0);
}

TEST(Serving, AMixtureReadsTheExpertsItsBatchChose) {
  const auto& m = catalog().models.at("mixtral-8x7b");
  const auto p = platform("dgx-h100");
  ServeSetup s;
  s.tp = 2;
  s.max_batch = 1;
  const ServeEstimate one = estimate_serving(m, p, s);
  s.max_batch = 64;
  const ServeEstimate many = estimate_serving(m, p, s);
  // One sequence reads 2 of 8 experts per layer; 64 read them all, yet share the read.
  EXPECT_GT(many.decode_step_s, one.decode_step_s);
  EXPECT_GT(many.tokens_per_s_replica, 20 * one.tokens_per_s_replica);
}

// Latent attention (DeepSeek-V3) caches 576 values per token and layer where its 128 heads
// would cache 40,960 (keys of 192, values of 128): the same HBM holds 71 times the context,
// and a B200 replica serves twenty times the sequences and more.
TEST(Serving, LatentAttentionCachesItsLatentOnly) {
  const TransformerModel& latent = catalog().models.at("deepseek-v3");
  ASSERT_TRUE(latent.has_latent_kv());
  TransformerModel heads = latent;
  heads.kv_lora_rank = 0;
  heads.qk_rope_head_dim = 0;
  EXPECT_DOUBLE_EQ(latent.kv_cache_width(), 576.0);
  EXPECT_DOUBLE_EQ(heads.kv_cache_width(), 128.0 * (192 + 128));
  const auto p = platform("dgx-b200");
  ServeSetup s;
  s.tp = 8;
  s.precision = Precision::fp4;
  s.input_tokens = 2000;
  s.output_tokens = 2000;
  const ServeEstimate with_latent = estimate_serving(latent, p, s);
  const ServeEstimate with_heads = estimate_serving(heads, p, s);
  ASSERT_TRUE(with_latent.fits);
  EXPECT_NEAR(with_latent.kv_capacity_tokens / with_heads.kv_capacity_tokens, 40960.0 / 576.0,
              1e-6);
  EXPECT_GT(with_latent.batch, 20 * with_heads.batch);
  EXPECT_GT(with_latent.tokens_per_s_accelerator, with_heads.tokens_per_s_accelerator);
}

}  // namespace
}  // namespace gigasim::perf
