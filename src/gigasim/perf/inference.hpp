// Throughput of one inference replica (docs/models/scheduling.md, "Inference").
#pragma once

#include "gigasim/hardware/accelerator.hpp"
#include "gigasim/perf/model.hpp"
#include "gigasim/perf/platform.hpp"

namespace gigasim::perf {

/// A replica's shape. The defaults of a scenario's `batch` and `context` live in
/// data/defaults.yaml (`inference`); here they are zero.
struct InferenceSetup {
  int accelerators = 8;  ///< per replica (tensor-parallel)
  int batch = 0;         ///< sequences decoded together
  int context = 0;       ///< mean tokens of context held in the KV cache per sequence
};

/// Decode tokens/s of one replica. A decode step reads every active weight once and each
/// sequence's KV cache, and computes 2 FLOPs per active weight per sequence; it takes the
/// longer of the two (the roofline view of Pope et al. 2023, "Efficiently scaling transformer
/// inference", MLSys, and Yuan et al. 2024, "LLM inference unveiled", arXiv:2402.16363):
///   t_step = max((2·P_active + batch·context·2·layers·kv_heads·d·2) / (N·HBM·η_mem),
///                batch·2·P_active / (N·peak·η_gemm)),   tokens/s = batch / t_step.
/// Prefill, scheduling and sampling overheads are left out.
double replica_tokens_per_s(const TransformerModel& model, const hardware::Accelerator& accelerator,
                            const Efficiency& efficiency, const InferenceSetup& setup);

}  // namespace gigasim::perf
