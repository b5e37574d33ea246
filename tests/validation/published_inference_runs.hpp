// Reading tests/data/perf/published_inference_runs.csv for the serving validation tests, and
// predicting its MLPerf Inference rows: one replica per row, of the size and layout
// (tensor-parallel, or expert-parallel for a mixture of experts) that serves most per
// accelerator (as a submitter tunes it), at a mean prompt that MLPerf does not publish and
// each test infers from one row.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "gigasim/io/formats/csv.hpp"
#include "gigasim/perf/serving.hpp"
#include "validation_fixtures.hpp"

namespace gigasim::validation {

/// for_each_csv_row over tests/data/perf/published_inference_runs.csv.
inline void for_each_published_inference_row(const std::function<void(const Field&)>& row) {
  for_each_csv_row("perf/published_inference_runs.csv", row);
}

/// One MLPerf Inference result, per accelerator of the submitted system.
struct MlperfRow {
  std::string id, system, scenario;
  perf::Precision precision = perf::Precision::fp8;
  double published_per_gpu = 0, ttft_s = 0, tpot_s = 0;
  int gpus = 0;
  bool cuda_graphs = true;  ///< the submitter's engine replays its decode iterations as graphs
  bool cuda_graph_padding = false;  ///< and pads each accelerator's batch to a captured size
};

/// A row of NVIDIA's MLPerf harness (or its partners'): every catalog system but AMD's
/// MI platforms.
inline bool nvidia_harness(const std::string& system) {
  return system.rfind("mi", 0) != 0;
}

/// NVIDIA's MLPerf harness runs TensorRT-LLM's Llama engines without CUDA graphs:
/// `harness_fields.use_graphs: False` in every llama2-70b.py and llama3_1-405b.py of v5.1
/// (closed/NVIDIA/configs/<system>/<scenario>/ of mlcommons/inference_results_v5.1, read at
/// its mirror ykamiset/inference_results_v5.1 @e9ccad4d: DGX B200, GB200 and GB300, every
/// scenario). The parent configuration of v5.0 and v4.1 is in no mirror read; a later H100 and
/// H200 snapshot (sheldon-xiong/xxd-mlpinf @a7e9579) also says False, and it is taken alike.
/// Its DeepSeek-R1 configurations replay graphs (`use_graphs: True`), as AMD's vLLM does.
inline bool nvidia_llama_harness(const std::string& system, const std::string& model) {
  return nvidia_harness(system) && model.rfind("Llama", 0) == 0;
}

/// The MLPerf rows of the model whose published name starts with `model_prefix`, on the
/// systems of the catalog. NVIDIA's Blackwell rows serve in NVFP4 (NVIDIA's MLPerf Inference
/// blogs: its first B200 submission, v4.1, was the first in FP4, and its v5.1 models were
/// quantised to NVFP4), AMD's MI355X rows in MXFP4 (AMD's guide to reproducing its v6.0
/// submission); the others in FP8.
inline std::vector<MlperfRow> mlperf_rows(const std::string& model_prefix) {
  const std::map<std::string, std::string> systems = {
      {"H100-SXM-80GB", "dgx-h100"},    {"H200-SXM-141GB", "hgx-h200"},
      {"B200-SXM-180GB", "dgx-b200"},   {"GB200", "gb200-nvl72"},
      {"GB200 (NVL72)", "gb200-nvl72"}, {"GB300 (NVL72)", "gb300-nvl72"},
      {"MI300X", "mi300x-platform"},    {"MI325X", "mi325x-platform"},
      {"MI355X", "mi355x-platform"}};
  std::vector<MlperfRow> rows;
  for_each_published_inference_row([&](const Field& field) {
    const auto system = systems.find(field("accelerator"));
    if (field("id").rfind('m', 0) != 0 || field("model").rfind(model_prefix, 0) != 0 ||
        system == systems.end())
      return;
    MlperfRow r{field("id"), system->second, field("scenario")};
    r.cuda_graphs = !nvidia_llama_harness(system->second, field("model"));
    // NVIDIA's DeepSeek-R1 configurations of v5.1 (the only DeepSeek-R1 round here, its rows
    // NVIDIA's) pad to their captured sizes (`cuda_graph_padding_enabled: True`,
    // `cuda_graph_batch_sizes` 1 to 512).
    r.cuda_graph_padding = nvidia_harness(system->second) && field("model") == "DeepSeek-R1";
    const std::string& s = system->second;
    const bool fp4 =
        s == "dgx-b200" || s == "gb200-nvl72" || s == "gb300-nvl72" || s == "mi355x-platform";
    r.precision = fp4 ? perf::Precision::fp4 : perf::Precision::fp8;
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

/// Llama 2 70B (llama2-70b-99, OpenOrca): the mean answer is 294.45 tokens
/// (mlcommons/inference language/llama2-70b/README.md); the mean prompt is not published and
/// is inferred from one row, `kLlama2PromptFit` (H200, v5.0, offline).
inline constexpr const char* kLlama2PromptFit = "m50-03";
inline constexpr double kLlama2Answer = 294.45;

/// Llama 2 70B has Llama 3 70B's blocks with Llama 2's 32,000-word tokenizer (Touvron et al.
/// 2023).
inline perf::TransformerModel llama2_70b() {
  perf::TransformerModel m = catalog().models.at("llama-3-70b");
  m.id = "llama-2-70b";
  m.vocab = 32000;
  return m;
}

/// Llama 3.1 405B (v5.0 and v5.1): the mean answer is 684.68 tokens
/// (mlcommons/inference language/llama3.1-405b/README.md); the long prompt is not published
/// and is inferred from one row, `kLlama405bPromptFit` (H200, v5.0, offline).
inline constexpr const char* kLlama405bPromptFit = "m50-06";
inline constexpr double kLlama405bAnswer = 684.68;

/// DeepSeek-R1 (v5.1), a mixture of experts with DeepSeek-V3's architecture (DeepSeek-AI
/// 2025, arXiv:2501.12948), at the dataset's published lengths, nothing inferred: the token
/// lengths of mlperf_deepseek_r1_dataset_4388_fp8_eval.pkl's 4,388 prompts and reference
/// answers (openshift-psap/performance-dashboard, datasets/summaries/deepseek-r1.csv at
/// c402a312, as extracted from MLCommons' dataset; MLCommons' DeepSeek-R1 benchmark blog,
/// September 2025, gives about 800 and 3,880): prompts of 803.8 tokens, answers capped at
/// MLPerf's 20,000 new tokens of 3,886.2 on average (the rows' derivation from the accuracy
/// target gives the same) with a standard deviation of 4,329.5.
inline constexpr double kDeepSeekR1Prompt = 803.8;
inline constexpr double kDeepSeekR1Answer = 3886.2;
inline constexpr double kDeepSeekR1AnswerSd = 4329.5;

/// The best replica's tokens/s per accelerator and its layout ("tp4": tensor-parallel over
/// 4 accelerators, "ep8": expert-parallel over 8).
struct MlperfPrediction {
  double per_gpu = 0;
  std::string layout;
};

/// The replica of `model` for `row` that serves most per accelerator, at a mean prompt of
/// `prompt` and answer of `answer` tokens (answers spread by `answer_sd`): tensor-parallel
/// over 1 to 8 accelerators and, for a mixture of experts, expert-parallel over as many,
/// each decoding at most `max_batch_per_gpu` sequences per accelerator where the submitter's
/// configuration states it (0: as many as the KV cache holds).
inline MlperfPrediction mlperf_prediction(const perf::TransformerModel& model, const MlperfRow& row,
                                          double prompt, double answer, double answer_sd = 0,
                                          int max_batch_per_gpu = 0) {
  const perf::Platform p = catalog().platform_of(catalog().systems.at(row.system));
  MlperfPrediction best;
  for (int tp = 1; tp <= std::min(8, row.gpus); tp *= 2) {
    for (const bool expert_parallel : {false, true}) {
      if (expert_parallel && !model.is_moe()) continue;
      perf::ServeSetup s;
      s.tp = tp;
      s.expert_parallel = expert_parallel;
      s.precision = row.precision;
      s.input_tokens = prompt;
      s.output_tokens = answer;
      s.output_tokens_sd = answer_sd;
      s.max_batch = max_batch_per_gpu * tp;
      s.cuda_graphs = row.cuda_graphs;
      s.cuda_graph_padding = row.cuda_graph_padding;
      s.ttft_s = row.ttft_s;
      s.tpot_s = row.tpot_s;
      if (row.ttft_s > 0) s.percentile = 0.99;  // LoadGen's server scenario: p99, Poisson
      const perf::ServeEstimate e = perf::estimate_serving(model, p, s);
      if (e.tokens_per_s_accelerator > best.per_gpu) {
        best = {e.tokens_per_s_accelerator, (expert_parallel ? "ep" : "tp") + std::to_string(tp)};
      }
    }
  }
  return best;
}

/// The mean prompt, within [lo, hi], at which `fit` is predicted at its published throughput
/// (throughput falls as the prompt grows: bisection). Fails the test when the published
/// figure lies outside what the bounds give.
inline double infer_mlperf_prompt(const perf::TransformerModel& model, const MlperfRow& fit,
                                  double answer, double lo, double hi) {
  const auto predicted = [&](double prompt) {
    return mlperf_prediction(model, fit, prompt, answer).per_gpu;
  };
  EXPECT_GT(predicted(lo), fit.published_per_gpu) << fit.id;
  EXPECT_LT(predicted(hi), fit.published_per_gpu) << fit.id;
  for (int i = 0; i < 40; ++i) {
    const double mid = (lo + hi) / 2;
    (predicted(mid) > fit.published_per_gpu ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

}  // namespace gigasim::validation
