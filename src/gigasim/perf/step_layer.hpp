// One transformer layer of one micro-batch on one accelerator, and the pipeline's idle time:
// the pieces estimate_step adds up (docs/models/perf.md). Internal to the perf module.
#pragma once

#include "gigasim/perf/collectives.hpp"
#include "gigasim/perf/layout.hpp"
#include "gigasim/perf/model.hpp"
#include "gigasim/perf/platform.hpp"
#include "gigasim/perf/step_model.hpp"

namespace gigasim::perf::detail {

inline constexpr double kBf16 = 2.0;          // bytes per activation and weight element
inline constexpr double kAdamBytes = 12.0;    // FP32 master weights, Adam first and second moments
inline constexpr double kAdamTraffic = 30.0;  // bytes touched per parameter by the Adam update
inline constexpr double kScoreBytesFwd =
    12.0;  // bytes per s×s score element, forward, unfused attention
// Bytes moved by element-wise kernels (norms, residuals, dropout, bias) per token and hidden
// unit, forward; and per MLP activation unit (activation function and its gating).
inline constexpr double kElementwiseHidden = 20.0;
inline constexpr double kElementwiseMlp = 8.0;
// FP8 casts (Transformer Engine's fused cast-transpose, Micikevicius et al. 2022, "FP8
// formats for deep learning", arXiv:2209.05433): each element of a GEMM input is read in 16
// bits and written in FP8 twice, as is and transposed for the weight-gradient product on
// Hopper's TN-only FP8 tensor cores: 2 + 1 + 1 bytes.
inline constexpr double kFp8CastBytes = 4.0;
// Cross-entropy over the vocabulary in FP32, per logit element: read the 16-bit logits twice
// (maximum, then exponentials), write the FP32 softmax, read it back in the backward pass and
// write the 16-bit gradient: 2 + 2 + 4 + 4 + 2 bytes (Megatron-LM's fused vocab-parallel loss).
inline constexpr double kCrossEntropyBytes = 14.0;

struct LayerTimes {
  double forward = 0;  // compute, one micro-batch, one layer
  double backward = 0;
  double recompute = 0;          // of a fully recomputed layer (or the attention core, selective)
  double attention_fwd = 0;      // the attention core alone (CP overlap window)
  double tp_comm = 0;            // exposed, a layer that is not recomputed
  double tp_comm_recompute = 0;  // exposed, the recomputed forward's extra collectives
  double cp_comm = 0;            // exposed
  double ep_comm = 0;            // before overlap: the schedule decides how much is hidden
};

// Elements of 16-bit GEMM inputs cast to FP8 for one micro-batch and layer: the forward
// inputs (activations) and the backward ones (output gradients).
struct Casts {
  double forward = 0;
  double backward = 0;
};

struct Context {
  const TransformerModel& m;
  const Layout& l;
  const Efficiency& e;
  double rate_fp8;  // dense FLOP/s at the sustained matrix clock (Accelerator::matrix_rate)
  double rate_bf16;
  double hbm;     // achievable bytes/s
  double tokens;  // per accelerator and micro-batch
  Tiers tiers;
  long long tp_stride = 1, cp_stride, dp_stride, pp_stride;

  // Roofline (Williams, Waterman & Patterson 2009, CACM 52(4)): a product is bound either
  // by the tensor cores at the achievable efficiency or by reading its operands and writing
  // its result through HBM; thin products (attention with K = head_dim) are memory-bound.
  // A 16-bit product: attention without a fused kernel, the router, the output projection.
  [[nodiscard]] double gemm(double rows, double n, double k) const {
    const double compute = 2.0 * rows * n * k / (rate_bf16 * gemm_efficiency(e, rows, n, k));
    const double traffic = kBf16 * (rows * k + k * n + rows * n) / hbm;
    return std::max(compute, traffic);
  }
  // A linear layer of a transformer block: in FP8 when the layout says so (8-bit operands,
  // 16-bit result; the casts of its inputs are counted apart, add_casts).
  [[nodiscard]] double linear(double rows, double n, double k) const {
    if (l.precision != Precision::fp8) return gemm(rows, n, k);
    const double efficiency = gemm_efficiency(e, rows, n, k) / e.gemm_max * e.gemm_max_fp8;
    const double compute = 2.0 * rows * n * k / (rate_fp8 * efficiency);
    const double traffic = (rows * k + k * n + kBf16 * rows * n) / hbm;
    return std::max(compute, traffic);
  }
  [[nodiscard]] double memory_time(double bytes) const { return bytes / hbm; }
};

double mlp_activation_units(const TransformerModel& m, double ffn);
/// One layer (dense, or mixture of experts) of one micro-batch.
LayerTimes layer_times(const Context& x, bool moe);
/// Idle time of a step's pipeline under the layout's schedule.
double pipeline_bubble(const Layout& l, double t_mb, double forward, double backward);

}  // namespace gigasim::perf::detail
