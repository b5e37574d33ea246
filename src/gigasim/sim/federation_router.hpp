// The federation's router (docs/models/federation.md): each job submitted at a site is
// placed, when it arrives, at the site (and for follow_renewables the hour) the policy
// chooses among those allowed to take it; a job sent elsewhere moves its data over the link
// and runs on the hardware there, re-costed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gigasim/plan/plan.hpp"
#include "gigasim/scenario/federation_spec.hpp"
#include "gigasim/sim/results.hpp"

namespace gigasim::sim {

class SiteWorkload;

/// What each site's supply would give the federation's next job, hour by hour: the mean
/// price and carbon of the energy that serves the site at full load, the sources taken in
/// the order the scenario lists them and the grid last, and the share of wind, solar and
/// hydro in it. Summed from hour 0 (prefix sums) for window means in O(1).
struct SupplySignals {
  std::vector<double> price_sum;      ///< EUR/J, cumulated
  std::vector<double> carbon_sum;     ///< kg/J, cumulated
  std::vector<double> renewable_sum;  ///< share, cumulated

  /// The signals of one site over the run's hours (plan.hours).
  static SupplySignals of(const plan::SitePlan& site, std::size_t hours);
  /// Means over hours [from, to) (clamped to the run; `to` > `from`).
  [[nodiscard]] double price(std::size_t from, std::size_t to) const;
  [[nodiscard]] double carbon(std::size_t from, std::size_t to) const;
  [[nodiscard]] double renewable(std::size_t from, std::size_t to) const;
};

class FederationRouter {
 public:
  FederationRouter(const plan::Plan& plan, const scenario::FederationSpec& spec);

  /// The sites' workloads, by site (null: a site without one takes no job).
  void attach(std::vector<SiteWorkload*> workloads) { workloads_ = std::move(workloads); }
  /// Places job `job` of site `home`'s plan, arriving `now`: false if it stays and is queued
  /// there now; true if it was submitted elsewhere or later (home must not queue it).
  bool route(std::uint32_t home, std::uint32_t job, core::Time now);

  /// What the router did, per site by name.
  [[nodiscard]] FederationTotals totals() const;

  /// `migrate: true`: site `home` cannot power `deficit_w` of its jobs' dynamic power this
  /// interval. Moves running jobs, largest first, to sites the policy chooses among those
  /// that can start them now, until their dynamic power covers the deficit (or none can go).
  void migrate(std::uint32_t home, double deficit_w, core::Time now);

 private:
  struct Place {
    std::uint32_t site = 0;
    std::uint16_t partition = 0;
    std::int64_t start_h = 0;  ///< hours after now (follow_renewables)
  };
  // The partition of `site` that takes the job (the fastest that holds it), or -1.
  int partition_for(std::uint32_t site, std::uint32_t home, const workload::JobSpec& job) const;
  [[nodiscard]] bool can_start_now(std::uint32_t site, int partition, std::uint32_t home,
                                   const workload::JobSpec& job) const;
  // The job as it runs at `to`: its work at the speed of that partition, its tenant there.
  workload::JobSpec recost(std::uint32_t home, const workload::JobSpec& job, const Place& to) const;
  [[nodiscard]] double rate(std::uint32_t site, std::size_t partition) const;
  [[nodiscard]] double energy_j(std::uint32_t site, std::size_t partition,
                                const workload::JobSpec& job, double work_s) const;
  bool choose(std::uint32_t home, const workload::JobSpec& job, core::Time now, Place& out) const;
  // The policy's score of running `job` of `home` at site d, partition p, from hour `hour`:
  // its energy there × the window's mean price or carbon (+ the transfer for lowest_cost).
  [[nodiscard]] double score(std::uint32_t home, const workload::JobSpec& job, std::uint32_t d,
                             int p, std::size_t hour) const;
  // Another site than home that can start `job` now, the policy's best; false if none.
  bool choose_elsewhere(std::uint32_t home, const workload::JobSpec& job, core::Time now,
                        Place& out) const;
  // Submits `job` (a job of `home`, or the rest of one) at `to`, after its transfer.
  // A migrated job counts in jobs_migrated, not in jobs_routed.
  void hand_over(std::uint32_t home, workload::JobSpec job, const std::string& name,
                 const Place& to, core::Time now, bool migrated);
  void send(std::uint32_t home, std::uint32_t job, const Place& to, core::Time now);

  // Tables made once, so that placing a job compares numbers, not names.
  void tabulate();

  const plan::Plan& plan_;
  const scenario::FederationSpec& spec_;
  std::vector<SupplySignals> signals_;              ///< by site
  std::vector<std::vector<double>> rate_;           ///< [site][partition]: FLOP/s per accelerator
  std::vector<std::vector<std::size_t>> by_speed_;  ///< [site]: partitions, fastest first
  std::vector<std::vector<std::int64_t>> keep_;     ///< [site][partition]: reserved accelerators
  std::vector<int> country_;                        ///< [site]: index of its country
  /// [home][tenant][site]: the tenant's index there, or -1 where it may not go (no such
  /// tenant, or residency forbids the site's country).
  std::vector<std::vector<std::vector<int>>> tenant_at_;
  std::vector<SiteWorkload*> workloads_;
  FederationTotals totals_;                    ///< without the per-site counts, kept below
  std::vector<std::int64_t> sent_, received_;  ///< by site
};

}  // namespace gigasim::sim
