// Economics and carbon accounts: each formula against a hand calculation.
#include <gtest/gtest.h>

#include <cmath>

#include "gigasim/econ/capital.hpp"
#include "gigasim/econ/carbon.hpp"
#include "gigasim/econ/economics.hpp"

namespace gigasim::econ {
namespace {

TEST(CapitalRecoveryFactor, MatchesTheClosedForm) {
  // r (1+r)^n / ((1+r)^n - 1) for 7 % over 20 years, written out.
  const double g = std::pow(1.07, 20);
  EXPECT_NEAR(capital_recovery_factor(0.07, 20), 0.07 * g / (g - 1), 1e-15);
  EXPECT_NEAR(capital_recovery_factor(0.07, 20), 0.0943929, 1e-7);  // annuity tables
  EXPECT_DOUBLE_EQ(capital_recovery_factor(0.0, 5), 0.2);           // no interest: 1/n
  EXPECT_DOUBLE_EQ(capital_recovery_factor(0.05, 1), 1.05);         // repaid in one year
  EXPECT_DOUBLE_EQ(capital_recovery_factor(0.05, 0), 0.05);         // land: the return only
}

TEST(CapitalRecoveryFactor, RepaysThePresentValueExactly) {
  for (const double rate : {0.03, 0.07, 0.12}) {
    for (const int years : {3, 5, 20, 40}) {
      const double payment = capital_recovery_factor(rate, years);
      double present_value = 0;
      for (int t = 1; t <= years; ++t) present_value += payment / std::pow(1 + rate, t);
      EXPECT_NEAR(present_value, 1.0, 1e-12) << rate << " " << years;
    }
  }
}

TEST(AssetCost, AnnualisesDepreciatesAndMaintains) {
  const AssetClass network{"network", CostBasis::per_accelerator, 6000, 5, 0.03};
  const AssetCost c = cost_of(network, 1e6, 0.07);
  EXPECT_DOUBLE_EQ(c.capex_eur, 1e6);
  EXPECT_NEAR(c.annualised_eur, 243'890.69, 0.01);  // 1e6 · CRF(7 %, 5) = 0.2438907
  EXPECT_DOUBLE_EQ(c.depreciation_eur, 200'000);    // straight line over 5 years
  EXPECT_DOUBLE_EQ(c.maintenance_eur, 30'000);
  const AssetCost land = cost_of({"land", CostBasis::per_mw_it, 0.05, 0, 0}, 1e6, 0.07);
  EXPECT_DOUBLE_EQ(land.annualised_eur, 70'000);  // never used up: its return only
  EXPECT_DOUBLE_EQ(land.depreciation_eur, 0);
}

SiteLedger small_site() {
  SiteLedger l;
  l.hours = 8760;
  l.accelerators = 1000;
  l.systems_price_eur = 30e6;
  l.systems_embodied_kg = 500e3;
  l.it_capacity_w = 1.5e6;
  l.liquid_share = 0.8;
  l.connection_w = 2e6;
  l.heat_capacity_w = 1e6;
  // 10 GWh through the connection at 50 EUR/MWh (20 g/kWh, market 5 g/kWh), 1 GWh on site.
  l.sources = {{"grid", 3.6e13, 500'000, 200e3, 5e-3 / 3.6e6, true},
               {"solar", 3.6e12, 0, 10e3, 0, false}};
  l.it_energy_j = 3.6e13;  // 10 GWh
  l.facility_energy_j = 3.96e13;
  l.water_m3 = 1000;
  l.heat_reused_j = 3.6e12;  // 1 GWh
  l.use = {.available_gpu_hours = 8.76e6,
           .busy_gpu_hours = 6e6,
           .inference_gpu_hours = 1e6,
           .model_job_gpu_hours = 4e6,
           .other_job_gpu_hours = 0.5e6,
           .useful_gpu_hours = 4.2e6,
           .model_job_energy_j = 2.4e13,
           .other_job_energy_j = 0.2e13,
           .inference_energy_j = 0.6e13,
           .tokens_trained = 1e12,
           .tokens_served = 2e12,
           .model_flops = 1e24};
  return l;
}

EconomicsSpec small_spec() {
  EconomicsSpec s;
  s.discount_rate = 0.0;  // CRF = 1/n keeps the hand calculation short
  s.assets = {{"systems", CostBasis::system_price, 0, 5, 0.04},
              {"network", CostBasis::per_accelerator, 6000, 5, 0.0},
              {"building_liquid", CostBasis::per_mw_it_liquid, 6.0, 20, 0.0},
              {"building_air", CostBasis::per_mw_it_air, 5.0, 20, 0.0},
              {"grid_connection", CostBasis::per_mw_connection, 0.1, 40, 0.0},
              {"heat_pumps", CostBasis::per_mw_heat, 0.7, 25, 0.0},
              {"land", CostBasis::per_mw_it, 0.05, 0, 0.0}};
  s.operations.grid_fee_energy = core::euros_per_mwh(3);
  s.operations.grid_fee_capacity = core::MoneyPerPower::base(15.0 / 1e3);  // 15 EUR/kW/yr
  s.operations.staff_per_mw_it = 2;
  s.operations.staff_cost = core::euros(80'000);
  s.operations.water_price = core::euros_per_m3(4);
  s.operations.heat_price = core::euros_per_mwh(25);
  return s;
}

TEST(Capex, ScalesEachAssetClassWithItsBasis) {
  const SiteLedger l = small_site();
  const EconomicsSpec s = small_spec();
  EXPECT_DOUBLE_EQ(capex_of(s.assets[0], l), 30e6);     // catalog prices
  EXPECT_DOUBLE_EQ(capex_of(s.assets[1], l), 6e6);      // 1000 × 6000
  EXPECT_DOUBLE_EQ(capex_of(s.assets[2], l), 7.2e6);    // 6 EUR/W × 1.5 MW × 0.8
  EXPECT_NEAR(capex_of(s.assets[3], l), 1.5e6, 1e-6);   // 5 EUR/W × 1.5 MW × 0.2
  EXPECT_DOUBLE_EQ(capex_of(s.assets[4], l), 0.2e6);    // 0.1 EUR/W × 2 MW
  EXPECT_DOUBLE_EQ(capex_of(s.assets[5], l), 0.7e6);    // 0.7 EUR/W × 1 MW of heat
  EXPECT_NEAR(capex_of(s.assets[6], l), 75'000, 1e-6);  // 0.05 EUR/W × 1.5 MW
}

TEST(Economics, AddsCapitalAndOperationsByHand) {
  const EconomicsResult r = account_costs(small_spec(), small_site());
  EXPECT_NEAR(r.capex_eur, 30e6 + 6e6 + 7.2e6 + 1.5e6 + 0.2e6 + 0.7e6 + 75e3, 1e-3);
  // At a zero rate the annuity is capex / lifetime; land costs nothing a year.
  const double annual = 6e6 + 1.2e6 + 0.36e6 + 0.075e6 + 5e3 + 28e3;
  EXPECT_NEAR(r.annualised_capex_eur, annual, 1e-3);
  EXPECT_NEAR(r.depreciation_eur, annual, 1e-3);
  EXPECT_NEAR(r.cost_breakdown_eur.at("energy"), 500'000, 1e-6);
  // 10 GWh × 3 EUR/MWh through the connection (not the on-site solar) + 2000 kW × 15 EUR.
  EXPECT_NEAR(r.cost_breakdown_eur.at("grid_fees"), 30'000 + 30'000, 1e-6);
  EXPECT_NEAR(r.cost_breakdown_eur.at("maintenance"), 0.04 * 30e6, 1e-6);
  EXPECT_NEAR(r.cost_breakdown_eur.at("staff"), 2 * 1.5 * 80'000, 1e-6);
  EXPECT_NEAR(r.cost_breakdown_eur.at("water"), 4'000, 1e-9);
  EXPECT_NEAR(r.cost_breakdown_eur.at("heat_revenue"), -25'000, 1e-6);
  const double opex = 500'000 + 60'000 + 1.2e6 + 240'000 + 4'000 - 25'000;
  EXPECT_NEAR(r.opex_eur, opex, 1e-6);
  EXPECT_NEAR(r.tco_eur, annual + opex, 1e-3);
  EXPECT_NEAR(*r.eur_per_gpu_hour_available(), (annual + opex) / 8.76e6, 1e-9);
  EXPECT_NEAR(*r.eur_per_gpu_hour_busy(), (annual + opex) / 6e6, 1e-9);
  // Energy-variable: the energy bought and the network's energy term (no tariff, no taxes);
  // the rest is fixed, spread over the installed accelerator-hours.
  const double variable = 500'000 + 30'000;
  EXPECT_NEAR(r.energy_variable_eur, variable, 1e-6);
  const double fixed = (annual + opex - variable) / 8.76e6;
  const double per_j = variable / 3.6e13;
  EXPECT_NEAR(r.fixed_eur_per_gpu_hour(), fixed, 1e-12);
  EXPECT_NEAR(r.energy_eur_per_it_j(), per_j, 1e-18);
  // Each use pays its own hours and energy; the idle capacity is the rest.
  const double training = 4e6 * fixed + 2.4e13 * per_j;
  const double other = 0.5e6 * fixed + 0.2e13 * per_j;
  const double inference = 1e6 * fixed + 0.6e13 * per_j;
  EXPECT_NEAR(r.cost_by_use_eur.at("model_jobs"), training, 1e-6);
  EXPECT_NEAR(r.cost_by_use_eur.at("other_jobs"), other, 1e-6);
  EXPECT_NEAR(r.cost_by_use_eur.at("inference_pools"), inference, 1e-6);
  EXPECT_NEAR(r.cost_by_use_eur.at("idle"), annual + opex - training - other - inference, 1e-6);
  EXPECT_GT(r.cost_by_use_eur.at("idle"), 0.0);
  EXPECT_NEAR(*r.eur_per_useful_gpu_hour(), (training + other + inference) / 4.2e6, 1e-9);
  EXPECT_NEAR(*r.eur_per_m_tokens_trained(), training / 1e6, 1e-9);
  EXPECT_NEAR(*r.eur_per_m_tokens_served(), inference / 2e6, 1e-9);
  EXPECT_NEAR(*r.eur_per_pflop_day(), training / (1e24 / 8.64e19), 1e-9);
}

// Work slowed by a cap holds its accelerators longer for the same useful work and tokens:
// the ratios built on useful work can only get worse, even though the slower work used
// less energy (DVFS: power falls faster than speed).
TEST(Economics, SlowedWorkNeverMakesAUsefulRatioLookBetter) {
  const EconomicsResult base = account_costs(small_spec(), small_site());
  SiteLedger capped = small_site();
  const double slowdown = 1.25;  // the same work at 80 % speed
  capped.use.model_job_gpu_hours *= slowdown;
  capped.use.busy_gpu_hours += 4e6 * (slowdown - 1);
  capped.use.model_job_energy_j *= 0.8 * 0.8 * 0.8 * slowdown;  // P ∝ speed³, for longer
  capped.it_energy_j -= 2.4e13 - capped.use.model_job_energy_j;
  capped.sources[0].energy_j = capped.it_energy_j;
  capped.sources[0].cost_eur *= capped.it_energy_j / 3.6e13;
  const EconomicsResult r = account_costs(small_spec(), capped);
  EXPECT_LT(r.tco_eur, base.tco_eur);                                    // less energy bought ...
  EXPECT_LT(*r.eur_per_gpu_hour_busy(), *base.eur_per_gpu_hour_busy());  // ... the old trap
  EXPECT_GT(*r.eur_per_useful_gpu_hour(), *base.eur_per_useful_gpu_hour());
  EXPECT_GT(*r.eur_per_m_tokens_trained(), *base.eur_per_m_tokens_trained());
  EXPECT_GT(*r.eur_per_pflop_day(), *base.eur_per_pflop_day());
  EXPECT_GT(r.cost_by_use_eur.at("model_jobs"), base.cost_by_use_eur.at("model_jobs"));
}

TEST(Economics, FiguresThatDoNotApplyAreEmpty) {
  SiteLedger l = small_site();
  l.use = {};
  l.use.available_gpu_hours = 100;
  const EconomicsResult r = account_costs(small_spec(), l);
  EXPECT_TRUE(r.eur_per_gpu_hour_available().has_value());
  EXPECT_FALSE(r.eur_per_gpu_hour_busy().has_value());
  EXPECT_FALSE(r.eur_per_m_tokens_trained().has_value());
  EXPECT_FALSE(r.eur_per_m_tokens_served().has_value());
  EXPECT_FALSE(r.eur_per_pflop_day().has_value());
}

TEST(Economics, SitesAddUpAndRatiosComeFromTheSums) {
  const EconomicsResult a = account_costs(small_spec(), small_site());
  SiteLedger other = small_site();
  other.accelerators = 3000;
  other.use.available_gpu_hours *= 3;
  const EconomicsResult b = account_costs(small_spec(), other);
  EconomicsResult total;
  total.add(a);
  total.add(b);
  EXPECT_NEAR(total.tco_eur, a.tco_eur + b.tco_eur, 1e-6);
  EXPECT_NEAR(total.cost_breakdown_eur.at("network"),
              a.cost_breakdown_eur.at("network") + b.cost_breakdown_eur.at("network"), 1e-6);
  EXPECT_NEAR(*total.eur_per_gpu_hour_available(), (a.tco_eur + b.tco_eur) / (4 * 8.76e6), 1e-9);
  EXPECT_EQ(total.assets.size(), a.assets.size());
}

TEST(Carbon, AccountsScope2EmbodiedAndCueByHand) {
  CarbonSpec spec;
  spec.building_embodied = core::tonnes_per_mw(600);
  spec.electrical_embodied = core::tonnes_per_mw(150);
  spec.systems_lifetime_years = 5;
  spec.building_liquid_lifetime_years = 20;
  spec.building_air_lifetime_years = 10;
  spec.electrical_lifetime_years = 25;
  const CarbonResult c = account_carbon(spec, small_site());
  EXPECT_NEAR(c.scope2_location_t, 210, 1e-9);
  EXPECT_NEAR(c.scope2_market_t, 50, 1e-9);  // 10 GWh × 5 g/kWh; the solar contract is 0
  // 500 t of systems, 900 t of building, 225 t of electrical plant.
  EXPECT_NEAR(c.embodied_total_t, 500 + 900 + 225, 1e-9);
  const double building_life = 0.8 * 20 + 0.2 * 10;
  EXPECT_NEAR(c.embodied_t, 500.0 / 5 + 900.0 / building_life + 225.0 / 25, 1e-9);
  EXPECT_NEAR(*c.cue(), 210e3 / 10e6, 1e-12);  // kg per IT kWh
  const double per_busy_hour_t = (210 + c.embodied_t) / 6e6;
  EXPECT_NEAR(*c.g_per_m_tokens_trained(), per_busy_hour_t * 4e6 * 1e6 / 1e6, 1e-6);
  EXPECT_NEAR(*c.g_per_m_tokens_served(), per_busy_hour_t * 1e6 * 1e6 / 2e6, 1e-6);
  EXPECT_NEAR(*c.g_per_m_tokens(), per_busy_hour_t * 5e6 * 1e6 / 3e6, 1e-6);
}

}  // namespace
}  // namespace gigasim::econ
