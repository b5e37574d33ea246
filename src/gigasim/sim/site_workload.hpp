// The workload of a site in the run: job arrivals in submission order (and jobs submitted
// while the run goes on), scheduling passes, job ends and restarts, inference pools that
// follow their demand, and the power cap each tick's supply allows (docs/models/scheduling.md).
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "gigasim/plan/plan.hpp"
#include "gigasim/sched/site_scheduler.hpp"
#include "gigasim/sim/component.hpp"
#include "gigasim/sim/event.hpp"

namespace gigasim::sim {

class FederationRouter;

/// The scheduler of a prepared workload, inference pools and spares reserved.
std::unique_ptr<sched::SiteScheduler> make_scheduler(const plan::WorkloadPlan& workload);

class SiteWorkload final : public SiteComponent, public ItLoad {
 public:
  enum Kind : std::uint8_t { arrival, job_end, job_resume, submitted, pass, wake };

  SiteWorkload(const plan::SitePlan& plan, Events events, core::Time end);

  /// Schedules the first arrival.
  void start();
  /// Puts the site under a federation's router (site `site` of the plan): each planned job
  /// is offered to the router when it arrives, and queued here only if the router keeps it.
  void join(FederationRouter* router, std::uint32_t site) {
    router_ = router;
    site_ = site;
  }
  /// Adds a job while the run goes on: it is submitted at max(its submit time, `now`).
  std::uint32_t submit(const workload::JobSpec& job, std::string name, core::Time now);
  /// A scheduling pass now: starts what the policies allow and schedules the end events.
  void schedule_pass(core::Time now);
  /// Asks for one scheduling pass at `now`, after every other event of this instant: the
  /// jobs that end, arrive or fail together are all seen by the same pass.
  void request_pass(core::Time now);

  [[nodiscard]] sched::SiteScheduler& scheduler() { return *scheduler_; }
  [[nodiscard]] const sched::SiteScheduler& scheduler() const { return *scheduler_; }

  // ItLoad
  [[nodiscard]] double it_power_w() const override;
  void advance(core::Time now) override;

  // SiteComponent
  void on_event(std::uint8_t kind, std::uint32_t a, std::uint32_t b, core::Time now) override;
  void close_tick(Tick& tick, SiteResult& out) override;
  void open_tick(Tick& tick) override;
  void finish(core::Time end, SiteResult& out) override;

 private:
  void on_arrival(core::Time now);
  // In an event: stops and holds deferrable jobs to fit `it_budget_w`, as far as they go.
  void defer_for_event(const Tick& tick, double it_budget_w);
  void recap(core::Time now);
  // The DVFS cap that keeps the IT power within `it_budget_w` (1: no cap needed).
  [[nodiscard]] double cap_for(double it_budget_w) const;
  // The oscillation of the running training jobs at the grid connection, after mitigation.
  void record_swing(const Tick& tick, SiteResult& out);
  void push_ends();

  const plan::WorkloadPlan& workload_;
  FederationRouter* router_ = nullptr;
  std::uint32_t site_ = 0;
  Events events_;
  core::Time end_;
  std::unique_ptr<sched::SiteScheduler> scheduler_;
  std::vector<std::string> added_names_;  ///< of jobs submitted while running
  std::vector<sched::EndEvent> ends_;     ///< scratch
  std::size_t next_job_ = 0;              ///< next planned arrival, in submission order
  core::Time wake_;                       ///< pass due for a deferred job ("never": none)
  core::Time pass_due_;                   ///< the instant a requested pass is due ("never": none)
  // Integrated between events.
  core::Time last_change_;
  double busy_acc_s_ = 0;  ///< busy accelerator-seconds since the interval opened
  double capped_s_ = 0, lost_acc_s_ = 0;
  double it_budget_w_ = std::numeric_limits<double>::infinity();  ///< of the open interval
  double cap_without_backup_ = 1.0;  ///< the DVFS cap the interval would have without backup
  double backup_avoided_acc_s_ = 0;
  // Demand response: its spec (null: none), whether the open interval is in an event, and
  // the accelerator-seconds deferred and lost to caps in events.
  const scenario::DemandResponseSpec* dr_ = nullptr;
  bool in_event_ = false;
  double dr_deferred_acc_s_ = 0, dr_capped_acc_s_ = 0;
  const scenario::PowerSwingSpec* swing_spec_ = nullptr;
  double swing_limit_w_ = 0;
  // Of the open interval.
  double inference_dynamic_w_ = 0;
  double inference_active_acc_ = 0;  ///< accelerators of the replicas serving
  double served_tokens_per_s_ = 0;
  double demanded_tokens_per_s_ = 0;
  // Over the run.
  double busy_total_s_ = 0;
  double tokens_served_ = 0, tokens_demanded_ = 0;
  double inference_useful_acc_s_ = 0;  ///< ∫ serving accelerators × speed dt
  double inference_dynamic_j_ = 0;     ///< ∫ cap × the replicas' dynamic power dt
};

/// A site without a workload: its IT power follows the utilization profile.
class ProfileLoad final : public SiteComponent, public ItLoad {
 public:
  explicit ProfileLoad(const plan::SitePlan& plan) : plan_(plan) {}
  [[nodiscard]] double it_power_w() const override {
    return plan_.sizing.idle_it_w + utilization_ * plan_.sizing.dynamic_it_w;
  }
  void open_tick(Tick& tick) override {
    utilization_ = plan_.spec->utilization.at(tick.hour_of_day);
  }
  void close_tick(Tick& tick, SiteResult& /*out*/) override {
    tick.row->utilization = static_cast<float>(utilization_);
  }

 private:
  const plan::SitePlan& plan_;
  double utilization_ = 0;
};

}  // namespace gigasim::sim
