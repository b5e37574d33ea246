// Carbon account of a site: Scope 2 location- and market-based, embodied carbon amortised
// over lifetimes, CUE and carbon per million tokens (docs/models/carbon.md).
#pragma once

#include <optional>

#include "gigasim/core/quantity.hpp"
#include "gigasim/econ/ledger.hpp"

namespace gigasim::econ {

struct CarbonSpec {
  core::CarbonPerPower building_embodied;    ///< per W of installed IT, whole life
  core::CarbonPerPower electrical_embodied;  ///< per W of installed IT, whole life
  double systems_lifetime_years = 0;         ///< accelerators and hosts amortised over it
  double building_liquid_lifetime_years = 0;
  double building_air_lifetime_years = 0;
  double electrical_lifetime_years = 0;
};

/// Tonnes of CO2-equivalent of a site or of all sites, over the run.
struct CarbonResult {
  double scope2_location_t = 0;  ///< Σ_sources Σ_hours energy × hourly intensity
  double scope2_market_t = 0;    ///< Σ_sources energy × contract or residual-mix factor
  double embodied_total_t = 0;   ///< cradle-to-gate of everything installed
  double embodied_t = 0;         ///< the share of the run: Σ embodied × years / lifetime
  double it_energy_kwh = 0;
  Use use;
  double training_t = 0;  ///< location-based Scope 2 + amortised embodied, attributed
  double inference_t = 0;

  /// Carbon Usage Effectiveness (The Green Grid, White Paper #32, 2010): total CO2 of the
  /// facility's energy / IT energy, kg CO2e per kWh; location-based.
  [[nodiscard]] std::optional<double> cue() const;
  [[nodiscard]] std::optional<double> g_per_m_tokens() const;
  [[nodiscard]] std::optional<double> g_per_m_tokens_trained() const;
  [[nodiscard]] std::optional<double> g_per_m_tokens_served() const;
  void add(const CarbonResult& other);
};

[[nodiscard]] CarbonResult account_carbon(const CarbonSpec& spec, const SiteLedger& site);

}  // namespace gigasim::econ
