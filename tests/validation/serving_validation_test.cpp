// The serving model against published throughputs (tests/data/perf/published_inference_runs.csv):
// offline throughputs of TensorRT-LLM on H100 and H200 in FP8 and on B200 and GB200 in FP4
// (NVIDIA/TensorRT-LLM perf-overview.md, Llama 3.x), on which Hopper's kv_read and
// decode_overhead and Blackwell's gemm_max_fp4 were fitted (the `kFit` rows; the others are
// held out). MLPerf Inference's rows are in mlperf_validation_test.cpp. Errors are reported
// in docs/validation.md ("Inference serving").
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
    double tp = 0, published = 0;
    ASSERT_TRUE(io::parse_csv_number(field("tp"), tp)) << id;
    ASSERT_TRUE(io::parse_csv_number(field("input_tokens_mean"), s.input_tokens)) << id;
    ASSERT_TRUE(io::parse_csv_number(field("output_tokens_mean"), s.output_tokens)) << id;
    ASSERT_TRUE(io::parse_csv_number(field("published"), published)) << id;
    s.tp = static_cast<int>(tp);
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
  EXPECT_LT(fit_sum / fit_rows, 0.08);
  EXPECT_LT(fit_worst, 0.12);
  // Held out: within the 15 % goal on average; the worst row is 70B on a single H100, where
  // the cache has room for 20 sequences (docs/validation.md says why): a bound on it only.
  EXPECT_LT(held_sum / held_rows, 0.15);
  EXPECT_LT(held_worst, 0.60);
}

}  // namespace
}  // namespace gigasim::perf
