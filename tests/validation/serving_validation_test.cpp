// The serving model against published throughputs (tests/data/perf/published_inference_runs.csv):
// offline throughputs of TensorRT-LLM on H100 and H200 in FP8 and on B200 and GB200 in FP4
// (NVIDIA/TensorRT-LLM perf-overview.md, Llama 3.x), on which Hopper's kv_read and
// decode_overhead and Blackwell's gemm_max_fp4 were fitted (the `kFit` rows; the others are
// held out); TensorRT-LLM's DeepSeek-R1 throughput recipes, served expert-parallel, nothing
// fitted; and the in-flight run that measured the attention ranks' balance. MLPerf
// Inference's rows are in mlperf_validation_test.cpp. Errors are reported in
// docs/validation.md ("Inference serving", "DeepSeek-R1").
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/formats/csv.hpp"
#include "gigasim/perf/serving.hpp"
#include "published_inference_runs.hpp"
#include "validation_fixtures.hpp"

namespace gigasim::perf {
namespace {

using validation::catalog;

// Hopper's kv_read and decode_overhead: four H100 and H200 rows; Blackwell's gemm_max_fp4: one
// B200 row.
const std::set<std::string> kFit = {"t10-04", "t10-05", "t10-06", "t017-05", "t10-01"};

// A throughput row's replica size, lengths and published tokens/s (of the replica).
bool read_throughput_row(const validation::Field& field, ServeSetup& s, double& published) {
  double tp = 0;
  const bool read = io::parse_csv_number(field("tp"), tp) &&
                    io::parse_csv_number(field("input_tokens_mean"), s.input_tokens) &&
                    io::parse_csv_number(field("output_tokens_mean"), s.output_tokens) &&
                    io::parse_csv_number(field("published"), published);
  s.tp = static_cast<int>(tp);
  return read;
}

// The catalog model a published name stands for (Llama 3.1 and 3.3 share Llama 3's shapes).
std::string model_of(const std::string& name) {
  if (name.rfind("Llama-3.1-405B", 0) == 0) return "llama-3-405b";
  if (name.rfind("Llama-3.3-70B", 0) == 0 || name.rfind("Llama-3.1-70B", 0) == 0)
    return "llama-3-70b";
  if (name.rfind("Llama-3.1-8B", 0) == 0) return "llama-3-8b";
  return "";
}

TEST(ServingValidation, TensorRtLlmThroughputsFittedAndHeldOut) {
  const std::map<std::string, std::string> systems = {
      {"H100", "dgx-h100"}, {"H200", "hgx-h200"}, {"B200", "dgx-b200"}, {"GB200", "gb200-nvl72"}};
  double fit_sum = 0, fit_worst = 0, held_sum = 0, held_worst = 0;
  int fit_rows = 0, held_rows = 0;
  std::printf("\n%-8s %-5s %-14s %-13s %3s %11s %10s %10s %8s  %s\n", "run", "role", "system",
              "model", "tp", "in/out", "published", "predicted", "error", "batch");
  validation::for_each_published_inference_row([&](const validation::Field& field) {
    const std::string id = field("id");
    const std::string model = model_of(field("model"));
    const auto system = systems.find(field("accelerator"));
    const std::string precision = field("precision");
    if (id.rfind('t', 0) != 0 || model.empty() || system == systems.end() ||
        (precision != "FP8" && precision != "FP4"))
      return;
    ServeSetup s;
    double published = 0;
    ASSERT_TRUE(read_throughput_row(field, s, published)) << id;
    const double tp = s.tp;
    s.precision = precision == "FP4" ? Precision::fp4 : Precision::fp8;
    const Platform p = catalog().platform_of(catalog().systems.at(system->second));
    const ServeEstimate e = estimate_serving(catalog().models.at(model), p, s);
    const double per_gpu = published / tp;  // the table gives the tensor-parallel group's
    const double error = e.tokens_per_s_accelerator / per_gpu - 1.0;
    const bool fit = kFit.count(id) > 0;
    std::printf("%-8s %-5s %-14s %-13s %3d %5.0f/%-5.0f %10.0f %10.0f %+7.1f%%  %.0f (%s)\n",
                id.c_str(), fit ? "fit" : "held", system->second.c_str(), model.c_str(), s.tp,
                s.input_tokens, s.output_tokens, per_gpu, e.tokens_per_s_accelerator, 100 * error,
                e.batch, e.limited_by);
    RecordProperty(id, std::to_string(error));
    (fit ? fit_sum : held_sum) += std::fabs(error);
    (fit ? fit_worst : held_worst) = std::max(fit ? fit_worst : held_worst, std::fabs(error));
    ++(fit ? fit_rows : held_rows);
  });
  ASSERT_EQ(fit_rows, 5);
  ASSERT_GE(held_rows, 10);
  std::printf(
      "fit: %d rows, mean %.1f %%, worst %.1f %%; held out: %d rows, mean %.1f %%, "
      "worst %.1f %%\n",
      fit_rows, 100 * fit_sum / fit_rows, 100 * fit_worst, held_rows, 100 * held_sum / held_rows,
      100 * held_worst);
  EXPECT_LT(fit_sum / fit_rows, 0.05);
  EXPECT_LT(fit_worst, 0.08);
  // Held out: within the 15 % goal on average (7.8 %); the worst row is 70B on a single
  // H100, where the cache has room for 20 sequences (docs/validation.md says why): a bound on
  // it only.
  EXPECT_LT(held_sum / held_rows, 0.10);
  EXPECT_LT(held_worst, 0.35);
}

// DeepSeek-R1 on TensorRT-LLM's throughput recipes (its DeepSeek-R1 best-practice guide):
// fixed prompt and answer lengths, attention data-parallel with the experts spread over the
// node's 8 accelerators (`expert_parallel`), a stated concurrency (the replica's slots) and
// KV cache. Nothing was fitted on these rows. The FP8 checkpoint of tr1-03 has no KV
// quantisation, so TensorRT-LLM's default keeps the cache in 16 bits.
TEST(ServingValidation, DeepSeekR1ExpertParallelThroughputsHeldOut) {
  struct Recipe {
    int concurrency;
    Precision kv_cache;
  };
  const std::map<std::string, Recipe> recipes = {{"tr1-01", {3072, Precision::bf16}},
                                                 {"tr1-02", {7168, Precision::fp8}},
                                                 {"tr1-03", {1024, Precision::bf16}}};
  const std::map<std::string, std::string> systems = {{"B200", "dgx-b200"}, {"H200", "hgx-h200"}};
  const TransformerModel& model = catalog().models.at("deepseek-v3");  // R1's architecture
  std::map<std::string, double> error_of;
  std::printf("\n%-7s %-9s %9s %10s %10s %8s  %s\n", "run", "system", "in/out", "published",
              "predicted", "error", "decode step");
  validation::for_each_published_inference_row([&](const validation::Field& field) {
    const std::string id = field("id");
    const auto recipe = recipes.find(id);
    if (recipe == recipes.end()) return;
    ServeSetup s;
    double published = 0;
    ASSERT_TRUE(read_throughput_row(field, s, published)) << id;
    const double tp = s.tp;
    s.expert_parallel = true;
    s.precision = field("precision") == "FP4" ? Precision::fp4 : Precision::fp8;
    s.kv_cache = recipe->second.kv_cache;
    s.max_batch = recipe->second.concurrency;
    const std::string& system = systems.at(field("accelerator"));
    const ServeEstimate e =
        estimate_serving(model, catalog().platform_of(catalog().systems.at(system)), s);
    const double per_gpu = published / tp;
    const double error = e.tokens_per_s_accelerator / per_gpu - 1.0;
    std::printf("%-7s %-9s %4.0f/%-4.0f %10.0f %10.0f %+7.1f%%  %.1f ms (batch %.0f, %s)\n",
                id.c_str(), system.c_str(), s.input_tokens, s.output_tokens, per_gpu,
                e.tokens_per_s_accelerator, 100 * error, 1e3 * e.decode_step_s, e.batch,
                e.limited_by);
    RecordProperty(id, std::to_string(error));
    EXPECT_STREQ(e.limited_by, "max_batch") << id;  // the cache holds the stated slots
    error_of[id] = error;
  });
  ASSERT_EQ(error_of.size(), 3U);
  // What the model does not see, kept visible (docs/validation.md): it is 15-40 %
  // optimistic on all three, on the H200 most.
  for (const auto& [id, error] : error_of) {
    EXPECT_GT(error, 0.15) << id;
    EXPECT_LT(error, 0.4) << id;
  }
  EXPECT_GT(error_of.at("tr1-03"), error_of.at("tr1-01"));
}

// DeepSeek-V3 in flight on 8 GB200, attention data-parallel, TensorRT-LLM's balancing on
// (row tb10-01, TensorRT-LLM tech blog 10): the run whose served share of its own balanced
// pace is kAttentionDpBalance. Held out: the model's balanced pace against that pace, the
// run's iterations perfectly balanced (its "SOL TPS"). What the run served is the same
// comparison, the balance being its own. Taken where the source is silent (the row says so):
// NVFP4, MLPerf DeepSeek-R1's answer spread, NVIDIA's 512 sequences an accelerator.
TEST(ServingValidation, AttentionDataParallelBalanceMeasuredByTensorRtLlm) {
  constexpr double kBalancedTokensPerS = 37912.0;  // "SOL TPS" of the row's source
  constexpr double kAnswerSpread = validation::kDeepSeekR1AnswerSd / validation::kDeepSeekR1Answer;
  int rows = 0;
  validation::for_each_published_inference_row([&](const validation::Field& field) {
    if (field("id") != "tb10-01") return;
    ++rows;
    ServeSetup s;
    double published = 0;
    ASSERT_TRUE(read_throughput_row(field, s, published));
    s.expert_parallel = true;
    s.precision = Precision::fp4;
    s.output_tokens_sd = kAnswerSpread * s.output_tokens;
    const Platform p = catalog().platform_of(catalog().systems.at("gb200-nvl72"));
    const TransformerModel& model = catalog().models.at("deepseek-v3");
    const auto balanced_error = [&](int batch_per_gpu) {
      s.max_batch = batch_per_gpu * s.tp;
      const ServeEstimate e = estimate_serving(model, p, s);
      const double balanced = e.tokens_per_s_accelerator / kAttentionDpBalance;
      const double error = balanced / (kBalancedTokensPerS / s.tp) - 1.0;
      std::printf(
          "tb10-01 gb200-nvl72 %4.0f/%-4.0f balanced %6.0f (model %6.0f, %+5.1f%%), "
          "served %6.0f (model %6.0f), batch %.0f (%s)\n",
          s.input_tokens, s.output_tokens, kBalancedTokensPerS / s.tp, balanced, 100 * error,
          published / s.tp, e.tokens_per_s_accelerator, e.batch, e.limited_by);
      return error;
    };
    const double error = balanced_error(512);
    RecordProperty("tb10-01", std::to_string(error));
    EXPECT_LT(std::fabs(error), 0.1);
    // As many sequences as the model's memory holds (about 730 an accelerator): within 10 %
    // as well, the batch unstated by the source mattering less than the goal.
    EXPECT_LT(std::fabs(balanced_error(0)), 0.1);
  });
  ASSERT_EQ(rows, 1);
}

}  // namespace
}  // namespace gigasim::perf
