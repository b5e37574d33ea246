// The serving keys shared by `gigasim serve` files, the scenario's inference services and
// their defaults in data/defaults.yaml (docs/serve.md, docs/scenario.md).
#pragma once

#include "gigasim/io/yaml/yaml_reader.hpp"
#include "gigasim/perf/serving.hpp"

namespace gigasim::io {

/// What a precision is for: training (bf16, fp8) or serving (also fp4).
enum class PrecisionUse { training, serving };

/// `precision` of a parallelism (training), replica or service (serving) mapping.
bool decode_precision(MapView& m, perf::Precision& out, PrecisionUse use);

/// The replica's options shared by serve files and services: `precision`, `kv_cache`,
/// `max_batch`, `disaggregated`, `expert_parallel`, `cuda_graphs`, `cuda_graph_padding`,
/// `speculative` {draft_tokens, acceptance, draft_layers}. Returns whether `precision` was
/// given.
bool decode_serve_options(MapView& m, perf::ServeSetup& s);

/// An error at `speculative.draft_layers` of `m` when the draft costs more than `model`
/// (perf::speculation_problem).
void check_speculation(MapView& m, const perf::TransformerModel& model, const perf::ServeSetup& s);

/// `requests: {input_tokens, output_tokens, output_tokens_sd}` of `parent`: the mean prompt
/// and answer of a request, and the answers' standard deviation (optional). With
/// Need::required the mapping and the two means must be given.
void decode_serve_requests(MapView& parent, perf::ServeSetup& s, Need need);

/// `latency: {ttft, tpot, percentile}` of `parent`: the targets a batch must meet (0 s: no
/// target), by the mean request or, with `percentile`, that share of requests under Poisson
/// arrivals. With Need::required the mapping and both keys must be given.
void decode_serve_latency(MapView& parent, perf::ServeSetup& s, Need need);

}  // namespace gigasim::io
