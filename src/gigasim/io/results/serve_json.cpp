#include "gigasim/io/results/serve_json.hpp"

#include <cmath>
#include <string>

namespace gigasim::io {

double accelerators_for_demand(const perf::ServeEstimate& e, double demand) {
  if (!(demand > 0) || !(e.tokens_per_s_accelerator > 0)) return 0.0;
  const double replicas = std::ceil(demand / e.tokens_per_s_replica);
  return std::ceil(replicas * e.tokens_per_s_replica / e.tokens_per_s_accelerator);
}

nlohmann::json serve_json(const perf::TransformerModel& model, const perf::Platform& platform,
                          const perf::ServeSetup& s, double demand, const perf::ServeEstimate& e) {
  const auto target = [](double seconds) {
    return seconds > 0 ? nlohmann::json(seconds) : nlohmann::json(nullptr);
  };
  nlohmann::json j = {
      {"model", model.id},
      {"accelerator", platform.system.accelerator.id},
      {"system", platform.system.id},
      {"replica",
       {{"tp", s.tp},
        {"precision", std::string(perf::to_string(s.precision))},
        {"kv_cache", std::string(perf::to_string(perf::kv_cache_precision(s)))},
        {"max_batch", s.max_batch},
        {"disaggregated", s.disaggregated},
        {"expert_parallel", s.expert_parallel && model.is_moe()},
        {"cuda_graphs", s.cuda_graphs},
        {"cuda_graph_padding", s.cuda_graphs && s.cuda_graph_padding},
        {"speculative", s.speculative.draft_tokens > 0
                            ? nlohmann::json{{"draft_tokens", s.speculative.draft_tokens},
                                             {"acceptance", s.speculative.acceptance},
                                             {"draft_layers", s.speculative.draft_layers}}
                            : nlohmann::json(nullptr)}}},
      {"requests",
       {{"input_tokens", s.input_tokens},
        {"output_tokens", s.output_tokens},
        {"output_tokens_sd", s.output_tokens_sd}}},
      {"latency_targets_s", {{"ttft", target(s.ttft_s)}, {"tpot", target(s.tpot_s)}}},
      {"latency_percentile", target(s.percentile)},
      {"fits", e.fits},
      {"batch", e.batch},
      {"occupancy", e.occupancy},
      {"limited_by", e.limited_by},
      {"kv_capacity_tokens", e.kv_capacity_tokens},
      {"prefill_s", e.prefill_s},
      {"decode_step_s", e.decode_step_s},
      {"tokens_per_iteration", e.tokens_per_iteration},
      {"ttft_s", e.ttft_s},
      {"tpot_s", e.tpot_s},
      {"tokens_per_s_replica", e.tokens_per_s_replica},
      {"tokens_per_s_accelerator", e.tokens_per_s_accelerator},
      {"prefill_share", e.prefill_share},
      {"joules_per_token", e.joules_per_token},
      {"extrapolated", !platform.efficiency.serving_calibrated}};
  if (demand > 0) {
    j["demand_tokens_per_s"] = demand;
    j["accelerators_needed"] = accelerators_for_demand(e, demand);
  }
  return j;
}

}  // namespace gigasim::io
