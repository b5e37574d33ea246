// The wiring of one run: sites prepared from the scenario, and one event queue carrying
// facility ticks, job arrivals and job ends. A tick closes the interval since the previous
// one with the IT energy integrated exactly over the piecewise-constant power between
// events, then opens the next (inference replicas, power cap).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>

#include "gigasim/core/event_queue.hpp"
#include "gigasim/core/rng.hpp"
#include "gigasim/plan/plan.hpp"
#include "gigasim/reliability/failure_process.hpp"
#include "gigasim/sched/site_scheduler.hpp"
#include "gigasim/sim/observer.hpp"
#include "gigasim/sim/results.hpp"

namespace gigasim::sim {

/// A site of a run: its plan and its scheduler (with a workload).
struct SiteModel {
  const plan::SitePlan* plan = nullptr;
  const scenario::SiteSpec* spec = nullptr;
  std::unique_ptr<sched::SiteScheduler> scheduler;
};

/// The scheduler of a prepared workload, inference pools and spares reserved.
std::unique_ptr<sched::SiteScheduler> make_scheduler(const plan::WorkloadPlan& workload);

class Simulation {
 public:
  /// A run of a prepared scenario; `plan` (and its scenario) must outlive the simulation.
  explicit Simulation(const plan::Plan& plan);

  /// Runs the horizon once and returns the results.
  Results run(Observer* observer = nullptr);

  [[nodiscard]] const std::vector<SiteModel>& sites() const { return sites_; }
  /// Events handled by the last run.
  [[nodiscard]] std::uint64_t events() const { return events_; }

 private:
  enum class EventKind : std::uint8_t {
    facility_tick,
    job_arrival,
    job_end,
    job_resume,
    failure,
    repair,
    maintenance
  };
  struct Event {
    EventKind kind;
    std::uint32_t site;
    std::uint32_t job;
    std::uint32_t version;
  };
  struct SourceSums {
    double energy_j = 0.0, carbon_kg = 0.0, cost_eur = 0.0;
  };
  /// Per-site state of the event loop.
  struct SiteRun {
    core::Time interval_start;
    core::Time last_change;
    double it_power_w = 0;   // now
    double it_energy_j = 0;  // since the interval opened
    double busy_acc_s = 0;   // busy accelerator-seconds since the interval opened
    double utilization = 0;  // profile sites: of the open interval
    double inference_dynamic_w = 0;
    double served_tokens_per_s = 0;
    double demanded_tokens_per_s = 0;
    double pue_estimate = 1.0;  // facility / IT of the last interval, for power caps
    std::size_t next_job = 0;   // next arrival in submission order
    double busy_total_s = 0;    // over the run
    double tokens_served = 0, tokens_demanded = 0;
    double capped_s = 0, lost_acc_s = 0;
    std::vector<SourceSums> sources;
    // Reliability (simulation_reliability.cpp).
    std::optional<reliability::FailureProcess> failure_process;
    std::optional<core::RandomStream> rng;
    std::vector<double> component_weights;
    double component_total = 0;
    std::vector<std::vector<std::uint32_t>> lemons;  // per partition: lemon domains
    std::vector<std::uint8_t> is_lemon_flags;        // per partition offset + domain
    std::vector<std::size_t> lemon_offset;
    // IT power steps and ramps.
    std::deque<std::pair<core::Time, double>> ramp_window;
    double largest_step_w = 0;
    double largest_ramp_w = 0;
  };

  void integrate(std::size_t site, core::Time now);
  void update_power(std::size_t site, core::Time now);
  void record_power_change(std::size_t site, core::Time now, double before_w, double after_w);
  void start_reliability(std::size_t site, core::Time end);
  void on_failure(std::size_t site, core::Time now);
  void on_repair(std::size_t site, std::uint32_t partition, std::uint32_t domain, core::Time now);
  void on_maintenance(std::size_t site, core::Time now);
  std::pair<std::uint32_t, std::uint32_t> pick_domain(std::size_t site, bool weight_lemons);
  void interrupt_and_record(std::size_t site, std::uint32_t partition, std::uint32_t domain,
                            core::Time now, std::string_view component, bool planned,
                            bool take_down, core::Duration repair);
  void finish_reliability(std::size_t site, core::Time end, SiteResult& out);
  void close_interval(std::size_t site, core::Time now, SiteResult& out);
  void open_interval(std::size_t site, core::Time now);
  void on_arrival(std::size_t site, core::Time now);
  void on_end(std::size_t site, std::uint32_t job, std::uint32_t version, core::Time now);
  void schedule_jobs(std::size_t site, core::Time now);
  void push_ends(std::size_t site);
  void finish_workload(std::size_t site, core::Time end, SiteResult& out);
  /// The economic and carbon accounts of a finished site (simulation_economics.cpp).
  void account(std::size_t site, SiteResult& out) const;

  const scenario::Scenario& scenario_;
  core::RandomStreams streams_;
  std::size_t hours_ = 0;
  std::vector<SiteModel> sites_;
  std::vector<SiteRun> runs_;
  core::EventQueue<Event> queue_;
  std::vector<double> supplied_w_;
  std::vector<std::size_t> order_;
  std::vector<sched::EndEvent> ends_;
  std::vector<sched::Interruption> interruptions_;
  std::vector<std::vector<FailureRecord>> failure_records_;  // per site
  std::vector<std::vector<PowerStep>> power_steps_;          // per site
  std::vector<double> it_sum_w_, facility_sum_w_;
  std::uint64_t events_ = 0;
};

/// Workload figures over all sites (utilization weighted by accelerators, waits over all jobs).
void summarise_workloads(Results& results);
/// Reliability figures over all sites (ETTR and MTTF from the summed hours).
void summarise_reliability(Results& results);

}  // namespace gigasim::sim
