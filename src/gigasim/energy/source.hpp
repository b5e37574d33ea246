// Energy supply sources of a site and their hourly availability, price and carbon.
#pragma once

#include <array>
#include <chrono>
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
enum class SourceKind : std::uint8_t {
  nuclear,
  hydro,
  wind,
  solar,
  grid,
  gas,        ///< on-site gas engines or turbines
  fuel_cell,  ///< on-site fuel cells
  battery,    ///< on-site storage
};
inline constexpr std::array kAllSourceKinds = {
    SourceKind::nuclear, SourceKind::hydro, SourceKind::wind,      SourceKind::solar,
    SourceKind::grid,    SourceKind::gas,   SourceKind::fuel_cell, SourceKind::battery};
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
    case SourceKind::gas:
      return 5;
    case SourceKind::fuel_cell:
      return 6;
    case SourceKind::battery:
      return 7;
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

/// A nuclear outage on dates (refuelling planned by the operator, a long inspection): the
/// listed units, or all of the source, are off from `from` (00:00) to `to` (24:00).
struct DatedOutage {
  std::chrono::sys_days from;
  std::chrono::sys_days to;
  std::vector<std::size_t> units;  ///< indices into SourceSpec::units; empty: every unit
};

/// Output cut of river-cooled units when the river is warm, the river's temperature taken
/// as the trailing mean of the air's over `window_days` (docs/models/energy.md, "Nuclear").
struct RiverDerating {
  double limit_c = 0.0;     ///< river temperature above which output is cut
  double per_kelvin = 0.0;  ///< share of output lost per kelvin above it (0: none)
  int window_days = 7;
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

/// How a source is bought (docs/models/energy.md, "Contracts and dispatch").
enum class Contract : std::uint8_t {
  market,    ///< the grid: whatever is needed, at the hourly price
  capped,    ///< dispatchable up to its capacity, paid per MWh taken (on-site plants too)
  ppa,       ///< pay-as-produced: a share of a plant's output, must-take, paid as produced
  baseload,  ///< a fixed block every hour, take-or-pay
  storage,   ///< a battery: charged and discharged by its strategies
};
std::string_view to_string(Contract contract);

/// What happens to must-take energy the site cannot use.
enum class Surplus : std::uint8_t {
  sell,     ///< sold at the grid price less a spread (curtailed when that is negative)
  curtail,  ///< lost
};

/// The strategies of a battery, applied in the order given (docs/models/energy.md, "Storage").
enum class StorageStrategy : std::uint8_t {
  backup,        ///< discharge into a supply shortfall, before the workload is capped
  peak_shaving,  ///< keep the import under a limit: discharge above it, recharge below it
  ramp,          ///< keep the import's change from one hour to the next within a limit
  arbitrage,     ///< day-ahead: charge in the cheapest hours, discharge in the dearest
  carbon,        ///< day-ahead: the same on the grid's carbon intensity
};
std::string_view to_string(StorageStrategy strategy);

/// A battery's ratings and behaviour.
struct StorageSpec {
  core::Power power;                   ///< charge and discharge limit, AC side
  core::Energy energy;                 ///< usable energy when new, between 0 and 100 % SoC
  double round_trip_efficiency = 0.0;  ///< AC to AC; split evenly between charge and discharge
  double soc_min = 0.0, soc_max = 1.0, soc_initial = 0.5;
  double standby_loss_per_day = 0.0;  ///< share of the stored energy lost per day
  double cycle_life = 0.0;            ///< equivalent full cycles to 80 % of the capacity
  std::vector<StorageStrategy> strategies;
  core::Power peak_limit;  ///< peak shaving: import limit (0: the grid connection)
  core::Power ramp_limit;  ///< ramp: largest change of the import per hour
};

/// The capital of a plant or battery the site owns (economics).
struct OwnedCapital {
  core::Money capex;               ///< total, up front
  double lifetime_years = 0.0;     ///< 0: not owned (a contract)
  double maintenance_share = 0.0;  ///< of the capex, per year
};

/// The fuel of an on-site plant (gas engines or turbines, fuel cells): its marginal price
/// is fuel_price / efficiency and its carbon fuel_carbon / efficiency.
struct PlantFuel {
  double efficiency = 0.0;            ///< electrical, on the fuel's lower heating value
  core::EnergyPrice fuel_price;       ///< per unit of fuel energy
  core::CarbonIntensity fuel_carbon;  ///< combustion CO2 per unit of fuel energy
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
  std::vector<DatedOutage> dated_outages;  ///< nuclear
  RiverDerating river;                     ///< nuclear
  /// hydro with a reservoir: energy it may deliver in each calendar month, J (empty: none)
  std::vector<double> reservoir_j;
  std::array<double, 12> monthly_factor{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  double capacity_factor = 0.0;  ///< wind and solar: annual mean
  /// Wind and solar: measured hourly capacity factors of a calendar year (365 × 24 local
  /// standard hours, data/electricity), rescaled to `capacity_factor` when `rescale_cf`;
  /// empty: the synthetic profile.
  std::vector<double> cf_series;
  bool rescale_cf = false;
  GridShape shape;
  std::vector<double> price_series;   ///< grid: hourly EUR/MWh from a CSV (overrides shape)
  std::vector<double> carbon_series;  ///< grid: hourly g/kWh from a CSV (overrides shape)
  /// The series are a calendar year (365 × 24 local standard hours from 1 January, as
  /// data/electricity's), indexed by day of year; else they start at hour 0 of the run.
  bool price_by_calendar = false, carbon_by_calendar = false;
  std::string data_source;  ///< where its hourly series come from (grid, wind, solar)
  Contract contract = Contract::market;
  int priority = 0;    ///< dispatch order among dispatchable sources: lowest first
  double share = 1.0;  ///< ppa: contracted share of the plant's output
  Surplus surplus = Surplus::sell;
  core::EnergyPrice sell_spread;  ///< surplus sold at the grid price less this
  StorageSpec storage;            ///< battery only
  PlantFuel fuel;                 ///< gas and fuel_cell only
  OwnedCapital capital;           ///< on-site plants and batteries
};

/// Where a source's randomness and geometry come from.
struct SourceContext {
  double latitude = 0.0;
  double longitude = 0.0;
  int start_day_of_year = 0;       ///< day of year at hour 0 of the run
  std::chrono::sys_days start{};   ///< date of hour 0 of the run (dated outages)
  std::vector<double> dry_bulb_c;  ///< the site's air temperature by hour of the run
};

/// Hourly availability (W), price (EUR/J) and carbon (kg/J) of one source over the run.
struct SourceProfile {
  std::vector<double> available_w;
  std::vector<double> price;   ///< empty: constant `price_constant`
  std::vector<double> carbon;  ///< empty: constant `carbon_constant`
  double price_constant = 0.0;
  double carbon_constant = 0.0;
  bool on_site = false;
  /// A reservoir: the energy of each day of the run (its month's budget spread evenly, J)
  /// and the calendar month of each day; empty without one.
  std::vector<double> day_energy_j;
  std::vector<std::uint8_t> day_month;

  [[nodiscard]] double price_at(std::size_t h) const {
    return price.empty() ? price_constant : price[h];
  }
  [[nodiscard]] double carbon_at(std::size_t h) const {
    return carbon.empty() ? carbon_constant : carbon[h];
  }
};

}  // namespace gigasim::energy
