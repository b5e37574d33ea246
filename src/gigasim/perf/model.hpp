// Decoder-only transformer descriptions and their parameter and FLOP counts
// (docs/models/perf.md).
#pragma once

#include <algorithm>
#include <string>

namespace gigasim::perf {

enum class MlpKind {
  plain,  ///< two matrices with GELU (GPT-3, Megatron-LM's GPT models)
  gated,  ///< three matrices with SwiGLU (Llama)
};

struct TransformerModel {
  std::string id;
  std::string name;
  int layers = 0;
  int hidden = 0;
  int heads = 0;
  int kv_heads = 0;  ///< grouped-query attention; = heads for multi-head attention
  int ffn_hidden = 0;
  int vocab = 0;
  int seq_len = 0;
  MlpKind mlp = MlpKind::plain;
  // Mixture of experts (experts = 0: dense).
  int experts = 0;
  int top_k = 0;
  int moe_ffn_hidden = 0;
  int shared_experts = 0;
  int dense_layers = 0;  ///< leading layers with a dense MLP of ffn_hidden (DeepSeek-V3: 3)
  /// Routed tokens of the busiest expert-parallel rank / the mean (1: perfect balance). The
  /// step waits for the busiest rank, in its expert products and its all-to-all.
  double expert_imbalance = 1.0;
  /// Tokens an expert takes at most, × its mean share (0: no limit, no token dropped);
  /// tokens past it are dropped, which caps the imbalance (GShard, Lepikhin et al. 2021).
  double capacity_factor = 0.0;
  /// Node-limited routing: a token's experts lie on at most this many scale-up domains
  /// (DeepSeek-V3: 4), so at most this many copies cross the scale-out network (0: top_k).
  int max_nodes_per_token = 0;
  /// Multi-token prediction modules (DeepSeek-V3 §2.2). Their transformer blocks are counted
  /// in `layers`; each adds one more pass through the shared output head and loss, on the
  /// last pipeline stage. Their 2h×h projections (under 0.5 % of DeepSeek-V3's FLOPs) are
  /// left out.
  int mtp_depth = 0;
  bool tied_embeddings = false;

  [[nodiscard]] bool is_moe() const { return experts > 0; }
  /// Per-head widths of the attention core when they differ from hidden/heads (DeepSeek-V3's
  /// multi-head latent attention: queries and keys 192 = 128 + 64 decoupled RoPE, values 128).
  int qk_head_dim = 0;
  int v_head_dim = 0;
  /// Multi-head latent attention's cache (0: none, keys and values of kv_heads are cached):
  /// per token and layer, the compressed keys and values (`kv_lora_rank`, DeepSeek-V3: 512)
  /// and the decoupled RoPE key shared by the heads (`qk_rope_head_dim`: 64), §2.1.1.
  int kv_lora_rank = 0;
  int qk_rope_head_dim = 0;

  [[nodiscard]] int head_dim() const { return hidden / heads; }
  /// Per-head widths of queries and keys, and of values (hidden/heads unless given).
  [[nodiscard]] double qk_width() const { return qk_head_dim > 0 ? qk_head_dim : head_dim(); }
  [[nodiscard]] double v_width() const { return v_head_dim > 0 ? v_head_dim : head_dim(); }
  /// heads × the mean of the query-key and value widths: the attention core's FLOPs per
  /// token and key are 2 × this (scores and values), before the causal half.
  [[nodiscard]] double attention_width() const {
    return static_cast<double>(heads) * (qk_width() + v_width()) / 2.0;
  }
  [[nodiscard]] bool has_latent_kv() const { return kv_lora_rank > 0; }
  /// Values a token leaves in the KV cache per layer: the latent and the RoPE key of
  /// multi-head latent attention, else the keys and values of the KV heads.
  [[nodiscard]] double kv_cache_width() const {
    if (has_latent_kv()) return static_cast<double>(kv_lora_rank) + qk_rope_head_dim;
    return static_cast<double>(kv_heads) * (qk_width() + v_width());
  }
  [[nodiscard]] int moe_layers() const { return is_moe() ? layers - dense_layers : 0; }
  /// The load of the busiest expert-parallel rank relative to the mean, after dropping.
  [[nodiscard]] double expert_load() const {
    return capacity_factor > 0 ? std::min(expert_imbalance, capacity_factor) : expert_imbalance;
  }
};

/// Parameter counts (weights only; biases and norms are below 0.1 % and left out).
struct ParameterCounts {
  double attention_per_layer = 0;  ///< Q, K, V, O projections
  double dense_mlp_per_layer = 0;  ///< a dense layer's MLP
  double expert = 0;               ///< one routed expert's MLP
  double shared_per_layer = 0;     ///< shared experts of one MoE layer
  double router_per_layer = 0;
  double embedding = 0;  ///< input embedding
  double output = 0;     ///< output projection (0 when tied)
  double total = 0;
  double active = 0;  ///< parameters a token passes through (routed experts: top_k of them)
};

ParameterCounts count_parameters(const TransformerModel& m);

/// Forward FLOPs per token of a sequence of `seq` tokens (a multiply-add = 2 FLOPs).
/// Matrix products: 2 × active weights. Attention scores and values: 2·s·(heads·d) with a
/// causal mask (half of the 4·s·h of a full s × s score matrix, the convention of PaLM's
/// and Megatron-LM's formulas, which count the masked half).
struct ForwardFlops {
  double dense_layer_matmul = 0;  ///< per token, one dense layer (attention projections + MLP)
  double moe_layer_matmul = 0;  ///< per token, one MoE layer (attention + router + active experts)
  double attention_causal = 0;  ///< per token, one layer, scores and values, causal
  double logits = 0;            ///< per token, output projection
  double total = 0;             ///< per token, whole model, causal attention
};

ForwardFlops forward_flops_per_token(const TransformerModel& m, int seq);

/// Model FLOPs per token for training: 3 × forward (forward, and a backward of twice the
/// forward: Kaplan et al. 2020, "Scaling laws for neural language models", §2.1).
double training_flops_per_token(const TransformerModel& m, int seq);

}  // namespace gigasim::perf
