// Total cost of ownership of a site: annualised capital, operations, and the cost of an
// accelerator-hour, a PFLOP-day and a million tokens (docs/models/economics.md).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gigasim/core/quantity.hpp"
#include "gigasim/econ/capital.hpp"
#include "gigasim/econ/ledger.hpp"

namespace gigasim::econ {

struct OperationsSpec {
  core::EnergyPrice grid_fee_energy;      ///< network tariff on energy through the connection
  core::MoneyPerPower grid_fee_capacity;  ///< network tariff per W of connection, per year
  double staff_per_mw_it = 0;             ///< full-time staff per MW of installed IT
  core::Money staff_cost;                 ///< per full-time person-year
  core::MoneyPerVolume water_price;
  core::EnergyPrice heat_price;  ///< paid by the district network for reused heat
};

struct EconomicsSpec {
  double discount_rate = 0;
  std::vector<AssetClass> assets;  ///< in the order of data/economics.yaml
  OperationsSpec operations;
};

/// Euros of a site, or of all sites. Capital figures are per year; `opex_eur`, `tco_eur` and
/// the breakdown cover the run.
struct EconomicsResult {
  double years = 0;
  double capex_eur = 0;
  double annualised_capex_eur = 0;                   ///< per year
  double depreciation_eur = 0;                       ///< per year, straight line
  double opex_eur = 0;                               ///< over the run, heat revenue deducted
  double tco_eur = 0;                                ///< annualised capital × years + opex
  std::vector<AssetCost> assets;                     ///< per year
  std::map<std::string, double> cost_breakdown_eur;  ///< over the run, by class
  Use use;
  /// Costs that follow the energy used: energy bought less surplus sold, the network's
  /// energy term and electricity taxes.
  double energy_variable_eur = 0;
  double it_energy_j = 0;
  /// The TCO split by what used the capacity: `model_jobs`, `other_jobs`, `inference_pools`
  /// (each the cost_of its hours and energy) and `idle` (the rest); empty without a workload.
  std::map<std::string, double> cost_by_use_eur;
  double training_cost_eur = 0;   ///< cost_of the hours and energy of model-training jobs
  double inference_cost_eur = 0;  ///< cost_of the hours and energy of inference pools

  [[nodiscard]] double tco_per_year_eur() const { return years > 0 ? tco_eur / years : 0.0; }
  /// Everything but energy_variable_eur, per installed accelerator-hour: what holding one
  /// accelerator for an hour costs, whether it works or not.
  [[nodiscard]] double fixed_eur_per_gpu_hour() const;
  /// energy_variable_eur per joule of IT energy (the facility's overhead rides on it).
  [[nodiscard]] double energy_eur_per_it_j() const;
  /// What work that held `gpu_hours` accelerator-hours and used `it_energy_j` costs.
  [[nodiscard]] double cost_of(double gpu_hours, double it_energy_j) const;
  [[nodiscard]] std::optional<double> eur_per_gpu_hour_available() const;
  [[nodiscard]] std::optional<double> eur_per_gpu_hour_busy() const;
  /// What the jobs and pools cost (the TCO less its idle share).
  [[nodiscard]] double work_cost_eur() const;
  /// work_cost_eur / useful accelerator-hours: work slowed, lost or redone raises it.
  [[nodiscard]] std::optional<double> eur_per_useful_gpu_hour() const;
  [[nodiscard]] std::optional<double> eur_per_pflop_day() const;
  [[nodiscard]] std::optional<double> eur_per_m_tokens_trained() const;
  [[nodiscard]] std::optional<double> eur_per_m_tokens_served() const;
  void add(const EconomicsResult& other);
};

/// The capital an asset class needs at a site.
[[nodiscard]] double capex_of(const AssetClass& asset, const SiteLedger& site);

/// The account of a site over its run.
[[nodiscard]] EconomicsResult account_costs(const EconomicsSpec& spec, const SiteLedger& site);

/// Attributes `amount` (euros or kilograms) spread over every busy accelerator-hour to the
/// hours of model-training jobs and of inference pools: idle capacity is paid for by the
/// work that ran (docs/models/economics.md#attribution).
struct Attribution {
  double training = 0;
  double inference = 0;
};
[[nodiscard]] Attribution attribute(double amount, const Use& use);

/// a / b when b > 0; empty otherwise (a figure that does not apply: no tokens, no work).
[[nodiscard]] std::optional<double> ratio(double a, double b);

}  // namespace gigasim::econ
