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
using fixtures::platform;

// DeepSeek-V3 tensor-parallel over a DGX H200 in FP8, `batch` sequences at most.
ServeSetup deepseek_on_h200(int batch) {
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
  ServeSetup s = deepseek_on_h200(1);
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
    const ServeSetup plain = deepseek_on_h200(batch);
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
  const ServeSetup plain = deepseek_on_h200(64);
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
  ServeSetup s;
  s.tp = 2;
  s.input_tokens = 1000;
  s.output_tokens = 300;
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
