#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "gigasim/energy/profiles.hpp"
#include "gigasim/energy/supply.hpp"
#include "run_fixtures.hpp"

namespace gigasim::energy {
namespace {

SourceProfile constant(double available_w, double price_eur_mwh, bool on_site = false) {
  SourceProfile p;
  p.available_w.assign(4, available_w);
  p.price_constant = core::euros_per_mwh(price_eur_mwh).value();
  p.on_site = on_site;
  return p;
}

double mean(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

// A supply of profile sources; the profiles must outlive it.
Supply supply_of(const std::vector<SourceProfile>& profiles, double connection_w) {
  std::vector<std::unique_ptr<Source>> sources;
  for (const auto& p : profiles) sources.push_back(std::make_unique<ProfileSource>(p));
  return Supply(std::move(sources), connection_w);
}

TEST(Dispatch, FollowsMeritOrder) {
  const std::vector<SourceProfile> p = {constant(100, 80), constant(60, 40), constant(30, 10)};
  Supply s = supply_of(p, 1e9);
  const auto r = s.dispatch(120, 0, 3600);
  const auto out = s.supplied_w();
  EXPECT_DOUBLE_EQ(out[2], 30);  // cheapest first
  EXPECT_DOUBLE_EQ(out[1], 60);
  EXPECT_DOUBLE_EQ(out[0], 30);
  EXPECT_DOUBLE_EQ(r.unserved_w, 0);
}

TEST(Dispatch, GridConnectionCapsOffSiteSupplyOnly) {
  const std::vector<SourceProfile> p = {constant(100, 10), constant(50, 5, /*on_site=*/true)};
  Supply s = supply_of(p, 80);
  EXPECT_DOUBLE_EQ(s.available_w(0), 50 + 80);
  const auto r = s.dispatch(200, 0, 3600);
  const auto out = s.supplied_w();
  EXPECT_DOUBLE_EQ(out[1], 50);  // on site, not capped
  EXPECT_DOUBLE_EQ(out[0], 80);  // capped by the connection
  EXPECT_DOUBLE_EQ(r.unserved_w, 70);
  EXPECT_DOUBLE_EQ(out[0] + out[1] + r.unserved_w, 200);
}

TEST(Dispatch, EqualPricesKeepDeclarationOrder) {
  const std::vector<SourceProfile> p = {constant(10, 50), constant(10, 50)};
  Supply s = supply_of(p, 1e9);
  (void)s.dispatch(15, 0, 3600);
  EXPECT_DOUBLE_EQ(s.supplied_w()[0], 10);
  EXPECT_DOUBLE_EQ(s.supplied_w()[1], 5);
}

// A source with state: a store of energy that empties as it delivers. The supply tells it
// what it delivered; nothing else changes for a new kind of source.
class Store final : public Source {
 public:
  explicit Store(double energy_j) : energy_j_(energy_j) {}
  double available_w(std::size_t) const override { return energy_j_ / 3600.0; }
  double price_at(std::size_t) const override { return 0; }
  double carbon_at(std::size_t) const override { return 0; }
  bool on_site() const override { return true; }
  void deliver(std::size_t, double w, double seconds) override { energy_j_ -= w * seconds; }

 private:
  double energy_j_;
};

TEST(Dispatch, AStatefulSourceKeepsItsStateBetweenTicks) {
  const std::vector<SourceProfile> grid = {constant(1e9, 80)};
  std::vector<std::unique_ptr<Source>> sources;
  sources.push_back(std::make_unique<ProfileSource>(grid[0]));
  sources.push_back(std::make_unique<Store>(150.0 * 3600));  // 150 Wh, cheaper than the grid
  Supply s(std::move(sources), 1e9);
  (void)s.dispatch(100, 0, 3600);
  EXPECT_DOUBLE_EQ(s.supplied_w()[1], 100);
  (void)s.dispatch(100, 1, 3600);
  EXPECT_DOUBLE_EQ(s.supplied_w()[1], 50) << "50 Wh were left";
  EXPECT_DOUBLE_EQ(s.supplied_w()[0], 50);
  (void)s.dispatch(100, 2, 3600);
  EXPECT_DOUBLE_EQ(s.supplied_w()[1], 0);
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
  SourceContext where{48.7, 2.2, 0};
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
  const auto p = build_profile(s, SourceContext{0, 0, 0}, 8760, rng);
  EXPECT_DOUBLE_EQ(p.available_w[0], 100e6);
  EXPECT_DOUBLE_EQ(p.available_w[125 * 24], 50e6);  // 5 May
  EXPECT_DOUBLE_EQ(p.available_w[350 * 24], 20e6);  // mid-December
}

}  // namespace
}  // namespace gigasim::energy
