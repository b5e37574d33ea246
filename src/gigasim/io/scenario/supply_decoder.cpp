// Decoding of site.supply: nuclear, hydro, wind, solar and grid sources, on-site plants
// and batteries (their contracts and ratings: io/scenario/contract_decoder.cpp).
#include <fmt/format.h>

#include <cmath>
#include <set>

#include "gigasim/io/scenario/scenario_decoders.hpp"

namespace gigasim::io {
namespace {

using energy::SourceKind;

bool kind_from(const std::string& s, SourceKind& out) {
  for (const SourceKind k : energy::kAllSourceKinds) {
    if (energy::to_string(k) == s) {
      out = k;
      return true;
    }
  }
  return false;
}

// nuclear.dated_outages: [{from: DATE, to: DATE, units: [i, ...]}], the units by index
// (modelled units only).
void decode_dated_outages(MapView& m, energy::SourceSpec& s) {
  const YAML::Node list = m.get("dated_outages");
  if (!list.IsDefined()) return;
  if (!list.IsSequence() || list.size() == 0) {
    m.error("dated_outages", "expected a list like [{from: 2025-12-01, to: 2026-01-31}]");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapView o(m.context(), list[i], index_path(m.path_of("dated_outages"), i));
    if (!o.valid()) continue;
    energy::DatedOutage d;
    bool dates = true;
    for (const auto& [key, out] : {std::pair{"from", &d.from}, std::pair{"to", &d.to}}) {
      std::string text;
      if (!o.string(key, text, Need::required)) {
        dates = false;
      } else if (!parse_date(text, *out)) {
        o.error(key, fmt::format("expected a date like \"2025-12-01\", got \"{}\"", text));
        dates = false;
      }
    }
    if (dates && d.to < d.from) o.error("to", "the outage ends before it starts");
    const YAML::Node units = o.get("units");
    if (units.IsDefined()) {
      if (s.units.empty()) {
        o.error("units", "only a source of modelled `units` has units to take out");
      } else if (!units.IsSequence()) {
        o.error("units", "expected a list of unit indices like [0, 2]");
      } else {
        for (std::size_t k = 0; k < units.size(); ++k) {
          const std::string path = index_path(o.path_of("units"), k);
          double v = -1;
          try {
            v = units[k].IsScalar() ? core::parse_number(units[k].Scalar()) : -1;
          } catch (const core::UnitParseError&) {
          }
          if (v < 0 || v != std::floor(v) || v >= static_cast<double>(s.units.size())) {
            m.context().error(
                path, units[k],
                fmt::format("expected the index of a unit, 0 to {}", s.units.size() - 1));
          } else {
            d.units.push_back(static_cast<std::size_t>(v));
          }
        }
      }
    }
    o.finish();
    s.dated_outages.push_back(std::move(d));
  }
}

// nuclear.river_derating: {limit, per_kelvin, window}.
void decode_river_derating(MapView& m, energy::SourceSpec& s) {
  decode_block(m, "river_derating", Need::optional, [&](MapView& r) {
    core::Temperature limit;
    if (r.quantity("limit", limit, Need::required)) s.river.limit_c = limit.in_celsius();
    if (r.fraction("per_kelvin", s.river.per_kelvin, Need::required) && s.river.per_kelvin <= 0)
      r.error("per_kelvin", "must be positive");
    core::Duration window = core::Duration::days(7);
    if (r.quantity("window", window, Need::optional, Check::positive)) {
      if (window < core::Duration::days(1) || window > core::Duration::days(60))
        r.error("window", "must lie between 1 and 60 days");
    }
    s.river.window_days = static_cast<int>(std::max<std::int64_t>(1, window.ms() / 86'400'000));
  });
}

// hydro.reservoir: {monthly_energy: ENERGY or twelve of them}, dispatched within it.
void decode_reservoir(MapView& m, energy::SourceSpec& s) {
  decode_block(m, "reservoir", Need::optional, [&](MapView& r) {
    const YAML::Node v = r.get("monthly_energy");
    if (!v.IsDefined()) {
      r.error("monthly_energy", "missing required key \"monthly_energy\": one energy, or twelve");
      return;
    }
    std::vector<double> months;
    if (v.IsSequence() && v.size() == 12) {
      for (std::size_t k = 0; k < 12; ++k) {
        core::Energy e;
        const std::string path = index_path(r.path_of("monthly_energy"), k);
        if (read_quantity(r.context(), v[k], path, e)) {
          if (e.value() < 0) r.context().error(path, v[k], "must not be negative");
          months.push_back(e.value());
        }
      }
    } else if (v.IsSequence()) {
      r.error("monthly_energy", "expected one energy or a list of twelve (January..December)");
    } else {
      core::Energy e;
      if (r.quantity("monthly_energy", e, Need::required, Check::non_negative))
        months.assign(12, e.value());
    }
    if (months.size() == 12) s.reservoir_j = std::move(months);
  });
}

// Its price, carbon intensity and outage parameters default from the catalog's nuclear
// source (data/defaults.yaml).
void decode_nuclear(MapView& m, energy::SourceSpec& s) {
  const YAML::Node units = m.get("units");
  if (units.IsDefined()) {
    if (!units.IsSequence() || units.size() == 0) {
      m.error("units", "expected a list of unit capacities like [\"1300 MW\", \"1300 MW\"]");
    } else {
      for (std::size_t i = 0; i < units.size(); ++i) {
        core::Power p;
        const std::string path = index_path(m.path_of("units"), i);
        if (read_quantity(m.context(), units[i], path, p)) {
          if (p.value() <= 0) {
            m.context().error(path, units[i], "must be positive");
          } else {
            s.units.push_back(p);
            s.capacity += p;
          }
        }
      }
    }
    decode_block(m, "outages", Need::optional,
                 [&](MapView& o) { decode_nuclear_outages(o, s.outages, Need::optional); });
    if (m.has("capacity"))
      m.error("capacity", "give either `units` or a contract `capacity`, not both");
  } else {
    m.quantity("capacity", s.capacity, Need::required, Check::positive);
    const YAML::Node availability = m.get("availability");
    if (availability.IsSequence()) {
      m.monthly("availability", s.monthly_factor, Need::optional, Check::fraction);
    } else {
      double a = 1.0;
      if (m.fraction("availability", a)) s.monthly_factor.fill(a);
    }
  }
  decode_dated_outages(m, s);
  decode_river_derating(m, s);
}

// The grid's measured hourly price and carbon of data/electricity, where the country has them
// and the scenario asks (grid_data_year); a CSV of the scenario comes first. Records where
// the site's grid figures come from.
void use_measured_series(const io::Grid& grid, GridSeries& series, int year,
                         energy::SourceSpec& s) {
  std::string price = s.price_series.empty() ? "synthetic price shape" : "price from price_csv";
  std::string carbon =
      s.carbon_series.empty() ? "synthetic carbon shape" : "carbon from carbon_csv";
  if (year > 0 && s.price_series.empty()) {
    if (const auto* v = grid.price_zone.empty()
                            ? nullptr
                            : series.prices(year, grid.price_zone, grid.utc_offset_h)) {
      s.price_series = *v;
      s.price_by_calendar = true;
      price = fmt::format("day-ahead prices {} {} (EPEX SPOT / OMIE via RTE eCO2mix)",
                          grid.price_zone, year);
    } else {
      price = fmt::format("synthetic price shape (no measured prices for {} in {})", grid.country,
                          year);
    }
  }
  if (year > 0 && s.carbon_series.empty()) {
    if (const auto* v = grid.carbon_zone.empty()
                            ? nullptr
                            : series.carbon(grid.carbon_zone, grid.utc_offset_h)) {
      s.carbon_series = *v;
      s.carbon_by_calendar = true;
      carbon = fmt::format("hourly carbon of the {} generation mix {} (ENTSO-E)", grid.carbon_zone,
                           GridSeries::kCarbonYear);
    } else {
      carbon = fmt::format("synthetic carbon shape (no measured mix for {})", grid.country);
    }
  }
  s.data_source = price + "; " + carbon;
}

// Wind and solar of a scenario that chose measured data: the country's hourly capacity
// factors of data/electricity, rescaled to the source's own mean when it gives one.
void use_measured_capacity_factors(const Catalog& catalog, const std::string& country,
                                   energy::SourceSpec& s) {
  const auto grid = catalog.grids.find(country);
  const CalendarSeries* series = grid == catalog.grids.end()
                                     ? nullptr
                                     : catalog.grid_series->capacity_factors(
                                           s.kind == SourceKind::wind ? "wind_onshore" : "solar_pv",
                                           country, grid->second.utc_offset_h);
  if (series == nullptr) {
    s.data_source = fmt::format("synthetic profile (no measured capacity factors for {})", country);
    return;
  }
  s.cf_series = *series;
  double sum = 0;
  for (const double v : *series) sum += v;
  const double mean = sum / static_cast<double>(series->size());
  s.data_source = fmt::format(
      "capacity factors {} {} (Dispa-SET, JRC; mean {:.3f}{})", country,
      GridSeries::kCapacityFactorYear, mean,
      s.rescale_cf ? fmt::format(", rescaled to {:.3f}", s.capacity_factor) : std::string());
  if (!s.rescale_cf) s.capacity_factor = mean;
}

// A site holds at most one battery, and one that plans by price or carbon needs a grid to
// read them from.
void check_storage(MapView& site, const std::vector<energy::SourceSpec>& sources) {
  std::size_t batteries = 0;
  bool grid = false, day_ahead = false;
  for (const auto& s : sources) {
    grid = grid || s.kind == SourceKind::grid;
    if (s.kind != SourceKind::battery) continue;
    ++batteries;
    for (const auto k : s.storage.strategies)
      day_ahead = day_ahead || k == energy::StorageStrategy::arbitrage ||
                  k == energy::StorageStrategy::carbon;
  }
  if (batteries > 1)
    site.error("supply", "a site holds one battery: give the total power and energy in one entry");
  if (day_ahead && !grid)
    site.error("supply",
               "a battery with the arbitrage or carbon strategy needs a grid source for its prices "
               "and carbon intensities");
}

}  // namespace

void decode_supply(MapView& site, const std::string& country, const Catalog& catalog,
                   const std::filesystem::path& base_dir, int grid_data_year,
                   std::vector<energy::SourceSpec>& out) {
  const YAML::Node list = site.get("supply");
  if (!list.IsDefined()) {
    site.error(
        "supply",
        "missing required key \"supply\": a list of energy sources (at least `- type: grid`)");
    return;
  }
  if (!list.IsSequence() || list.size() == 0) {
    site.error("supply", "expected a non-empty list of energy sources");
    return;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapView m(site.context(), list[i], index_path(site.path_of("supply"), i));
    if (!m.valid()) continue;
    std::string type;
    if (!m.string("type", type, Need::required)) {
      m.finish();
      continue;
    }
    SourceKind kind{};
    if (!kind_from(type, kind)) {
      m.error("type", fmt::format("unknown source type \"{}\"; known: nuclear, hydro, wind, "
                                  "solar, grid, gas, fuel_cell, battery",
                                  type));
      continue;  // the other keys depend on the type: not checked
    }
    // The kind's defaults (data/defaults.yaml), then the source's keys over them.
    energy::SourceSpec s = catalog.defaults.source(kind);
    s.name = type;
    m.name("name", s.name);
    if (!names.insert(s.name).second) {
      m.error(m.has("name") ? "name" : "type",
              fmt::format(
                  "duplicate source name \"{}\" in this site; give each source a distinct `name`",
                  s.name));
    }
    m.boolean("on_site", s.on_site);
    const io::Grid* grid = nullptr;
    // Grid, wind and solar take defaults from a country's grid; wind and solar only need
    // it when no capacity factor of their own is given.
    const bool uses_country =
        s.kind == SourceKind::grid || s.kind == SourceKind::wind || s.kind == SourceKind::solar;
    std::string grid_country = country;
    if (uses_country) m.string("country", grid_country);
    const bool needs_grid =
        s.kind == SourceKind::grid || (uses_country && !m.has("capacity_factor"));
    if (needs_grid) {
      const auto it = catalog.grids.find(grid_country);
      if (it == catalog.grids.end()) {
        m.error("country",
                fmt::format("no grid for country \"{}\" in data/grids.yaml", grid_country));
      } else {
        grid = &it->second;
      }
    }
    switch (s.kind) {
      case SourceKind::nuclear:
        decode_nuclear(m, s);
        break;
      case SourceKind::hydro: {
        decode_reservoir(m, s);
        m.quantity("capacity", s.capacity, Need::required, Check::positive);
        const YAML::Node cf = m.get("capacity_factor");
        if (cf.IsSequence()) {
          m.monthly("capacity_factor", s.monthly_factor, Need::optional, Check::fraction);
        } else {
          double f = 0.5;
          m.fraction("capacity_factor", f, Need::required);
          s.monthly_factor.fill(f);
        }
        break;
      }
      case SourceKind::wind:
      case SourceKind::solar:
        m.quantity("capacity", s.capacity, Need::required, Check::positive);
        if (grid != nullptr) {
          s.capacity_factor =
              s.kind == SourceKind::wind ? grid->wind_capacity_factor : grid->solar_capacity_factor;
        }
        s.rescale_cf = m.fraction("capacity_factor", s.capacity_factor);
        if (grid_data_year > 0) use_measured_capacity_factors(catalog, grid_country, s);
        break;
      case SourceKind::gas:
      case SourceKind::fuel_cell:
        decode_plant(m, s);
        break;
      case SourceKind::battery:
        decode_battery(m, s);
        break;
      case SourceKind::grid: {
        if (grid != nullptr) {
          s.price = grid->price;
          s.carbon = grid->carbon_intensity;
        }
        m.quantity("import_cap", s.capacity, Need::optional, Check::positive);
        m.quantity("carbon_intensity", s.carbon, Need::optional, Check::non_negative);
        decode_block(m, "shape", Need::optional,
                     [&](MapView& sh) { decode_grid_shape(sh, s.shape, Need::optional); });
        const YAML::Node prices = m.get("price_csv");
        if (prices.IsDefined())
          read_series(m.context(), prices, m.path_of("price_csv"), base_dir, "price_eur_per_mwh",
                      s.price_series);
        const YAML::Node carbon = m.get("carbon_csv");
        if (carbon.IsDefined())
          read_series(m.context(), carbon, m.path_of("carbon_csv"), base_dir, "carbon_g_per_kwh",
                      s.carbon_series);
        if (grid != nullptr) use_measured_series(*grid, *catalog.grid_series, grid_data_year, s);
        break;
      }
    }
    const bool plant = s.kind == SourceKind::gas || s.kind == SourceKind::fuel_cell;
    if (s.kind != SourceKind::grid && s.kind != SourceKind::battery) {
      m.quantity("carbon_intensity", s.carbon, Need::optional, Check::non_negative);
    }
    if (!plant && s.kind != SourceKind::battery) {  // a plant's price: its fuel (decode_plant)
      const Need price_need = (s.kind == SourceKind::nuclear || s.kind == SourceKind::grid)
                                  ? Need::optional
                                  : Need::required;
      m.quantity("price", s.price, price_need, Check::non_negative);
    }
    decode_contract(m, s, catalog.defaults.source(SourceKind::grid));
    // Market-based Scope 2 (GHG Protocol Scope 2 Guidance, 2015, ch. 6): a supply contract
    // carries the intensity of its own source; grid energy without certificates carries the
    // country's residual mix.
    s.market_carbon =
        (s.kind == SourceKind::grid && grid != nullptr) ? grid->residual_mix : s.carbon;
    m.quantity("market_carbon_intensity", s.market_carbon, Need::optional, Check::non_negative);
    m.finish();
    out.push_back(std::move(s));
  }
  check_storage(site, out);
}

}  // namespace gigasim::io
