// LLM serving on one replica: prefill and decode, KV-cache capacity, continuous batching
// against latency targets, aggregated or disaggregated pools (docs/models/serving.md).
#pragma once

#include <optional>
#include <string>

#include "gigasim/perf/layout.hpp"
#include "gigasim/perf/model.hpp"
#include "gigasim/perf/platform.hpp"

namespace gigasim::perf {

/// Speculative decoding (Leviathan et al. 2023; docs/models/serving.md, "Speculative
/// decoding"): each iteration a draft proposes `draft_tokens` tokens per sequence, one draft
/// pass each, and the model verifies them in one pass of draft_tokens + 1 tokens.
struct Speculation {
  int draft_tokens = 0;  ///< proposed per sequence and iteration (0: no speculation)
  /// Probability that a draft token is accepted once the ones before it were, taken alike
  /// for every position.
  double acceptance = 0;
  /// What one draft pass costs, in layers of the served model (with its output head): 1 for
  /// DeepSeek's multi-token prediction module and EAGLE's draft heads.
  double draft_layers = 1;
};

struct ServeSetup {
  int tp = 1;  ///< accelerators per replica (tensor-parallel unless expert_parallel)
  /// Of the weights and the products (and of the KV cache unless `kv_cache` says).
  Precision precision = Precision::fp8;
  /// Of the KV cache; absent: BF16 under BF16 weights, else FP8.
  std::optional<Precision> kv_cache;
  double input_tokens = 1000;   ///< mean prompt length of a request
  double output_tokens = 1000;  ///< mean generated tokens of a request
  /// Standard deviation of the generated tokens over requests (0: every answer as long as
  /// the mean). Long answers hold their slots longest, so a slot's mean context grows with
  /// it (docs/models/serving.md, "KV cache").
  double output_tokens_sd = 0;
  double ttft_s = 0;  ///< time-to-first-token target (0: none, offline)
  double tpot_s = 0;  ///< time-per-output-token target (0: none)
  /// Of requests, the share that must meet the targets under Poisson arrivals (0.99:
  /// MLPerf's server scenario; only with a TTFT target); 0: the mean request meets them at
  /// a full batch.
  double percentile = 0;
  int max_batch = 0;           ///< sequences decoded together at most (0: memory)
  bool disaggregated = false;  ///< prefill and decode on separate replicas
  /// A mixture of experts served expert-parallel: each of the `tp` accelerators runs the
  /// attention and dense layers of its own sequences (data-parallel attention) and holds
  /// 1/tp of the routed experts, reached by all-to-all; false: all tensor-parallel.
  bool expert_parallel = false;
  Speculation speculative;  ///< none unless draft_tokens > 0
  /// Decode iterations replayed as captured CUDA graphs (TensorRT-LLM's published
  /// benchmarks; vLLM and SGLang by default); false: the host launches every kernel of every
  /// layer (kHostLaunchPerLayer more a layer and iteration).
  bool cuda_graphs = true;
  /// With graphs, each accelerator's decode batch padded up to the next captured size
  /// (padded_graph_batch): TensorRT-LLM's `cuda_graph_padding_enabled` / `enable_padding`.
  bool cuda_graph_padding = false;
};

/// The captured batch a decode batch of `per_accelerator` sequences is padded to: powers of
/// two up to 256, then 384 and 512, the `cuda_graph_batch_sizes` of NVIDIA's MLPerf v5.1
/// DeepSeek-R1 configurations (1, 2, 4, …, 256, 384, 512); a larger batch has no graph and
/// runs unpadded.
double padded_graph_batch(double per_accelerator);

/// What a decode iteration's layer costs more when the host launches its kernels one by one
/// instead of replaying a captured graph: fitted on two Llama 2 70B loadgen logs (server and
/// interactive) of NVIDIA's MLPerf v5.1 harness, which turns graphs off
/// (docs/models/serving.md, "Decode").
inline constexpr double kHostLaunchPerLayer = 90e-6;

/// Of the pace of perfectly balanced ranks, what aggregated expert-parallel serving keeps:
/// with data-parallel attention each rank prefills and decodes its own sequences, and every
/// MoE layer waits for the busiest one. Measured by TensorRT-LLM on 8 GB200 serving
/// DeepSeek-V3 in flight (803 prompt and 3,653 answer tokens on average, its attention-DP
/// balancing on): 34,140 tokens/s against the 37,912 of the same run's iterations perfectly
/// balanced (NVIDIA TensorRT-LLM tech blog 10, "ADP Balance Strategy", 2025, Performance
/// Summary; docs/models/serving.md, "Expert-parallel serving").
inline constexpr double kAttentionDpBalance = 34140.0 / 37912.0;

struct ServeEstimate {
  double batch = 0;               ///< sequences decoded together at most (slots)
  double occupancy = 0;           ///< of them, decoding on average (batch on the mean)
  double kv_capacity_tokens = 0;  ///< KV-cache tokens the replica's free HBM holds
  /// One decode iteration of `occupancy` sequences (with speculation, its draft passes and
  /// the verification).
  double decode_step_s = 0;
  double prefill_s = 0;  ///< the prompt of one request
  /// Tokens a sequence gains per iteration on average: 1, or with speculation the accepted
  /// draft tokens and the model's own.
  double tokens_per_iteration = 1;
  /// As the target checks it: prefill, the wait for the next iteration and, at a
  /// percentile, the wait for a slot and for the prompts ahead.
  double ttft_s = 0;
  double tpot_s = 0;                ///< time between two tokens of one sequence, at a full batch
  double tokens_per_s_replica = 0;  ///< generated tokens per second, one decode replica
  double tokens_per_s_accelerator = 0;  ///< the same per accelerator, prefill pool included
  double prefill_share = 0;             ///< of the accelerators, the prefill pool's (disaggregated)
  double joules_per_token = 0;          ///< accelerators' energy per generated token
  double watts_per_accelerator = 0;     ///< mean power of the accelerators while serving
  bool fits = false;                    ///< the weights and one sequence fit in the replica's HBM
  /// What stopped the batch: memory, tpot, ttft, max_batch (at a percentile, ttft when the
  /// waits for a slot and for the prompts ahead chose fewer slots than the others allow);
  /// precision when the accelerator has no products of that precision.
  const char* limited_by = "";
};

/// Why `a` cannot serve in precision `p`, or "" when it can: every catalog accelerator
/// multiplies in BF16 and FP8, in FP4 only where its entry gives `fp4_dense`.
std::string precision_problem(const hardware::Accelerator& a, Precision p);

/// Of the KV cache: `s.kv_cache`, else BF16 under BF16 weights and FP8 under the others.
Precision kv_cache_precision(const ServeSetup& s);

/// Why `model` cannot be served as `s` says, or "" when it can: expert parallelism needs a
/// mixture of experts whose routed experts the replica's `tp` accelerators share evenly.
std::string expert_parallel_problem(const TransformerModel& model, const ServeSetup& s);

/// Why `s.speculative` cannot draft for `model`, or "" when it can: a draft costs at most
/// the model's own layers.
std::string speculation_problem(const TransformerModel& model, const ServeSetup& s);

/// Serving throughput of `model` on replicas of `setup.tp` accelerators of `platform`.
ServeEstimate estimate_serving(const TransformerModel& model, const Platform& platform,
                               const ServeSetup& setup);

}  // namespace gigasim::perf
