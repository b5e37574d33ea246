#include "gigasim/io/scenario/scenario_loader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>
#include <set>
#include <sstream>

#include "gigasim/io/formats/epw.hpp"
#include "gigasim/io/formats/files.hpp"
#include "gigasim/io/scenario/scenario_decoders.hpp"
#include "gigasim/io/yaml/overrides.hpp"

namespace gigasim::io {
namespace fs = std::filesystem;

bool parse_date(const std::string& text, std::chrono::sys_days& out) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) return false;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  // The calendar (core/calendar) is exact between 1900 and 2200; a plan outside is a typo.
  if (!ymd.ok() || y < 1900 || y > 2200) return false;
  out = std::chrono::sys_days{ymd};
  return true;
}

namespace {

void decode_weather(MapView& site, const fs::path& base_dir, scenario::SiteSpec& spec) {
  const YAML::Node node = site.get("weather");
  if (!node.IsDefined()) return;
  if (node.IsScalar() && node.Scalar() == "synthetic") return;
  MapView m(site.context(), node, site.path_of("weather"));
  if (!m.valid()) return;
  std::string epw;
  if (m.string("epw", epw)) {
    try {
      const fs::path file = resolve_input(base_dir, epw, m.context().input_root());
      std::ifstream in = open_input_file(file, "EPW weather");
      spec.weather = parse_epw(in, file.string()).weather;
    } catch (const core::InputError& e) {
      for (const auto& d : e.diagnostics()) {
        m.context().error(m.path_of("epw"),
                          d.location.known() ? d.location : m.context().where(m.get("epw")),
                          d.message);
      }
    }
  }
  decode_block(m, "synthetic", Need::optional,
               [&](MapView& s) { decode_synthetic_weather(s, spec.synthetic, Need::optional); });
  if (m.has("synthetic") && !epw.empty())
    m.error("synthetic", "give either `epw` or `synthetic`, not both");
  m.finish();
}

// The water's scarcity: the site's own AWARE factor, else its country's (data/water.yaml);
// reclaimed and sea water take nothing from fresh-water basins.
void decode_water_scarcity(MapView& site, const Catalog& catalog, scenario::SiteSpec& spec) {
  std::string source = "fresh";
  if (site.string("water_source", source) && source != "fresh" && source != "reclaimed" &&
      source != "seawater") {
    site.error(
        "water_source",
        fmt::format("unknown water source \"{}\"; known: fresh, reclaimed, seawater", source));
  }
  const bool given = site.number("water_scarcity_factor", spec.water_scarcity_factor,
                                 Need::optional, Check::non_negative);
  if (given)
    site.at_most("water_scarcity_factor", spec.water_scarcity_factor, 100, "100",
                 "AWARE factors are capped at 100");
  if (!given) {
    const auto country = catalog.water.find(spec.location.country);
    if (country != catalog.water.end()) {
      spec.water_scarcity_factor = country->second.aware_factor;
    } else if (!spec.location.country.empty()) {
      site.error("location", fmt::format("data/water.yaml has no water scarcity for country {}; "
                                         "give the site's `water_scarcity_factor`",
                                         spec.location.country));
    }
  }
  if (source != "fresh") spec.water_scarcity_factor = 0.0;
}

void decode_fleet(MapView& site, const Catalog& catalog, scenario::SiteSpec& spec) {
  const YAML::Node list = site.get("fleet");
  if (!list.IsDefined()) {
    site.error("fleet", "missing required key \"fleet\": a list of systems with their count");
    return;
  }
  if (!list.IsSequence() || list.size() == 0) {
    site.error("fleet", "expected a non-empty list of systems");
    return;
  }
  int autos = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapView m(site.context(), list[i], index_path(site.path_of("fleet"), i));
    if (!m.valid()) continue;
    scenario::FleetEntry entry;
    entry.id = m.path();
    const YAML::Node system = m.get("system");
    if (!system.IsDefined()) {
      m.error("system", "missing required key \"system\"");
    } else if (resolve_system(m.context(), system, m.path_of("system"), catalog, entry.system)) {
      // The performance constants of its generation, for the jobs that run on it.
      const perf::Platform p = catalog.platform_of(entry.system);
      entry.efficiency = p.efficiency;
      entry.fabric = p.fabric;
    }
    const YAML::Node count = m.get("count");
    if (count.IsScalar() && count.Scalar() == "auto") {
      ++autos;
      if (autos > 1) m.error("count", "only one fleet entry per site may be `auto`");
    } else {
      std::int64_t n = 0;
      // Ten million systems is a hundred times the EU call's 3 million GPUs in 72-GPU racks;
      // the bound keeps count × accelerators per system far inside 64 bits.
      if (m.integer("count", n, Need::required, Check::non_negative) &&
          m.at_most("count", static_cast<double>(n), 1e7, "10,000,000 systems",
                    "far above any campus"))
        entry.count = n;
    }
    m.finish();
    spec.fleet.push_back(std::move(entry));
  }
}

void decode_utilization(MapView& site, scenario::UtilizationProfile& u) {
  const YAML::Node node = site.get("utilization");
  if (!node.IsDefined()) return;
  if (node.IsScalar()) {
    site.fraction("utilization", u.mean);
    return;
  }
  MapView m(site.context(), node, site.path_of("utilization"));
  m.fraction("mean", u.mean, Need::required);
  m.fraction("daily_amplitude", u.daily_amplitude);
  if (m.number("peak_hour", u.peak_hour) && (u.peak_hour < 0 || u.peak_hour >= 24)) {
    m.error("peak_hour", "must lie in [0, 24)");
  }
  m.finish();
}

// site.tariff: the country's network tariff and taxes of data/tariffs.yaml under its standard
// or reduced regime, or `none` (the generic grid fees of economics.operations). A country
// without an entry pays the generic fees.
void decode_tariff_choice(MapView& m, const Catalog& catalog, scenario::SiteSpec& spec) {
  std::string choice = "standard";
  m.string("tariff", choice);
  if (choice != "standard" && choice != "reduced" && choice != "none") {
    m.error("tariff", fmt::format("unknown tariff \"{}\"; known: standard, reduced, none", choice));
    return;
  }
  const auto it = catalog.tariffs.find(spec.location.country);
  if (choice == "none" || it == catalog.tariffs.end()) {
    if (choice == "reduced")
      m.error("tariff",
              fmt::format("data/tariffs.yaml has no tariff for {}", spec.location.country));
    return;
  }
  if (choice == "reduced" && !it->second.has_reduced) {
    m.error("tariff",
            fmt::format("{} has no reduced regime in data/tariffs.yaml", spec.location.country));
    return;
  }
  spec.tariff = econ::apply(it->second, choice == "reduced");
}

// site.economics: the scenario's economics with this site's overrides (a country's own
// prices, cost of capital or asset lifetimes).
void decode_site_economics(MapView& m, const scenario::Scenario& scenario,
                           scenario::SiteSpec& spec) {
  const YAML::Node node = m.get("economics");
  if (!node.IsDefined()) return;
  MapView e(m.context(), node, m.path_of("economics"));
  if (!e.valid()) return;
  spec.economics = scenario.economics;
  spec.carbon = scenario.carbon;
  std::vector<std::string> cited;
  decode_economics(e, *spec.economics, *spec.carbon, Need::optional, cited);
  e.finish();
}

scenario::SiteSpec decode_site(MapView& m, const Catalog& catalog, const fs::path& base_dir,
                               const scenario::Scenario& scenario) {
  const int grid_data_year = scenario.grid_data_year;
  // The catalog's defaults (data/defaults.yaml), then the site's keys over them.
  scenario::SiteSpec spec = catalog.defaults.site;
  spec.id = m.path();
  m.name("name", spec.name, Need::required);
  const YAML::Node location = m.get("location");
  if (!location.IsDefined()) {
    m.error("location", "missing required key \"location\": an id of data/locations.yaml");
  } else {
    resolve_location(m.context(), location, m.path_of("location"), catalog, spec.location);
  }
  decode_weather(m, base_dir, spec);
  // 100 GW: four times the largest power plant on Earth (Three Gorges, 22.5 GW).
  if (m.quantity("grid_connection", spec.grid_connection, Need::required, Check::positive))
    m.at_most("grid_connection", spec.grid_connection.value(), 100e9, "100 GW",
              "four times the largest power plant");
  spec.power_envelope = spec.grid_connection;
  if (m.quantity("power_envelope", spec.power_envelope, Need::optional, Check::positive))
    m.at_most("power_envelope", spec.power_envelope.value(), 100e9, "100 GW",
              "four times the largest power plant");
  decode_fleet(m, catalog, spec);
  decode_site_parameters(m, spec, Need::optional);
  decode_utilization(m, spec.utilization);
  const double liquid_share = decode_facility(m, spec.facility, catalog.defaults, base_dir);
  if (liquid_share >= 0.0) spec.liquid_share = liquid_share;
  decode_water_scarcity(m, catalog, spec);
  decode_supply(m, spec.location.country, catalog, base_dir, grid_data_year, spec.supply);
  decode_tariff_choice(m, catalog, spec);
  decode_site_economics(m, scenario, spec);
  decode_demand_response(m, base_dir, spec);
  decode_power_swings(m, spec);
  decode_reliability(m, catalog, spec);
  decode_workload(m, catalog, base_dir, spec);
  if (spec.reliability && !spec.workload) {
    m.error("reliability", "failures interrupt jobs: reliability needs a `workload`");
  }
  m.finish();
  return spec;
}

}  // namespace

ScenarioFile load_scenario_text(const std::string& text, const std::string& file,
                                const fs::path& base_dir, const Catalog& catalog,
                                const fs::path& input_root,
                                const std::vector<std::string>& overrides) {
  ScenarioFile out;
  Context ctx(file);
  ctx.set_input_root(input_root);
  ctx.record_places(out.places);
  YAML::Node root = parse_yaml(text, file);
  apply_overrides(root, overrides, ctx);
  MapView top(ctx, root, "");
  scenario::Scenario& s = out.scenario;
  if (!top.valid()) ctx.throw_if_errors();
  top.name("name", s.name, Need::required);
  top.string("description", s.description);
  std::string start;
  if (top.string("start", start) && !parse_date(start, s.start)) {
    top.error(
        "start",
        fmt::format(
            "expected a date between 1900-01-01 and 2200-12-31 like \"2025-01-01\", got \"{}\"",
            start));
  }
  top.quantity("horizon", s.horizon, Need::optional, Check::positive);
  if (s.horizon > core::Duration::days(365 * 50)) top.error("horizon", "must not exceed 50 years");
  top.quantity("tick", s.tick, Need::optional, Check::positive);
  if (s.tick < core::Duration::minutes(1) || s.tick > core::Duration::days(1)) {
    top.error("tick", "must lie between 1 min and 1 day");
  }
  std::int64_t seed = static_cast<std::int64_t>(s.seed);
  if (top.integer("seed", seed, Need::optional, Check::non_negative))
    s.seed = static_cast<std::uint64_t>(seed);
  if (top.integer("grid_data_year", s.grid_data_year) &&
      !catalog.grid_series->has_prices(s.grid_data_year)) {
    top.error("grid_data_year",
              fmt::format("no measured grid prices for {} in data/electricity (years: {})",
                          s.grid_data_year, fmt::join(catalog.grid_series->price_years(), ", ")));
    s.grid_data_year = 0;
  }

  s.economics = catalog.economics;
  s.carbon = catalog.carbon;
  const YAML::Node economics = top.get("economics");
  if (economics.IsDefined()) {
    MapView m(ctx, economics, "economics");
    std::vector<std::string> cited;
    if (m.valid()) {
      decode_economics(m, s.economics, s.carbon, Need::optional, cited);
      m.finish();
    }
  }
  const YAML::Node sites = top.get("sites");
  if (!sites.IsDefined()) {
    top.error("sites", "missing required key \"sites\": a list of sites");
  } else if (!sites.IsSequence() || sites.size() == 0) {
    top.error("sites", "expected a non-empty list of sites");
  } else {
    std::set<std::string> names;
    for (std::size_t i = 0; i < sites.size(); ++i) {
      MapView m(ctx, sites[i], index_path("sites", i));
      if (!m.valid()) continue;
      scenario::SiteSpec site = decode_site(m, catalog, base_dir, s);
      if (site.name == "total") {
        m.error("name", "\"total\" is reserved for the sum over sites");
      } else if (!site.name.empty() && !names.insert(site.name).second) {
        m.error("name", fmt::format("duplicate site name \"{}\"", site.name));
      }
      s.sites.push_back(std::move(site));
    }
  }
  decode_federation(top, s);
  top.finish();
  ctx.throw_if_errors();
  return out;
}

ScenarioFile load_scenario(const fs::path& file, const Catalog& catalog, const fs::path& input_root,
                           const std::vector<std::string>& overrides) {
  const std::string text = read_input_file(file, "scenario");
  return load_scenario_text(text, file.string(), file.parent_path(), catalog, input_root,
                            overrides);
}

}  // namespace gigasim::io
