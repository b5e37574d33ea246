// Admission: whether a job the queue policy put next may start now. The scheduler asks the
// power budget (the `preempt` power cap keeps new starts within the power supply allows) and
// then the site's admission policy, if it has one: a hook for carbon-, price- or grid-aware
// scheduling that may defer a start to a later time.
#pragma once

#include <cstdint>
#include <limits>

#include "gigasim/core/time.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::sched {

/// What admission decides for a job that fits now.
struct Admission {
  enum class Decision : std::uint8_t {
    start,  ///< it may start
    wait,   ///< not now, as if it did not fit: it keeps its place at the head (EASY reserves)
    defer,  ///< not before `until`: it is passed over, as if it were not in the queue yet
  };
  Decision decision = Decision::start;
  core::Time until;  ///< for `defer`: when the scheduler looks at it again

  static Admission start() { return {}; }
  static Admission wait() { return {Decision::wait, {}}; }
  static Admission defer(core::Time until) { return {Decision::defer, until}; }
};

/// What an admission policy may look at besides the job.
struct AdmissionView {
  core::Time now;
  double dynamic_w = 0;                ///< dynamic IT power of the running jobs at full cap, W
  double job_dynamic_w = 0;            ///< the job's own, W
  std::int64_t free_accelerators = 0;  ///< in the job's partition
};

class AdmissionPolicy {
 public:
  virtual ~AdmissionPolicy() = default;
  /// Decides for job `index` (deterministic: the same inputs give the same answer).
  [[nodiscard]] virtual Admission admit(const workload::JobSpec& job, std::uint32_t index,
                                        const AdmissionView& view) const = 0;
};

/// The power budget of the `preempt` power cap: a job starts only if the dynamic power of the
/// running jobs and its own stays within the budget; otherwise it waits at its place
/// (docs/models/scheduling.md, "Power caps"). Unlimited until a budget is set.
class PowerBudget final : public AdmissionPolicy {
 public:
  void set(double dynamic_budget_w) { budget_w_ = dynamic_budget_w; }
  [[nodiscard]] double budget_w() const { return budget_w_; }
  [[nodiscard]] Admission admit(const workload::JobSpec& job, std::uint32_t index,
                                const AdmissionView& view) const override;

 private:
  double budget_w_ = std::numeric_limits<double>::infinity();
};

}  // namespace gigasim::sched
