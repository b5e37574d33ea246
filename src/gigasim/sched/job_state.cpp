#include "gigasim/sched/job_state.hpp"

namespace gigasim::sched {

JobAccount account_of(const workload::JobSpec& spec, const JobState& st) {
  JobAccount a;
  a.useful_s = spec.work_s - (st.remaining_s - st.overhead_s);
  a.done = spec.work_s > 0 ? a.useful_s / spec.work_s : 0.0;
  const double acc = static_cast<double>(spec.accelerators);
  a.useful_accelerator_h = acc * a.useful_s / 3600.0;
  a.lost_accelerator_h = acc * st.lost_s / 3600.0;
  a.restart_accelerator_h = acc * (st.restart_s - st.overhead_s) / 3600.0;
  a.checkpoint_accelerator_h = acc * a.useful_s * (1.0 - spec.useful_share) / 3600.0;
  a.net_useful_accelerator_h = a.useful_accelerator_h - a.checkpoint_accelerator_h;
  a.held_accelerator_h = acc * st.held_s / 3600.0;
  a.tokens = spec.tokens * a.done;
  a.model_flops = spec.model_flops * a.done;
  return a;
}

}  // namespace gigasim::sched
