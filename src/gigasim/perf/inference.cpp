#include "gigasim/perf/inference.hpp"

#include <algorithm>

namespace gigasim::perf {

double replica_tokens_per_s(const TransformerModel& m, const hardware::Accelerator& a,
                            const Efficiency& e, const InferenceSetup& s) {
  const ParameterCounts c = count_parameters(m);
  const double active =
      c.active - c.embedding;  // the embedding is a lookup, not a read of all rows
  const double n = s.accelerators;
  const double kv_bytes =
      static_cast<double>(s.batch) * s.context * 2.0 * m.layers * m.kv_heads * m.head_dim() * 2.0;
  const double memory_time = (2.0 * active + kv_bytes) / (n * a.hbm_bandwidth.value() * e.memory);
  const double compute_time =
      static_cast<double>(s.batch) * 2.0 * active / (n * a.bf16_dense.value() * e.gemm_max);
  return s.batch / std::max(memory_time, compute_time);
}

}  // namespace gigasim::perf
