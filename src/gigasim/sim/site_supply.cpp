#include "gigasim/sim/site_supply.hpp"

namespace gigasim::sim {
namespace {

constexpr double kJPerMWh = 3.6e9;

std::vector<std::unique_ptr<energy::Source>> sources_of(const plan::SitePlan& plan) {
  std::vector<std::unique_ptr<energy::Source>> out;
  for (std::size_t i = 0; i < plan.spec->supply.size(); ++i)
    out.push_back(energy::make_source(plan.spec->supply[i], plan.profiles[i]));
  return out;
}

}  // namespace

SiteSupply::SiteSupply(const plan::SitePlan& plan)
    : plan_(plan),
      supply_(sources_of(plan), plan.spec->grid_connection.value()),
      sums_(plan.spec->supply.size()) {}

void SiteSupply::close_tick(Tick& tick, SiteResult& out) {
  const double dt_s = tick.seconds;
  const energy::DispatchResult d = supply_.dispatch(tick.facility.facility_w, tick.hour, dt_s);
  tick.unserved_w = d.unserved_w;
  SiteTickRow& row = tick.row;
  row.unserved_mw = static_cast<float>(d.unserved_w / 1e6);
  double carbon_kg = 0.0, cost = 0.0;
  const auto supplied = supply_.supplied_w();
  const auto price = supply_.price();
  for (std::size_t i = 0; i < supply_.size(); ++i) {
    const energy::Source& source = supply_.source(i);
    const double e = supplied[i] * dt_s;
    const double source_carbon = e * source.carbon_at(tick.hour);
    const double source_cost = e * price[i];
    sums_[i].energy_j += e;
    sums_[i].carbon_kg += source_carbon;
    sums_[i].cost_eur += source_cost;
    carbon_kg += source_carbon;
    cost += source_cost;
    row.supply_mw[energy::index_of(plan_.spec->supply[i].kind)] +=
        static_cast<float>(supplied[i] / 1e6);
  }
  row.carbon_t = static_cast<float>(carbon_kg / 1e3);
  row.energy_cost_eur = static_cast<float>(cost);
  const double served_j = (tick.facility.facility_w - d.unserved_w) * dt_s;
  row.carbon_intensity_g_per_kwh =
      static_cast<float>(served_j > 0 ? carbon_kg * 1e3 / (served_j / 3.6e6) : 0.0);
  Totals& t = out.totals;
  t.unserved_energy_mwh += d.unserved_w * dt_s / kJPerMWh;
  t.carbon_t += carbon_kg / 1e3;
  t.energy_cost_eur += cost;
}

void SiteSupply::finish(core::Time /*end*/, SiteResult& out) {
  Totals& t = out.totals;
  for (std::size_t k = 0; k < sums_.size(); ++k) {
    const std::string& name = plan_.spec->supply[k].name;
    t.energy_by_source_mwh[name] += sums_[k].energy_j / kJPerMWh;
    t.carbon_by_source_t[name] += sums_[k].carbon_kg / 1e3;
    t.cost_by_source_eur[name] += sums_[k].cost_eur;
  }
}

}  // namespace gigasim::sim
