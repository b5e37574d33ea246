#include "gigasim/io/results/perf_json.hpp"

namespace gigasim::io {

nlohmann::json layout_json(const perf::Layout& l) {
  return {{"tp", l.tp},
          {"pp", l.pp},
          {"dp", l.dp},
          {"cp", l.cp},
          {"ep", l.ep},
          {"virtual_stages", l.virtual_stages},
          {"micro_batch", l.micro_batch},
          {"global_batch", l.global_batch},
          {"micro_batches", l.micro_batches()},
          {"sequence_parallel", l.sequence_parallel},
          {"recompute", std::string(perf::to_string(l.recompute))},
          {"recompute_layers", l.recompute_layers},
          {"offload_activations", l.offload_activations},
          {"schedule", std::string(perf::to_string(l.schedule))},
          {"zero", std::string(perf::to_string(l.zero))},
          {"precision", std::string(perf::to_string(l.precision))},
          {"flash_attention", l.flash_attention},
          {"balance_embedding", l.balance_embedding},
          {"fp32_grad_reduce", l.fp32_grad_reduce},
          {"cuda_graphs", l.cuda_graphs},
          {"rank_order", l.dp_outer ? "tp-cp-pp-dp" : "tp-cp-dp-pp"}};
}

nlohmann::json estimate_json(const perf::StepEstimate& e) {
  constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
  const auto& b = e.breakdown;
  const auto& m = e.memory;
  return {{"step_time_s", e.step_time_s},
          {"tokens_per_step", e.tokens_per_step},
          {"tokens_per_s", e.tokens_per_s},
          {"model_tflops_per_gpu", e.model_tflops_per_gpu},
          {"hardware_tflops_per_gpu", e.hardware_tflops_per_gpu},
          {"peak_tflops_per_gpu", e.peak_tflops_per_gpu},
          {"mfu", e.mfu},
          {"hfu", e.hfu},
          {"memory_per_gpu_gib", m.total() / kGiB},
          {"memory_capacity_gib", e.memory_capacity / kGiB},
          {"memory_breakdown_gib",
           {{"weights", m.weights / kGiB},
            {"gradients", m.gradients / kGiB},
            {"optimizer", m.optimizer / kGiB},
            {"activations", m.activations / kGiB},
            {"reserve", m.reserve / kGiB}}},
          {"fits_in_memory", e.fits_in_memory},
          {"extrapolated", e.extrapolated},
          {"power_per_gpu_w", e.power_per_gpu_w},
          {"breakdown",
           {{"compute_s", b.compute},
            {"tp_exposed_s", b.tp_exposed},
            {"pp_bubble_s", b.pp_bubble},
            {"pp_p2p_exposed_s", b.pp_p2p_exposed},
            {"dp_exposed_s", b.dp_exposed},
            {"cp_exposed_s", b.cp_exposed},
            {"ep_exposed_s", b.ep_exposed},
            {"offload_exposed_s", b.offload_exposed},
            {"optimizer_s", b.optimizer}}}};
}

nlohmann::json perf_estimate_json(const perf::TransformerModel& model,
                                  const perf::Platform& platform, std::int64_t gpus,
                                  const perf::Layout& layout, const perf::StepEstimate& estimate) {
  nlohmann::json j = estimate_json(estimate);
  j["model"] = model.id;
  j["accelerator"] = platform.system.accelerator.id;
  j["system"] = platform.system.id;
  j["fabric"] = platform.fabric.id;
  j["gpus"] = gpus;
  j["layout"] = layout_json(layout);
  return j;
}

nlohmann::json perf_search_json(const perf::TransformerModel& model, std::int64_t gpus,
                                const perf::SearchResult& result) {
  nlohmann::json j;
  j["model"] = model.id;
  j["gpus"] = gpus;
  j["layouts_possible"] = result.layouts_possible;
  j["layouts_fitting"] = result.layouts_fitting;
  j["best"] = nlohmann::json::array();
  for (const auto& c : result.best) {
    nlohmann::json item = estimate_json(c.estimate);
    item["layout"] = layout_json(c.layout);
    j["best"].push_back(std::move(item));
  }
  return j;
}

}  // namespace gigasim::io
