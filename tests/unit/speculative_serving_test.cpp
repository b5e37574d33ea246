// Speculative decoding in the serving model (docs/models/serving.md, "Speculative
// decoding"): what an iteration gains (the accepted draft tokens) and what it pays (the
// draft passes, the verification of several tokens, the draft's weights and cache).
#include <gtest/gtest.h>

#include <cmath>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/perf/serving.hpp"
#include "perf_fixtures.hpp"

namespace gigasim::perf {
namespace {

using fixtures::catalog;
using fixtures::llama70b_on_two;
using fixtures::platform;

// DeepSeek-V3 tensor-parallel over eight accelerators in FP8, `batch` sequences at most.
ServeSetup deepseek_on_eight(int batch) {
  ServeSetup s;
  s.tp = 8;
  s.precision = Precision::fp8;
  s.input_tokens = 1000;
  s.output_tokens = 1000;
  s.max_batch = batch;
  return s;
}

// Leviathan et al. 2023, eq. 1: (1 − α^(k+1)) / (1 − α) tokens per iteration.
TEST(SpeculativeServing, AnIterationGainsTheExpectedAcceptedTokens) {
  const auto& m = catalog().models.at("deepseek-v3");
  const auto p = platform("hgx-h200");
  ServeSetup s = deepseek_on_eight(1);
  EXPECT_DOUBLE_EQ(estimate_serving(m, p, s).tokens_per_iteration, 1.0);
  s.speculative = {3, 0.5, 1.0};
  EXPECT_NEAR(estimate_serving(m, p, s).tokens_per_iteration, 1.875, 1e-12);
  s.speculative = {3, 1.0, 1.0};
  EXPECT_DOUBLE_EQ(estimate_serving(m, p, s).tokens_per_iteration, 4.0);
  s.speculative = {3, 0.0, 1.0};
  EXPECT_DOUBLE_EQ(estimate_serving(m, p, s).tokens_per_iteration, 1.0);
}

// A draft nobody accepts only costs: its passes and the wider verification lengthen every
// token. A draft the model mostly accepts pays, most where the step reads more than it
// computes (a small batch).
TEST(SpeculativeServing, ItPaysWhenTheDraftIsAcceptedAndMostAtSmallBatches) {
  const auto& m = catalog().models.at("deepseek-v3");
  const auto p = platform("hgx-h200");
  const auto speedup = [&](int batch, double acceptance) {
    const ServeSetup plain = deepseek_on_eight(batch);
    ServeSetup speculative = plain;
    speculative.speculative = {1, acceptance, 1.0};
    const ServeEstimate a = estimate_serving(m, p, plain);
    const ServeEstimate b = estimate_serving(m, p, speculative);
    EXPECT_GT(b.decode_step_s, a.decode_step_s);  // the draft pass and a second token
    // An iteration: the decode step and the prompts of the sequences it finishes.
    const double iteration =
        b.decode_step_s + batch * b.tokens_per_iteration / plain.output_tokens * b.prefill_s;
    EXPECT_NEAR(b.tpot_s * b.tokens_per_iteration, iteration, 1e-9 * iteration);
    return b.tokens_per_s_replica / a.tokens_per_s_replica;
  };
  EXPECT_LT(speedup(1, 0.0), 1.0);
  const double small = speedup(1, 0.9);
  const double large = speedup(256, 0.9);
  EXPECT_GT(small, 1.5);
  EXPECT_LT(small, 1.9);  // at most the 1.9 tokens an iteration gains
  EXPECT_GT(large, 1.0);
  EXPECT_LT(large, small);
}

// The draft's layer stores its weights and caches its own keys and values: the cache holds
// fewer tokens. A cheaper draft (fewer layers) costs less per iteration.
TEST(SpeculativeServing, TheDraftTakesMemoryAndItsLayersSetItsCost) {
  const auto& m = catalog().models.at("deepseek-v3");
  const auto p = platform("hgx-h200");
  const ServeSetup plain = deepseek_on_eight(64);
  ServeSetup one = plain;
  one.speculative = {2, 0.8, 1.0};
  ServeSetup half = one;
  half.speculative.draft_layers = 0.5;
  const ServeEstimate a = estimate_serving(m, p, plain);
  const ServeEstimate b = estimate_serving(m, p, one);
  const ServeEstimate c = estimate_serving(m, p, half);
  EXPECT_LT(b.kv_capacity_tokens, a.kv_capacity_tokens);
  EXPECT_GT(b.kv_capacity_tokens, 0.95 * a.kv_capacity_tokens);  // one layer of 61
  EXPECT_LT(c.decode_step_s, b.decode_step_s);
  EXPECT_GT(b.prefill_s, a.prefill_s);  // the draft's layer prefills the prompt too
}

// Against a TPOT target, each iteration's tokens count: speculation meets it with a larger
// batch, and the TPOT it reports is the iteration over the accepted tokens.
TEST(SpeculativeServing, ALatencyTargetCountsTheAcceptedTokens) {
  const auto& m = catalog().models.at("llama-3-70b");
  const auto p = platform("dgx-h100");
  ServeSetup s = llama70b_on_two();
  s.tpot_s = 0.02;
  const ServeEstimate plain = estimate_serving(m, p, s);
  s.speculative = {2, 0.8, 1.0};
  const ServeEstimate fast = estimate_serving(m, p, s);
  EXPECT_STREQ(plain.limited_by, "tpot");
  EXPECT_STREQ(fast.limited_by, "tpot");
  EXPECT_LE(fast.tpot_s, 0.02);
  EXPECT_GT(fast.batch, plain.batch);
  EXPECT_GT(fast.tokens_per_s_accelerator, plain.tokens_per_s_accelerator);
}

// Expert-parallel, every accelerator keeps its own copy of the draft layer's unrouted
// weights: the draft takes d / L of the replica's stored weights but the embedding and head.
TEST(SpeculativeServing, AnExpertParallelDraftIsStoredLikeTheModelsLayers) {
  const auto& m = catalog().models.at("deepseek-v3");
  const auto p = platform("dgx-b200");
  ServeSetup plain = deepseek_on_eight(64);
  plain.precision = Precision::fp4;
  plain.expert_parallel = true;
  ServeSetup drafted = plain;
  drafted.speculative = {1, 0.9, 1.0};
  const ServeEstimate a = estimate_serving(m, p, plain);
  const ServeEstimate b = estimate_serving(m, p, drafted);
  const ParameterCounts c = count_parameters(m);
  const double unrouted = c.total - m.moe_layers() * m.experts * c.expert;
  const double stored = c.total + 7.0 * unrouted;  // seven more copies over eight
  const double draft = (stored - 8.0 * (c.embedding + c.output)) / m.layers * (4.5 / 8.0);
  // The cache loses the draft's weights and its own share of every token's cache.
  const double kv_per_token = m.layers * m.kv_cache_width() * 1.0;  // FP8, one copy
  const double expected =
      (a.kv_capacity_tokens * kv_per_token - draft) / (kv_per_token * (1.0 + 1.0 / m.layers));
  EXPECT_NEAR(b.kv_capacity_tokens, expected, 1e-6 * expected);
  EXPECT_GT(b.tokens_per_s_replica, a.tokens_per_s_replica);
}

// At a percentile the slots' departures quicken with the accepted tokens; disaggregated,
// the decode pool's iteration gains them and the prefill pool grows with the requests served.
TEST(SpeculativeServing, TheQueueAndThePoolsCountTheAcceptedTokens) {
  const auto& m = catalog().models.at("llama-3-70b");
  const auto p = platform("dgx-h100");
  ServeSetup s = llama70b_on_two();
  s.ttft_s = 2;
  s.tpot_s = 0.2;
  s.percentile = 0.99;
  const ServeEstimate plain = estimate_serving(m, p, s);
  s.speculative = {2, 0.0, 1.0};
  const ServeEstimate rejected = estimate_serving(m, p, s);
  s.speculative = {2, 0.9, 1.0};
  const ServeEstimate accepted = estimate_serving(m, p, s);
  EXPECT_LT(rejected.tokens_per_s_replica, plain.tokens_per_s_replica);
  EXPECT_GT(accepted.tokens_per_s_replica, plain.tokens_per_s_replica);
  s.percentile = 0;
  s.disaggregated = true;
  s.speculative = {};
  const ServeEstimate apart = estimate_serving(m, p, s);
  s.speculative = {2, 0.9, 1.0};
  const ServeEstimate apart_drafted = estimate_serving(m, p, s);
  EXPECT_GT(apart_drafted.tokens_per_s_replica, apart.tokens_per_s_replica);
  // More requests a second per decode replica need more prefill replicas beside it.
  EXPECT_GT(apart_drafted.prefill_share, apart.prefill_share);
}

// The first draft pass extends the draft's state with the tokens just accepted: the more
// the verification accepts, the wider that pass, at the same batch.
TEST(SpeculativeServing, TheFirstDraftPassRunsOverTheAcceptedTokens) {
  const auto& m = catalog().models.at("deepseek-v3");
  const auto p = platform("hgx-h200");
  ServeSetup s = deepseek_on_eight(256);
  s.speculative = {1, 0.0, 1.0};
  const double none_accepted = estimate_serving(m, p, s).decode_step_s;
  s.speculative.acceptance = 0.9;
  const double mostly_accepted = estimate_serving(m, p, s).decode_step_s;
  EXPECT_GT(mostly_accepted, none_accepted);
  // One draft layer of 61 and the head over 0.9 more tokens a sequence: a few percent.
  EXPECT_LT(mostly_accepted, 1.1 * none_accepted);
}

TEST(SpeculativeServing, ADraftCostlierThanTheModelIsRefused) {
  const auto& m = catalog().models.at("llama-3-8b");
  ServeSetup s;
  EXPECT_EQ(speculation_problem(m, s), "");
  s.speculative = {2, 0.8, static_cast<double>(m.layers)};
  EXPECT_EQ(speculation_problem(m, s), "");
  s.speculative.draft_layers = m.layers + 1.0;
  EXPECT_NE(speculation_problem(m, s).find("costs more than llama-3-8b itself"), std::string::npos);
}

}  // namespace
}  // namespace gigasim::perf
