// One run of a prepared scenario: its sites (site.hpp) and one event queue ordered by (time,
// sequence), so that a run is bit-for-bit reproducible for a seed. Between events IT power
// is constant and integrated exactly; each site's tick closes the interval since the last.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gigasim/core/rng.hpp"
#include "gigasim/plan/plan.hpp"
#include "gigasim/sim/event.hpp"
#include "gigasim/sim/observer.hpp"
#include "gigasim/sim/results.hpp"

namespace gigasim::sim {

class FederationRouter;

class Site;

class Simulation {
 public:
  /// A run of a prepared scenario; `plan` (and its scenario) must outlive the simulation.
  explicit Simulation(const plan::Plan& plan);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  /// Runs the horizon once and returns the results. `observer` (may be null) hears progress
  /// and each site's ticks, and may submit jobs from there.
  Results run(Observer* observer = nullptr);

  /// Submits a job to site `site` (an index of the plan's sites) at max(job.submit, now):
  /// before the run or while it runs (from an observer). Its placement, power and results
  /// are those of any other job. Throws core::InputError if the site has no workload or the
  /// job does not fit its partition.
  void submit(std::size_t site, const workload::JobSpec& job, std::string name = {});

  /// The time of the event being handled (the start before the run).
  [[nodiscard]] core::Time now() const { return queue_.now(); }
  /// Events handled by the last run.
  [[nodiscard]] std::uint64_t events() const { return events_; }

 private:
  const plan::Plan& plan_;
  const scenario::Scenario& scenario_;
  core::RandomStreams streams_;
  EventQueue queue_;
  std::vector<double> it_sum_w_, facility_sum_w_;  ///< by tick, over all sites
  std::vector<std::unique_ptr<Site>> sites_;
  std::unique_ptr<FederationRouter> router_;  ///< with a federation: places every arriving job
  std::uint64_t events_ = 0;
};

}  // namespace gigasim::sim
