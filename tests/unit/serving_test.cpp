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

}  // namespace
}  // namespace gigasim::perf
