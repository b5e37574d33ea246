// What a training job runs on: a system of accelerators, the scale-out fabric between
// systems, and the achievable efficiencies of the accelerator's generation.
#pragma once

#include <string>

#include "gigasim/core/quantity.hpp"
#include "gigasim/hardware/accelerator.hpp"

namespace gigasim::perf {

/// The scale-out network (data/fabrics.yaml).
struct Fabric {
  std::string id;
  std::string name;
  core::Bandwidth nic_bandwidth;  ///< per accelerator, one direction
  int pod_size = 0;               ///< accelerators under a non-blocking tier (0: one pod)
  double oversubscription = 1.0;  ///< between pods (Llama 3: 1:7 at the aggregation layer)
  core::Latency latency;          ///< per message across the fabric
};

/// Achievable fractions of peak, per accelerator generation (data/efficiency.yaml). Each is
/// a physical quantity, calibrated once against published runs (docs/validation.md). The
/// shares of compute are of the peak at the accelerator's sustained matrix clock
/// (Accelerator::matrix_rate), which is the datasheet peak where no clock was measured.
struct Efficiency {
  std::string generation;
  double gemm_max = 0.75;  ///< large BF16 matrix products, fraction of dense BF16 rate
  /// Large FP8 matrix products in training, fraction of dense FP8 rate: below gemm_max on
  /// Hopper, where FP8 tensor cores meet the power limit first (docs/models/perf.md, "FP8").
  double gemm_max_fp8 = 0.75;
  /// Large FP4 (block-scaled) matrix products in serving, fraction of dense FP4 rate; unused
  /// on generations without FP4 products (docs/models/serving.md, "FP4").
  double gemm_max_fp4 = 0.75;
  double gemm_half_dim =
      128;  ///< matrix dimension at which a GEMM reaches half of gemm_max per dimension
  double attention = 0.6;             ///< fused (flash) attention, fraction of dense BF16 rate
  double memory = 0.75;               ///< memory-bound kernels, fraction of HBM bandwidth
  double collective_scale_up = 0.8;   ///< bus bandwidth / link bandwidth inside the scale-up domain
  double collective_scale_out = 0.8;  ///< bus bandwidth / NIC bandwidth across the fabric
  double tp_overlap = 0.0;   ///< share of tensor-parallel communication hidden behind compute
  double p2p_overlap = 0.0;  ///< share of pipeline send/receive hidden behind compute
  double dp_overlap = 1.0;   ///< share of the last backward pass that gradient sync can hide behind
  double ep_overlap = 0.0;   ///< share of expert-parallel all-to-all hidden behind compute
  core::Latency scale_up_latency = core::Latency::base(5e-6);
  core::Latency kernel_overhead =
      core::Latency::base(0.0);   ///< launch and synchronisation per layer and micro-batch
  core::DataSize memory_reserve;  ///< HBM taken by the runtime (context, communication buffers)
  /// Serving: paged-attention reads of the KV cache, fraction of HBM bandwidth.
  double kv_read = 0.9;
  /// Serving: fixed cost of one decode iteration per layer (scheduling, sampling, launches
  /// left by CUDA graphs).
  core::Latency decode_overhead = core::Latency::base(0.0);
  double activity_compute = 0.9;         ///< dynamic power share while computing
  double activity_communication = 0.35;  ///< dynamic power share while only communicating
  /// Whether published training runs of this generation fixed the constants above; when
  /// not, they are extrapolated (from an older generation, or from serving runs for CDNA3's
  /// matrix shares) and every training estimate says so.
  bool calibrated = false;
  /// Whether published serving throughputs of this generation fixed the constants serving
  /// uses (matrix shares at the serving precision, kv_read, decode_overhead); serving
  /// estimates say `extrapolated` when not. A generation may be calibrated for one use only:
  /// CDNA3's constants come from MLPerf Inference, none from a training run.
  bool serving_calibrated = false;
};

/// Electrical power of one accelerator that computes a share `computing` of the time and
/// only communicates or streams memory a share `communicating` (idle the rest): idle power
/// plus the dynamic range at the generation's activities (docs/models/perf.md, "Power per
/// accelerator").
inline double accelerator_power_w(const hardware::Accelerator& a, const Efficiency& e,
                                  double computing, double communicating) {
  return a.idle_power.value() +
         (a.tdp - a.idle_power).value() *
             (e.activity_compute * computing + e.activity_communication * communicating);
}

struct Platform {
  hardware::System system;
  Fabric fabric;
  Efficiency efficiency;
};

}  // namespace gigasim::perf
