#include <fmt/format.h>

#include "gigasim/cli/commands.hpp"
#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/results/perf_json.hpp"
#include "gigasim/io/scenario/perf_input.hpp"
#include "gigasim/perf/search.hpp"

namespace gigasim::cli {
namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

std::string describe(const perf::Layout& l) {
  std::string s = fmt::format("tp {} pp {} dp {} cp {}", l.tp, l.pp, l.dp, l.cp);
  if (l.ep > 1) s += fmt::format(" ep {}", l.ep);
  if (l.virtual_stages > 1) s += fmt::format(" v {}", l.virtual_stages);
  s += fmt::format(" mb {} {}", l.micro_batch, perf::to_string(l.recompute));
  if (l.recompute_layers > 0) s += fmt::format(" ({} layers)", l.recompute_layers);
  if (l.balance_embedding) s += " balanced";
  if (l.schedule != perf::Schedule::one_f_one_b)
    s += fmt::format(" {}", perf::to_string(l.schedule));
  if (l.offload_activations > 0) s += fmt::format(" offload {:.0f} %", 100 * l.offload_activations);
  if (l.precision == perf::Precision::fp8) s += " fp8";
  if (!l.cuda_graphs) s += " no-graphs";
  return s;
}

// An estimate for a generation no published run calibrated says so, every time.
void print_extrapolated(const perf::Platform& p, bool extrapolated) {
  if (!extrapolated) return;
  fmt::print(
      "  extrapolated: no published training run on {} ({}) fixed its efficiencies; they are "
      "carried over from an older generation or from serving runs (docs/validation.md)\n",
      p.system.accelerator.id, p.efficiency.generation);
}

void print_estimate(const io::PerfInput& in, const perf::StepEstimate& e) {
  const auto& b = e.breakdown;
  fmt::print("{} on {} x {} ({}, {}): {}\n", in.model.id, in.gpus,
             in.platform.system.accelerator.id, in.platform.system.id, in.platform.fabric.id,
             describe(in.layout));
  fmt::print(
      "  step {:.3f} s, {:.4g} tokens/s, model {:.1f} TFLOP/s/GPU (MFU {:.1f} %), hardware {:.1f} "
      "(HFU {:.1f} %)\n",
      e.step_time_s, e.tokens_per_s, e.model_tflops_per_gpu, 100 * e.mfu, e.hardware_tflops_per_gpu,
      100 * e.hfu);
  fmt::print("  memory {:.1f} of {:.1f} GiB per GPU{}, power {:.0f} W per GPU\n",
             e.memory.total() / kGiB, e.memory_capacity / kGiB,
             e.fits_in_memory ? "" : " -- DOES NOT FIT", e.power_per_gpu_w);
  fmt::print(
      "  seconds: compute {:.3f}, tp {:.3f}, pp bubble {:.3f}, pp p2p {:.3f}, dp {:.3f}, cp "
      "{:.3f}, ep {:.3f}, offload {:.3f}, optimizer {:.3f}\n",
      b.compute, b.tp_exposed, b.pp_bubble, b.pp_p2p_exposed, b.dp_exposed, b.cp_exposed,
      b.ep_exposed, b.offload_exposed, b.optimizer);
  print_extrapolated(in.platform, e.extrapolated);
}

}  // namespace

int perf_command(const PerfOptions& options) {
  const io::Catalog catalog =
      io::Catalog::load(options.data_dir.empty() ? io::default_data_dir() : options.data_dir);
  const io::PerfInput in = io::load_perf_input(
      options.file, catalog, options.search ? io::PerfMode::search : io::PerfMode::estimate);
  if (!options.search) {
    const perf::StepEstimate e = perf::estimate_step(in.model, in.layout, in.platform);
    if (options.json) {
      fmt::print("{}\n",
                 io::perf_estimate_json(in.model, in.platform, in.gpus, in.layout, e).dump(2));
    } else {
      print_estimate(in, e);
    }
    return 0;
  }
  const perf::SearchResult r =
      perf::search_layouts(in.model, in.platform, in.gpus, in.layout, in.search);
  if (options.json) {
    fmt::print("{}\n", io::perf_search_json(in.model, in.gpus, r).dump(2));
    return 0;
  }
  fmt::print("{} on {} x {}: {} possible layouts, {} fit in memory; the best {}:\n", in.model.id,
             in.gpus, in.platform.system.accelerator.id, r.layouts_possible, r.layouts_fitting,
             r.best.size());
  fmt::print("  {:>4} {:>12} {:>8} {:>6} {:>8} {:>9}  {}\n", "rank", "tokens/s", "step s", "MFU %",
             "mem GiB", "power W", "layout");
  for (std::size_t i = 0; i < r.best.size(); ++i) {
    const auto& e = r.best[i].estimate;
    fmt::print("  {:>4} {:>12.4g} {:>8.3f} {:>6.1f} {:>8.1f} {:>9.0f}  {}\n", i + 1, e.tokens_per_s,
               e.step_time_s, 100 * e.mfu, e.memory.total() / kGiB, e.power_per_gpu_w,
               describe(r.best[i].layout));
  }
  if (r.best.empty()) fmt::print("  no layout fits in memory\n");
  print_extrapolated(in.platform, !in.platform.efficiency.calibrated);
  return 0;
}

}  // namespace gigasim::cli
