// The facility of a site in the run: at each tick, its physics at the interval's mean IT power
// and the hour's weather (facility::evaluate_facility), and the PUE the next interval's power
// cap assumes.
#pragma once

#include <span>

#include "gigasim/plan/plan.hpp"
#include "gigasim/sim/component.hpp"

namespace gigasim::sim {

class SiteFacility final : public SiteComponent {
 public:
  /// `it_sum_w` and `facility_sum_w` (by tick, over all sites) receive this site's powers.
  SiteFacility(const plan::SitePlan& plan, std::span<double> it_sum_w,
               std::span<double> facility_sum_w, core::Duration tick);

  void close_tick(Tick& tick, SiteResult& out) override;
  void open_tick(Tick& tick) override { tick.pue_estimate = pue_estimate_; }

 private:
  const plan::SitePlan& plan_;
  facility::FacilityDesign design_;  ///< the loops' design heat, once per run
  std::span<double> it_sum_w_, facility_sum_w_;
  core::Duration tick_;
  double pue_estimate_ = 1.0;
  double heat_stored_j_ = 0.0;  ///< in the site's hot-water tank
};

}  // namespace gigasim::sim
