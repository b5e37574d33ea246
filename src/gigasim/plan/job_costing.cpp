#include "gigasim/plan/job_costing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "gigasim/perf/model.hpp"
#include "gigasim/perf/search.hpp"
#include "gigasim/perf/step_model.hpp"

namespace gigasim::plan {
namespace {

// Activity of a training job or an inference replica: where its power per accelerator sits
// between idle and TDP.
float activity_of(double watts, const hardware::Accelerator& a) {
  const double dynamic = (a.tdp - a.idle_power).value();
  return static_cast<float>(std::clamp((watts - a.idle_power.value()) / dynamic, 0.0, 1.0));
}

// Tokens per accelerator-second of a model on a platform: the best layout the search finds
// for `gpus` accelerators.
double reference_throughput(const perf::TransformerModel& model, const perf::Platform& platform,
                            std::int64_t gpus) {
  perf::Layout base;
  base.global_batch = static_cast<int>(std::max<std::int64_t>(256, gpus));
  base.zero = perf::ZeroStage::zero1;
  perf::SearchSpace space;
  space.micro_batches = {1, 2};
  const auto r = perf::search_layouts(model, platform, gpus, base, space, 1);
  return r.best.empty() ? 0.0 : r.best.front().estimate.tokens_per_s / static_cast<double>(gpus);
}

// The weighted median of a size distribution.
std::int64_t median_size(const workload::SizeDistribution& size) {
  std::int64_t median = 8;
  double total = 0, seen = 0;
  for (const double weight : size.weights) total += weight;
  for (std::size_t k = 0; k < size.values.size(); ++k) {
    seen += size.weights[k];
    if (seen >= total / 2) {
      median = size.values[k];
      break;
    }
  }
  return median;
}

bool is_training(workload::JobClass c) {
  return c == workload::JobClass::pretraining || c == workload::JobClass::finetuning;
}

}  // namespace

perf::Platform platform_of(const scenario::FleetEntry& entry) {
  return perf::Platform{entry.system, entry.fabric, entry.efficiency};
}

workload::JobSpec cost_job(const scenario::JobDescription& d, const perf::Platform& platform,
                           const scenario::ReliabilitySpec* reliability,
                           std::vector<core::Diagnostic>& problems) {
  workload::JobSpec j;
  j.submit = core::Time::start() + d.submit;
  j.cls = d.cls;
  j.tenant = d.tenant;
  j.partition = d.partition;
  if (!d.training) {
    j.accelerators = d.accelerators;
    j.work_s = d.duration.in_seconds();
    j.activity = d.activity;
    return j;
  }
  const scenario::TrainingRun& run = *d.training;
  const perf::StepEstimate e = perf::estimate_step(run.model, run.layout, platform);
  if (!e.fits_in_memory) {
    problems.push_back(
        {scenario::child_id(d.id, "parallelism"),
         fmt::format("the layout needs {:.1f} GiB per accelerator, more than the {:.1f} GiB of {}",
                     e.memory.total() / 1073741824.0, e.memory_capacity / 1073741824.0,
                     platform.system.accelerator.id),
         {}});
  }
  j.accelerators = run.layout.gpus();
  const double steps = std::ceil(run.tokens / e.tokens_per_step);
  j.work_s = steps * e.step_time_s;
  j.tokens = steps * e.tokens_per_step;
  j.model_flops = steps * e.model_flops_per_step;
  j.activity = activity_of(e.power_per_gpu_w, platform.system.accelerator);
  if (reliability != nullptr) {
    // Writing the whole training state (weights, master weights, optimizer moments).
    const double bytes =
        perf::count_parameters(run.model).total * reliability->checkpoint_bytes_per_parameter;
    j.checkpoint_cost_s = static_cast<float>(bytes / reliability->storage_bandwidth.value());
    if (!reliability->checkpoint_auto &&
        j.checkpoint_cost_s >= reliability->checkpoint_interval.in_seconds()) {
      problems.push_back({scenario::child_id(d.id, "model"),
                          fmt::format("a checkpoint of {} takes {:.0f} s, longer than "
                                      "reliability.checkpoint.interval",
                                      run.model.id, j.checkpoint_cost_s),
                          {}});
    }
  }
  return j;
}

workload::JobSpec trace_job(const scenario::TraceJob& t, const scenario::TraceSpec& trace) {
  workload::JobSpec j;
  j.submit = core::Time::from_ms(static_cast<std::int64_t>(t.submit_s * 1000.0));
  j.work_s = t.run_s;
  j.requested_s = static_cast<float>(t.requested_s);
  j.accelerators = t.accelerators;
  j.activity = trace.activity;
  j.partition = trace.partition;
  j.cls = t.cls;
  j.tenant = t.tenant;
  return j;
}

workload::JobCosting cost_stream(const scenario::GeneratorDescription& stream,
                                 const perf::Platform& platform,
                                 const scenario::ReliabilitySpec* reliability) {
  workload::JobCosting c;
  if (stream.model) {
    const std::int64_t median = std::max<std::int64_t>(8, median_size(stream.stream.size));
    c.tokens_per_accelerator_s = reference_throughput(*stream.model, platform, median);
    c.flops_per_token = perf::training_flops_per_token(*stream.model, stream.model->seq_len);
  }
  if (reliability != nullptr && is_training(stream.stream.cls))
    c.checkpoint_cost_s = static_cast<float>(reliability->default_checkpoint_cost.in_seconds());
  return c;
}

workload::InferenceService cost_inference(const scenario::InferenceDescription& d,
                                          const perf::Platform& platform,
                                          std::vector<core::Diagnostic>& problems) {
  workload::InferenceService s;
  s.name = d.name;
  s.model = d.model.id;
  s.tenant = d.tenant;
  s.partition = d.partition;
  s.accelerators_per_replica = d.accelerators_per_replica;
  s.min_replicas = d.min_replicas;
  s.max_replicas = d.max_replicas;
  s.peak_tokens_per_s = d.peak_tokens_per_s;
  s.daily_shape = d.daily_shape;
  const hardware::Accelerator& accelerator = platform.system.accelerator;
  perf::ServeSetup setup = d.serve;
  setup.tp = static_cast<int>(d.accelerators_per_replica);
  // Absent a precision, FP8 where the accelerator's FP8 products are faster than its BF16
  // ones (not on Ampere, whose catalog FP8 rate is its BF16 rate).
  if (!d.precision_given) {
    setup.precision = accelerator.fp8_dense.value() > accelerator.bf16_dense.value()
                          ? perf::Precision::fp8
                          : perf::Precision::bf16;
  }
  const std::string precision_problem = perf::precision_problem(accelerator, setup.precision);
  if (!precision_problem.empty()) {
    problems.push_back({scenario::child_id(d.id, "precision"), precision_problem, {}});
    return s;
  }
  if (setup.kv_cache) {
    const std::string kv_problem = perf::precision_problem(accelerator, *setup.kv_cache);
    if (!kv_problem.empty()) {
      problems.push_back({scenario::child_id(d.id, "kv_cache"), kv_problem, {}});
      return s;
    }
  }
  // The all-to-alls run on the scale-up links: an expert-parallel replica stays in one domain.
  if (setup.expert_parallel && d.accelerators_per_replica > platform.system.scale_up_domain) {
    problems.push_back(
        {scenario::child_id(d.id, "accelerators_per_replica"),
         fmt::format("an expert-parallel replica must fit in one scale-up domain ({} "
                     "accelerators of {}): its all-to-alls run on the scale-up links",
                     platform.system.scale_up_domain, platform.system.id),
         {}});
    return s;
  }
  const perf::ServeEstimate e = perf::estimate_serving(d.model, platform, setup);
  if (!e.fits) {
    problems.push_back(
        {scenario::child_id(d.id, "accelerators_per_replica"),
         fmt::format("the weights of {} and the KV cache of one request need more than {} "
                     "accelerators of {}",
                     d.model.id, d.accelerators_per_replica, accelerator.id),
         {}});
  } else if (e.batch < 1) {
    problems.push_back(
        {scenario::child_id(d.id, "latency"),
         fmt::format("no batch of {} on {} accelerators of {} meets the latency targets (one "
                     "request alone: first token after {:.3g} s, then one every {:.3g} s)",
                     d.model.id, d.accelerators_per_replica, accelerator.id, e.ttft_s, e.tpot_s),
         {}});
  }
  // A replica of the scenario is `accelerators_per_replica`; disaggregated, its accelerators
  // split between the prefill and the decode pools in the serving model's proportion.
  s.tokens_per_s_per_replica =
      e.tokens_per_s_accelerator * static_cast<double>(d.accelerators_per_replica);
  s.activity = d.activity ? *d.activity : activity_of(e.watts_per_accelerator, accelerator);
  return s;
}

}  // namespace gigasim::plan
