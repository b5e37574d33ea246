// `gigasim serve FILE`: tokens per second per accelerator at a latency target, and how many
// accelerators a demand needs (docs/serve.md).
#include <fmt/format.h>

#include "gigasim/cli/commands.hpp"
#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/results/serve_json.hpp"
#include "gigasim/io/scenario/serve_input.hpp"

namespace gigasim::cli {

int serve_command(const ServeOptions& options) {
  const io::Catalog catalog =
      io::Catalog::load(options.data_dir.empty() ? io::default_data_dir() : options.data_dir);
  const io::ServeInput in = io::load_serve_input(options.file, catalog);
  const perf::ServeEstimate e = perf::estimate_serving(in.model, in.platform, in.setup);
  if (options.json) {
    fmt::print("{}\n",
               io::serve_json(in.model, in.platform, in.setup, in.demand_tokens_per_s, e).dump(2));
    return 0;
  }
  const auto& s = in.setup;
  fmt::print(
      "{} on replicas of {} x {} ({}, KV cache {}{}{}{}): {:.0f} input and {:.0f}{} output "
      "tokens a request\n",
      in.model.id, s.tp, in.platform.system.accelerator.id, perf::to_string(s.precision),
      perf::to_string(perf::kv_cache_precision(s)), s.expert_parallel ? ", expert-parallel" : "",
      s.disaggregated ? ", prefill and decode apart" : "",
      s.cuda_graphs ? (s.cuda_graph_padding ? ", CUDA graphs of padded batches" : "")
                    : ", kernels launched without CUDA graphs",
      s.input_tokens, s.output_tokens,
      s.output_tokens_sd > 0 ? fmt::format(" (sd {:.0f})", s.output_tokens_sd) : "");
  if (!e.fits) {
    fmt::print("  the weights and one request do not fit in the replica's memory\n");
    return 0;
  }
  if (e.batch < 1) {
    fmt::print("  no batch meets the latency targets (a lone request: TTFT {:.3f} s)\n",
               e.prefill_s);
    return 0;
  }
  fmt::print(
      "  {:.4g} tokens/s per accelerator ({:.4g} per replica), batch {:.0f} (limited by {}), "
      "KV cache {:.3g} tokens\n",
      e.tokens_per_s_accelerator, e.tokens_per_s_replica, e.batch, e.limited_by,
      e.kv_capacity_tokens);
  fmt::print(
      "  TTFT {:.3f} s, TPOT {:.1f} ms, prefill {:.3f} s, decode step {:.1f} ms, {:.3g} J "
      "per token\n",
      e.ttft_s, 1e3 * e.tpot_s, e.prefill_s, 1e3 * e.decode_step_s, e.joules_per_token);
  if (s.speculative.draft_tokens > 0)
    fmt::print(
        "  speculative: {} draft tokens accepted at {:.3g} each, {:.3g} tokens a sequence per "
        "iteration\n",
        s.speculative.draft_tokens, s.speculative.acceptance, e.tokens_per_iteration);
  if (s.percentile > 0)
    fmt::print(
        "  targets met by {:.4g} % of requests arriving at random (Poisson): {:.1f} of {:.0f} "
        "slots busy on average; the TTFT above is at that percentile, the TPOT at a full batch\n",
        100 * s.percentile, e.occupancy, e.batch);
  if (s.disaggregated)
    fmt::print("  prefill pool {:.1f} % of the accelerators\n", 100 * e.prefill_share);
  if (in.demand_tokens_per_s > 0)
    fmt::print("  {:.4g} tokens/s need {:.0f} accelerators\n", in.demand_tokens_per_s,
               io::accelerators_for_demand(e, in.demand_tokens_per_s));
  if (!in.platform.efficiency.serving_calibrated)
    fmt::print("  extrapolated: no published serving run on {} ({}) fixed its efficiencies\n",
               in.platform.system.accelerator.id, in.platform.efficiency.generation);
  return 0;
}

}  // namespace gigasim::cli
