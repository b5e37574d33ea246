#include "gigasim/sim/site_supply.hpp"

#include <algorithm>

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
  if (plan.demand_response)
    supply_.set_demand_response(plan.demand_response->request_w,
                                plan.spec->demand_response->by_storage);
}

void SiteSupply::open_tick(Tick& tick) {
  supply_.open(tick.hour);
  tick.available_w = supply_.available_w(tick.hour, tick_s_);
  tick.backup_w = supply_.backup_available_w(tick_s_);
  tick.dr_requested_w = 0;
  if (!supply_.in_event()) return;
  tick.dr_requested_w = supply_.requested_w();
  tick.dr_available_w = supply_.available_in_event_w(tick.hour, tick_s_);
  const auto& request = plan_.demand_response->request_w;
  std::size_t end = tick.hour;
  while (end < request.size() && request[end] > 0) ++end;
  tick.dr_until = core::Time::from_ms(static_cast<std::int64_t>(end) * 3'600'000);
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
  if (supply_.in_event()) {
    const double asked = supply_.requested_w();
    const double delivered = std::clamp(supply_.baseline_w() - d.import_w, 0.0, asked);
    row.dr_requested_mw = static_cast<float>(asked / 1e6);
    row.dr_delivered_mw = static_cast<float>(delivered / 1e6);
    dr_requested_j_ += asked * dt_s;
    dr_delivered_j_ += delivered * dt_s;
  }
  if (const energy::Battery* b = supply_.battery()) {
    row.battery_charge_mw = static_cast<float>(d.battery_charge_w / 1e6);
    row.battery_soc_mwh = static_cast<float>(b->stored_j() / kJPerMWh);
    t.battery_charged_mwh += d.battery_charge_w * dt_s / kJPerMWh;
    t.battery_discharged_mwh += d.battery_discharge_w * dt_s / kJPerMWh;
    t.battery_backup_mwh += d.battery_backup_w * dt_s / kJPerMWh;
    t.battery_value_eur += (d.battery_discharge_w - d.battery_charge_w) * dt_s * d.grid_price;
  }
}

void SiteSupply::finish(core::Time end, SiteResult& out) {
  Totals& t = out.totals;
  for (std::size_t k = 0; k < sums_.size(); ++k) {
    const std::string& name = plan_.spec->supply[k].name;
    t.energy_by_source_mwh[name] += sums_[k].energy_j / kJPerMWh;
    t.carbon_by_source_t[name] += sums_[k].carbon_kg / 1e3;
    t.cost_by_source_eur[name] += sums_[k].cost_eur;
  }
  if (const energy::Battery* b = supply_.battery()) t.battery_cycles += b->cycles();
  if (plan_.demand_response) {
    // Payments: availability on the reduction contracted, energy on what was delivered, a
    // penalty on what was asked and not delivered (docs/models/energy.md, "Demand response").
    const scenario::DemandResponseSpec& spec = *plan_.spec->demand_response;
    const double years = (end - core::Time::start()).in_seconds() / (365.0 * 86'400.0);
    DemandResponseTotals& dr = t.demand_response;
    dr.events += static_cast<double>(plan_.demand_response->events);
    dr.requested_mwh += dr_requested_j_ / kJPerMWh;
    dr.delivered_mwh += dr_delivered_j_ / kJPerMWh;
    dr.revenue_eur += spec.capacity_payment.value() * spec.reduction.value() * years +
                      spec.energy_payment.value() * dr_delivered_j_ -
                      spec.shortfall_penalty.value() * (dr_requested_j_ - dr_delivered_j_);
  }
}

}  // namespace gigasim::sim
