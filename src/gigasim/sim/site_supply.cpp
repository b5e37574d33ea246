#include "gigasim/sim/site_supply.hpp"

namespace gigasim::sim {
namespace {
constexpr double kJPerMWh = 3.6e9;
}  // namespace

SiteSupply::SiteSupply(const plan::SitePlan& plan, core::Duration tick)
    : plan_(plan),
      tick_s_(tick.in_seconds()),
      supply_(plan.spec->supply, plan.profiles, plan.spec->grid_connection.value()),
      sums_(plan.spec->supply.size()) {
  for (const auto& s : plan.spec->supply) kind_index_.push_back(energy::index_of(s.kind));
}

void SiteSupply::close_tick(Tick& tick, SiteResult& out) {
  const double dt_s = tick.seconds;
  const energy::SupplyTick& d = supply_.dispatch(tick.facility.facility_w, tick.hour, dt_s);
  tick.unserved_w = d.unserved_w;
  SiteTickRow& row = *tick.row;
  row.unserved_mw = static_cast<float>(d.unserved_w / 1e6);
  double carbon_kg = 0.0, cost = 0.0, sold_w = 0.0, curtailed_w = 0.0, sales = 0.0;
  const auto supplied = supply_.supplied_w();
  const auto paid = supply_.paid_w();
  const auto sold = supply_.sold_w();
  const auto curtailed = supply_.curtailed_w();
  const auto price = supply_.price();
  const auto sale_price = supply_.sale_price();
  for (std::size_t i = 0; i < supply_.size(); ++i) {
    const double e = supplied[i] * dt_s;
    const double source_carbon = e * supply_.carbon_at(i, tick.hour);
    const double source_cost = paid[i] * dt_s * price[i];
    SourceSums& s = sums_[i];
    s.energy_j += e;
    s.carbon_kg += source_carbon;
    s.cost_eur += source_cost;
    carbon_kg += source_carbon;
    cost += source_cost;
    if (sold[i] > 0 || curtailed[i] > 0) {
      const double sale = sold[i] * dt_s * sale_price[i];
      s.sold_j += sold[i] * dt_s;
      s.curtailed_j += curtailed[i] * dt_s;
      s.sales_eur += sale;
      sold_w += sold[i];
      curtailed_w += curtailed[i];
      sales += sale;
    }
    row.supply_mw[kind_index_[i]] += static_cast<float>(supplied[i] / 1e6);
  }
  row.carbon_t = static_cast<float>(carbon_kg / 1e3);
  row.energy_cost_eur = static_cast<float>(cost);
  row.surplus_sold_mw = static_cast<float>(sold_w / 1e6);
  row.curtailed_mw = static_cast<float>(curtailed_w / 1e6);
  // Served energy includes what went into the battery: its carbon was bought then.
  const double served_j = (tick.facility.facility_w - d.unserved_w) * dt_s;
  row.carbon_intensity_g_per_kwh =
      static_cast<float>(served_j > 0 ? carbon_kg * 1e3 / (served_j / 3.6e6) : 0.0);
  Totals& t = out.totals;
  t.unserved_energy_mwh += d.unserved_w * dt_s / kJPerMWh;
  t.carbon_t += carbon_kg / 1e3;
  t.energy_cost_eur += cost;
  t.energy_sold_mwh += sold_w * dt_s / kJPerMWh;
  t.energy_curtailed_mwh += curtailed_w * dt_s / kJPerMWh;
  t.energy_sales_eur += sales;
  if (const energy::Battery* b = supply_.battery()) {
    row.battery_charge_mw = static_cast<float>(d.battery_charge_w / 1e6);
    row.battery_soc_mwh = static_cast<float>(b->stored_j() / kJPerMWh);
    t.battery_charged_mwh += d.battery_charge_w * dt_s / kJPerMWh;
    t.battery_discharged_mwh += d.battery_discharge_w * dt_s / kJPerMWh;
    t.battery_backup_mwh += d.battery_backup_w * dt_s / kJPerMWh;
    t.battery_value_eur += (d.battery_discharge_w - d.battery_charge_w) * dt_s * d.grid_price;
  }
}

void SiteSupply::finish(core::Time /*end*/, SiteResult& out) {
  Totals& t = out.totals;
  for (std::size_t k = 0; k < sums_.size(); ++k) {
    const std::string& name = plan_.spec->supply[k].name;
    t.energy_by_source_mwh[name] += sums_[k].energy_j / kJPerMWh;
    t.carbon_by_source_t[name] += sums_[k].carbon_kg / 1e3;
    t.cost_by_source_eur[name] += sums_[k].cost_eur;
  }
  if (const energy::Battery* b = supply_.battery()) t.battery_cycles += b->cycles();
}

}  // namespace gigasim::sim
