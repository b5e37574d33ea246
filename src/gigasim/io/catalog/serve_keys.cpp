#include "gigasim/io/catalog/serve_keys.hpp"

#include <optional>

#include "gigasim/io/yaml/enum_key.hpp"

namespace gigasim::io {
namespace {

// The mapping `key` of `parent`, or an invalid view when it is absent (an error if needed).
std::optional<MapView> nested(MapView& parent, const char* key, Need need, const char* keys) {
  const YAML::Node node = parent.get(key);
  if (!node.IsDefined()) {
    if (need == Need::required) {
      parent.error(key, fmt::format("missing required key \"{}\": {}", key, keys));
    }
    return std::nullopt;
  }
  return MapView(parent.context(), node, parent.path_of(key));
}

// `speculative: {draft_tokens, acceptance, draft_layers}`: both of the first two when the
// mapping is given.
void decode_speculation(MapView& parent, perf::Speculation& out) {
  auto m =
      nested(parent, "speculative", Need::optional, "{draft_tokens, acceptance, draft_layers}");
  if (!m || !m->valid()) return;
  perf::Speculation read;
  const bool drafts =
      m->integer("draft_tokens", read.draft_tokens, Need::required, Check::positive) &&
      m->at_most("draft_tokens", read.draft_tokens, 16, "16",
                 "past a few tokens the chance that all are accepted vanishes");
  const bool acceptance = m->fraction("acceptance", read.acceptance, Need::required);
  m->number("draft_layers", read.draft_layers, Need::optional, Check::positive);
  m->finish();
  if (drafts && acceptance) out = read;
}

}  // namespace

bool decode_precision(MapView& m, perf::Precision& out, PrecisionUse use) {
  perf::Precision read = out;
  if (!read_enum(m, "precision", read,
                 {{"bf16", perf::Precision::bf16},
                  {"fp8", perf::Precision::fp8},
                  {"fp4", perf::Precision::fp4}})) {
    return false;
  }
  if (use == PrecisionUse::training && read == perf::Precision::fp4) {
    m.error("precision", perf::kFp4IsForServing);
    return false;
  }
  out = read;
  return true;
}

bool decode_serve_options(MapView& m, perf::ServeSetup& s) {
  const bool precision = decode_precision(m, s.precision, PrecisionUse::serving);
  m.integer("max_batch", s.max_batch, Need::optional, Check::non_negative);
  m.at_most("max_batch", s.max_batch, 1e7, "10,000,000", "far above any real replica");
  m.boolean("disaggregated", s.disaggregated);
  m.boolean("expert_parallel", s.expert_parallel);
  m.boolean("cuda_graphs", s.cuda_graphs);
  m.boolean("cuda_graph_padding", s.cuda_graph_padding);
  perf::Precision kv = perf::Precision::fp8;
  if (read_enum(m, "kv_cache", kv,
                {{"bf16", perf::Precision::bf16},
                 {"fp8", perf::Precision::fp8},
                 {"fp4", perf::Precision::fp4}})) {
    s.kv_cache = kv;
  }
  decode_speculation(m, s.speculative);
  return precision;
}

void check_speculation(MapView& m, const perf::TransformerModel& model, const perf::ServeSetup& s) {
  const std::string problem = perf::speculation_problem(model, s);
  if (problem.empty()) return;
  // The setup holds a draft only when `speculative` was read as a mapping.
  MapView speculative(m.context(), m.get("speculative"), m.path_of("speculative"));
  speculative.error("draft_layers", problem);
}

void decode_serve_requests(MapView& parent, perf::ServeSetup& s, Need need) {
  auto m = nested(parent, "requests", need, "{input_tokens, output_tokens, output_tokens_sd}");
  if (!m || !m->valid()) return;
  m->number("input_tokens", s.input_tokens, need, Check::positive);
  m->number("output_tokens", s.output_tokens, need, Check::positive);
  m->number("output_tokens_sd", s.output_tokens_sd, Need::optional, Check::non_negative);
  m->at_most("input_tokens", s.input_tokens, 1e7, "10,000,000", "far above any context");
  m->at_most("output_tokens", s.output_tokens, 1e7, "10,000,000", "far above any context");
  m->at_most("output_tokens_sd", s.output_tokens_sd, 1e7, "10,000,000", "far above any context");
  m->finish();
}

void decode_serve_latency(MapView& parent, perf::ServeSetup& s, Need need) {
  auto m = nested(parent, "latency", need, "{ttft, tpot, percentile}");
  if (!m || !m->valid()) return;
  core::Latency ttft, tpot;
  if (m->quantity("ttft", ttft, need, Check::non_negative)) s.ttft_s = ttft.value();
  if (m->quantity("tpot", tpot, need, Check::non_negative)) s.tpot_s = tpot.value();
  // Every request's wait has no bound under Poisson arrivals: a percentile below 100 %, and
  // a TTFT target for the wait to fit in.
  if (m->fraction("percentile", s.percentile) &&
      m->at_most("percentile", s.percentile, 0.9999, "99.99 %",
                 "under Poisson arrivals no wait bounds every request") &&
      s.percentile > 0 && s.ttft_s <= 0) {
    m->error("percentile",
             "a percentile needs a ttft target: under Poisson arrivals the wait for a free "
             "slot is part of the time to first token, and without a bound it has no end");
  }
  m->finish();
}

}  // namespace gigasim::io
