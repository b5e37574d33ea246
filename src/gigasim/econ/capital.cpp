#include "gigasim/econ/capital.hpp"

#include <cmath>

namespace gigasim::econ {

double capital_recovery_factor(double rate, double years) {
  if (years <= 0) return rate;  // perpetual: the capital is never repaid, only its return
  if (rate == 0) return 1.0 / years;
  const double growth = std::pow(1.0 + rate, years);
  return rate * growth / (growth - 1.0);
}

AssetCost cost_of(const AssetClass& asset, double capex_eur, double rate) {
  AssetCost c;
  c.name = asset.name;
  c.capex_eur = capex_eur;
  c.annualised_eur = capex_eur * capital_recovery_factor(rate, asset.lifetime_years);
  c.depreciation_eur = asset.lifetime_years > 0 ? capex_eur / asset.lifetime_years : 0.0;
  c.maintenance_eur = capex_eur * asset.maintenance_share;
  return c;
}

}  // namespace gigasim::econ
