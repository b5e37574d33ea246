// Decoding of the performance-model catalogs: models.yaml, fabrics.yaml, efficiency.yaml.
#include <fmt/format.h>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/catalog/catalog_entries.hpp"

namespace gigasim::io {

void decode_model(MapView& m, perf::TransformerModel& model, Need need) {
  m.name("name", model.name, need);
  m.integer("layers", model.layers, need, Check::positive);
  m.integer("hidden", model.hidden, need, Check::positive);
  m.integer("heads", model.heads, need, Check::positive);
  if (!m.integer("kv_heads", model.kv_heads, Need::optional, Check::positive) &&
      model.kv_heads == 0) {
    model.kv_heads = model.heads;  // multi-head attention unless told otherwise
  }
  m.integer("ffn_hidden", model.ffn_hidden, need, Check::positive);
  m.integer("vocab", model.vocab, need, Check::positive);
  m.integer("seq_len", model.seq_len, need, Check::positive);
  std::string mlp;
  if (m.string("mlp", mlp, need)) {
    if (mlp == "plain") {
      model.mlp = perf::MlpKind::plain;
    } else if (mlp == "gated") {
      model.mlp = perf::MlpKind::gated;
    } else {
      m.error("mlp", fmt::format("expected plain or gated, got \"{}\"", mlp));
    }
  }
  m.integer("experts", model.experts, Need::optional, Check::non_negative);
  m.integer("top_k", model.top_k, Need::optional, Check::positive);
  m.integer("moe_ffn_hidden", model.moe_ffn_hidden, Need::optional, Check::positive);
  m.integer("shared_experts", model.shared_experts, Need::optional, Check::non_negative);
  m.integer("dense_layers", model.dense_layers, Need::optional, Check::non_negative);
  m.boolean("tied_embeddings", model.tied_embeddings);
  if (m.number("expert_imbalance", model.expert_imbalance, Need::optional, Check::positive) &&
      model.expert_imbalance < 1.0)
    m.error("expert_imbalance", "is the busiest rank's load over the mean: at least 1");
  if (m.number("capacity_factor", model.capacity_factor, Need::optional, Check::non_negative) &&
      model.capacity_factor > 0 && model.capacity_factor < 1.0)
    m.error("capacity_factor", "is at least 1 (an expert takes its mean share), or 0 for no limit");
  m.integer("max_nodes_per_token", model.max_nodes_per_token, Need::optional, Check::non_negative);
  m.integer("mtp_depth", model.mtp_depth, Need::optional, Check::non_negative);
  m.integer("qk_head_dim", model.qk_head_dim, Need::optional, Check::positive);
  m.integer("v_head_dim", model.v_head_dim, Need::optional, Check::positive);
  m.integer("kv_lora_rank", model.kv_lora_rank, Need::optional, Check::non_negative);
  m.integer("qk_rope_head_dim", model.qk_rope_head_dim, Need::optional, Check::non_negative);
  if (model.qk_rope_head_dim > 0 && model.kv_lora_rank == 0)
    m.error("qk_rope_head_dim", "belongs to latent attention: give kv_lora_rank too");
  if (model.heads > 0 && model.qk_rope_head_dim > 0 && model.qk_rope_head_dim >= model.qk_width())
    m.error("qk_rope_head_dim",
            fmt::format("is part of the query-key width ({}): smaller than it", model.qk_width()));
  // Bounds far above any published model (Llama 3 405B: 126 layers, hidden 16,384,
  // vocab 128,256; DeepSeek-V3: 256 experts), low enough that no product of them nears the
  // limits of the integer and floating-point arithmetic of the step model.
  m.at_most_each({{"layers", model.layers, 1e4, "10,000"},
                  {"hidden", model.hidden, 1e6, "1,000,000"},
                  {"heads", model.heads, 1e4, "10,000"},
                  {"kv_heads", model.kv_heads, 1e4, "10,000"},
                  {"ffn_hidden", model.ffn_hidden, 1e7, "10,000,000"},
                  {"vocab", model.vocab, 1e7, "10,000,000"},
                  {"seq_len", model.seq_len, 1e8, "100,000,000"},
                  {"experts", model.experts, 1e5, "100,000"},
                  {"top_k", model.top_k, 1e4, "10,000"},
                  {"moe_ffn_hidden", model.moe_ffn_hidden, 1e7, "10,000,000"},
                  {"shared_experts", model.shared_experts, 1e4, "10,000"},
                  {"dense_layers", model.dense_layers, 1e4, "10,000"},
                  {"max_nodes_per_token", model.max_nodes_per_token, 1e5, "100,000"},
                  {"mtp_depth", model.mtp_depth, 1e3, "1,000"},
                  {"qk_head_dim", model.qk_head_dim, 1e5, "100,000"},
                  {"v_head_dim", model.v_head_dim, 1e5, "100,000"},
                  {"kv_lora_rank", model.kv_lora_rank, 1e5, "100,000"},
                  {"qk_rope_head_dim", model.qk_rope_head_dim, 1e5, "100,000"}},
                 "far above any published model");
  if (model.heads > 0 && model.hidden % model.heads != 0) {
    m.error("heads",
            fmt::format("hidden ({}) must be divisible by heads ({})", model.hidden, model.heads));
  }
  if (model.kv_heads > 0 && model.heads % model.kv_heads != 0) {
    m.error("kv_heads", fmt::format("heads ({}) must be divisible by kv_heads ({})", model.heads,
                                    model.kv_heads));
  }
  if (model.experts == 0) {
    for (const char* key : {"expert_imbalance", "capacity_factor", "max_nodes_per_token"}) {
      if (m.get(key).IsDefined())
        m.error(key, "applies to a mixture of experts only (experts > 0)");
    }
  }
  if (model.experts > 0) {
    if (model.top_k < 1 || model.top_k > model.experts) {
      m.error("top_k", fmt::format("a mixture of {} experts needs top_k between 1 and {}",
                                   model.experts, model.experts));
    }
    if (model.moe_ffn_hidden <= 0)
      m.error("moe_ffn_hidden", "a mixture of experts needs moe_ffn_hidden");
    if (model.dense_layers >= model.layers) m.error("dense_layers", "must be fewer than layers");
  }
}

void decode_fabric(MapView& m, perf::Fabric& f, Need need) {
  m.name("name", f.name, need);
  m.quantity("nic_bandwidth", f.nic_bandwidth, need, Check::positive);
  m.integer("pod_size", f.pod_size, need, Check::non_negative);
  if (m.number("oversubscription", f.oversubscription, need, Check::positive) &&
      f.oversubscription < 1.0) {
    m.error("oversubscription", "must be at least 1 (1 = non-blocking)");
  }
  m.quantity("latency", f.latency, need, Check::non_negative);
}

void decode_efficiency(MapView& m, perf::Efficiency& e, Need need) {
  m.fraction("gemm_max", e.gemm_max, need);
  m.fraction("gemm_max_fp8", e.gemm_max_fp8, need);
  m.fraction("gemm_max_fp4", e.gemm_max_fp4, need);
  m.number("gemm_half_dim", e.gemm_half_dim, need, Check::non_negative);
  m.fraction("attention", e.attention, need);
  m.fraction("memory", e.memory, need);
  m.fraction("collective_scale_up", e.collective_scale_up, need);
  m.fraction("collective_scale_out", e.collective_scale_out, need);
  m.fraction("tp_overlap", e.tp_overlap, need);
  m.fraction("p2p_overlap", e.p2p_overlap, need);
  m.fraction("dp_overlap", e.dp_overlap, need);
  m.fraction("ep_overlap", e.ep_overlap, need);
  m.quantity("scale_up_latency", e.scale_up_latency, need, Check::non_negative);
  m.quantity("kernel_overhead", e.kernel_overhead, need, Check::non_negative);
  m.quantity("memory_reserve", e.memory_reserve, need, Check::non_negative);
  m.fraction("kv_read", e.kv_read, need);
  m.quantity("decode_overhead", e.decode_overhead, need, Check::non_negative);
  m.fraction("activity_compute", e.activity_compute, need);
  m.fraction("activity_communication", e.activity_communication, need);
  m.boolean("calibrated", e.calibrated, need);
  m.boolean("serving_calibrated", e.serving_calibrated, need);
  for (const auto& [key, value] : {std::pair{"gemm_max", e.gemm_max},
                                   {"gemm_max_fp8", e.gemm_max_fp8},
                                   {"gemm_max_fp4", e.gemm_max_fp4},
                                   {"kv_read", e.kv_read},
                                   {"attention", e.attention},
                                   {"memory", e.memory},
                                   {"collective_scale_up", e.collective_scale_up},
                                   {"collective_scale_out", e.collective_scale_out}}) {
    if (!(value > 0))
      m.error(key, "must be positive: a zero efficiency would make every step infinitely long");
  }
}

void load_perf_catalogs(Context& ctx, const std::filesystem::path& dir, Catalog& c) {
  load_catalog_entries(ctx, dir, "models.yaml", "models", "id", c.models,
                       [](MapView& m, perf::TransformerModel& model) {
                         model.id = m.node()["id"].IsScalar() ? m.node()["id"].Scalar() : "";
                         decode_model(m, model, Need::required);
                         check_sources(m, {{"architecture", "layers"}});
                       });
  load_catalog_entries(
      ctx, dir, "fabrics.yaml", "fabrics", "id", c.fabrics, [](MapView& m, perf::Fabric& f) {
        f.id = m.node()["id"].IsScalar() ? m.node()["id"].Scalar() : "";
        decode_fabric(m, f, Need::required);
        check_sources(m, {{"nic_bandwidth"}, {"pod_size"}, {"oversubscription"}, {"latency"}});
      });
  load_catalog_entries(
      ctx, dir, "efficiency.yaml", "efficiency", "generation", c.efficiencies,
      [&c](MapView& m, perf::Efficiency& e) {
        e.generation = m.node()["generation"].IsScalar() ? m.node()["generation"].Scalar() : "";
        decode_efficiency(m, e, Need::required);
        std::string fabric;
        if (m.string("default_fabric", fabric, Need::required)) {
          if (c.fabrics.count(fabric) == 0) {
            m.error("default_fabric", fmt::format("unknown fabric \"{}\"", fabric));
          } else {
            c.default_fabrics[e.generation] = fabric;
          }
        }
        check_sources(m, {{"calibration"}});
      });
  for (const auto& [id, a] : c.accelerators) {
    if (c.efficiencies.count(a.generation) == 0) {
      ctx.set_file((dir / "efficiency.yaml").string());
      ctx.error(
          "efficiency", core::SourceLocation{ctx.file(), 0, 0},
          fmt::format("no entry for generation \"{}\" of accelerator \"{}\"", a.generation, id));
    }
  }
}

bool resolve_model(Context& ctx, const YAML::Node& node, const std::string& path,
                   const Catalog& catalog, perf::TransformerModel& out) {
  // A mapping without `id` is a whole model written inline.
  if (node.IsMap() && !node["id"].IsDefined()) {
    const std::size_t before = ctx.error_count();
    MapView m(ctx, node, path);
    out = perf::TransformerModel{};
    out.id = "inline";
    decode_model(m, out, Need::required);
    m.finish();
    return ctx.error_count() == before;
  }
  return resolve_reference(
      ctx, node, path, catalog.models, "model", out,
      [](MapView& m, perf::TransformerModel& model) { decode_model(m, model, Need::optional); });
}

}  // namespace gigasim::io
