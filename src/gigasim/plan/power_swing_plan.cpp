#include "gigasim/plan/power_swing_plan.hpp"

#include <algorithm>

#include "gigasim/perf/step_model.hpp"

namespace gigasim::plan {

std::optional<JobSwing> plan_swing(const scenario::JobDescription& d,
                                   const perf::Platform& platform,
                                   const scenario::PowerSwingSpec& spec, workload::JobSpec& job) {
  if (!d.training) return std::nullopt;
  const perf::StepEstimate e = perf::estimate_step(d.training->model, d.training->layout, platform);
  if (e.step_time_s <= 0) return std::nullopt;
  const hardware::Accelerator& acc = platform.system.accelerator;
  const double idle = acc.idle_power.value();
  const double dynamic = (acc.tdp - acc.idle_power).value();
  const perf::StepBreakdown& b = e.breakdown;
  // Compute at activity_compute; the rest of the step (exposed communication, the optimizer,
  // the pipeline bubble) at its mean: the step model's power split in two phases.
  const double duty = std::clamp(b.compute / e.step_time_s, 0.0, 1.0);
  const double communicating =
      (b.tp_exposed + b.cp_exposed + b.ep_exposed + b.pp_p2p_exposed + b.dp_exposed + b.optimizer) /
      e.step_time_s;
  energy::IterationPower p;
  p.period_s = e.step_time_s;
  p.duty = duty;
  p.high_w = idle + dynamic * platform.efficiency.activity_compute;
  p.low_w = duty < 1.0 ? idle + dynamic * platform.efficiency.activity_communication *
                                    communicating / (1.0 - duty)
                       : p.high_w;
  const energy::FlooredSwing f = energy::apply_floor(p, spec.power_floor * acc.tdp.value());
  // The floor's power joins the job's activity, the share of the system's dynamic range
  // it draws (the convention of job_costing's activity).
  const double before = job.activity;
  if (dynamic > 0)
    job.activity = static_cast<float>(std::min(1.0, job.activity + f.extra_w / dynamic));
  JobSwing s;
  s.swing_w = static_cast<float>(f.swing_w);
  s.band_share = static_cast<float>(energy::band_oscillation(p.period_s, duty, spec.band));
  s.duty = static_cast<float>(duty);
  s.floor_activity = static_cast<float>(job.activity - before);
  s.period_s = static_cast<float>(p.period_s);
  return s;
}

}  // namespace gigasim::plan
