#include "gigasim/io/catalog/catalog.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <initializer_list>

#include "gigasim/climate/psychrometrics.hpp"
#include "gigasim/io/catalog/catalog_entries.hpp"
#include "gigasim/io/formats/files.hpp"

#ifndef GIGASIM_SOURCE_DATA_DIR
#define GIGASIM_SOURCE_DATA_DIR "data"
#endif

namespace gigasim::io {
namespace fs = std::filesystem;

fs::path default_data_dir() {
  if (const char* env = std::getenv("GIGASIM_DATA_DIR"); env != nullptr && *env != '\0') return env;
  return GIGASIM_SOURCE_DATA_DIR;
}

void decode_accelerator(MapView& m, hardware::Accelerator& a, Need need) {
  m.name("name", a.name, need);
  m.string("vendor", a.vendor, need);
  m.string("generation", a.generation, need);
  m.quantity("bf16_dense", a.bf16_dense, need, Check::positive);
  m.quantity("fp8_dense", a.fp8_dense, need, Check::positive);
  m.quantity("fp4_dense", a.fp4_dense, Need::optional, Check::positive);
  m.quantity("hbm_capacity", a.hbm_capacity, need, Check::positive);
  m.quantity("hbm_bandwidth", a.hbm_bandwidth, need, Check::positive);
  m.quantity("tdp", a.tdp, need, Check::positive);
  m.quantity("idle_power", a.idle_power, need, Check::positive);
  m.quantity("scale_up_bandwidth", a.scale_up_bandwidth, need, Check::positive);
  m.quantity("host_bandwidth", a.host_bandwidth, need, Check::positive);
  m.quantity("embodied_carbon", a.embodied_carbon, need, Check::non_negative);
  if (m.fraction("matrix_clock", a.matrix_clock) && a.matrix_clock <= 0)
    m.error("matrix_clock", "must be above 0");
  if (a.idle_power > a.tdp) m.error("idle_power", "must not exceed tdp");
}

void decode_system(MapView& m, hardware::System& s, Need need, const Catalog& catalog) {
  m.name("name", s.name, need);
  const YAML::Node acc = m.get("accelerator");
  if (acc.IsDefined()) {
    resolve_accelerator(m.context(), acc, m.path_of("accelerator"), catalog, s.accelerator);
  } else if (need == Need::required) {
    m.error("accelerator", "missing required key \"accelerator\"");
  }
  m.integer("accelerators_per_system", s.accelerators_per_system, need, Check::positive);
  m.integer("scale_up_domain", s.scale_up_domain, need, Check::positive);
  m.quantity("power_full", s.power_full, need, Check::positive);
  m.quantity("power_idle", s.power_idle, need, Check::positive);
  m.integer("systems_per_rack", s.systems_per_rack, need, Check::positive);
  m.fraction("liquid_cooled_fraction", s.liquid_cooled_fraction, need);
  m.quantity("price", s.price, need, Check::non_negative);
  m.quantity("embodied_carbon", s.embodied_carbon, need, Check::non_negative);
  if (s.power_idle > s.power_full) m.error("power_idle", "must not exceed power_full");
}

void decode_location(MapView& m, climate::Location& l, Need need) {
  m.name("name", l.name, need);
  m.string("country", l.country, need);
  if (m.number("latitude", l.latitude, need) && (l.latitude < -90 || l.latitude > 90)) {
    m.error("latitude", "must lie between -90 and 90 degrees");
  }
  if (m.number("longitude", l.longitude, need) && (l.longitude < -180 || l.longitude > 180)) {
    m.error("longitude", "must lie between -180 and 180 degrees");
  }
  if (m.quantity("elevation", l.elevation, need) &&
      (l.elevation.value() < climate::kLowestElevationM ||
       l.elevation.value() > climate::kHighestElevationM)) {
    m.error("elevation", fmt::format("must lie between {} m and {} m (the standard atmosphere)",
                                     climate::kLowestElevationM, climate::kHighestElevationM));
  }
  const YAML::Node climate = m.get("climate");
  if (climate.IsDefined()) {
    MapView c(m.context(), climate, m.path_of("climate"));
    c.monthly("dry_bulb_mean_c", l.climate.dry_bulb_mean_c, need);
    c.monthly("diurnal_range_k", l.climate.diurnal_range_k, need, Check::non_negative);
    if (c.monthly("relative_humidity_pct", l.climate.relative_humidity_pct, need,
                  Check::positive)) {
      for (double rh : l.climate.relative_humidity_pct) {
        if (rh > 100.0) {
          c.error("relative_humidity_pct", "values must not exceed 100 %");
          break;
        }
      }
    }
    c.finish();
  } else if (need == Need::required) {
    m.error("climate", "missing required key \"climate\"");
  }
  decode_block(m, "variability", Need::optional, [&](MapView& v) {
    std::array<double, 12> values{};
    if (v.monthly("daily_sd_k", values, Need::optional, Check::non_negative))
      l.variability.daily_sd_k = values;
    if (v.monthly("dew_point_slope", values, Need::optional, Check::non_negative))
      l.variability.dew_point_slope = values;
  });
}

void decode_grid(MapView& m, Grid& g, Need need) {
  m.name("name", g.name, need);
  m.quantity("carbon_intensity", g.carbon_intensity, need, Check::non_negative);
  m.quantity("price", g.price, need, Check::non_negative);
  m.fraction("wind_capacity_factor", g.wind_capacity_factor, need);
  m.fraction("solar_capacity_factor", g.solar_capacity_factor, need);
  m.quantity("residual_mix", g.residual_mix, need, Check::non_negative);
  decode_block(m, "hourly", Need::optional, [&](MapView& h) {
    h.string("price_zone", g.price_zone);
    h.string("carbon_zone", g.carbon_zone);
    h.integer("utc_offset_h", g.utc_offset_h, Need::required);
  });
}

void check_sources(MapView& entry,
                   std::initializer_list<std::initializer_list<std::string_view>> fields);

// An entry of data/tariffs.yaml: every figure required, with its source; a reduced regime
// optional.
void decode_tariff(MapView& m, econ::Tariff& t) {
  m.integer("year", t.year, Need::required, Check::positive);
  std::string text;
  m.string("voltage", text);
  m.string("notes", text);
  decode_block(m, "network", Need::required, [&](MapView& n) {
    n.quantity("capacity", t.network_capacity, Need::required, Check::non_negative);
    n.quantity("energy", t.network_energy, Need::required, Check::non_negative);
  });
  decode_block(m, "taxes", Need::required, [&](MapView& x) {
    x.quantity("energy", t.tax, Need::required, Check::non_negative);
    x.quantity("levies", t.levies, Need::required, Check::non_negative);
  });
  t.has_reduced = decode_block(m, "reduced", Need::optional, [&](MapView& r) {
    t.reduced_name = "reduced regime";
    r.string("name", t.reduced_name);
    r.string("condition", text);
    r.quantity("taxes_energy", t.reduced_tax, Need::required, Check::non_negative);
    r.fraction("network_discount", t.reduced_network_discount);
  });
  check_sources(m, {{"network.capacity", "network"},
                    {"network.energy", "network"},
                    {"taxes.energy", "taxes"},
                    {"taxes.levies", "taxes"}});
  if (t.has_reduced) check_sources(m, {{"reduced"}});
}

void check_sources(MapView& entry,
                   std::initializer_list<std::initializer_list<std::string_view>> fields) {
  const YAML::Node node = entry.get("sources");
  if (!node.IsDefined()) {
    entry.error("sources",
                "missing required key \"sources\": every number in data/ carries its source");
    return;
  }
  MapView sources(entry.context(), node, entry.path_of("sources"));
  if (!sources.valid()) return;
  for (const auto& alternatives : fields) {
    bool found = false;
    for (const auto key : alternatives) found = found || sources.has(key);
    if (!found)
      entry.error("sources", fmt::format("no source given for \"{}\"", *alternatives.begin()));
  }
  // Any other keys name further cited fields (e.g. "name"): allowed, not checked.
}

Catalog Catalog::load(const fs::path& dir) {
  Catalog c;
  Context ctx("");
  load_catalog_entries(ctx, dir, "accelerators.yaml", "accelerators", "id", c.accelerators,
                       [](MapView& m, hardware::Accelerator& a) {
                         a.id = m.node()["id"].IsScalar() ? m.node()["id"].Scalar() : "";
                         decode_accelerator(m, a, Need::required);
                         check_sources(m, {{"bf16_dense"},
                                           {"fp8_dense"},
                                           {"hbm_capacity"},
                                           {"hbm_bandwidth"},
                                           {"tdp"},
                                           {"idle_power"},
                                           {"scale_up_bandwidth"},
                                           {"host_bandwidth"},
                                           {"embodied_carbon"}});
                         if (a.has_fp4()) check_sources(m, {{"fp4_dense"}});
                         if (m.node()["matrix_clock"].IsDefined())
                           check_sources(m, {{"matrix_clock"}});
                       });
  load_catalog_entries(ctx, dir, "systems.yaml", "systems", "id", c.systems,
                       [&c](MapView& m, hardware::System& s) {
                         s.id = m.node()["id"].IsScalar() ? m.node()["id"].Scalar() : "";
                         decode_system(m, s, Need::required, c);
                         check_sources(m, {{"accelerators_per_system"},
                                           {"scale_up_domain"},
                                           {"power_full"},
                                           {"power_idle"},
                                           {"systems_per_rack"},
                                           {"liquid_cooled_fraction"},
                                           {"price"},
                                           {"embodied_carbon"}});
                       });
  load_catalog_entries(ctx, dir, "locations.yaml", "locations", "id", c.locations,
                       [](MapView& m, climate::Location& l) {
                         l.id = m.node()["id"].IsScalar() ? m.node()["id"].Scalar() : "";
                         decode_location(m, l, Need::required);
                         check_sources(m, {{"latitude", "coordinates"},
                                           {"longitude", "coordinates"},
                                           {"elevation"},
                                           {"climate"}});
                         if (l.variability.daily_sd_k || l.variability.dew_point_slope)
                           check_sources(m, {{"variability"}});
                       });
  load_perf_catalogs(ctx, dir, c);
  load_workload_catalog(ctx, dir, c);
  load_catalog_entries(
      ctx, dir, "grids.yaml", "grids", "country", c.grids, [](MapView& m, Grid& g) {
        g.country = m.node()["country"].IsScalar() ? m.node()["country"].Scalar() : "";
        decode_grid(m, g, Need::required);
        check_sources(m, {{"carbon_intensity"},
                          {"price"},
                          {"wind_capacity_factor"},
                          {"solar_capacity_factor"},
                          {"residual_mix"}});
      });
  load_catalog_entries(
      ctx, dir, "water.yaml", "water", "country", c.water, [](MapView& m, WaterScarcity& w) {
        w.country = m.node()["country"].IsScalar() ? m.node()["country"].Scalar() : "";
        m.get("country");
        m.string("name", w.name, Need::required);
        if (m.number("aware_factor", w.aware_factor, Need::required, Check::positive))
          m.at_most("aware_factor", w.aware_factor, 100, "100", "AWARE factors are capped at 100");
        m.string("aqueduct_baseline_water_stress", w.aqueduct_baseline_water_stress,
                 Need::required);
        check_sources(m, {{"aware_factor"}, {"aqueduct_baseline_water_stress"}});
      });
  load_catalog_entries(
      ctx, dir, "tariffs.yaml", "tariffs", "country", c.tariffs, [](MapView& m, econ::Tariff& t) {
        t.country = m.node()["country"].IsScalar() ? m.node()["country"].Scalar() : "";
        decode_tariff(m, t);
      });
  load_economics_catalog(ctx, dir, c);
  load_defaults_catalog(ctx, dir, c.defaults);
  c.grid_series = std::make_shared<GridSeries>(dir);
  ctx.throw_if_errors();
  return c;
}

perf::Platform Catalog::platform_of(const hardware::System& system) const {
  perf::Platform p;
  p.system = system;
  const std::string& generation = system.accelerator.generation;
  if (const auto e = efficiencies.find(generation); e != efficiencies.end())
    p.efficiency = e->second;
  if (const auto f = default_fabrics.find(generation); f != default_fabrics.end())
    p.fabric = fabrics.at(f->second);
  return p;
}

bool resolve_accelerator(Context& ctx, const YAML::Node& node, const std::string& path,
                         const Catalog& catalog, hardware::Accelerator& out) {
  return resolve_reference(
      ctx, node, path, catalog.accelerators, "accelerator", out,
      [](MapView& m, hardware::Accelerator& a) { decode_accelerator(m, a, Need::optional); });
}

bool resolve_system(Context& ctx, const YAML::Node& node, const std::string& path,
                    const Catalog& catalog, hardware::System& out) {
  return resolve_reference(ctx, node, path, catalog.systems, "system", out,
                           [&catalog](MapView& m, hardware::System& s) {
                             decode_system(m, s, Need::optional, catalog);
                           });
}

bool resolve_location(Context& ctx, const YAML::Node& node, const std::string& path,
                      const Catalog& catalog, climate::Location& out) {
  return resolve_reference(
      ctx, node, path, catalog.locations, "location", out,
      [](MapView& m, climate::Location& l) { decode_location(m, l, Need::optional); });
}

}  // namespace gigasim::io
