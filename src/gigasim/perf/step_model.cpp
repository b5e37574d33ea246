#include "gigasim/perf/step_model.hpp"

#include <algorithm>

#include "gigasim/perf/collectives.hpp"
#include "gigasim/perf/step_layer.hpp"

namespace gigasim::perf {

using namespace detail;  // NOLINT(google-build-using-namespace): the layer pieces of this model

double gemm_efficiency(const Efficiency& e, double m, double n, double k) {
  const double h = e.gemm_half_dim;
  return e.gemm_max * (m / (m + h)) * (n / (n + h)) * (k / (k + h));
}

StepEstimate estimate_step(const TransformerModel& m, const Layout& l, const Platform& p) {
  const hardware::Accelerator& acc = p.system.accelerator;
  const Efficiency& e = p.efficiency;
  const bool fp8 = l.precision == Precision::fp8;

  // The efficiency constants multiply the rates at the clock the matrix units sustain.
  Context x{m,
            l,
            e,
            acc.matrix_rate(acc.fp8_dense),
            acc.matrix_rate(acc.bf16_dense),
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

  // The busiest stage, whose pace the pipeline keeps (the others wait for it).
  const double stage_layers = l.busiest_stage_layers(m.layers);
  // Share of the stage's layers recomputed in full (Megatron-LM's --recompute-num-layers).
  const double recomputed_share = l.recompute == Recompute::full && l.recompute_layers > 0
                                      ? std::min(1.0, l.recompute_layers / stage_layers)
                                      : 1.0;
  // The output projection and loss: forward and backward, never recomputed, in 16 bits
  // (FP8 recipes keep the output layer in BF16), with the FP32 cross-entropy streamed
  // through memory. They load the last stage; with balanced stages they take the place of
  // one of its layers, so the last stage is the busiest only when they cost more than one.
  // Each multi-token prediction module passes through the head and loss once more.
  const double logits_time =
      (1.0 + m.mtp_depth) *
      (3.0 * x.gemm(x.tokens, static_cast<double>(m.vocab) / l.tp, m.hidden) +
       x.memory_time(x.tokens * static_cast<double>(m.vocab) / l.tp * kCrossEntropyBytes));

  StepEstimate r;
  StepBreakdown& b = r.breakdown;
  const double layer_forward =
      mix(&LayerTimes::forward) + recomputed_share * mix(&LayerTimes::recompute);
  const double layer_backward = mix(&LayerTimes::backward);
  const double extra = l.balance_embedding
                           ? std::max(0.0, logits_time - (layer_forward + layer_backward))
                           : logits_time;
  const double forward_mb = stage_layers * layer_forward;
  const double backward_mb = stage_layers * layer_backward;
  const double per_mb_compute = forward_mb + backward_mb + extra;
  const double per_mb_tp = stage_layers * (mix(&LayerTimes::tp_comm) +
                                           recomputed_share * mix(&LayerTimes::tp_comm_recompute));
  const double per_mb_cp = stage_layers * mix(&LayerTimes::cp_comm);
  // Expert all-to-all: DualPipe runs it under the paired forward and backward chunk of the
  // other direction (DeepSeek-V3 §3.2.1), so only what outlasts that compute shows; other
  // schedules hide the generation's share ep_overlap.
  const double ep_all = stage_layers * mix(&LayerTimes::ep_comm);
  const double per_mb_ep = l.schedule == Schedule::dualpipe ? std::max(0.0, ep_all - per_mb_compute)
                                                            : (1.0 - e.ep_overlap) * ep_all;
  double per_mb_p2p = 0;
  if (l.pp > 1) {
    const double bytes = x.tokens * m.hidden * kBf16 / (l.sequence_parallel ? l.tp : 1);
    const Link link = link_for_group(x.tiers, 2, x.pp_stride);
    per_mb_p2p = 2.0 * l.virtual_stages * p2p_time(bytes, link) * (1.0 - e.p2p_overlap);
  }

  // Memory of the first stage, which holds the most micro-batches in flight (Korthikanti et
  // al. 2022, "Reducing activation recomputation in large transformer models", §4).
  const double mbs = l.micro_batches();
  const double t = l.tp;
  const double sbh = x.tokens * m.hidden;  // elements
  const double mlp_units = moe_share > 0 ? (m.top_k * m.expert_load() + m.shared_experts) *
                                               mlp_activation_units(m, m.moe_ffn_hidden)
                                         : mlp_activation_units(m, m.ffn_hidden);
  // Bytes per layer: 10·sbh that tensor parallelism does not split without sequence
  // parallelism (norm inputs, dropout masks, residuals); 24·sbh that it splits in a GPT
  // layer, 8·sbh of attention and 4 bytes per MLP activation unit (16·sbh for an MLP of 4h),
  // which generalises to gated and expert MLPs; 5·a·s²·b for unfused attention scores.
  // FP8 recipes keep these in 16 bits (Transformer Engine saves the 16-bit inputs of norms,
  // activations and attention), so FP8 does not shrink them.
  const double unsplit = 10.0 * sbh;
  const double split = 8.0 * sbh + 4.0 * x.tokens * mlp_units;
  const double scores = l.flash_attention || l.recompute != Recompute::none
                            ? 0.0
                            : 5.0 * m.heads * x.tokens * m.seq_len;
  const double kept_layer = (l.sequence_parallel ? unsplit / t : unsplit) + split / t + scores / t;
  double per_layer = kept_layer;
  if (l.recompute == Recompute::full) {
    const double checkpoint = 2.0 * sbh / (l.sequence_parallel ? t : 1.0);
    per_layer = recomputed_share * checkpoint + (1.0 - recomputed_share) * kept_layer;
  }
  // Micro-batches whose activations a stage holds at the peak: p for 1F1B and ZB-H1 (one
  // more share for interleaving), 2p − 1 for ZB-H2 (Qi et al. 2024, Table 2), p + 1 for
  // DualPipe (DeepSeek-V3, Table 2).
  double in_flight = 1.0;
  if (l.pp > 1) {
    const double depth = l.schedule == Schedule::zb_h2      ? 2.0 * l.pp - 1.0
                         : l.schedule == Schedule::dualpipe ? l.pp + 1.0
                                                            : static_cast<double>(l.pp);
    in_flight = std::min(mbs, depth) *
                (l.virtual_stages > 1 ? 1.0 + (l.pp - 1.0) / (l.pp * l.virtual_stages) : 1.0);
  }
  const double stage_activations = stage_layers * per_layer;
  // Activation offloading: a share of each micro-batch's saved activations goes to host
  // memory during its forward pass and returns for its backward pass; transfers run beside
  // the compute and only what outlasts it shows.
  double per_mb_offload = 0;
  if (l.offload_activations > 0) {
    const double moved = l.offload_activations * stage_activations;
    const double link = acc.host_bandwidth.value();
    if (link > 0) {
      per_mb_offload =
          std::max(0.0, moved / link - forward_mb) + std::max(0.0, moved / link - backward_mb);
    }
  }

  const double t_mb =
      per_mb_compute + per_mb_tp + per_mb_cp + per_mb_ep + per_mb_p2p + per_mb_offload;
  b.compute = mbs * per_mb_compute;
  b.tp_exposed = mbs * per_mb_tp;
  b.cp_exposed = mbs * per_mb_cp;
  b.ep_exposed = mbs * per_mb_ep;
  b.pp_p2p_exposed = mbs * per_mb_p2p;
  b.offload_exposed = mbs * per_mb_offload;
  b.pp_bubble = pipeline_bubble(l, t_mb, forward_mb, backward_mb);

  // Parameters held by one accelerator of the busiest stage.
  const double dense_layer_params = params.attention_per_layer + params.dense_mlp_per_layer;
  const double moe_layer_params = params.attention_per_layer + params.router_per_layer +
                                  params.shared_per_layer + m.experts * params.expert / l.ep;
  const double layer_params = (1.0 - moe_share) * dense_layer_params + moe_share * moe_layer_params;
  // The first stage holds the embedding; with one stage it holds the output projection too.
  // DualPipe places two stages on each rank (DeepSeek-V3, Table 2: parameters 2×).
  const double edge_params = params.embedding + (l.pp == 1 ? params.output : 0.0);
  const double stage_copies = l.schedule == Schedule::dualpipe ? 2.0 : 1.0;
  const double local_params = stage_copies * (stage_layers * layer_params + edge_params) / l.tp;
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
  // Gradient synchronisation starts with the last micro-batch's backward pass and may hide
  // behind it. With ZeRO-1 and 2 the updated weights are gathered again before the next
  // step's first forward pass, behind which they may hide (Megatron-LM's overlapped
  // parameter gather); ZeRO-3's gathers are spread over every micro-batch.
  const double hide_backward = e.dp_overlap * backward_mb;
  const double hide_forward = e.dp_overlap * forward_mb;
  switch (l.zero) {
    case ZeroStage::none:
      b.dp_exposed = std::max(0.0, reduce(grad_bytes) - hide_backward);
      break;
    case ZeroStage::zero1:
    case ZeroStage::zero2:  // reduce-scatter gradients, all-gather updated weights
      b.dp_exposed = std::max(0.0, gather(grad_bytes) - hide_backward) +
                     std::max(0.0, gather(local_params * kBf16) - hide_forward);
      break;
    case ZeroStage::zero3:  // weights gathered again for every forward and backward
      b.dp_exposed = std::max(0.0, gather(grad_bytes) + 2.0 * mbs * gather(local_params * kBf16) -
                                       e.dp_overlap * mbs * per_mb_compute);
      break;
  }
  const double optimizer_params = local_params / (l.zero == ZeroStage::none ? 1.0 : replicas);
  // The Adam update, and with FP8 the updated weights cast once per step (Transformer
  // Engine caches them over the step's micro-batches).
  b.optimizer =
      x.memory_time(optimizer_params * kAdamTraffic + (fp8 ? local_params * kFp8CastBytes : 0.0));

  r.step_time_s = b.compute + b.tp_exposed + b.cp_exposed + b.ep_exposed + b.pp_p2p_exposed +
                  b.offload_exposed + b.pp_bubble + b.dp_exposed + b.optimizer;

  // FLOPs and utilisation.
  const double gpus = static_cast<double>(l.gpus());
  r.tokens_per_step = static_cast<double>(l.global_batch) * m.seq_len;
  r.tokens_per_s = r.tokens_per_step / r.step_time_s;
  const ForwardFlops fwd = forward_flops_per_token(m, m.seq_len);
  r.model_flops_per_step = 3.0 * fwd.total * r.tokens_per_step;
  double recomputed = 0;
  if (l.recompute == Recompute::full)
    recomputed = recomputed_share * (fwd.total - (1.0 + m.mtp_depth) * fwd.logits);
  if (l.recompute == Recompute::selective) recomputed = m.layers * fwd.attention_causal;
  r.hardware_flops_per_step = r.model_flops_per_step + recomputed * r.tokens_per_step;
  r.model_tflops_per_gpu = r.model_flops_per_step / r.step_time_s / gpus / 1e12;
  r.hardware_tflops_per_gpu = r.hardware_flops_per_step / r.step_time_s / gpus / 1e12;
  r.peak_tflops_per_gpu = (fp8 ? acc.fp8_dense : acc.bf16_dense).value() / 1e12;
  r.mfu = r.model_tflops_per_gpu / r.peak_tflops_per_gpu;
  r.hfu = r.hardware_tflops_per_gpu / r.peak_tflops_per_gpu;
  r.extrapolated = !e.calibrated;

  MemoryBreakdown& mem = r.memory;
  const double zero_share = 1.0 / replicas;
  mem.weights = kBf16 * local_params * (l.zero == ZeroStage::zero3 ? zero_share : 1.0);
  if (l.zero == ZeroStage::zero3)
    mem.weights += 2.0 * kBf16 * layer_params / l.tp;  // gathered layers
  // FP8 runs keep their weights in 8 bits, as is and transposed (Transformer Engine's FP8
  // primary weights, NeMo's fp8_param): the same 2 bytes per parameter as one 16-bit copy.
  mem.gradients = (l.fp32_grad_reduce ? 4.0 : kBf16) * local_params *
                  (l.zero == ZeroStage::zero2 || l.zero == ZeroStage::zero3 ? zero_share : 1.0);
  mem.optimizer = kAdamBytes * local_params * (l.zero == ZeroStage::none ? 1.0 : zero_share);
  mem.activations = (1.0 - l.offload_activations) * stage_activations * in_flight;
  if (l.recompute == Recompute::full)
    mem.activations += unsplit / t + split / t;  // the layer being recomputed
  mem.activations +=
      2.0 * 4.0 * x.tokens * m.vocab / t;  // FP32 logits and their gradient, last stage
  mem.reserve = e.memory_reserve.value();
  r.memory_capacity = acc.hbm_capacity.value();
  r.fits_in_memory = mem.total() <= r.memory_capacity;

  // Power: dynamic power in proportion to what the accelerator does (docs/models/perf.md).
  const double busy = b.compute / r.step_time_s;
  const double communicating = (b.tp_exposed + b.cp_exposed + b.ep_exposed + b.pp_p2p_exposed +
                                b.offload_exposed + b.dp_exposed + b.optimizer) /
                               r.step_time_s;
  r.power_per_gpu_w = accelerator_power_w(acc, e, busy, communicating);
  return r;
}

}  // namespace gigasim::perf
