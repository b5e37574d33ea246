// Decoding of how a supply entry is bought or owned: its contract and priority, the capital
// of an on-site plant or battery, a plant's fuel and a battery's ratings and strategies
// (docs/scenario.md, "supply"; docs/models/energy.md).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "gigasim/io/scenario/scenario_decoders.hpp"

namespace gigasim::io {
namespace {

using energy::Contract;
using energy::SourceKind;

// A key whose value is one of `names`; returns the position, or nothing.
template <std::size_t N>
std::optional<std::size_t> choice(MapView& m, std::string_view key,
                                  const std::array<std::string_view, N>& names) {
  std::string value;
  if (!m.string(key, value)) return std::nullopt;
  const auto it = std::find(names.begin(), names.end(), value);
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  std::string known;
  for (const auto n : names) known += fmt::format("{}{}", known.empty() ? "" : ", ", n);
  m.error(key, fmt::format("unknown {} \"{}\"; known: {}", key, value, known));
  return std::nullopt;
}

bool owned(const energy::SourceSpec& s) {
  return s.on_site || s.kind == SourceKind::gas || s.kind == SourceKind::fuel_cell ||
         s.kind == SourceKind::battery;
}

void decode_capital(MapView& m, energy::SourceSpec& s) {
  if (!owned(s)) {
    for (const char* key : {"capex", "lifetime", "maintenance"})
      if (m.has(key))
        m.error(key, "only a plant or battery the site owns (on_site) has a capital cost");
    return;
  }
  energy::OwnedCapital& c = s.capital;
  m.quantity("capex", c.capex, Need::optional, Check::non_negative);
  core::Duration life;
  if (m.quantity("lifetime", life, c.capex.value() > 0 ? Need::required : Need::optional,
                 Check::positive))
    c.lifetime_years = life.in_hours() / 8760.0;
  m.fraction("maintenance", c.maintenance_share);
}

}  // namespace

void decode_contract(MapView& m, energy::SourceSpec& s, const energy::SourceSpec& grid_defaults) {
  // Defaults: wind and solar are bought as produced; nuclear and hydro contracts are
  // dispatchable; plants are dispatched like the grid, by price (docs/models/energy.md).
  switch (s.kind) {
    case SourceKind::wind:
    case SourceKind::solar:
      s.contract = Contract::ppa;
      s.priority = 1;
      break;
    case SourceKind::nuclear:
    case SourceKind::hydro:
      s.contract = Contract::capped;
      s.priority = 1;
      break;
    case SourceKind::grid:
      s.contract = Contract::market;
      s.priority = 2;
      break;
    case SourceKind::gas:
    case SourceKind::fuel_cell:
      s.contract = Contract::capped;
      s.priority = 2;
      break;
    case SourceKind::battery:
      s.contract = Contract::storage;
      break;
  }
  const bool contracted = s.kind == SourceKind::nuclear || s.kind == SourceKind::hydro ||
                          s.kind == SourceKind::wind || s.kind == SourceKind::solar;
  if (contracted) {
    static constexpr std::array<std::string_view, 3> kNames = {"ppa", "baseload", "capped"};
    static constexpr std::array<Contract, 3> kContracts = {Contract::ppa, Contract::baseload,
                                                           Contract::capped};
    if (const auto k = choice(m, "contract", kNames)) s.contract = kContracts[*k];
    if (s.contract == Contract::baseload && !s.units.empty())
      m.error("contract",
              "a baseload block is firm: give its `capacity`, not the `units` of a plant");
    if (s.contract == Contract::baseload &&
        (s.kind == SourceKind::wind || s.kind == SourceKind::solar))
      m.error("contract", "wind and solar cannot deliver a firm baseload block; use ppa or capped");
  } else if (m.has("contract")) {
    m.error("contract", fmt::format("a {} source takes no contract: it is {}", to_string(s.kind),
                                    s.kind == SourceKind::grid ? "bought on the market"
                                                               : "owned and dispatched"));
  }
  if (!s.reservoir_j.empty() && s.contract != Contract::capped)
    m.error("contract",
            "a reservoir is dispatched within its monthly energy: its contract is `capped`");
  if (s.kind != SourceKind::battery)
    m.integer("priority", s.priority, Need::optional, Check::non_negative);
  else if (m.has("priority"))
    m.error("priority", "a battery's discharge always comes first among dispatchable sources");
  const bool must_take = s.contract == Contract::ppa || s.contract == Contract::baseload;
  if (s.contract == Contract::ppa) {
    if (m.fraction("share", s.share) && s.share <= 0) m.error("share", "must be positive");
  } else if (m.has("share")) {
    m.error("share", "only a pay-as-produced contract (`contract: ppa`) buys a share of a plant");
  }
  s.sell_spread = grid_defaults.sell_spread;
  if (must_take) {
    static constexpr std::array<std::string_view, 2> kSurplus = {"sell", "curtail"};
    if (const auto k = choice(m, "surplus", kSurplus))
      s.surplus = *k == 0 ? energy::Surplus::sell : energy::Surplus::curtail;
    m.quantity("sell_spread", s.sell_spread, Need::optional, Check::non_negative);
  } else {
    for (const char* key : {"surplus", "sell_spread"})
      if (m.has(key))
        m.error(key, "only a must-take contract (ppa or baseload) has a surplus to sell");
  }
  decode_capital(m, s);
}

void decode_plant(MapView& m, energy::SourceSpec& s) {
  s.on_site = true;
  m.quantity("capacity", s.capacity, Need::required, Check::positive);
  double a = 1.0;
  if (m.fraction("availability", a)) s.monthly_factor.fill(a);
  if (m.fraction("efficiency", s.fuel.efficiency) && s.fuel.efficiency <= 0)
    m.error("efficiency", "must be positive");
  m.quantity("fuel_price", s.fuel.fuel_price, Need::optional, Check::non_negative);
  m.quantity("fuel_carbon_intensity", s.fuel.fuel_carbon, Need::optional, Check::non_negative);
  if (s.fuel.efficiency > 0) {
    // Marginal price and direct emissions per unit of electricity; `price` adds the
    // variable upkeep, `carbon_intensity` (read after) replaces the carbon.
    s.price = s.fuel.fuel_price / s.fuel.efficiency;
    s.carbon = s.fuel.fuel_carbon / s.fuel.efficiency;
  }
  core::EnergyPrice upkeep;
  if (m.quantity("price", upkeep, Need::optional, Check::non_negative)) s.price += upkeep;
}

void decode_battery(MapView& m, energy::SourceSpec& s) {
  s.on_site = true;
  energy::StorageSpec& b = s.storage;
  m.quantity("power", b.power, Need::required, Check::positive);
  m.quantity("energy", b.energy, Need::required, Check::positive);
  if (m.fraction("round_trip_efficiency", b.round_trip_efficiency) && b.round_trip_efficiency <= 0)
    m.error("round_trip_efficiency", "must be positive");
  m.fraction("soc_min", b.soc_min);
  m.fraction("soc_max", b.soc_max);
  m.fraction("soc_initial", b.soc_initial);
  if (b.soc_min >= b.soc_max)
    m.error(m.has("soc_min") ? "soc_min" : "soc_max", "soc_min must be below soc_max");
  b.soc_initial = std::clamp(b.soc_initial, b.soc_min, b.soc_max);
  m.fraction("standby_loss_per_day", b.standby_loss_per_day);
  m.number("cycle_life", b.cycle_life, Need::optional, Check::positive);
  m.quantity("peak_limit", b.peak_limit, Need::optional, Check::positive);
  const bool ramp_given = m.quantity("ramp_limit", b.ramp_limit, Need::optional, Check::positive);
  const YAML::Node list = m.get("strategies");
  if (!list.IsDefined()) {
    m.error("strategies",
            "missing required key \"strategies\": a list among backup, peak_shaving, ramp, "
            "arbitrage, carbon, in order of precedence");
    return;
  }
  if (!list.IsSequence() || list.size() == 0) {
    m.error("strategies",
            "expected a non-empty list among backup, peak_shaving, ramp, arbitrage, carbon");
    return;
  }
  static constexpr std::array kAll = {
      energy::StorageStrategy::backup, energy::StorageStrategy::peak_shaving,
      energy::StorageStrategy::ramp, energy::StorageStrategy::arbitrage,
      energy::StorageStrategy::carbon};
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = index_path(m.path_of("strategies"), i);
    const std::string name = list[i].IsScalar() ? list[i].Scalar() : "";
    const auto it = std::find_if(kAll.begin(), kAll.end(),
                                 [&](auto k) { return energy::to_string(k) == name; });
    if (it == kAll.end()) {
      m.context().error(path, list[i],
                        fmt::format("unknown strategy \"{}\"; known: backup, peak_shaving, "
                                    "ramp, arbitrage, carbon",
                                    name));
    } else if (std::find(b.strategies.begin(), b.strategies.end(), *it) != b.strategies.end()) {
      m.context().error(path, list[i], fmt::format("strategy \"{}\" is listed twice", name));
    } else {
      b.strategies.push_back(*it);
    }
  }
  const auto plans_the_day = [](energy::StorageStrategy k) {
    return k == energy::StorageStrategy::arbitrage || k == energy::StorageStrategy::carbon;
  };
  if (std::count_if(b.strategies.begin(), b.strategies.end(), plans_the_day) > 1)
    m.error("strategies", "arbitrage and carbon both plan the day: choose one");
  const bool ramp = std::find(b.strategies.begin(), b.strategies.end(),
                              energy::StorageStrategy::ramp) != b.strategies.end();
  if (ramp && !ramp_given)
    m.error("ramp_limit",
            "the ramp strategy needs `ramp_limit`: the most the import may change "
            "from one hour to the next, like 20 MW");
}

}  // namespace gigasim::io
