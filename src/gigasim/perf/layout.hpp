// A parallel layout of a training job and the constraints that make it possible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gigasim/perf/model.hpp"

namespace gigasim::perf {

enum class Recompute { none, selective, full };
enum class ZeroStage { none, zero1, zero2, zero3 };
enum class Precision { bf16, fp8, fp4 };
/// Training runs in BF16 or FP8; FP4 is a serving precision (serving.hpp).
inline constexpr const char* kFp4IsForServing =
    "fp4 is a serving precision: training runs in bf16 or fp8";
/// Pipeline schedules (docs/models/perf.md, "Pipeline schedules"): one-forward-one-backward,
/// interleaved when virtual_stages > 1 (Narayanan et al. 2021); zero bubble ZB-H1 and ZB-H2
/// (Qi et al. 2024); DualPipe (DeepSeek-AI 2024), which also hides expert all-to-all.
enum class Schedule { one_f_one_b, zb_h1, zb_h2, dualpipe };

std::string_view to_string(Recompute r);
std::string_view to_string(ZeroStage z);
std::string_view to_string(Precision p);
std::string_view to_string(Schedule s);

/// Ranks are laid out with tp innermost, then cp; then either pp inside dp, Llama 3's order
/// [TP, CP, PP, DP] (dp_outer, the default), or dp inside pp, Megatron-LM's [TP, CP, DP, PP].
/// EP groups are formed from data-parallel ranks. The order only decides which network tier
/// each group crosses (docs/models/perf.md).
struct Layout {
  int tp = 1;
  int pp = 1;
  int dp = 1;
  int cp = 1;
  int ep = 1;              ///< expert-parallel group, formed inside the data-parallel ranks
  int virtual_stages = 1;  ///< interleaved pipeline chunks per pipeline rank
  int micro_batch = 1;     ///< sequences per micro-batch
  int global_batch = 1;    ///< sequences per step
  bool sequence_parallel = false;
  Recompute recompute = Recompute::none;
  /// With full recomputation, how many layers of each pipeline stage are recomputed (the
  /// others keep their activations, as Megatron-LM's --recompute-num-layers); 0: all.
  int recompute_layers = 0;
  /// Share of the saved activations moved to host memory during the forward pass and
  /// brought back for the backward pass, over the accelerator's host link.
  double offload_activations = 0.0;
  Schedule schedule = Schedule::one_f_one_b;
  ZeroStage zero = ZeroStage::none;
  Precision precision = Precision::bf16;
  bool flash_attention = true;     ///< fused attention: no s × s score matrix in memory
  bool balance_embedding = false;  ///< first and last stages hold one layer less (Llama 3)
  bool fp32_grad_reduce = false;   ///< gradients reduced in FP32 (Llama 3), else BF16
  bool dp_outer = true;            ///< pp inside dp in the rank order (Llama 3) or outside
  /// Whether the static parts of each mixture-of-experts layer (attention, router, dispatch
  /// preprocessing, shared experts) replay as CUDA graphs; without them the host's launches
  /// show, kMoeLayerHostTime (step_model.hpp) per MoE layer and micro-batch
  /// (docs/models/perf.md, "Host time of MoE layers"). Dense layers are unaffected.
  bool cuda_graphs = true;

  [[nodiscard]] std::int64_t gpus() const { return static_cast<std::int64_t>(tp) * pp * dp * cp; }
  /// Micro-batches per step on each pipeline.
  [[nodiscard]] int micro_batches() const {
    return static_cast<int>(global_batch / (static_cast<std::int64_t>(dp) * micro_batch));
  }
  /// Pipeline chunks: pp stages of virtual_stages each (64 bits: both may be large inputs).
  [[nodiscard]] std::int64_t chunks() const {
    return static_cast<std::int64_t>(pp) * virtual_stages;
  }
  /// Layer slots the pipeline spreads: the layers, and the embedding and loss when balanced.
  [[nodiscard]] int layer_slots(int layers) const { return layers + (balance_embedding ? 2 : 0); }
  /// Layer slots of the busiest pipeline stage: the slots over the chunks, one more in some
  /// chunks where they do not divide (Megatron-LM's uneven first and last stages); the
  /// pipeline moves at that stage's pace. Needs chunks() ≥ 1.
  [[nodiscard]] int busiest_stage_layers(int layers) const {
    const std::int64_t slots = layer_slots(layers);
    return static_cast<int>((slots + chunks() - 1) / chunks()) * virtual_stages;
  }
};

struct Violation {
  std::string field;    ///< the layout key at fault, e.g. "tp"
  std::string message;  ///< which constraint fails, with the numbers
};

/// Every constraint the layout breaks for `model` on `gpus` accelerators with scale-up
/// domains of `scale_up_domain`; empty when the layout is possible.
std::vector<Violation> check_layout(const TransformerModel& model, const Layout& layout,
                                    std::int64_t gpus, int scale_up_domain);
/// The same test without messages or allocation, for the layout search.
bool layout_possible(const TransformerModel& model, const Layout& layout, std::int64_t gpus,
                     int scale_up_domain);

}  // namespace gigasim::perf
