#include "gigasim/perf/step_layer.hpp"

#include <algorithm>
#include <cmath>

namespace gigasim::perf::detail {
namespace {

// FP8 casts of a column-parallel product (input of full width `k_full`, output split) and of
// the row-parallel one after it (input split, output of full width `n_full`). With sequence
// parallelism the full-width tensors are cast on each rank's 1/tp of the tokens before they
// are gathered (Transformer Engine's FP8 all-gather); without it every rank casts them whole.
void add_casts(const Context& x, double rows, double k_full, double split_in, double split_out,
               double n_full, Casts& casts) {
  if (x.l.precision != Precision::fp8) return;
  const double gathered = x.l.sequence_parallel ? x.l.tp : 1.0;
  casts.forward += rows * (k_full / gathered + split_in);
  casts.backward += rows * (split_out + n_full / gathered);
}

double attention_projection_time(const Context& x, Casts& casts) {
  const TransformerModel& m = x.m;
  const double t = x.l.tp;
  const double kv_local = std::max(static_cast<double>(m.kv_heads) * m.head_dim() / t,
                                   static_cast<double>(m.head_dim()));
  const double qkv = m.hidden / t + 2.0 * kv_local;
  add_casts(x, x.tokens, m.hidden, m.hidden / t, qkv, m.hidden, casts);
  return x.linear(x.tokens, qkv, m.hidden) + x.linear(x.tokens, m.hidden, m.hidden / t);
}

double mlp_time(const Context& x, double rows, double ffn, Casts& casts) {
  const double t = x.l.tp;
  const double up = (x.m.mlp == MlpKind::gated ? 2.0 : 1.0) * ffn / t;
  add_casts(x, rows, x.m.hidden, ffn / t, up, x.m.hidden, casts);
  return x.linear(rows, up, x.m.hidden) + x.linear(rows, x.m.hidden, ffn / t);
}

// One all-to-all of the `routed` token copies of this rank (the busiest one's). The EP group
// is formed from data-parallel ranks, dp_stride apart. Inside a scale-up domain it runs on
// the accelerator's links. Across domains the copies bound for other domains cross the NIC
// while those for the rank's own domain use the links, at the same time (the slower of
// the two). Node-limited routing sends a token at most once to each of its
// max_nodes_per_token domains, and the receiving rank forwards it inside its domain
// (DeepSeek-AI 2024, DeepSeek-V3 technical report, arXiv:2412.19437, §3.2.2).
double expert_all_to_all_time(const Context& x, double routed) {
  const TransformerModel& m = x.m;
  const int ep = x.l.ep;
  // With sequence parallelism each tensor-parallel rank dispatches its own 1/tp of the
  // tokens (Megatron-Core's MoE token dispatcher); without it every rank holds them all.
  const double bytes = routed * m.hidden * kBf16 / (x.l.sequence_parallel ? x.l.tp : 1);
  const long long span = static_cast<long long>(ep) * x.dp_stride;
  if (span <= x.tiers.scale_up_domain) return all_to_all_time(bytes, ep, x.tiers.scale_up);
  // Ranks of the group per scale-up domain, and domains the group spans.
  const double local = std::max(1.0, std::floor(static_cast<double>(x.tiers.scale_up_domain) /
                                                static_cast<double>(x.dp_stride)));
  const double domains = ep / local;
  const Link out = link_for_group(x.tiers, ep, x.dp_stride);
  double remote_copies = static_cast<double>(m.top_k) * (domains - 1.0) / domains;
  if (m.max_nodes_per_token > 0)
    remote_copies = std::min(remote_copies, m.max_nodes_per_token * (domains - 1.0) / domains);
  const double per_copy = bytes / m.top_k;
  const double across = remote_copies * per_copy / out.bandwidth + (domains - 1.0) * out.latency;
  const double inside = all_to_all_time(bytes / domains, static_cast<int>(local), x.tiers.scale_up);
  return std::max(across, inside);
}

}  // namespace

double mlp_activation_units(const TransformerModel& m, double ffn) {
  return (m.mlp == MlpKind::gated ? 1.5 : 1.0) * ffn;
}

// One layer, one micro-batch, on one accelerator.
LayerTimes layer_times(const Context& x, bool moe) {
  const TransformerModel& m = x.m;
  const Layout& l = x.l;
  const double t = l.tp;
  const double s = m.seq_len;
  const double heads_dim = m.attention_width();
  LayerTimes r;

  Casts casts;
  double matmul = attention_projection_time(x, casts);
  double activation_units = 0;
  double routed = 0;
  if (!moe) {
    matmul += mlp_time(x, x.tokens, m.ffn_hidden, casts);
    activation_units = x.tokens * mlp_activation_units(m, m.ffn_hidden);
  } else {
    // Expert rows processed here: the mean share of the EP group, times the busiest rank's
    // excess, which every other rank waits for (capped by the capacity factor).
    routed = x.tokens * m.top_k * m.expert_load();
    const double per_expert_rows = routed * l.ep / m.experts;
    matmul += x.gemm(x.tokens, m.experts, m.hidden);  // router, in 16 bits
    Casts expert_casts;
    matmul += static_cast<double>(m.experts) / l.ep *
              mlp_time(x, per_expert_rows, m.moe_ffn_hidden, expert_casts);
    casts.forward += static_cast<double>(m.experts) / l.ep * expert_casts.forward;
    casts.backward += static_cast<double>(m.experts) / l.ep * expert_casts.backward;
    if (m.shared_experts > 0) {
      Casts shared_casts;
      matmul += m.shared_experts * mlp_time(x, x.tokens, m.moe_ffn_hidden, shared_casts);
      casts.forward += m.shared_experts * shared_casts.forward;
      casts.backward += m.shared_experts * shared_casts.backward;
    }
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
    attention = 2.0 * x.tokens * s * heads_dim / t / (x.rate_bf16 * x.e.attention);
  } else {
    // Per head: Q·Kᵀ (s/cp × s × d) and P·V (s/cp × d × s), batched over the local heads.
    const double d = m.head_dim();
    const double local_heads = static_cast<double>(m.heads) / t * l.micro_batch;
    const double rows = x.tokens / l.micro_batch;
    attention = local_heads * (x.gemm(rows, s, d) + x.gemm(rows, d, s));
    attention += x.memory_time(x.tokens * s * (m.heads / t) * kScoreBytesFwd);
  }
  const double hidden_share = l.sequence_parallel ? 1.0 / t : 1.0;
  const double elementwise = x.memory_time(x.tokens * m.hidden * kElementwiseHidden * hidden_share +
                                           activation_units / t * kElementwiseMlp);
  const double overhead = x.e.kernel_overhead.value();
  const double cast_forward = x.memory_time(casts.forward * kFp8CastBytes);
  const double cast_backward = x.memory_time(casts.backward * kFp8CastBytes);

  // Without CUDA graphs an MoE layer waits for the host's launches; the backward pass
  // launches twice the forward's kernels, and a recomputed forward launches its own again.
  const double host = moe && !l.cuda_graphs ? kMoeLayerHostTime : 0.0;

  r.attention_fwd = attention;
  r.forward = matmul + attention + elementwise + cast_forward + overhead + host / 3.0;
  r.backward =
      2.0 * (matmul + attention + elementwise + host / 3.0) + cast_backward + 2.0 * overhead;
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
    r.tp_comm = (1.0 - x.e.tp_overlap) * 4.0 * one;
    if (l.recompute == Recompute::full) r.tp_comm_recompute = (1.0 - x.e.tp_overlap) * 2.0 * one;
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
  if (moe && l.ep > 1) r.ep_comm = 4.0 * expert_all_to_all_time(x, routed);
  return r;
}

// Idle time of a step's pipeline (docs/models/perf.md, "Pipeline schedules"), from the time
// of one micro-batch on a stage (t_mb, exposed communication included) and its forward (with
// recomputation) and backward compute. The backward splits evenly into input-gradient (B)
// and weight-gradient (W) products, as it does in FLOPs.
double pipeline_bubble(const Layout& l, double t_mb, double forward, double backward) {
  if (l.pp == 1) return 0.0;
  const double f = forward, b = backward / 2.0, w = backward / 2.0;
  const double whole = f + b + w;
  if (!(whole > 0)) return 0.0;
  switch (l.schedule) {
    case Schedule::one_f_one_b:  // (p − 1)/v micro-batches (Narayanan et al. 2021, §2.2)
      return (l.pp - 1.0) / l.virtual_stages * t_mb;
    case Schedule::zb_h1:  // (p − 1)(F + B − W) (Qi et al. 2024, "Zero bubble pipeline
                           // parallelism", ICLR, Table 2)
      return (l.pp - 1.0) * t_mb * std::max(0.0, f + b - w) / whole;
    case Schedule::zb_h2:  // (p − 1)(F + B − 2W), with twice the activations in flight
      return (l.pp - 1.0) * t_mb * std::max(0.0, f + b - 2.0 * w) / whole;
    case Schedule::dualpipe:  // (p/2 − 1)(F&B + B_full − 3W), F&B ≈ F + B_full (DeepSeek-V3,
                              // Table 2)
      return (l.pp / 2.0 - 1.0) * t_mb * std::max(0.0, f + 2.0 * (b + w) - 3.0 * w) / whole;
  }
  return 0.0;
}

}  // namespace gigasim::perf::detail
