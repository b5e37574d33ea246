// Energy supply sources of a site and their hourly availability, price and carbon.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gigasim/core/quantity.hpp"
#include "gigasim/core/time.hpp"

namespace gigasim::energy {

/// The kinds of supply. Per-kind outputs (the hourly `<kind>_mw` columns) are sized and
/// named from kAllSourceKinds: a new kind is added to the enum and to that list, whose
/// order must follow the enum (checked below), and to_string.
enum class SourceKind : std::uint8_t { nuclear, hydro, wind, solar, grid };
inline constexpr std::array kAllSourceKinds = {
    SourceKind::nuclear, SourceKind::hydro, SourceKind::wind, SourceKind::solar, SourceKind::grid};
inline constexpr std::size_t kSourceKinds = kAllSourceKinds.size();
/// Position of a kind in kAllSourceKinds, to index per-kind arrays. A switch without a
/// default: a kind added to the enum but not here fails to compile (-Wswitch, -Werror).
constexpr std::size_t index_of(SourceKind kind) {
  switch (kind) {
    case SourceKind::nuclear:
      return 0;
    case SourceKind::hydro:
      return 1;
    case SourceKind::wind:
      return 2;
    case SourceKind::solar:
      return 3;
    case SourceKind::grid:
      return 4;
  }
  return kSourceKinds;  // unreachable for a valid kind
}
static_assert([] {
  for (std::size_t i = 0; i < kSourceKinds; ++i)
    if (index_of(kAllSourceKinds[i]) != i) return false;
  return true;
}());
std::string_view to_string(SourceKind kind);

/// Refuelling and forced outages of modelled nuclear units (docs/models/energy.md). The
/// defaults (SFEN 2023) live in data/defaults.yaml (`supply.nuclear.outages`), read by the
/// catalog; the initializers here are neutral.
struct NuclearOutages {
  core::Duration cycle_min;         ///< shortest time from one refuelling start to the next
  core::Duration cycle_max;         ///< longest
  core::Duration outage_min;        ///< shortest refuelling outage (simple refuelling, ASR)
  core::Duration outage_max;        ///< longest (partial inspection, VP)
  double forced_outage_rate = 0.0;  ///< unplanned unavailability, fraction of time
  core::Duration forced_outage_mean;
};

/// Zero-mean seasonal and daily modulation of grid price and carbon intensity: the annual
/// mean stays the catalog's. value(t) = mean · (1 + a_s cos(2π(d − 15)/365) + a_d cos(2π(h −
/// 19)/24)). The default amplitudes, an assumption, live in data/defaults.yaml
/// (`supply.grid.shape`); here they are zero.
struct GridShape {
  double price_seasonal = 0.0;
  double price_daily = 0.0;
  double carbon_seasonal = 0.0;
  double carbon_daily = 0.0;
};

/// One source. Its kind's defaults (life-cycle carbon, nuclear price and outages, grid shape)
/// come from data/defaults.yaml through the catalog (io::Defaults::supply).
struct SourceSpec {
  std::string name;
  SourceKind kind = SourceKind::grid;
  core::Power capacity;                 ///< contract / nameplate / grid import cap (0: no cap)
  core::EnergyPrice price;              ///< marginal price; grid: annual mean
  core::CarbonIntensity carbon;         ///< life-cycle intensity; grid: annual mean
  core::CarbonIntensity market_carbon;  ///< market-based Scope 2 factor (contract or residual)
  bool on_site = false;                 ///< on-site plant: does not pass the grid connection
  std::vector<core::Power> units;       ///< nuclear: modelled units (else a contract)
  NuclearOutages outages;
  std::array<double, 12> monthly_factor{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  double capacity_factor = 0.0;  ///< wind and solar: annual mean
  GridShape shape;
  std::vector<double> price_series;   ///< grid: hourly EUR/MWh from a CSV (overrides shape)
  std::vector<double> carbon_series;  ///< grid: hourly g/kWh from a CSV (overrides shape)
};

/// Where a source's randomness and geometry come from.
struct SourceContext {
  double latitude = 0.0;
  double longitude = 0.0;
  int start_day_of_year = 0;  ///< day of year at hour 0 of the run
};

/// Hourly availability (W), price (EUR/J) and carbon (kg/J) of one source over the run.
struct SourceProfile {
  std::vector<double> available_w;
  std::vector<double> price;   ///< empty: constant `price_constant`
  std::vector<double> carbon;  ///< empty: constant `carbon_constant`
  double price_constant = 0.0;
  double carbon_constant = 0.0;
  bool on_site = false;

  [[nodiscard]] double price_at(std::size_t h) const {
    return price.empty() ? price_constant : price[h];
  }
  [[nodiscard]] double carbon_at(std::size_t h) const {
    return carbon.empty() ? carbon_constant : carbon[h];
  }
};

}  // namespace gigasim::energy
