// The serving model against published throughputs (tests/data/perf/published_inference_runs.csv):
// offline throughputs of TensorRT-LLM on H100 and H200 in FP8 and on B200 and GB200 in FP4
// (NVIDIA/TensorRT-LLM perf-overview.md, Llama 3.x), on which Hopper's kv_read and
// decode_overhead and Blackwell's gemm_max_fp4 were fitted (the `kFit` rows; the others are
// held out), and MLPerf Inference's Llama 2 70B rows. Errors are reported in
// docs/validation.md ("Inference serving").
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/formats/csv.hpp"
#include "gigasim/perf/serving.hpp"
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

// Calls `row` with a field accessor (by column name) for each row of
// published_inference_runs.csv.
using Field = std::function<const std::string&(const char*)>;
void for_each_published_row(const std::function<void(const Field&)>& row) {
  const std::string file = std::string(GIGASIM_TEST_DATA) + "/perf/published_inference_runs.csv";
  std::ifstream in(file);
  if (!in.good()) ADD_FAILURE() << "cannot read " << file;
  io::CsvReader reader(in, file);
  io::CsvRecord record;
  std::map<std::string, std::size_t> column;
  while (reader.next(record)) {
    if (column.empty()) {
      for (std::size_t i = 0; i < record.fields.size(); ++i) column[record.fields[i]] = i;
      continue;
    }
    row([&](const char* name) -> const std::string& { return record.fields.at(column.at(name)); });
  }
}

TEST(ServingValidation, TensorRtLlmThroughputsFittedAndHeldOut) {
  const std::map<std::string, std::string> systems = {
      {"H100", "dgx-h100"}, {"H200", "hgx-h200"}, {"B200", "dgx-b200"}, {"GB200", "gb200-nvl72"}};
  double fit_sum = 0, fit_worst = 0, held_sum = 0, held_worst = 0;
  int fit_rows = 0, held_rows = 0;
  std::printf("\n%-8s %-5s %-14s %-13s %3s %11s %10s %10s %8s  %s\n", "run", "role", "system",
              "model", "tp", "in/out", "published", "predicted", "error", "batch");
  for_each_published_row([&](const Field& field) {
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

// MLPerf Inference, Llama 2 70B on OpenOrca (closed division, offline and server). The
// results give the mean answer (294.45 tokens, the reference implementation's tokens per
// sample, mlcommons/inference language/llama2-70b/README.md) but not the mean prompt, which
// nothing we found publishes. It is inferred from one row, `kMlperfFit` (H200, v5.0,
// offline), and every other row is predicted with it. Hopper, MI300X and MI325X rows serve
// in FP8; NVIDIA's Blackwell rows in FP4: its first B200 submission (v4.1) was the first in
// FP4 (NVIDIA, "What's the ROI? Getting the Most Out of LLM Inference", 2024) and its later
// ones quantised Llama 2 70B to NVFP4 (NVIDIA, MLPerf Inference v5.1 blog, 2025); MI355X in
// MXFP4 (AMD, reproducing the MLPerf Inference v6.0 submission, 2026). Each row's
// replica is the tensor-parallel degree that serves most per accelerator, as a submitter
// tunes it.
constexpr const char* kMlperfFit = "m50-03";
// CDNA3's one fitted serving constant, gemm_max_fp8, comes from this row (MI300X, v5.1,
// offline; data/efficiency.yaml); the other AMD rows are held out.
constexpr const char* kMlperfAmdFit = "m51-15";
constexpr double kMlperfAnswer = 294.45;

struct MlperfRow {
  std::string id, system, scenario;
  Precision precision = Precision::fp8;
  double published_per_gpu = 0, ttft_s = 0, tpot_s = 0;
  int gpus = 0;
};

std::vector<MlperfRow> mlperf_llama2_rows() {
  const std::map<std::string, std::string> systems = {
      {"H100-SXM-80GB", "dgx-h100"}, {"H200-SXM-141GB", "hgx-h200"}, {"B200-SXM-180GB", "dgx-b200"},
      {"GB200", "gb200-nvl72"},      {"MI300X", "mi300x-platform"},  {"MI325X", "mi325x-platform"},
      {"MI355X", "mi355x-platform"}};
  std::vector<MlperfRow> rows;
  for_each_published_row([&](const Field& field) {
    const auto system = systems.find(field("accelerator"));
    if (field("id").rfind('m', 0) != 0 || field("model").rfind("Llama-2-70B", 0) != 0 ||
        system == systems.end())
      return;
    MlperfRow r{field("id"), system->second, field("scenario")};
    const bool fp4 = system->second == "dgx-b200" || system->second == "gb200-nvl72" ||
                     system->second == "mi355x-platform";
    r.precision = fp4 ? Precision::fp4 : Precision::fp8;
    double gpus = 0, published = 0;
    if (!io::parse_csv_number(field("gpus_in_system"), gpus) ||
        !io::parse_csv_number(field("published"), published))
      return;
    r.gpus = static_cast<int>(gpus);
    r.published_per_gpu = published / gpus;
    (void)io::parse_csv_number(field("ttft_limit_s"), r.ttft_s);  // empty: offline
    (void)io::parse_csv_number(field("tpot_limit_s"), r.tpot_s);
    rows.push_back(r);
  });
  return rows;
}

// Tokens/s per accelerator of the best replica for `row` at a mean prompt of `prompt`.
std::pair<double, int> mlperf_prediction(const MlperfRow& row, double prompt) {
  TransformerModel llama2 = catalog().models.at("llama-3-70b");
  llama2.id = "llama-2-70b";
  llama2.vocab = 32000;  // Llama 2's tokenizer (Touvron et al. 2023); the blocks are alike
  Platform p = catalog().platform_of(catalog().systems.at(row.system));
  double best = 0;
  int best_tp = 0;
  for (int tp = 1; tp <= std::min(8, row.gpus); tp *= 2) {
    ServeSetup s;
    s.tp = tp;
    s.precision = row.precision;
    s.input_tokens = prompt;
    s.output_tokens = kMlperfAnswer;
    s.ttft_s = row.ttft_s;
    s.tpot_s = row.tpot_s;
    const ServeEstimate e = estimate_serving(llama2, p, s);
    if (e.tokens_per_s_accelerator > best) {
      best = e.tokens_per_s_accelerator;
      best_tp = tp;
    }
  }
  return {best, best_tp};
}

TEST(ServingValidation, MlperfLlama2RowsAtTheInferredPromptLength) {
  const std::vector<MlperfRow> rows = mlperf_llama2_rows();
  ASSERT_GE(rows.size(), 12U);
  const auto fit =
      std::find_if(rows.begin(), rows.end(), [](const MlperfRow& r) { return r.id == kMlperfFit; });
  ASSERT_NE(fit, rows.end());
  // Throughput falls as the prompt grows: bisection on the prompt within MLPerf's bounds
  // (at most 1,024 input tokens, AMD's description of the benchmark).
  double lo = 16, hi = 1024;
  ASSERT_GT(mlperf_prediction(*fit, lo).first, fit->published_per_gpu);
  ASSERT_LT(mlperf_prediction(*fit, hi).first, fit->published_per_gpu);
  for (int i = 0; i < 40; ++i) {
    const double mid = (lo + hi) / 2;
    (mlperf_prediction(*fit, mid).first > fit->published_per_gpu ? lo : hi) = mid;
  }
  const double prompt = (lo + hi) / 2;
  std::printf("\ninferred mean prompt: %.0f tokens (from %s)\n", prompt, kMlperfFit);
  std::printf("%-7s %-16s %-20s %3s %10s %10s %8s\n", "run", "system", "scenario", "tp",
              "published", "predicted", "error");
  // Groups: NVIDIA's v5.0 results (the software the model's constants were fitted on),
  // NVIDIA's v4.1 results (the same hardware a round earlier), AMD (CDNA3's FP8 share
  // fitted on one row, the others held out).
  std::map<std::string, std::vector<double>> errors;
  for (const MlperfRow& r : rows) {
    if (r.id == kMlperfFit) continue;
    const auto [predicted, tp] = mlperf_prediction(r, prompt);
    const double error = predicted / r.published_per_gpu - 1.0;
    const bool amd = r.system.rfind("mi", 0) == 0;
    const bool interactive = r.tpot_s > 0 && r.tpot_s < 0.1;
    const std::string group = r.system == "mi355x-platform"   ? "amd cdna4 fp4"
                              : r.id == kMlperfAmdFit         ? "amd fit"
                              : amd                           ? "amd held out"
                              : interactive                   ? "nvidia interactive"
                              : r.precision == Precision::fp4 ? "nvidia blackwell fp4"
                              : r.id.rfind("m50", 0) == 0     ? "nvidia v5.0"
                                                              : "nvidia v4.1";
    std::printf("%-7s %-16s %-20s %3d %10.0f %10.0f %+7.1f%%  %s\n", r.id.c_str(), r.system.c_str(),
                r.scenario.c_str(), tp, r.published_per_gpu, predicted, 100 * error, group.c_str());
    RecordProperty(r.id, std::to_string(error));
    errors[group].push_back(error);
  }
  for (const auto& [group, e] : errors) {
    double mean = 0, worst = 0;
    for (double x : e) {
      mean += std::fabs(x) / static_cast<double>(e.size());
      worst = std::max(worst, std::fabs(x));
    }
    std::printf("%-20s %2zu rows: mean %.1f %%, worst %.1f %%\n", group.c_str(), e.size(),
                100 * mean, 100 * worst);
  }
  // The prompt inferred is a plausible OpenOrca question, not an edge of the search.
  EXPECT_GT(prompt, 50);
  EXPECT_LT(prompt, 900);
  // NVIDIA v5.0 on Hopper, offline and server, held out: within the 15 % goal, each. So are
  // the Blackwell rows in FP4 (v4.1 to v5.1, B200 and GB200), whose one fitted constant came
  // from a TensorRT-LLM row at another prompt length, not from MLPerf.
  ASSERT_EQ(errors["nvidia v5.0"].size(), 3U);
  for (double e : errors["nvidia v5.0"]) EXPECT_LT(std::fabs(e), 0.15);
  ASSERT_EQ(errors["nvidia blackwell fp4"].size(), 7U);
  for (double e : errors["nvidia blackwell fp4"]) EXPECT_LT(std::fabs(e), 0.15);
  // AMD: the fitted row is matched, and the seven held out (MI300X a round earlier and in
  // the server scenario, MI325X) stay within 20 % each.
  ASSERT_EQ(errors["amd fit"].size(), 1U);
  EXPECT_LT(std::fabs(errors["amd fit"][0]), 0.03);
  ASSERT_EQ(errors["amd held out"].size(), 7U);
  double amd_mean = 0;
  for (double e : errors["amd held out"]) {
    EXPECT_LT(std::fabs(e), 0.2);
    amd_mean += std::fabs(e) / 7;
  }
  EXPECT_LT(amd_mean, 0.16);
  // MI355X in MXFP4 (v6.0, secondary reports): CDNA4's serving constants are extrapolated
  // (Blackwell's FP4 share, Hopper's KV read and overhead), none fitted on these rows.
  // The single-node server row is within the 15 % goal; the offline row ran on 11 nodes
  // (87 GPUs), whose scaling losses independent replicas do not see: bounded only.
  for (const MlperfRow& r : rows) {
    if (r.system != "mi355x-platform") continue;
    const double error = mlperf_prediction(r, prompt).first / r.published_per_gpu - 1.0;
    EXPECT_LT(std::fabs(error), r.gpus <= 8 ? 0.15 : 0.25) << r.id;
  }
  ASSERT_EQ(errors["amd cdna4 fp4"].size(), 2U);
  // What the model does not know, kept visible: the 2024 software (v4.1) was slower on the
  // same hardware, for NVIDIA and AMD alike; MI325X (1,000 W) serves more than MI300X
  // (750 W) at the same FP8 peak, which one constant per generation cannot follow; the
  // 40 ms interactive target leaves the fitted per-layer overhead too little room
  // (docs/validation.md).
  for (double e : errors["nvidia v4.1"]) EXPECT_GT(e, 0.0);
  for (const MlperfRow& r : rows) {
    if (r.system == "mi300x-platform" && r.id.rfind("m41", 0) == 0) {
      EXPECT_GT(mlperf_prediction(r, prompt).first, r.published_per_gpu) << r.id;
    }
    if (r.system == "mi325x-platform") {
      EXPECT_LT(mlperf_prediction(r, prompt).first, r.published_per_gpu) << r.id;
    }
  }
  for (double e : errors["nvidia interactive"]) EXPECT_LT(e, -0.2);
}

}  // namespace
}  // namespace gigasim::perf
