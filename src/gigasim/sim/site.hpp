// One site of a run: its components behind the tick protocol (component.hpp), in the order
// in which they close and open a tick: IT meter, facility, supply, reliability, workload (or
// the utilization profile of a site without one).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "gigasim/core/rng.hpp"
#include "gigasim/plan/plan.hpp"
#include "gigasim/sim/event.hpp"
#include "gigasim/sim/it_meter.hpp"
#include "gigasim/sim/site_facility.hpp"
#include "gigasim/sim/site_reliability.hpp"
#include "gigasim/sim/site_supply.hpp"
#include "gigasim/sim/site_workload.hpp"

namespace gigasim::sim {

class Site {
 public:
  Site(const plan::SitePlan& plan, const scenario::Scenario& scenario,
       const core::RandomStreams& streams, std::uint32_t index, EventQueue& queue,
       std::span<double> it_sum_w, std::span<double> facility_sum_w);
  Site(const Site&) = delete;
  Site& operator=(const Site&) = delete;

  /// The result's header (name, fleet...) and the first events: the tick at hour 0, the
  /// first failure, the first arrival.
  void start(SiteResult& out);
  /// The tick at `now`: closes the interval that ends, opens the next (before the horizon's end).
  void on_tick(core::Time now, SiteResult& out);
  /// A component's own event at `now`, before the horizon's end.
  void on_event(const Event& e, core::Time now);
  /// Totals at the end of the horizon, economics and carbon included.
  void finish(SiteResult& out);

  /// The site's workload (null without one): for jobs submitted while the run goes on.
  [[nodiscard]] SiteWorkload* workload() { return workload_ ? &*workload_ : nullptr; }
  [[nodiscard]] const plan::SitePlan& plan() const { return plan_; }

 private:
  void advance(core::Time now);
  void refresh_power(core::Time now) { meter_.set(now, load_->it_power_w()); }

  const plan::SitePlan& plan_;
  const scenario::Scenario& scenario_;
  std::uint32_t index_;
  EventQueue& queue_;
  core::Time end_;
  core::Time interval_start_;
  ItMeter meter_;
  SiteFacility facility_;
  SiteSupply supply_;
  std::optional<SiteWorkload> workload_;
  std::optional<ProfileLoad> profile_;
  std::optional<SiteReliability> reliability_;
  ItLoad* load_ = nullptr;
  Tick tick_;
  std::vector<SiteComponent*> components_;  ///< tick order; an event's `component` indexes it
};

}  // namespace gigasim::sim
