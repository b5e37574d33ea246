// Capital of an asset class: how much it costs up front, and what that costs per year.
#pragma once

#include <string>

namespace gigasim::econ {

/// Capital recovery factor: the constant yearly payment that repays one euro over `years`
/// at the discount rate `rate` (Short, Packey & Holt, "A Manual for the Economic Evaluation
/// of Energy Efficiency and Renewable Energy Technologies", NREL/TP-462-5173, 1995, eq. 4-4):
///   CRF(r, n) = r (1 + r)^n / ((1 + r)^n − 1),   CRF(0, n) = 1 / n.
/// `years` = 0 means an asset that is never used up (land): its yearly cost is the return
/// the capital would have earned, CRF = r (the limit n → ∞).
[[nodiscard]] double capital_recovery_factor(double rate, double years);

/// How an asset class's capital scales with the site.
enum class CostBasis {
  system_price,       ///< the catalog price of each system of the fleet
  per_accelerator,    ///< EUR per accelerator
  per_mw_it,          ///< EUR per MW of installed IT power
  per_mw_it_liquid,   ///< EUR per MW of liquid-cooled IT power
  per_mw_it_air,      ///< EUR per MW of air-cooled IT power
  per_mw_connection,  ///< EUR per MW of grid connection
  per_mw_heat,        ///< EUR per MW of heat-reuse capacity
};

struct AssetClass {
  std::string name;
  CostBasis basis = CostBasis::per_mw_it;
  double unit_cost_eur = 0;      ///< per unit of the basis (per W for the per-MW bases)
  double lifetime_years = 0;     ///< 0: not depreciated (land)
  double maintenance_share = 0;  ///< of the capital, per year
};

/// The yearly figures of one asset class's capital.
struct AssetCost {
  std::string name;
  double capex_eur = 0;
  double annualised_eur = 0;    ///< capex · CRF(rate, lifetime)
  double depreciation_eur = 0;  ///< straight line: capex / lifetime (0 for land)
  double maintenance_eur = 0;   ///< capex · maintenance share
};

/// The yearly cost of `capex_eur` of the class `asset` at the discount rate `rate`.
[[nodiscard]] AssetCost cost_of(const AssetClass& asset, double capex_eur, double rate);

}  // namespace gigasim::econ
