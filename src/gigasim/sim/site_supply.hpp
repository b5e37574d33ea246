// The supply of a site in the run: its sources dispatched against the facility's demand at
// each tick (energy::Supply), and what each source delivered, cost, emitted and sold.
#pragma once

#include <vector>

#include "gigasim/energy/supply.hpp"
#include "gigasim/plan/plan.hpp"
#include "gigasim/sim/component.hpp"

namespace gigasim::sim {

/// What one source did over the run.
struct SourceSums {
  double energy_j = 0.0;   ///< delivered to the site
  double carbon_kg = 0.0;  ///< of what was delivered
  double cost_eur = 0.0;   ///< of what was paid for (a must-take contract: all it produced)
  double sold_j = 0.0, curtailed_j = 0.0, sales_eur = 0.0;
};

class SiteSupply final : public SiteComponent {
 public:
  SiteSupply(const plan::SitePlan& plan, core::Duration tick);

  void close_tick(Tick& tick, SiteResult& out) override;
  void open_tick(Tick& tick) override;
  void finish(core::Time end, SiteResult& out) override;

  [[nodiscard]] const std::vector<SourceSums>& sums() const { return sums_; }
  [[nodiscard]] const energy::Supply& supply() const { return supply_; }

 private:
  const plan::SitePlan& plan_;
  double tick_s_;
  energy::Supply supply_;
  std::vector<SourceSums> sums_;
  std::vector<std::size_t> kind_index_;  // by source: its column of SiteTickRow::supply_mw
  double dr_delivered_j_ = 0, dr_requested_j_ = 0;
};

}  // namespace gigasim::sim
