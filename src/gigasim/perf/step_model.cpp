#include "gigasim/perf/step_model.hpp"

#include <algorithm>

#include "gigasim/perf/collectives.hpp"

namespace gigasim::perf {
namespace {

constexpr double kBf16 = 2.0;            // bytes per activation and weight element
constexpr double kAdamBytes = 12.0;      // FP32 master weights, Adam first and second moments
constexpr double kAdamTraffic = 30.0;    // bytes touched per parameter by the Adam update
constexpr double kScoreBytesFwd = 12.0;  // bytes per s×s score element, forward, unfused attention
// Bytes moved by element-wise kernels (norms, residuals, dropout, bias) per token and hidden
// unit, forward; and per MLP activation unit (activation function and its gating).
constexpr double kElementwiseHidden = 20.0;
constexpr double kElementwiseMlp = 8.0;

struct LayerTimes {
  double forward = 0;  // compute, one micro-batch, one layer
  double backward = 0;
  double recompute = 0;
  double attention_fwd = 0;  // the attention core alone (CP overlap window)
  double tp_comm = 0;        // exposed
  double cp_comm = 0;        // exposed
  double ep_comm = 0;        // exposed
};

struct Context {
  const TransformerModel& m;
  const Layout& l;
  const Efficiency& e;
  double peak_gemm;
  double peak_bf16;
  double hbm;     // achievable bytes/s
  double tokens;  // per accelerator and micro-batch
  Tiers tiers;
  long long tp_stride = 1, cp_stride, dp_stride, pp_stride;

  // Roofline (Williams, Waterman & Patterson 2009, CACM 52(4)): a product is bound either
  // by the tensor cores at the achievable efficiency or by reading its operands and writing
  // its result through HBM; thin products (attention with K = head_dim) are memory-bound.
  [[nodiscard]] double gemm(double rows, double n, double k, double peak) const {
    const double compute = 2.0 * rows * n * k / (peak * gemm_efficiency(e, rows, n, k));
    const double traffic = kBf16 * (rows * k + k * n + rows * n) / hbm;
    return std::max(compute, traffic);
  }
  [[nodiscard]] double gemm(double rows, double n, double k) const {
    return gemm(rows, n, k, peak_gemm);
  }
  [[nodiscard]] double memory_time(double bytes) const { return bytes / hbm; }
};

double attention_projection_time(const Context& x) {
  const TransformerModel& m = x.m;
  const double t = x.l.tp;
  const double kv_local = std::max(static_cast<double>(m.kv_heads) * m.head_dim() / t,
                                   static_cast<double>(m.head_dim()));
  return x.gemm(x.tokens, m.hidden / t + 2.0 * kv_local, m.hidden) +
         x.gemm(x.tokens, m.hidden, m.hidden / t);
}

double mlp_time(const Context& x, double rows, double ffn) {
  const double t = x.l.tp;
  const double up = (x.m.mlp == MlpKind::gated ? 2.0 : 1.0) * ffn / t;
  return x.gemm(rows, up, x.m.hidden) + x.gemm(rows, x.m.hidden, ffn / t);
}

double mlp_activation_units(const TransformerModel& m, double ffn) {
  return (m.mlp == MlpKind::gated ? 1.5 : 1.0) * ffn;
}

// One layer, one micro-batch, on one accelerator.
LayerTimes layer_times(const Context& x, bool moe) {
  const TransformerModel& m = x.m;
  const Layout& l = x.l;
  const double t = l.tp;
  const double s = m.seq_len;
  const double heads_dim = static_cast<double>(m.heads) * m.head_dim();
  LayerTimes r;

  double matmul = attention_projection_time(x);
  double activation_units = 0;
  if (!moe) {
    matmul += mlp_time(x, x.tokens, m.ffn_hidden);
    activation_units = x.tokens * mlp_activation_units(m, m.ffn_hidden);
  } else {
    const double routed =
        x.tokens * m.top_k;  // expert rows processed here, balanced over the EP group
    const double per_expert_rows = routed * l.ep / m.experts;
    matmul += x.gemm(x.tokens, m.experts, m.hidden);  // router
    matmul +=
        static_cast<double>(m.experts) / l.ep * mlp_time(x, per_expert_rows, m.moe_ffn_hidden);
    if (m.shared_experts > 0) matmul += m.shared_experts * mlp_time(x, x.tokens, m.moe_ffn_hidden);
    activation_units =
        (routed + x.tokens * m.shared_experts) * mlp_activation_units(m, m.moe_ffn_hidden);
    // Token permutation to and from expert order: each routed copy of a token's hidden
    // vector is read and written once on the way in and once on the way out.
    matmul += x.memory_time(4.0 * routed * m.hidden * kBf16 / t);
  }

  // Attention core: each of the tokens here attends on average to s/2 keys (causal,
  // load-balanced over CP). Fused kernels skip the masked half; unfused ones compute the
  // whole s × s matrix as batched GEMMs and stream it through memory.
  double attention = 0;
  if (l.flash_attention) {
    attention = 2.0 * x.tokens * s * heads_dim / t / (x.peak_bf16 * x.e.attention);
  } else {
    // Per head: Q·Kᵀ (s/cp × s × d) and P·V (s/cp × d × s), batched over the local heads.
    const double d = m.head_dim();
    const double local_heads = static_cast<double>(m.heads) / t * l.micro_batch;
    const double rows = x.tokens / l.micro_batch;
    attention = local_heads * (x.gemm(rows, s, d, x.peak_bf16) + x.gemm(rows, d, s, x.peak_bf16));
    attention += x.memory_time(x.tokens * s * (m.heads / t) * kScoreBytesFwd);
  }
  const double hidden_share = l.sequence_parallel ? 1.0 / t : 1.0;
  const double elementwise = x.memory_time(x.tokens * m.hidden * kElementwiseHidden * hidden_share +
                                           activation_units / t * kElementwiseMlp);
  const double overhead = x.e.kernel_overhead.value();

  r.attention_fwd = attention;
  r.forward = matmul + attention + elementwise + overhead;
  r.backward = 2.0 * (matmul + attention + elementwise) + 2.0 * overhead;
  switch (l.recompute) {
    case Recompute::none:
      break;
    case Recompute::selective:
      r.recompute = attention;
      break;
    case Recompute::full:
      r.recompute = r.forward;
      break;
  }

  // Tensor parallelism: two all-reduces forward and two backward per layer (Shoeybi et al.
  // 2019), or with sequence parallelism a reduce-scatter and an all-gather in their place
  // (Korthikanti et al. 2022); two more in a fully recomputed forward.
  if (l.tp > 1) {
    const double bytes = x.tokens * m.hidden * kBf16;
    const Link link = link_for_group(x.tiers, l.tp, x.tp_stride);
    const double one = l.sequence_parallel ? 2.0 * all_gather_time(bytes, l.tp, link)
                                           : all_reduce_time(bytes, l.tp, link);
    const double count = l.recompute == Recompute::full ? 6.0 : 4.0;
    r.tp_comm = (1.0 - x.e.tp_overlap) * count * one;
  }
  // Context parallelism: keys and values gathered forward, their gradients reduce-scattered
  // backward, overlapped with the attention of the chunks already there (ring attention).
  if (l.cp > 1) {
    // Each tensor-parallel rank gathers only the KV heads it holds.
    const double kv_heads_local = std::max(1.0, static_cast<double>(m.kv_heads) / l.tp);
    const double kv_bytes = l.micro_batch * s * 2.0 * kv_heads_local * m.head_dim() * kBf16;
    const Link link = link_for_group(x.tiers, l.cp, x.cp_stride);
    const double one = all_gather_time(kv_bytes, l.cp, link);
    r.cp_comm = std::max(0.0, one - attention) + std::max(0.0, one - 2.0 * attention);
  }
  // Expert parallelism: dispatch and combine all-to-all, forward and backward.
  if (moe && l.ep > 1) {
    const double bytes = x.tokens * m.top_k * m.hidden * kBf16;
    // The EP group is formed from data-parallel ranks: their stride in the rank order.
    const Link link = link_for_group(x.tiers, l.ep, x.dp_stride);
    r.ep_comm = 4.0 * all_to_all_time(bytes, l.ep, link);
  }
  return r;
}

}  // namespace

double gemm_efficiency(const Efficiency& e, double m, double n, double k) {
  const double h = e.gemm_half_dim;
  return e.gemm_max * (m / (m + h)) * (n / (n + h)) * (k / (k + h));
}

StepEstimate estimate_step(const TransformerModel& m, const Layout& l, const Platform& p) {
  const hardware::Accelerator& acc = p.system.accelerator;
  const Efficiency& e = p.efficiency;
  const double peak_bf16 = acc.bf16_dense.value();
  const double peak_gemm = l.precision == Precision::fp8 ? acc.fp8_dense.value() : peak_bf16;

  Context x{m,
            l,
            e,
            peak_gemm,
            peak_bf16,
            acc.hbm_bandwidth.value() * e.memory,
            static_cast<double>(l.micro_batch) * m.seq_len / l.cp,
            {},
            1,
            0,
            0,
            0};
  x.tiers.scale_up_domain = p.system.scale_up_domain;
  x.tiers.scale_up = {acc.scale_up_bandwidth.value() / 2.0 * e.collective_scale_up,
                      e.scale_up_latency.value()};
  x.tiers.scale_out = {p.fabric.nic_bandwidth.value() * e.collective_scale_out,
                       p.fabric.latency.value()};
  x.tiers.pod_size = p.fabric.pod_size;
  x.tiers.oversubscription = p.fabric.oversubscription;
  x.cp_stride = l.tp;
  x.pp_stride =
      l.dp_outer ? static_cast<long long>(l.tp) * l.cp : static_cast<long long>(l.tp) * l.cp * l.dp;
  x.dp_stride =
      l.dp_outer ? static_cast<long long>(l.tp) * l.cp * l.pp : static_cast<long long>(l.tp) * l.cp;

  const ParameterCounts params = count_parameters(m);
  const double moe_share = m.layers > 0 ? static_cast<double>(m.moe_layers()) / m.layers : 0.0;
  const LayerTimes dense = layer_times(x, false);
  const LayerTimes moe = m.is_moe() ? layer_times(x, true) : dense;
  auto mix = [&](double LayerTimes::*f) {
    return (1.0 - moe_share) * dense.*f + moe_share * moe.*f;
  };

  const int slots = m.layers + (l.balance_embedding ? 2 : 0);
  const double stage_layers = static_cast<double>(slots) / l.pp;
  // The output projection and loss: forward and backward, never recomputed. With balanced
  // stages they replace a layer on the last stage, which then is not the slowest.
  const double logits_time = 3.0 * x.gemm(x.tokens, static_cast<double>(m.vocab) / l.tp, m.hidden);
  const double extra = l.balance_embedding ? 0.0 : logits_time;

  StepEstimate r;
  StepBreakdown& b = r.breakdown;
  const double per_mb_compute =
      stage_layers *
          (mix(&LayerTimes::forward) + mix(&LayerTimes::backward) + mix(&LayerTimes::recompute)) +
      extra;
  const double per_mb_tp = stage_layers * mix(&LayerTimes::tp_comm);
  const double per_mb_cp = stage_layers * mix(&LayerTimes::cp_comm);
  const double per_mb_ep = stage_layers * mix(&LayerTimes::ep_comm);
  double per_mb_p2p = 0;
  if (l.pp > 1) {
    const double bytes = x.tokens * m.hidden * kBf16 / (l.sequence_parallel ? l.tp : 1);
    const Link link = link_for_group(x.tiers, 2, x.pp_stride);
    per_mb_p2p = 2.0 * l.virtual_stages * p2p_time(bytes, link) * (1.0 - e.p2p_overlap);
  }
  const double t_mb = per_mb_compute + per_mb_tp + per_mb_cp + per_mb_ep + per_mb_p2p;
  const double mbs = l.micro_batches();
  b.compute = mbs * per_mb_compute;
  b.tp_exposed = mbs * per_mb_tp;
  b.cp_exposed = mbs * per_mb_cp;
  b.ep_exposed = mbs * per_mb_ep;
  b.pp_p2p_exposed = mbs * per_mb_p2p;
  // Pipeline bubble of the (interleaved) 1F1B schedule: (p − 1)/v micro-batch times
  // (Narayanan et al. 2021, §2.2).
  b.pp_bubble = l.pp > 1 ? (l.pp - 1.0) / l.virtual_stages * t_mb : 0.0;

  // Parameters held by one accelerator of the busiest stage.
  const double dense_layer_params = params.attention_per_layer + params.dense_mlp_per_layer;
  const double moe_layer_params = params.attention_per_layer + params.router_per_layer +
                                  params.shared_per_layer + m.experts * params.expert / l.ep;
  const double layer_params = (1.0 - moe_share) * dense_layer_params + moe_share * moe_layer_params;
  // The first stage holds the embedding; with one stage it holds the output projection too.
  const double edge_params = params.embedding + (l.pp == 1 ? params.output : 0.0);
  const double local_params = (stage_layers * layer_params + edge_params) / l.tp;
  const int replicas = l.dp * l.cp;  // ranks holding the same weights
  // Replicas span two tiers: the CP ranks (close, stride tp) and the DP ranks (stride
  // dp_stride). The reduction is hierarchical: a reduce-scatter (or all-gather) inside the
  // CP group, then across DP on 1/cp of the data, as NCCL's tree and ring do per level.
  const Link cp_link = link_for_group(x.tiers, l.cp, x.cp_stride);
  const Link dp_link = link_for_group(x.tiers, l.dp, x.dp_stride);
  auto gather = [&](double bytes) {
    return all_gather_time(bytes, l.cp, cp_link) + all_gather_time(bytes / l.cp, l.dp, dp_link);
  };
  auto reduce = [&](double bytes) {
    return l.cp > 1 ? 2.0 * all_gather_time(bytes, l.cp, cp_link) +
                          all_reduce_time(bytes / l.cp, l.dp, dp_link)
                    : all_reduce_time(bytes, l.dp, dp_link);
  };
  const double grad_bytes = local_params * (l.fp32_grad_reduce ? 4.0 : kBf16);
  double dp_time = 0;
  switch (l.zero) {
    case ZeroStage::none:
      dp_time = reduce(grad_bytes);
      break;
    case ZeroStage::zero1:
    case ZeroStage::zero2:  // reduce-scatter gradients, all-gather updated weights
      dp_time = gather(grad_bytes) + gather(local_params * kBf16);
      break;
    case ZeroStage::zero3:  // weights gathered again for every forward and backward
      dp_time = gather(grad_bytes) + 2.0 * mbs * gather(local_params * kBf16);
      break;
  }
  // Gradient synchronisation starts with the last micro-batch's backward pass; ZeRO-3's
  // gathers are spread over every micro-batch.
  const double last_backward = stage_layers * mix(&LayerTimes::backward);
  const double window = l.zero == ZeroStage::zero3 ? mbs * per_mb_compute : last_backward;
  b.dp_exposed = std::max(0.0, dp_time - e.dp_overlap * window);
  const double optimizer_params = local_params / (l.zero == ZeroStage::none ? 1.0 : replicas);
  b.optimizer = x.memory_time(optimizer_params * kAdamTraffic);

  r.step_time_s = b.compute + b.tp_exposed + b.cp_exposed + b.ep_exposed + b.pp_p2p_exposed +
                  b.pp_bubble + b.dp_exposed + b.optimizer;

  // FLOPs and utilisation.
  const double gpus = static_cast<double>(l.gpus());
  r.tokens_per_step = static_cast<double>(l.global_batch) * m.seq_len;
  r.tokens_per_s = r.tokens_per_step / r.step_time_s;
  const ForwardFlops fwd = forward_flops_per_token(m, m.seq_len);
  r.model_flops_per_step = 3.0 * fwd.total * r.tokens_per_step;
  double recomputed = 0;
  if (l.recompute == Recompute::full) recomputed = fwd.total - fwd.logits;
  if (l.recompute == Recompute::selective) recomputed = m.layers * fwd.attention_causal;
  r.hardware_flops_per_step = r.model_flops_per_step + recomputed * r.tokens_per_step;
  r.model_tflops_per_gpu = r.model_flops_per_step / r.step_time_s / gpus / 1e12;
  r.hardware_tflops_per_gpu = r.hardware_flops_per_step / r.step_time_s / gpus / 1e12;
  r.peak_tflops_per_gpu = peak_gemm / 1e12;
  r.mfu = r.model_tflops_per_gpu / r.peak_tflops_per_gpu;
  r.hfu = r.hardware_tflops_per_gpu / r.peak_tflops_per_gpu;

  // Memory of the first stage, which holds the most micro-batches in flight (Korthikanti et
  // al. 2022, "Reducing activation recomputation in large transformer models", §4).
  MemoryBreakdown& mem = r.memory;
  const double zero_share = 1.0 / replicas;
  mem.weights = kBf16 * local_params * (l.zero == ZeroStage::zero3 ? zero_share : 1.0);
  if (l.zero == ZeroStage::zero3)
    mem.weights += 2.0 * kBf16 * layer_params / l.tp;  // gathered layers
  mem.gradients = (l.fp32_grad_reduce ? 4.0 : kBf16) * local_params *
                  (l.zero == ZeroStage::zero2 || l.zero == ZeroStage::zero3 ? zero_share : 1.0);
  mem.optimizer = kAdamBytes * local_params * (l.zero == ZeroStage::none ? 1.0 : zero_share);
  const double t = l.tp;
  const double sbh = x.tokens * m.hidden;  // elements
  const double mlp_units =
      moe_share > 0 ? (m.top_k + m.shared_experts) * mlp_activation_units(m, m.moe_ffn_hidden)
                    : mlp_activation_units(m, m.ffn_hidden);
  // Bytes per layer: 10·sbh that tensor parallelism does not split without sequence
  // parallelism (norm inputs, dropout masks, residuals); 24·sbh that it splits in a GPT
  // layer, 8·sbh of attention and 4 bytes per MLP activation unit (16·sbh for an MLP of 4h),
  // which generalises to gated and expert MLPs; 5·a·s²·b for unfused attention scores.
  const double unsplit = 10.0 * sbh;
  const double split = 8.0 * sbh + 4.0 * x.tokens * mlp_units;
  const double scores = l.flash_attention || l.recompute != Recompute::none
                            ? 0.0
                            : 5.0 * m.heads * x.tokens * m.seq_len;
  double per_layer = 0;
  if (l.recompute == Recompute::full) {
    per_layer = 2.0 * sbh / (l.sequence_parallel ? t : 1.0);
  } else {
    per_layer = (l.sequence_parallel ? unsplit / t : unsplit) + split / t + scores / t;
  }
  const double in_flight =
      l.pp == 1 ? 1.0
                : std::min(mbs, static_cast<double>(l.pp)) *
                      (l.virtual_stages > 1 ? 1.0 + (l.pp - 1.0) / (l.pp * l.virtual_stages) : 1.0);
  mem.activations = stage_layers * per_layer * in_flight;
  if (l.recompute == Recompute::full)
    mem.activations += unsplit / t + split / t;  // the layer being recomputed
  mem.activations +=
      2.0 * 4.0 * x.tokens * m.vocab / t;  // FP32 logits and their gradient, last stage
  mem.reserve = e.memory_reserve.value();
  r.memory_capacity = acc.hbm_capacity.value();
  r.fits_in_memory = mem.total() <= r.memory_capacity;

  // Power: dynamic power in proportion to what the accelerator does (docs/models/perf.md).
  const double busy = b.compute / r.step_time_s;
  const double communicating =
      (b.tp_exposed + b.cp_exposed + b.ep_exposed + b.pp_p2p_exposed + b.dp_exposed + b.optimizer) /
      r.step_time_s;
  const double dynamic = (acc.tdp - acc.idle_power).value();
  r.power_per_gpu_w = acc.idle_power.value() + dynamic * (e.activity_compute * busy +
                                                          e.activity_communication * communicating);
  return r;
}

}  // namespace gigasim::perf
