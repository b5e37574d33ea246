#include "gigasim/perf/model.hpp"

namespace gigasim::perf {
namespace {
double mlp_params(const TransformerModel& m, double ffn) {
  const double h = m.hidden;
  return (m.mlp == MlpKind::gated ? 3.0 : 2.0) * h * ffn;
}
}  // namespace

ParameterCounts count_parameters(const TransformerModel& m) {
  ParameterCounts c;
  const double h = m.hidden;
  const double kv = static_cast<double>(m.kv_heads) * m.head_dim();
  // Q and O are h × h; K and V are h × (kv_heads · head_dim).
  c.attention_per_layer = 2.0 * h * h + 2.0 * h * kv;
  c.dense_mlp_per_layer = mlp_params(m, m.ffn_hidden);
  if (m.is_moe()) {
    c.expert = mlp_params(m, m.moe_ffn_hidden);
    c.shared_per_layer = m.shared_experts * c.expert;
    c.router_per_layer = h * m.experts;
  }
  c.embedding = h * m.vocab;
  c.output = m.tied_embeddings ? 0.0 : h * m.vocab;

  const double dense_layers = m.is_moe() ? m.dense_layers : m.layers;
  const double moe_layers = m.moe_layers();
  const double moe_total = c.shared_per_layer + c.router_per_layer + m.experts * c.expert;
  const double moe_active = c.shared_per_layer + c.router_per_layer + m.top_k * c.expert;
  c.total = m.layers * c.attention_per_layer + dense_layers * c.dense_mlp_per_layer +
            moe_layers * moe_total + c.embedding + c.output;
  c.active = m.layers * c.attention_per_layer + dense_layers * c.dense_mlp_per_layer +
             moe_layers * moe_active + c.embedding + c.output;
  return c;
}

ForwardFlops forward_flops_per_token(const TransformerModel& m, int seq) {
  const ParameterCounts c = count_parameters(m);
  ForwardFlops f;
  f.dense_layer_matmul = 2.0 * (c.attention_per_layer + c.dense_mlp_per_layer);
  f.moe_layer_matmul =
      2.0 * (c.attention_per_layer + c.router_per_layer + c.shared_per_layer + m.top_k * c.expert);
  f.attention_causal = 2.0 * seq * m.attention_width();
  f.logits = 2.0 * m.hidden * static_cast<double>(m.vocab);
  const double dense_layers = m.is_moe() ? m.dense_layers : m.layers;
  f.total = dense_layers * f.dense_layer_matmul + m.moe_layers() * f.moe_layer_matmul +
            m.layers * f.attention_causal + (1.0 + m.mtp_depth) * f.logits;
  return f;
}

double training_flops_per_token(const TransformerModel& m, int seq) {
  return 3.0 * forward_flops_per_token(m, seq).total;
}

}  // namespace gigasim::perf
