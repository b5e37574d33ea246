// Step time, FLOPs, memory and power of one training step (docs/models/perf.md).
#pragma once

#include "gigasim/perf/layout.hpp"
#include "gigasim/perf/model.hpp"
#include "gigasim/perf/platform.hpp"

namespace gigasim::perf {

/// Seconds of one step, by cause. compute includes recomputation; the communication terms
/// are the exposed parts only (what overlap could not hide).
struct StepBreakdown {
  double compute = 0;
  double tp_exposed = 0;
  double pp_bubble = 0;
  double pp_p2p_exposed = 0;
  double dp_exposed = 0;
  double cp_exposed = 0;
  double ep_exposed = 0;
  double offload_exposed = 0;  ///< activation transfers to and from host memory
  double optimizer = 0;        ///< the update, and FP8 weight casts
};

struct MemoryBreakdown {  // bytes per accelerator, on the busiest pipeline stage
  double weights = 0;
  double gradients = 0;
  double optimizer = 0;
  double activations = 0;
  double reserve = 0;
  [[nodiscard]] double total() const {
    return weights + gradients + optimizer + activations + reserve;
  }
};

struct StepEstimate {
  double step_time_s = 0;
  double tokens_per_step = 0;
  double tokens_per_s = 0;
  double model_flops_per_step = 0;     ///< 3 × forward, causal attention
  double hardware_flops_per_step = 0;  ///< model FLOPs + recomputation
  double model_tflops_per_gpu = 0;
  double hardware_tflops_per_gpu = 0;
  double peak_tflops_per_gpu = 0;  ///< dense peak of the layout's precision
  double mfu = 0;
  double hfu = 0;
  MemoryBreakdown memory;
  double memory_capacity = 0;  ///< bytes of HBM per accelerator
  bool fits_in_memory = false;
  double power_per_gpu_w = 0;
  /// The generation's efficiency constants were not fitted on its own published runs
  /// (Efficiency::calibrated false): the estimate extrapolates an older generation's.
  bool extrapolated = false;
  StepBreakdown breakdown;
};

/// Host time that shows in one mixture-of-experts layer and micro-batch (forward and
/// backward, s) when the static parts of the layer (attention, router, dispatch
/// preprocessing, shared experts) are launched from the host instead of replayed as CUDA
/// graphs (Layout::cuda_graphs false): a fine-grained MoE layer's many small kernels finish
/// faster than the host launches them. Fitted on the one measurement of it found, the graph
/// gain of Megatron-LM's DeepSeek-V3 GB200 optimisation guide (NVIDIA/Megatron-LM
/// docs/discussions/deepseek-v3-gb200-optimization, §2.3 and §3, @1d9edcf8): capturing those
/// parts raised 256 GB200 (tp 1 pp 8 vp 4 ep 32, global batch 2,048, MXFP8) from 610.71 to
/// 663.27 and from 797.67 to 829.93 TFLOP/s, 1.46 s of its step, which this constant
/// reproduces through the step model (tests/validation/moe_host_time_test.cpp). The routed
/// experts stay outside such graphs, with their device-to-host synchronisation: their host
/// time is in neither configuration and not in this constant. One figure for every host.
inline constexpr double kMoeLayerHostTime = 3.34e-3;

/// Estimates one training step. The layout must be possible (check_layout empty).
StepEstimate estimate_step(const TransformerModel& model, const Layout& layout,
                           const Platform& platform);

/// Achievable fraction of peak of a matrix product M×K by K×N when compute-bound (tile and
/// wave quantisation shrink it for small dimensions):
/// η = gemm_max · Π_{d ∈ {M, N, K}} d / (d + gemm_half_dim). The step model takes the larger
/// of this compute time and the HBM time of the operands (roofline).
double gemm_efficiency(const Efficiency& e, double m, double n, double k);

}  // namespace gigasim::perf
