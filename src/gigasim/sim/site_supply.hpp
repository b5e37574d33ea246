// The supply of a site in the run: the sources dispatched against the facility's demand at
// each tick (energy::Supply), and what each source delivered, cost and emitted.
#pragma once

#include <vector>

#include "gigasim/energy/supply.hpp"
#include "gigasim/plan/plan.hpp"
#include "gigasim/sim/component.hpp"

namespace gigasim::sim {

/// What one source delivered over the run.
struct SourceSums {
  double energy_j = 0.0, carbon_kg = 0.0, cost_eur = 0.0;
};

class SiteSupply final : public SiteComponent {
 public:
  explicit SiteSupply(const plan::SitePlan& plan);

  void close_tick(Tick& tick, SiteResult& out) override;
  void open_tick(Tick& tick) override { tick.available_w = supply_.available_w(tick.hour); }
  void finish(core::Time end, SiteResult& out) override;

  [[nodiscard]] const std::vector<SourceSums>& sums() const { return sums_; }
  [[nodiscard]] const energy::Supply& supply() const { return supply_; }

 private:
  const plan::SitePlan& plan_;
  energy::Supply supply_;
  std::vector<SourceSums> sums_;
};

}  // namespace gigasim::sim
