#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "gigasim/energy/profiles.hpp"
#include "gigasim/energy/storage.hpp"
#include "gigasim/energy/supply.hpp"
#include "run_fixtures.hpp"

namespace gigasim::energy {
namespace {

SourceProfile constant(double available_w, double price_eur_mwh, bool on_site = false) {
  SourceProfile p;
  p.available_w.assign(48, available_w);
  p.price_constant = core::euros_per_mwh(price_eur_mwh).value();
  p.on_site = on_site;
  return p;
}

double mean(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

SourceSpec spec_of(SourceKind kind, Contract contract, int priority = 1) {
  SourceSpec s;
  s.kind = kind;
  s.contract = contract;
  s.priority = priority;
  return s;
}

// Sources with their profiles; both must outlive the Supply made of them.
struct Sources {
  std::vector<SourceSpec> specs;
  std::vector<SourceProfile> profiles;
  void add(SourceSpec s, SourceProfile p) {
    p.on_site = p.on_site || s.on_site;
    specs.push_back(std::move(s));
    profiles.push_back(std::move(p));
  }
  Supply supply(double connection_w) const { return Supply(specs, profiles, connection_w); }
};

TEST(Dispatch, FollowsMeritOrderAmongEqualPriorities) {
  Sources src;
  src.add(spec_of(SourceKind::grid, Contract::market), constant(100, 80));
  src.add(spec_of(SourceKind::grid, Contract::market), constant(60, 40));
  src.add(spec_of(SourceKind::grid, Contract::market), constant(30, 10));
  Supply s = src.supply(1e9);
  const auto& r = s.dispatch(120, 0, 3600);
  const auto out = s.supplied_w();
  EXPECT_DOUBLE_EQ(out[2], 30);  // cheapest first
  EXPECT_DOUBLE_EQ(out[1], 60);
  EXPECT_DOUBLE_EQ(out[0], 30);
  EXPECT_DOUBLE_EQ(r.unserved_w, 0);
}

TEST(Dispatch, GridConnectionCapsOffSiteSupplyOnly) {
  Sources src;
  src.add(spec_of(SourceKind::grid, Contract::market), constant(100, 10));
  src.add(spec_of(SourceKind::gas, Contract::capped), constant(50, 5, /*on_site=*/true));
  Supply s = src.supply(80);
  EXPECT_DOUBLE_EQ(s.available_w(0, 3600), 50 + 80);
  const auto& r = s.dispatch(200, 0, 3600);
  const auto out = s.supplied_w();
  EXPECT_DOUBLE_EQ(out[1], 50);  // on site, not capped
  EXPECT_DOUBLE_EQ(out[0], 80);  // capped by the connection
  EXPECT_DOUBLE_EQ(r.unserved_w, 70);
  EXPECT_DOUBLE_EQ(out[0] + out[1] + r.unserved_w, 200);
}

TEST(Dispatch, EqualPricesKeepDeclarationOrder) {
  Sources src;
  src.add(spec_of(SourceKind::grid, Contract::market), constant(10, 50));
  src.add(spec_of(SourceKind::grid, Contract::market), constant(10, 50));
  Supply s = src.supply(1e9);
  (void)s.dispatch(15, 0, 3600);
  EXPECT_DOUBLE_EQ(s.supplied_w()[0], 10);
  EXPECT_DOUBLE_EQ(s.supplied_w()[1], 5);
}

// The planner's complaint (issue 13): a hydro contract with enough capacity lost energy to
// the grid whenever the grid was cheaper. Priority comes before price.
TEST(Dispatch, PriorityComesBeforePrice) {
  Sources src;
  src.add(spec_of(SourceKind::hydro, Contract::capped, 1), constant(300, 35));
  src.add(spec_of(SourceKind::grid, Contract::market, 2), constant(1e9, 5));
  Supply s = src.supply(1e9);
  (void)s.dispatch(200, 0, 3600);
  EXPECT_DOUBLE_EQ(s.supplied_w()[0], 200) << "the contract supplies the site in full";
  EXPECT_DOUBLE_EQ(s.supplied_w()[1], 0);
}

// A solar PPA delivers all its output at any price, ahead of a cheaper baseload contract's
// dispatchable rival; what the site cannot use is sold at the grid price less the spread.
TEST(Dispatch, MustTakeOutputIsUsedFirstAndItsSurplusSold) {
  Sources src;
  SourceSpec solar = spec_of(SourceKind::solar, Contract::ppa);
  solar.sell_spread = core::euros_per_mwh(3);
  src.add(solar, constant(150, 45));
  src.add(spec_of(SourceKind::nuclear, Contract::capped, 1), constant(1000, 0.0));
  SourceProfile grid = constant(1e9, 60);
  src.add(spec_of(SourceKind::grid, Contract::market, 2), grid);
  Supply s = src.supply(1e9);
  (void)s.dispatch(100, 0, 3600);
  EXPECT_DOUBLE_EQ(s.supplied_w()[0], 100) << "must-take before a free contract";
  EXPECT_DOUBLE_EQ(s.supplied_w()[1], 0);
  EXPECT_DOUBLE_EQ(s.paid_w()[0], 150) << "pay-as-produced: all of it is paid";
  EXPECT_DOUBLE_EQ(s.sold_w()[0], 50);
  EXPECT_NEAR(s.sale_price()[0], core::euros_per_mwh(57).value(), 1e-18);
  EXPECT_DOUBLE_EQ(s.curtailed_w()[0], 0);
}

TEST(Dispatch, SurplusIsCurtailedWithoutAGridOrWhenTheContractSaysSo) {
  Sources src;
  SourceSpec block = spec_of(SourceKind::nuclear, Contract::baseload);
  block.surplus = Surplus::curtail;
  src.add(block, constant(500, 42));
  Supply s = src.supply(1e9);
  (void)s.dispatch(300, 0, 3600);
  EXPECT_DOUBLE_EQ(s.supplied_w()[0], 300);
  EXPECT_DOUBLE_EQ(s.paid_w()[0], 500) << "take-or-pay";
  EXPECT_DOUBLE_EQ(s.curtailed_w()[0], 200);
  EXPECT_DOUBLE_EQ(s.sold_w()[0], 0);
}

TEST(Dispatch, ANegativeSalePriceCurtails) {
  Sources src;
  src.add(spec_of(SourceKind::wind, Contract::ppa), constant(100, 30));
  SourceProfile grid = constant(1e9, 0);
  grid.price.assign(48, core::euros_per_mwh(-20).value());
  src.add(spec_of(SourceKind::grid, Contract::market, 2), grid);
  Supply s = src.supply(1e9);
  (void)s.dispatch(40, 0, 3600);
  EXPECT_DOUBLE_EQ(s.sold_w()[0], 0);
  EXPECT_DOUBLE_EQ(s.curtailed_w()[0], 60);
}

StorageSpec battery_spec(std::vector<StorageStrategy> strategies) {
  StorageSpec b;
  b.power = core::Power::base(100);
  b.energy = core::Energy::base(400.0 * 3600);  // 4 hours
  b.round_trip_efficiency = 0.81;               // 0.9 each way
  b.soc_initial = 0;
  b.strategies = std::move(strategies);
  return b;
}

Sources with_battery(StorageSpec b, SourceProfile grid) {
  Sources src;
  src.add(spec_of(SourceKind::grid, Contract::market, 2), std::move(grid));
  SourceSpec bat = spec_of(SourceKind::battery, Contract::storage);
  bat.on_site = true;
  bat.storage = std::move(b);
  src.add(bat, constant(0, 0, true));
  return src;
}

TEST(Storage, BatteryLimitsAndEfficiency) {
  Battery b(battery_spec({StorageStrategy::backup}));
  EXPECT_DOUBLE_EQ(b.max_discharge_w(3600), 0);
  EXPECT_DOUBLE_EQ(b.max_charge_w(3600), 100);
  for (int h = 0; h < 5; ++h) b.charge(b.max_charge_w(3600), 3600);
  EXPECT_NEAR(b.stored_j(), 400.0 * 3600, 1e-6) << "full after 4.4 h at 90 %";
  EXPECT_DOUBLE_EQ(b.max_charge_w(3600), 0);
  double out = 0;
  for (int h = 0; h < 5; ++h) {
    const double w = b.max_discharge_w(3600);
    b.discharge(w, 3600);
    out += w;
  }
  EXPECT_NEAR(out, 360, 1e-6) << "400 Wh stored give 360 Wh at 90 %";
  EXPECT_NEAR(b.cycles(), 1.0, 1e-9);
}

TEST(Storage, PeakShavingKeepsImportUnderTheLimit) {
  StorageSpec spec = battery_spec({StorageStrategy::peak_shaving});
  spec.peak_limit = core::Power::base(250);
  spec.soc_initial = 1;
  Sources src = with_battery(spec, constant(1e9, 50));
  Supply s = src.supply(1e9);
  const auto& peak = s.dispatch(300, 0, 3600);
  EXPECT_DOUBLE_EQ(peak.battery_discharge_w, 50);
  EXPECT_DOUBLE_EQ(peak.import_w, 250);
  const auto& low = s.dispatch(200, 1, 3600);
  EXPECT_DOUBLE_EQ(low.battery_charge_w, 50) << "refills under the limit";
  EXPECT_DOUBLE_EQ(low.import_w, 250);
}

TEST(Storage, BackupMeetsAShortfallAndCountsInTheAvailablePower) {
  StorageSpec spec = battery_spec({StorageStrategy::backup});
  spec.soc_initial = 1;
  Sources src = with_battery(spec, constant(200, 50));
  Supply s = src.supply(1e9);
  EXPECT_DOUBLE_EQ(s.available_w(0, 3600), 300);
  const auto& r = s.dispatch(260, 0, 3600);
  EXPECT_DOUBLE_EQ(r.unserved_w, 0);
  EXPECT_DOUBLE_EQ(r.battery_backup_w, 60);
}

TEST(Storage, ArbitrageChargesCheapAndDischargesDear) {
  SourceProfile grid = constant(1e9, 0);
  grid.price.resize(48);
  for (std::size_t h = 0; h < 48; ++h)
    grid.price[h] =
        core::euros_per_mwh(h % 24 < 6 ? 20 : (h % 24 >= 17 && h % 24 < 21 ? 150 : 60)).value();
  Sources src = with_battery(battery_spec({StorageStrategy::arbitrage}), grid);
  Supply s = src.supply(1e9);
  double charged_cheap = 0, discharged_dear = 0, other = 0;
  for (std::size_t h = 0; h < 24; ++h) {
    const auto& r = s.dispatch(500, h, 3600);
    const double p = grid.price[h];
    if (p < core::euros_per_mwh(30).value())
      charged_cheap += r.battery_charge_w;
    else if (p > core::euros_per_mwh(100).value())
      discharged_dear += r.battery_discharge_w;
    else
      other += r.battery_charge_w + r.battery_discharge_w;
  }
  EXPECT_GT(charged_cheap, 390);
  EXPECT_GT(discharged_dear, 300);
  EXPECT_DOUBLE_EQ(other, 0);
}

TEST(Storage, DayPlanPairsChargeBeforeDischarge) {
  const std::vector<double> signal = {50, 10, 90, 20, 80, 100};
  std::vector<PlannedAction> plan(signal.size());
  plan_day(signal, 0.8, 2, plan);
  // Best pair: 10 → 100 (gain 70); then 20 → 90 is not in order; 20 → 80 (44).
  EXPECT_EQ(plan[1], PlannedAction::charge);
  EXPECT_EQ(plan[5], PlannedAction::discharge);
  EXPECT_EQ(plan[3], PlannedAction::charge);
  EXPECT_EQ(plan[4], PlannedAction::discharge);
  EXPECT_EQ(plan[0], PlannedAction::idle);
  // No pair gains at 50 % round trip: nothing is planned.
  plan_day(std::vector<double>{50, 60, 70}, 0.5, 3, plan);
  for (std::size_t h = 0; h < 3; ++h) EXPECT_EQ(plan[h], PlannedAction::idle);
}

// Issue 13: a reactor's outage on dates, and the summer derating of river-cooled units.
TEST(Profiles, DatedOutagesTakeTheSourceOffOnTheirDays) {
  SourceSpec s = testing::catalog().defaults.source(SourceKind::nuclear);
  s.capacity = core::megawatts(100);
  const auto start = std::chrono::sys_days{std::chrono::year{2025} / 1 / 1};
  s.dated_outages.push_back({start + std::chrono::days{9}, start + std::chrono::days{10}, {}});
  SourceContext where{48.7, 2.2, 0, start, {}};
  core::RandomStream rng(1, "nuclear");
  const SourceProfile p = build_profile(s, where, 30 * 24, rng);
  for (std::size_t h = 0; h < 30 * 24; ++h) {
    const bool off = h >= 9 * 24 && h < 11 * 24;  // 10 and 11 January, whole days
    ASSERT_DOUBLE_EQ(p.available_w[h], off ? 0.0 : 100e6) << h;
  }
}

TEST(Profiles, ADatedOutageOfOneUnitLeavesTheOthers) {
  SourceSpec s = testing::catalog().defaults.source(SourceKind::nuclear);
  s.units = {core::megawatts(100), core::megawatts(50)};
  s.outages.forced_outage_rate = 0;
  s.outages.cycle_min = s.outages.cycle_max = core::Duration::days(3650);  // no refuelling
  s.outages.outage_min = s.outages.outage_max = core::Duration::hours(1);
  const auto start = std::chrono::sys_days{std::chrono::year{2025} / 1 / 1};
  s.dated_outages.push_back({start, start + std::chrono::days{4}, {0}});
  SourceContext where{48.7, 2.2, 0, start, {}};
  core::RandomStream rng(2, "nuclear");
  const SourceProfile p = build_profile(s, where, 10 * 24, rng);
  double during = 1e18, after = 0;
  for (std::size_t h = 0; h < 5 * 24; ++h) during = std::min(during, p.available_w[h]);
  for (std::size_t h = 5 * 24; h < 10 * 24; ++h) after = std::max(after, p.available_w[h]);
  EXPECT_LE(during, 50e6) << "unit 0 is off, unit 1 (50 MW) at most remains";
  EXPECT_GT(after, 100e6);
}

TEST(Profiles, RiverDeratingCutsOutputWhenTheRiverIsWarm) {
  SourceSpec s = testing::catalog().defaults.source(SourceKind::nuclear);
  s.capacity = core::megawatts(100);
  s.river = RiverDerating{25.0, 0.1, 1};  // 10 % per kelvin above 25 °C, one-day mean
  SourceContext where{45.0, 5.0, 180, {}, {}};
  where.dry_bulb_c.assign(10 * 24, 20.0);
  for (std::size_t h = 5 * 24; h < 10 * 24; ++h) where.dry_bulb_c[h] = 30.0;
  core::RandomStream rng(3, "nuclear");
  const SourceProfile p = build_profile(s, where, 10 * 24, rng);
  EXPECT_DOUBLE_EQ(p.available_w[4 * 24], 100e6) << "a cool river: full output";
  EXPECT_NEAR(p.available_w[7 * 24], 50e6, 1e-6) << "river at 30 °C: 5 K × 10 % lost";
  EXPECT_LT(p.available_w[5 * 24 + 18], 100e6);
  EXPECT_GT(p.available_w[5 * 24 + 18], 50e6) << "the river warms with a lag";
}

TEST(Storage, AReservoirSpendsItsDayInTheDearestHours) {
  // 100 MW of hydro with 1,240 MWh for January: 40 MWh a day, four hours at most... in the
  // hours the grid is dearest (17:00 to 20:00 here).
  Sources src;
  SourceProfile grid = constant(1e9, 0);
  grid.price.resize(48);
  for (std::size_t h = 0; h < 48; ++h)
    grid.price[h] = core::euros_per_mwh(h % 24 >= 17 && h % 24 < 21 ? 150 : 50).value();
  src.add(spec_of(SourceKind::grid, Contract::market, 2), grid);
  SourceProfile hydro = constant(100e6, 10);
  hydro.day_energy_j = {40e6 * 3600, 40e6 * 3600};
  hydro.day_month = {0, 0};
  src.add(spec_of(SourceKind::hydro, Contract::capped, 1), hydro);
  Supply s = src.supply(1e12);
  double delivered = 0, in_dear_hours = 0;
  for (std::size_t h = 0; h < 24; ++h) {
    (void)s.dispatch(500e6, h, 3600);
    delivered += s.supplied_w()[1] * 3600;
    if (h >= 17 && h < 21) in_dear_hours += s.supplied_w()[1] * 3600;
  }
  EXPECT_NEAR(delivered, 40e6 * 3600, 1.0) << "the day's budget, no more";
  EXPECT_NEAR(in_dear_hours, delivered, 1.0);
}

TEST(NormalFunctions, QuantileInvertsCdf) {
  for (double p : {0.01, 0.2, 0.5, 0.9, 0.999})
    EXPECT_NEAR(normal_cdf(normal_quantile(p)), p, 1e-10);
  EXPECT_NEAR(normal_cdf(1.959964), 0.975, 1e-6);
}

TEST(Profiles, WindHasTheRequestedCapacityFactor) {
  core::RandomStream rng(1, "wind");
  const auto v = wind_profile(0.3, 8760, rng);
  EXPECT_NEAR(mean(v), 0.3, 1e-6);
  for (double x : v) ASSERT_TRUE(x >= 0 && x <= 1);
  // Persistent weather: consecutive hours are strongly correlated.
  double num = 0, den = 0;
  const double m = mean(v);
  for (std::size_t h = 1; h < v.size(); ++h) num += (v[h] - m) * (v[h - 1] - m);
  for (double x : v) den += (x - m) * (x - m);
  EXPECT_GT(num / den, 0.8);
}

TEST(Profiles, SolarIsZeroAtNightAndMeetsItsCapacityFactor) {
  core::RandomStream rng(2, "solar");
  SourceContext where{48.7, 2.2, 0, {}, {}};
  const auto v = solar_profile(0.13, where, 8760, rng);
  EXPECT_NEAR(mean(v), 0.13, 1e-6);
  for (std::size_t d = 0; d < 365; ++d) {
    ASSERT_DOUBLE_EQ(v[d * 24 + 1], 0.0);  // 01:00
    ASSERT_DOUBLE_EQ(v[d * 24 + 23], 0.0);
  }
  // June produces more than December.
  double june = 0, december = 0;
  for (std::size_t h = 151 * 24; h < 181 * 24; ++h) june += v[h];
  for (std::size_t h = 334 * 24; h < 364 * 24; ++h) december += v[h];
  EXPECT_GT(june, 2.0 * december);
}

TEST(Profiles, NuclearUnitOutagesMatchTheirParameters) {
  // The defaults of data/defaults.yaml: refuelling 35-90 days every 12-18 months, 3 % forced.
  const NuclearOutages& o = testing::catalog().defaults.source(SourceKind::nuclear).outages;
  const std::size_t hours = 8760 * 30;
  double down = 0;
  for (int unit = 0; unit < 20; ++unit) {
    core::RandomStream rng(3, "unit" + std::to_string(unit));
    const auto a = nuclear_unit_availability(o, hours, rng);
    for (double x : a) down += 1.0 - x;
  }
  const double unavailable = down / (20.0 * hours);
  // Planned: mean outage 62.5 d over a mean cycle of 456.5 d = 13.7 %; forced 3 % of the
  // rest, with overlaps: about 16 %.
  EXPECT_NEAR(unavailable, 0.137 + 0.03 * (1 - 0.137), 0.02);
}

TEST(Profiles, GridShapeKeepsTheAnnualMean) {
  SourceSpec s = testing::catalog().defaults.source(SourceKind::grid);  // the default shape
  s.price = core::euros_per_mwh(60);
  s.carbon = core::grams_per_kwh(50);
  core::RandomStream rng(4, "grid");
  const auto p = build_profile(s, SourceContext{}, 8760, rng);
  EXPECT_NEAR(core::in_euros_per_mwh(core::EnergyPrice::base(mean(p.price))), 60.0, 0.05);
  EXPECT_NEAR(core::in_grams_per_kwh(core::CarbonIntensity::base(mean(p.carbon))), 50.0, 0.05);
  EXPECT_TRUE(std::isinf(p.available_w[0]));  // no import cap: only the connection limits it
  // Winter costs more than summer.
  EXPECT_GT(p.price[10 * 24 + 19], p.price[190 * 24 + 19]);
}

TEST(Profiles, HydroAndContractsFollowMonthlyFactors) {
  SourceSpec s;
  s.kind = SourceKind::hydro;
  s.capacity = core::megawatts(100);
  s.monthly_factor = {1, 1, 1, 1, 0.5, 1, 1, 1, 1, 1, 1, 0.2};
  core::RandomStream rng(5, "hydro");
  const auto p = build_profile(s, SourceContext{0, 0, 0, {}, {}}, 8760, rng);
  EXPECT_DOUBLE_EQ(p.available_w[0], 100e6);
  EXPECT_DOUBLE_EQ(p.available_w[125 * 24], 50e6);  // 5 May
  EXPECT_DOUBLE_EQ(p.available_w[350 * 24], 20e6);  // mid-December
}

}  // namespace
}  // namespace gigasim::energy
