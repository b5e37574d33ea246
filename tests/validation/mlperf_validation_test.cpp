// The serving model against MLPerf Inference's closed-division results
// (tests/data/perf/published_inference_runs.csv, file and commit per row): Llama 2 70B on
// OpenOrca and Llama 3.1 405B, offline, server and interactive, and DeepSeek-R1. MLPerf
// publishes each benchmark's mean answer (the reference implementation's tokens per sample);
// for the two Llama benchmarks the mean prompt, not found, is inferred from one row and every
// other row predicted with it; DeepSeek-R1's lengths are published, and all its rows held out.
// Errors are reported in docs/validation.md ("MLPerf Inference").
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "gigasim/perf/serving.hpp"
#include "published_inference_runs.hpp"
#include "validation_fixtures.hpp"

namespace gigasim::perf {
namespace {

using validation::catalog;
using validation::infer_mlperf_prompt;
using validation::kDeepSeekR1Answer;
using validation::kDeepSeekR1AnswerSd;
using validation::kDeepSeekR1Prompt;
using validation::kLlama2Answer;
using validation::kLlama2PromptFit;
using validation::kLlama405bAnswer;
using validation::kLlama405bPromptFit;
using validation::llama2_70b;
using validation::mlperf_prediction;
using validation::mlperf_rows;
using validation::MlperfRow;

// Mean absolute and worst error of `errors`.
std::pair<double, double> mean_and_worst(const std::vector<double>& errors) {
  double mean = 0, worst = 0;
  for (double e : errors) {
    mean += std::fabs(e) / static_cast<double>(errors.size());
    worst = std::max(worst, std::fabs(e));
  }
  return {mean, worst};
}

// Predicts every row but the fitted one (`fit`, "" when none is), prints it with its group,
// records its error in `by_id` and returns the errors by group (then printed with their mean
// and worst).
using Errors = std::map<std::string, std::vector<double>>;
Errors errors_by_group(const std::vector<MlperfRow>& rows, const std::string& fit,
                       const std::function<validation::MlperfPrediction(const MlperfRow&)>& predict,
                       const std::function<std::string(const MlperfRow&)>& group_of,
                       std::map<std::string, double>& by_id) {
  std::printf("%-7s %-16s %-20s %6s %10s %10s %8s\n", "run", "system", "scenario", "layout",
              "published", "predicted", "error");
  Errors errors;
  for (const MlperfRow& r : rows) {
    if (r.id == fit) continue;
    const auto [predicted, layout] = predict(r);
    const double error = predicted / r.published_per_gpu - 1.0;
    const std::string group = group_of(r);
    std::printf("%-7s %-16s %-20s %6s %10.0f %10.0f %+7.1f%%  %s\n", r.id.c_str(), r.system.c_str(),
                r.scenario.c_str(), layout.c_str(), r.published_per_gpu, predicted, 100 * error,
                group.c_str());
    ::testing::Test::RecordProperty(r.id, std::to_string(error));
    errors[group].push_back(error);
    by_id[r.id] = error;
  }
  for (const auto& [group, e] : errors) {
    const auto [mean, worst] = mean_and_worst(e);
    std::printf("%-30s %2zu rows: mean %.1f %%, worst %.1f %%\n", group.c_str(), e.size(),
                100 * mean, 100 * worst);
  }
  return errors;
}

// One benchmark's rows against the model: the mean prompt inferred from the row `fit_id`
// (within [lo, hi] tokens), and every other row predicted, printed and grouped.
struct Comparison {
  MlperfRow fit;
  double prompt = 0;
  Errors errors;
  std::map<std::string, double> error_of;
};
Comparison compare_at_the_inferred_prompt(
    const std::vector<MlperfRow>& rows, const TransformerModel& model, const std::string& fit_id,
    double answer, double lo, double hi,
    const std::function<std::string(const MlperfRow&)>& group_of) {
  Comparison c;
  const auto fit =
      std::find_if(rows.begin(), rows.end(), [&](const MlperfRow& r) { return r.id == fit_id; });
  if (fit == rows.end()) {
    ADD_FAILURE() << "no row " << fit_id;
    return c;
  }
  c.fit = *fit;
  c.prompt = infer_mlperf_prompt(model, c.fit, answer, lo, hi);
  std::printf("\ninferred mean prompt: %.0f tokens (from %s)\n", c.prompt, fit_id.c_str());
  const auto predict = [&](const MlperfRow& r) {
    return mlperf_prediction(model, r, c.prompt, answer);
  };
  c.errors = errors_by_group(rows, fit_id, predict, group_of, c.error_of);
  return c;
}

// CDNA3's one fitted serving constant, gemm_max_fp8, comes from this row (MI300X, v5.1,
// offline; data/efficiency.yaml); the other AMD rows are held out.
constexpr const char* kMlperfAmdFit = "m51-15";

TEST(ServingValidation, MlperfLlama2RowsAtTheInferredPromptLength) {
  const std::vector<MlperfRow> rows = mlperf_rows("Llama-2-70B");
  ASSERT_GE(rows.size(), 12U);
  // Within MLPerf's bounds: at most 1,024 input tokens (AMD's description of the benchmark).
  // Groups: NVIDIA's v5.0 results (the software the model's constants were fitted on),
  // NVIDIA's v4.1 results (the same hardware a round earlier), AMD (CDNA3's FP8 share
  // fitted on one row, the others held out).
  Comparison c = compare_at_the_inferred_prompt(
      rows, llama2_70b(), kLlama2PromptFit, kLlama2Answer, 16, 1024, [](const MlperfRow& r) {
        const bool amd = r.system.rfind("mi", 0) == 0;
        const bool interactive = r.tpot_s > 0 && r.tpot_s < 0.1;
        return r.system == "mi355x-platform"   ? "amd cdna4 fp4"
               : r.id == kMlperfAmdFit         ? "amd fit"
               : amd                           ? "amd held out"
               : interactive                   ? "nvidia interactive"
               : r.precision == Precision::fp4 ? "nvidia blackwell fp4"
               : r.id.rfind("m50", 0) == 0     ? "nvidia v5.0"
                                               : "nvidia v4.1";
      });
  const double prompt = c.prompt;
  Errors& errors = c.errors;
  const std::map<std::string, double>& error_of = c.error_of;
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
  // AMD: the fitted row is matched, and the seven held out stay within 10 % on average.
  // MI325X, nothing fitted on it, serves its 19 % higher sustained matrix clock (AMD's
  // measured median clocks, data/accelerators.yaml): within 6 % each, where one clock for
  // the generation left it 17-19 % pessimistic. The MI300X rows of 2025 (v5.1) are within
  // the 15 % goal; those of 2024 (v4.1) are optimistic, as NVIDIA's v4.1 rows are, and kept
  // visible below 25 %.
  ASSERT_EQ(errors["amd fit"].size(), 1U);
  EXPECT_LT(std::fabs(errors["amd fit"][0]), 0.03);
  ASSERT_EQ(errors["amd held out"].size(), 7U);
  EXPECT_LT(mean_and_worst(errors["amd held out"]).first, 0.10);
  for (const MlperfRow& r : rows) {
    const bool cdna3 = r.system == "mi300x-platform" || r.system == "mi325x-platform";
    if (r.id == kMlperfAmdFit || !cdna3) continue;
    const double e = error_of.at(r.id);
    if (r.system == "mi325x-platform") {
      EXPECT_LT(std::fabs(e), 0.06) << r.id;
    } else if (r.id.rfind("m41", 0) == 0) {
      EXPECT_GT(e, 0.0) << r.id;
      EXPECT_LT(e, 0.25) << r.id;
    } else {
      EXPECT_LT(std::fabs(e), 0.15) << r.id;
    }
  }
  // MI355X in MXFP4 (v6.0, secondary reports): CDNA4's serving constants are extrapolated
  // (Blackwell's FP4 share, Hopper's KV read and overhead), none fitted on these rows.
  // The single-node server row is within the 15 % goal; the offline row ran on 11 nodes
  // (87 GPUs), whose scaling losses independent replicas do not see: bounded only.
  ASSERT_EQ(errors["amd cdna4 fp4"].size(), 2U);
  for (const MlperfRow& r : rows) {
    if (r.system == "mi355x-platform") {
      EXPECT_LT(std::fabs(error_of.at(r.id)), r.gpus <= 8 ? 0.15 : 0.25) << r.id;
    }
  }
  // The interactive targets (450 ms TTFT, 40 ms TPOT), where NVIDIA's harness launches every
  // kernel from the host (kHostLaunchPerLayer, fitted on two Llama 2 server logs): the B200
  // rows within the 15 % goal. Without that cost they were 32 % optimistic: the model's B200
  // lost 20 % of its offline throughput to the targets, the published one 40 %.
  ASSERT_EQ(errors["nvidia interactive"].size(), 3U);
  for (const char* id : {"m50-10", "m51-21"}) EXPECT_LT(std::fabs(error_of.at(id)), 0.15) << id;
  // What the model does not know, kept visible: the 2024 software (v4.1) was slower on the
  // same hardware, for NVIDIA and AMD alike (AMD's above); the H200's interactive row, on the
  // best of one or two accelerators, is pessimistic by 15-30 % with the host's launches (it
  // was +6.5 % without them; docs/validation.md).
  ASSERT_EQ(errors["nvidia v4.1"].size(), 4U);
  for (double e : errors["nvidia v4.1"]) EXPECT_GT(e, 0.0);
  EXPECT_LT(error_of.at("m50-05"), -0.15);
  EXPECT_GT(error_of.at("m50-05"), -0.3);
}

// Llama 3.1 405B (v5.0 and v5.1) at the prompt inferred from the H200's offline result of
// v5.0 (validation::kLlama405bPromptFit); the Blackwell rows (NVFP4) are held out.

TEST(ServingValidation, MlperfLlama405bRowsAtTheInferredPromptLength) {
  const std::vector<MlperfRow> rows = mlperf_rows("Llama-3.1-405B");
  ASSERT_EQ(rows.size(), 14U);
  const TransformerModel& model = catalog().models.at("llama-3-405b");
  Comparison c = compare_at_the_inferred_prompt(
      rows, model, kLlama405bPromptFit, kLlama405bAnswer, 64, 32768, [](const MlperfRow& r) {
        const bool v50 = r.id.rfind("m50", 0) == 0;
        return r.system == "gb300-nvl72"        ? "blackwell ultra (extrapolated)"
               : r.tpot_s > 0 && r.tpot_s < 0.1 ? "interactive (p99 targets)"
               : r.ttft_s > 0 && v50            ? "server v5.0 (p99 targets)"
               : r.ttft_s > 0                   ? "server v5.1 (p99 targets)"
                                                : "blackwell offline";
      });
  const double prompt = c.prompt;
  Errors& errors = c.errors;
  // A long-context prompt, as the benchmark's documents (summaries, long questions) are.
  EXPECT_GT(prompt, 2000);
  EXPECT_LT(prompt, 20000);
  // Offline on B200 and GB200, v5.0 and v5.1, in NVFP4: within the 15 % goal, each. Their
  // FP4 share was fitted on a TensorRT-LLM row at 1,000 prompt tokens, the prompt here on a
  // Hopper row in FP8: these rows test both.
  ASSERT_EQ(errors["blackwell offline"].size(), 4U);
  for (double e : errors["blackwell offline"]) EXPECT_LT(std::fabs(e), 0.15);
  // The server scenario (6 s TTFT, 175 ms TPOT, both at the 99th percentile under Poisson
  // arrivals) with the software of v5.1, on B200 and GB200: within the 15 % goal, each. The
  // slots a replica keeps free for arrivals (a birth-death queue) and the wait for the long
  // prompts ahead (an M/D/1 queue of prefills) cost 17 % of the offline throughput here;
  // the published rows lost 21-24 %.
  ASSERT_EQ(errors["server v5.1 (p99 targets)"].size(), 2U);
  for (double e : errors["server v5.1 (p99 targets)"]) EXPECT_LT(std::fabs(e), 0.15);
  // The interactive targets (4.5 s, 80 ms), the host launching every kernel: the DGX B200
  // within the 15 % goal, GB200 a little beyond, pessimistic (the published DGX B200 served
  // 32 % less than GB200, the model 9 %).
  ASSERT_EQ(errors["interactive (p99 targets)"].size(), 2U);
  EXPECT_LT(std::fabs(c.error_of.at("m51-19")), 0.15);
  EXPECT_LT(c.error_of.at("m51-20"), -0.1);
  EXPECT_GT(c.error_of.at("m51-20"), -0.25);
  // The H200's server row of v5.0 (the only Hopper one), served by replicas of eight H200s,
  // whose prompts wait least for the ones ahead: optimistic by 15-30 %, the prompt inferred
  // on the H200's offline row being shorter with the host's launches (+12.4 % without).
  EXPECT_GT(c.error_of.at("m50-07"), 0.15);
  EXPECT_LT(c.error_of.at("m50-07"), 0.3);
  // What the model does not know, kept visible (docs/validation.md): the Blackwell server
  // rows of a round earlier (v5.0), on the same hardware, served 24-32 % less than v5.1's,
  // as the 2024 software of the Llama 2 rows did; Blackwell Ultra carries Blackwell's FP4
  // share, which GB300's larger FP4 peak does not reach.
  ASSERT_EQ(errors["server v5.0 (p99 targets)"].size(), 3U);
  for (const char* id : {"m50-12", "m50-14"}) {
    EXPECT_GT(c.error_of.at(id), 0.2) << id;
    EXPECT_LT(c.error_of.at(id), 0.7) << id;
  }
  ASSERT_EQ(errors["blackwell ultra (extrapolated)"].size(), 2U);
  for (double e : errors["blackwell ultra (extrapolated)"]) {
    EXPECT_GT(e, 0.15);
    EXPECT_LT(e, 0.6);
  }
}

// DeepSeek-R1 (v5.1) at the dataset's published lengths (validation::kDeepSeekR1Prompt):
// every row is held out and may be served tensor- or expert-parallel, whichever serves more.
// The sequences NVIDIA's v5.1 DeepSeek-R1 runs decoded at most per accelerator (attention
// data-parallel, each rank its own): `gpu_batch_size` of closed/NVIDIA/configs/<system>/
// <scenario>/deepseek-r1.py, 512 on DGX B200 and GB200 NVL72, 1,536 for GB300's offline run
// (mlcommons/inference_results_v5.1, as mirrored at ykamiset/inference_results_v5.1@e9ccad4d).
int nvidia_r1_batch_per_gpu(const MlperfRow& r) {
  return r.system == "gb300-nvl72" && r.ttft_s == 0 ? 1536 : 512;
}

TEST(ServingValidation, MlperfDeepSeekR1RowsAtThePublishedLengths) {
  const std::vector<MlperfRow> rows = mlperf_rows("DeepSeek-R1");
  ASSERT_EQ(rows.size(), 6U);
  const TransformerModel& model = catalog().models.at("deepseek-v3");
  const auto predict = [&](const MlperfRow& r) {
    return mlperf_prediction(model, r, kDeepSeekR1Prompt, kDeepSeekR1Answer, kDeepSeekR1AnswerSd,
                             nvidia_r1_batch_per_gpu(r));
  };
  std::map<std::string, double> error_of;
  Errors errors = errors_by_group(
      rows, "", predict,
      [](const MlperfRow& r) {
        return r.system == "gb300-nvl72" ? "blackwell ultra (extrapolated)"
               : r.ttft_s > 0            ? "server (p99 targets)"
                                         : "offline";
      },
      error_of);
  // Expert-parallel serves most: tensor-parallel, every accelerator would hold the whole
  // latent cache.
  for (const MlperfRow& r : rows) EXPECT_EQ(predict(r).layout, "ep8") << r.id;
  // Offline, held out: DGX B200 and GB200 NVL72 within the 15 % goal, at the balance the
  // attention ranks keep (kAttentionDpBalance). GB300 (extrapolated), which decoded up to
  // 1,536 sequences an accelerator where the model's memory holds about 1,250, served more
  // than the model: kept visible.
  EXPECT_LT(std::fabs(error_of.at("m51-04")), 0.15);
  EXPECT_LT(std::fabs(error_of.at("m51-06")), 0.15);
  EXPECT_LT(error_of.at("m51-11"), -0.1);
  EXPECT_GT(error_of.at("m51-11"), -0.3);
  // Without the answers' spread the model would see half the context per slot and be
  // 30-55 % optimistic offline: the spread is what these rows test.
  EXPECT_GT(mlperf_prediction(model, rows.front(), kDeepSeekR1Prompt, kDeepSeekR1Answer, 0,
                              nvidia_r1_batch_per_gpu(rows.front()))
                .per_gpu,
            1.4 * predict(rows.front()).per_gpu);
  // What the model does not see, kept visible (docs/validation.md): the server rows (2 s
  // TTFT, 80 ms TPOT at the 99th percentile) served 42-50 % less than offline, where the
  // model loses 13-18 %: optimistic by 35-57 % (their logs: mlperf_server_logs_test.cpp).
  ASSERT_EQ(errors["server (p99 targets)"].size(), 2U);
  for (const char* id : {"m51-05", "m51-07", "m51-12"}) {
    EXPECT_GT(error_of.at(id), 0.3) << id;
    EXPECT_LT(error_of.at(id), 0.8) << id;
  }
}

}  // namespace
}  // namespace gigasim::perf
