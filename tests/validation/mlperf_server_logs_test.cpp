// NVIDIA's MLPerf Inference v5.1 server runs on GB200 and GB300 NVL72, from their loadgen
// logs (tests/data/perf/published_mlperf_server_logs.csv): DeepSeek-R1 on replicas of eight,
// expert-parallel, Llama 2 70B on single accelerators and Llama 3.1 405B on replicas of
// four. Loadgen takes a request's TPOT as its latency after the first token over its tokens
// after the first, and checks the 99th percentile over requests (mlcommons/inference
// loadgen/results.cc, ProcessTokenLatencies): a full batch's iteration bounds it, as the
// model takes it. The sequences in flight follow from Little's law (requests completed a
// second times their mean latency); the model's TPOT at that batch is compared with the
// measured median. The two Llama 2 70B logs, whose harness launches every kernel from the
// host (`use_graphs: False`), are the fit set of kHostLaunchPerLayer; the others are held
// out. The errors are in docs/validation.md ("What the server logs show").
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "gigasim/io/formats/csv.hpp"
#include "gigasim/perf/serving.hpp"
#include "published_inference_runs.hpp"
#include "validation_fixtures.hpp"

namespace gigasim::perf {
namespace {

using validation::catalog;

struct ServerLog {
  std::string id, model, system;
  bool expert_parallel = false;
  bool use_graphs = true;      // the harness's `use_graphs`: decode iterations replayed as graphs
  bool graph_padding = false;  // `cuda_graph_padding_enabled`: batches padded to captured sizes
  double gpus = 0, replica_gpus = 0, samples_per_s = 0, tokens_per_s = 0, mean_latency_s = 0;
  double ttft_p50_s = 0, ttft_p99_s = 0, tpot_p50_s = 0, tpot_p99_s = 0;
  double ttft_limit_s = 0, tpot_limit_s = 0, max_batch_per_gpu = 0;
};

std::vector<ServerLog> server_logs() {
  const std::map<std::string, std::string> systems = {{"GB200 (NVL72)", "gb200-nvl72"},
                                                      {"GB300 (NVL72)", "gb300-nvl72"}};
  std::vector<ServerLog> logs;
  validation::for_each_csv_row(
      "perf/published_mlperf_server_logs.csv", [&](const validation::Field& field) {
        ServerLog l{field("id"), field("model"), systems.at(field("accelerator"))};
        l.expert_parallel = field("expert_parallel") == "yes";
        l.use_graphs = field("use_graphs") == "yes";
        l.graph_padding = field("graph_padding") == "yes";
        const std::pair<const char*, double*> numbers[] = {
            {"gpus_in_system", &l.gpus},
            {"replica_gpus", &l.replica_gpus},
            {"completed_samples_per_s", &l.samples_per_s},
            {"completed_tokens_per_s", &l.tokens_per_s},
            {"mean_latency_s", &l.mean_latency_s},
            {"ttft_p50_s", &l.ttft_p50_s},
            {"ttft_p99_s", &l.ttft_p99_s},
            {"tpot_p50_s", &l.tpot_p50_s},
            {"tpot_p99_s", &l.tpot_p99_s},
            {"ttft_limit_s", &l.ttft_limit_s},
            {"tpot_limit_s", &l.tpot_limit_s},
            {"max_batch_per_gpu", &l.max_batch_per_gpu}};
        for (const auto& [name, value] : numbers) {
          EXPECT_TRUE(io::parse_csv_number(field(name), *value)) << l.id << " " << name;
        }
        logs.push_back(l);
      });
  return logs;
}

// A benchmark's model and mean lengths: DeepSeek-R1's published ones; the Llamas' answers
// with their prompts inferred from their fitted rows, as the throughput tests infer them.
struct Dataset {
  TransformerModel model;
  double prompt = 0, answer = 0, answer_sd = 0;
};

Dataset llama_dataset(const TransformerModel& model, const char* prefix, const char* fit_id,
                      double answer, double lo, double hi) {
  const std::vector<validation::MlperfRow> rows = validation::mlperf_rows(prefix);
  const auto fit = std::find_if(rows.begin(), rows.end(),
                                [&](const validation::MlperfRow& r) { return r.id == fit_id; });
  EXPECT_NE(fit, rows.end()) << fit_id;
  if (fit == rows.end()) return {model, 0, answer, 0};
  return {model, validation::infer_mlperf_prompt(model, *fit, answer, lo, hi), answer, 0};
}

std::map<std::string, Dataset> datasets() {
  return {{"DeepSeek-R1",
           {catalog().models.at("deepseek-v3"), validation::kDeepSeekR1Prompt,
            validation::kDeepSeekR1Answer, validation::kDeepSeekR1AnswerSd}},
          {"Llama-2-70B",
           llama_dataset(validation::llama2_70b(), "Llama-2-70B", validation::kLlama2PromptFit,
                         validation::kLlama2Answer, 16, 1024)},
          {"Llama-3.1-405B", llama_dataset(catalog().models.at("llama-3-405b"), "Llama-3.1-405B",
                                           validation::kLlama405bPromptFit,
                                           validation::kLlama405bAnswer, 64, 32768)}};
}

// The model's estimate for a log's replica held to `batch` sequences.
ServeEstimate estimate_at(const ServerLog& l, int batch, const Dataset& d) {
  ServeSetup s;
  s.tp = static_cast<int>(l.replica_gpus);
  s.expert_parallel = l.expert_parallel;
  s.precision = Precision::fp4;  // NVIDIA's v5.1 Blackwell models: NVFP4
  s.input_tokens = d.prompt;
  s.output_tokens = d.answer;
  s.output_tokens_sd = d.answer_sd;
  s.max_batch = batch;
  s.cuda_graphs = l.use_graphs;
  s.cuda_graph_padding = l.graph_padding;
  return estimate_serving(d.model, catalog().platform_of(catalog().systems.at(l.system)), s);
}

TEST(ServingValidation, MlperfServerLogsAtTheirConcurrency) {
  const std::vector<ServerLog> logs = server_logs();
  ASSERT_EQ(logs.size(), 5U);
  const std::map<std::string, Dataset> dataset = datasets();
  std::printf("\n%-8s %-14s %-12s %9s %9s %9s %9s %7s %9s %9s %9s\n", "run", "model", "system",
              "in flight", "TPOT p50", "TPOT p99", "model", "error", "TTFT p50", "TTFT p99",
              "model");
  std::map<std::string, double> error_of, replayed_error_of;
  for (const ServerLog& l : logs) {
    const double in_flight = l.samples_per_s * l.mean_latency_s * l.replica_gpus / l.gpus;
    // Checks of the transcribed figures: the concurrency at the median TPOT gives back the
    // logged throughput, stays within what the configuration let a replica decode, and
    // every run met its targets (GB300's DeepSeek-R1 TTFT with 3 % to spare).
    const double little = in_flight / (l.replica_gpus * l.tpot_p50_s);
    EXPECT_NEAR(little / (l.tokens_per_s / l.gpus), 1.0, 0.1) << l.id;
    EXPECT_LE(in_flight / l.replica_gpus, l.max_batch_per_gpu) << l.id;
    EXPECT_LT(l.ttft_p99_s, l.ttft_limit_s) << l.id;
    EXPECT_LT(l.tpot_p99_s, l.tpot_limit_s) << l.id;
    const int batch = static_cast<int>(std::lround(in_flight));
    const ServeEstimate e = estimate_at(l, batch, dataset.at(l.model));
    ASSERT_EQ(e.batch, batch) << l.id;
    const double error = e.tpot_s / l.tpot_p50_s - 1.0;
    const double model_ttft = e.prefill_s + e.tpot_s;  // prefill and one iteration, no queue
    std::printf("%-8s %-14s %-12s %9.0f %7.1fms %7.1fms %7.1fms %+6.1f%% %8.2fs %8.2fs %8.2fs\n",
                l.id.c_str(), l.model.c_str(), l.system.c_str(), in_flight / l.replica_gpus,
                1e3 * l.tpot_p50_s, 1e3 * l.tpot_p99_s, 1e3 * e.tpot_s, 100 * error, l.ttft_p50_s,
                l.ttft_p99_s, model_ttft);
    RecordProperty(l.id + "_tpot", std::to_string(error));
    error_of[l.id] = error;
    if (!l.use_graphs) {  // the same run, were its iterations replayed as graphs
      ServerLog replayed = l;
      replayed.use_graphs = true;
      replayed_error_of[l.id] =
          estimate_at(replayed, batch, dataset.at(l.model)).tpot_s / l.tpot_p50_s - 1.0;
    }
    if (l.model == "DeepSeek-R1") {
      EXPECT_GT(l.ttft_p50_s, 5 * model_ttft) << l.id;
    }
  }
  for (const auto& [id, error] : replayed_error_of) {
    std::printf("%-8s replayed as CUDA graphs: %+6.1f%%\n", id.c_str(), 100 * error);
  }
  // What the model does not see, kept visible (docs/validation.md, "What the server logs
  // show"): its iteration is short at these batches, the more so the fewer sequences an
  // accelerator holds and for the mixture of experts: DeepSeek-R1 at 130-190 sequences per
  // accelerator 19-23 %, at the attention ranks' measured balance and the padded batch of
  // their graphs (and the runs' TTFTs, a median of 0.6-0.75 s, are eight to nine times its
  // prefill and iteration: the attention ranks' prefill hold).
  for (const char* id : {"m51-07", "m51-12"}) {
    EXPECT_LT(error_of.at(id), -0.15) << id;
    EXPECT_GT(error_of.at(id), -0.4) << id;
  }
  // Llama 2 70B, the fit set of kHostLaunchPerLayer (a scan of 0-200 µs in steps of 5 chose
  // 90 µs, where the mean of the two errors' magnitudes is least, 3.8 %): both within 8 %.
  // Replayed as graphs, the model's iteration would be 13 % short at 1,429 sequences and 23 %
  // at 228: the fixed cost of the host's launches weighs most on the short iteration.
  for (const char* id : {"lg51-01", "lg51-02"}) {
    EXPECT_LT(std::fabs(error_of.at(id)), 0.08) << id;
    EXPECT_LT(replayed_error_of.at(id), -0.08) << id;
  }
  EXPECT_LT(replayed_error_of.at("lg51-02"), replayed_error_of.at("lg51-01"));
  // Llama 3.1 405B at 17 sequences per accelerator, held out, its 7,500-token prompts
  // prefilled in most iterations: within 5 % (12 % short with graphs replayed; its prompt is
  // inferred on a row of the same harness, so the check is not independent of the fit). The
  // last line checks only that the setting reaches the log's estimate.
  EXPECT_LT(std::fabs(error_of.at("m51-09")), 0.05);
  EXPECT_LT(replayed_error_of.at("m51-09"), error_of.at("m51-09"));
}

}  // namespace
}  // namespace gigasim::perf
