// The battery's day-ahead arbitrage strategy against the perfect-foresight optimum of the
// same battery on the same prices, a linear program solved by GLPK (docs/models/energy.md,
// "Storage": the gap is reported there). Prices: two real weeks of the French day-ahead
// market (tests/data/energy, with provenance).
#include <glpk.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "gigasim/core/units.hpp"
#include "gigasim/energy/supply.hpp"

namespace gigasim::energy {
namespace {

std::vector<double> french_prices_eur_mwh() {
  std::ifstream in(std::string(GIGASIM_TEST_DATA) + "/energy/fr_day_ahead_2024_jan08_21.csv");
  std::string line;
  std::getline(in, line);  // header
  std::vector<double> v;
  while (std::getline(in, line)) v.push_back(std::stod(line.substr(line.find(',') + 1)));
  return v;
}

struct Case {
  double power_w = 100e6;
  double energy_j = 400e6 * 3600;  // 4 hours
  double round_trip = 0.85;
};

// max Σ_t p_t (d_t − c_t) Δt  s.t.  s_t = s_{t−1} + η c_t Δt − d_t Δt / η,
// 0 ≤ c_t, d_t ≤ P,  0 ≤ s_t ≤ E,  s_0 = 0  (Δt = 1 h; in MW, MWh and EUR/MWh, so that the
// simplex works on numbers near 1).
double lp_optimum_eur(const std::vector<double>& price_eur_mwh, const Case& k) {
  const int n = static_cast<int>(price_eur_mwh.size());
  const double eta = std::sqrt(k.round_trip);
  const double power_mw = k.power_w / 1e6, energy_mwh = k.energy_j / 3.6e9;
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MAX);
  glp_add_cols(lp, 3 * n);  // c_t = 1..n, d_t = n+1..2n, s_t = 2n+1..3n
  for (int t = 0; t < n; ++t) {
    const double p = price_eur_mwh[static_cast<std::size_t>(t)];
    glp_set_col_bnds(lp, 1 + t, GLP_DB, 0.0, power_mw);
    glp_set_obj_coef(lp, 1 + t, -p);
    glp_set_col_bnds(lp, 1 + n + t, GLP_DB, 0.0, power_mw);
    glp_set_obj_coef(lp, 1 + n + t, p);
    glp_set_col_bnds(lp, 1 + 2 * n + t, GLP_DB, 0.0, energy_mwh);
  }
  glp_add_rows(lp, n);  // s_t − s_{t−1} − η c_t + d_t / η = 0
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  auto put = [&](int row, int col, double v) {
    ia.push_back(row);
    ja.push_back(col);
    ar.push_back(v);
  };
  for (int t = 0; t < n; ++t) {
    glp_set_row_bnds(lp, 1 + t, GLP_FX, 0.0, 0.0);
    put(1 + t, 1 + 2 * n + t, 1.0);
    if (t > 0) put(1 + t, 2 * n + t, -1.0);
    put(1 + t, 1 + t, -eta);
    put(1 + t, 1 + n + t, 1.0 / eta);
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  EXPECT_EQ(glp_simplex(lp, &parm), 0);
  EXPECT_EQ(glp_get_status(lp), GLP_OPT);
  const double value = glp_get_obj_val(lp);
  glp_delete_prob(lp);
  return value;
}

// The strategy as the simulation runs it: a site drawing 500 MW from the grid, the battery
// charging and discharging hour by hour.
double strategy_value_eur(const std::vector<double>& price_eur_mwh, const Case& k) {
  const std::size_t n = price_eur_mwh.size();
  std::vector<SourceSpec> specs(2);
  std::vector<SourceProfile> profiles(2);
  specs[0].kind = SourceKind::grid;
  specs[0].contract = Contract::market;
  profiles[0].available_w.assign(n, 1e12);
  for (double p : price_eur_mwh) profiles[0].price.push_back(p / 3.6e9);
  specs[1].kind = SourceKind::battery;
  specs[1].contract = Contract::storage;
  specs[1].on_site = profiles[1].on_site = true;
  specs[1].storage.power = core::Power::base(k.power_w);
  specs[1].storage.energy = core::Energy::base(k.energy_j);
  specs[1].storage.round_trip_efficiency = k.round_trip;
  specs[1].storage.soc_initial = 0;
  specs[1].storage.strategies = {StorageStrategy::arbitrage};
  profiles[1].available_w.assign(n, 0.0);
  Supply supply(specs, profiles, 1e12);
  double value = 0;
  for (std::size_t h = 0; h < n; ++h) {
    const SupplyTick& t = supply.dispatch(500e6, h, 3600);
    value += (t.battery_discharge_w - t.battery_charge_w) * 3600 * t.grid_price;
  }
  return value;
}

TEST(StorageValidation, DayAheadArbitrageComesCloseToThePerfectForesightOptimum) {
  const auto prices = french_prices_eur_mwh();
  ASSERT_EQ(prices.size(), 336U);
  const Case k;
  const double optimum = lp_optimum_eur(prices, k);
  const double strategy = strategy_value_eur(prices, k);
  ASSERT_GT(optimum, 0);
  const double gap = 1.0 - strategy / optimum;
  RecordProperty("optimum_eur", std::to_string(optimum));
  RecordProperty("strategy_eur", std::to_string(strategy));
  std::printf("arbitrage: LP optimum %.0f EUR, strategy %.0f EUR, gap %.1f %%\n", optimum, strategy,
              100.0 * gap);
  EXPECT_LE(strategy, optimum * (1 + 1e-9)) << "no strategy beats perfect foresight";
  EXPECT_LT(gap, 0.25) << "the heuristic leaves at most a quarter of the optimum";
}

}  // namespace
}  // namespace gigasim::energy
