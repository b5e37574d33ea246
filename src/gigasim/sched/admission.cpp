#include "gigasim/sched/admission.hpp"

namespace gigasim::sched {

Admission PowerBudget::admit(const workload::JobSpec& /*job*/, std::uint32_t /*index*/,
                             const AdmissionView& view) const {
  return view.dynamic_w + view.job_dynamic_w <= budget_w_ ? Admission::start() : Admission::wait();
}

}  // namespace gigasim::sched
