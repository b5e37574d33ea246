// data/defaults.yaml and the decoders it shares with the scenario keys that override its
// values (io/scenario/*_decoder.cpp call them with Need::optional).
#include "gigasim/io/catalog/defaults.hpp"

#include <set>
#include <utility>
#include <vector>

#include "gigasim/io/catalog/serve_keys.hpp"
#include "gigasim/io/formats/files.hpp"
#include "gigasim/workload/inference.hpp"

namespace gigasim::io {
namespace fs = std::filesystem;
namespace {

// Whether a decoder may check relations between its values: always over a scenario's
// values (they start from complete defaults), in data/defaults.yaml only when every value
// it read was valid (a missing one would otherwise raise a second, spurious error).
bool complete(const MapView& m, Need need, std::size_t errors_before) {
  return need == Need::optional || m.context().error_count() == errors_before;
}

void decode_loss_stage(MapView& m, facility::LossStage& stage, Need need) {
  m.fraction("no_load", stage.no_load, need);
  m.fraction("proportional", stage.proportional, need);
  m.fraction("square", stage.square, need);
  // Redundancy (optional everywhere: N unless given): the installed capacity it implies.
  std::string redundancy;
  int units = 0;
  const bool counted = m.integer("units", units, Need::optional, Check::positive);
  if (!m.string("redundancy", redundancy)) {
    if (counted) m.error("units", "`units` counts the modules of an N+1 or DR `redundancy`");
    return;
  }
  if (redundancy == "N") {
    stage.installed = 1.0;
  } else if (redundancy == "2N") {
    stage.installed = 2.0;
  } else if (redundancy == "N+1") {
    const int n = counted ? units : 4;  // modules carrying the load, one more installed
    stage.installed = (n + 1.0) / n;
  } else if (redundancy == "DR") {
    const int s = counted ? units : 3;  // systems, the load of s − 1 on them
    if (s < 2) {
      m.error("units", "distributed redundancy needs at least 2 systems");
      return;
    }
    stage.installed = s / (s - 1.0);
  } else {
    m.error("redundancy",
            fmt::format("unknown redundancy \"{}\"; known: N, N+1, 2N, DR", redundancy));
    return;
  }
  if (counted && redundancy != "N+1" && redundancy != "DR")
    m.error("units", "`units` counts the modules of an N+1 or DR `redundancy`");
}

std::string known_components() {
  std::string out;
  for (const auto& c : reliability::component_classes())
    out += (out.empty() ? "" : ", ") + std::string(reliability::to_string(c.component));
  return out;
}

// The daily shape of an inference service: 24 fractions, or the cosine
// {mean, amplitude, peak_hour}.
void decode_daily_shape(MapView& m, std::array<double, 24>& shape, Need need) {
  const YAML::Node node = m.get("daily_shape");
  if (!node.IsDefined()) {
    if (need == Need::required) m.error("daily_shape", "missing required key \"daily_shape\"");
    return;
  }
  if (node.IsMap()) {
    MapView c(m.context(), node, m.path_of("daily_shape"));
    double mean = 0, amplitude = 0, peak_hour = 0;
    const bool has_mean = c.fraction("mean", mean, Need::required);
    const bool has_amplitude = c.fraction("amplitude", amplitude, Need::required);
    const bool has_peak = c.number("peak_hour", peak_hour, Need::required);
    if (has_peak && (peak_hour < 0 || peak_hour >= 24)) {
      c.error("peak_hour", "must lie in [0, 24)");
    } else if (has_mean && has_amplitude && (mean - amplitude < 0 || mean + amplitude > 1)) {
      c.error("amplitude", "mean − amplitude and mean + amplitude must lie between 0 and 1");
    } else if (has_mean && has_amplitude && has_peak) {
      shape = workload::cosine_daily_shape(mean, amplitude, peak_hour);
    }
    c.finish();
    return;
  }
  if (!node.IsSequence() || node.size() != 24) {
    m.error("daily_shape",
            "expected 24 numbers: the share of the peak demand in each hour of the day (or a "
            "mapping {mean, amplitude, peak_hour})");
    return;
  }
  for (std::size_t h = 0; h < 24; ++h) {
    try {
      shape[h] = core::parse_fraction(node[h].IsScalar() ? node[h].Scalar() : "?");
      if (shape[h] < 0 || shape[h] > 1) {
        throw core::UnitParseError("must lie between 0 and 1 of the peak");
      }
    } catch (const core::UnitParseError& e) {
      m.context().error(index_path(m.path_of("daily_shape"), h), node[h], e.what());
    }
  }
}

// Every value of a section of data/defaults.yaml, as its dotted path within the section.
void collect_values(const YAML::Node& node, const std::string& path,
                    std::vector<std::pair<std::string, YAML::Node>>& out) {
  if (!node.IsMap()) {
    out.emplace_back(path, node);  // a number, a word or a list: one value
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (it->first.IsScalar()) collect_values(it->second, child_path(path, it->first.Scalar()), out);
  }
}

// `sources` of a section: a citation for every value, keyed by its dotted path or by the
// path of a mapping that holds it (one source for a whole table); every key names a value
// or a mapping of the section (checked when the values were read without error: a value
// reported missing would otherwise leave its source reported as well).
void check_cited(MapView& section, bool values_valid) {
  const YAML::Node sources = section.get("sources");
  if (!sources.IsDefined()) {
    section.error("sources",
                  "missing required key \"sources\": every number in data/ carries its source");
    return;
  }
  Context& ctx = section.context();
  const std::string sources_path = section.path_of("sources");
  if (!sources.IsMap()) {
    ctx.error(sources_path, sources, "expected a mapping of values to their sources");
    return;
  }
  std::vector<std::pair<std::string, YAML::Node>> values;
  for (auto it = section.node().begin(); it != section.node().end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() != "sources")
      collect_values(it->second, it->first.Scalar(), values);
  }
  const auto holds = [](const std::string& outer, const std::string& path) {
    return path == outer ||
           (path.size() > outer.size() && path.compare(0, outer.size(), outer) == 0 &&
            path[outer.size()] == '.');
  };
  std::set<std::string, std::less<>> cited;
  for (auto it = sources.begin(); it != sources.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : "?";
    if (!it->second.IsScalar() || it->second.Scalar().empty()) {
      ctx.error(child_path(sources_path, key), it->second, "expected the source as text");
    }
    bool names = false;
    for (const auto& [path, node] : values) names = names || holds(key, path);
    if (!names && values_valid) {
      ctx.error(child_path(sources_path, key), it->first,
                fmt::format("\"{}\" names no value of `{}`", key, section.path()));
    }
    cited.insert(key);
  }
  for (const auto& [path, node] : values) {
    bool found = false;
    for (std::size_t end = path.size(); !found && end != std::string::npos;
         end = end == 0 ? std::string::npos : path.rfind('.', end - 1)) {
      found = cited.count(std::string_view(path).substr(0, end)) != 0;
    }
    if (!found) {
      ctx.error(
          sources_path, node,
          fmt::format("no source given for \"{}\" (cite it, or a mapping that holds it)", path));
    }
  }
}

// A section of data/defaults.yaml: its values decoded, then their sources checked.
template <class Decode>
void section(MapView& top, std::string_view key, Decode&& decode) {
  decode_block(top, key, Need::required, [&](MapView& m) {
    const std::size_t errors = m.context().error_count();
    decode(m);
    check_cited(m, m.context().error_count() == errors);
  });
}

}  // namespace

void decode_power_chain(MapView& chain, facility::PowerChainSpec& spec, Need need) {
  decode_block(chain, "transformer", need,
               [&](MapView& m) { decode_loss_stage(m, spec.transformer, need); });
  decode_block(chain, "ups", need, [&](MapView& m) { decode_loss_stage(m, spec.ups, need); });
  decode_block(chain, "distribution", need,
               [&](MapView& m) { decode_loss_stage(m, spec.distribution, need); });
}

void decode_air_economiser(MapView& m, facility::AirEconomiserSpec& e, Need need) {
  const std::size_t errors = m.context().error_count();
  m.boolean("enabled", e.enabled, need);
  m.quantity("supply_air", e.supply_air, need);
  m.quantity("return_air", e.return_air, need);
  m.quantity("max_dew_point", e.max_dew_point, need);
  m.quantity("min_dew_point", e.min_dew_point, need);
  m.fraction("max_relative_humidity", e.max_relative_humidity, need);
  if (!complete(m, need, errors)) return;
  if (e.return_air <= e.supply_air) m.error("return_air", "must be above supply_air");
  if (e.max_dew_point <= e.min_dew_point) m.error("max_dew_point", "must be above min_dew_point");
  if (e.max_relative_humidity <= 0.0) m.error("max_relative_humidity", "must be above 0");
}

void decode_thermal_chiller(MapView& m, facility::ThermalChillerSpec& t, Need need) {
  t.enabled = true;
  m.boolean("enabled", t.enabled, need);
  if (m.number("cop", t.cop, need, Check::positive))
    m.at_most("cop", t.cop, 1.5, "1.5", "double-effect absorption chillers reach about 1.2");
  m.quantity("min_driving_temp", t.min_driving_temp, need);
  if (m.number("capacity", t.capacity, need, Check::non_negative))
    m.at_most("capacity", t.capacity, 10, "10", "a share of the air loop's design heat");
}

void decode_cooling_loop(MapView& m, facility::CoolingLoopSpec& loop, Need need) {
  const std::size_t errors = m.context().error_count();
  m.quantity("supply_temp", loop.supply, need);
  m.quantity("return_temp", loop.return_temp, need);
  m.fraction("distribution", loop.distribution_fraction, need);
  if (m.fraction("min_speed", loop.min_speed) && loop.min_speed <= 0)
    m.error("min_speed", "must be above 0 (absent: power in proportion to the heat moved)");
  auto& r = loop.rejection;
  m.boolean("dry_cooler", r.dry_cooler, need);
  m.quantity("dry_approach", r.dry_approach, need, Check::non_negative);
  m.boolean("evaporative", r.evaporative, need);
  m.quantity("evaporative_approach", r.evaporative_approach, need, Check::non_negative);
  m.boolean("chiller", r.chiller, need);
  m.fraction("chiller_carnot_fraction", r.chiller_carnot_fraction, need);
  if (m.quantity("condenser_approach", r.condenser_approach, need, Check::non_negative))
    m.at_most("condenser_approach", r.condenser_approach.value(), 40, "40 K",
              "air-cooled condensers are designed for about 15 K above the air");
  if (m.number("chiller_cop_max", r.chiller_cop_max, need, Check::positive))
    m.at_most("chiller_cop_max", r.chiller_cop_max, 30, "30",
              "the best water-cooled chillers reach about 10");
  m.fraction("dry_fan", r.dry_fan_fraction, need);
  m.fraction("tower_fan", r.tower_fan_fraction, need);
  if (m.number("cycles_of_concentration", r.cycles_of_concentration, need, Check::positive) &&
      r.cycles_of_concentration < 1.5) {
    m.error("cycles_of_concentration", "must be at least 1.5 (towers run at 2 to 6)");
  }
  if (m.number("dry_capacity", r.dry_capacity, need, Check::non_negative))
    m.at_most("dry_capacity", r.dry_capacity, 10, "10", "a share of the loop's design heat");
  if (m.number("tower_capacity", r.tower_capacity, need, Check::non_negative))
    m.at_most("tower_capacity", r.tower_capacity, 10, "10", "a share of the loop's design heat");
  m.boolean("adiabatic", r.adiabatic, need);
  m.fraction("adiabatic_effectiveness", r.adiabatic_effectiveness, need);
  m.quantity("adiabatic_above", r.adiabatic_above, need);
  m.integer("chiller_units", r.chiller_units, need, Check::non_negative);
  if (m.number("chiller_unit_capacity", r.chiller_unit_capacity, need, Check::positive))
    m.at_most("chiller_unit_capacity", r.chiller_unit_capacity, 10, "10",
              "a share of the loop's design heat");
  if (m.fraction("chiller_no_load", r.chiller_no_load, need) && r.chiller_no_load >= 1.0)
    m.error("chiller_no_load", "must be below 1 (the share of full-load power at no load)");
  m.fraction("chiller_min_part_load", r.chiller_min_part_load, need);
  if (!complete(m, need, errors)) return;
  // A loop carries water (or air) between freezing and boiling: ASHRAE TC 9.9 (2021) classes
  // span 2 °C chilled water to W45+ (above 45 °C); the cooling physics assume a liquid.
  for (const auto& [key, t] :
       {std::pair{"supply_temp", loop.supply}, std::pair{"return_temp", loop.return_temp}}) {
    if (t.in_celsius() < 0.0 || t.in_celsius() > 90.0)
      m.error(key,
              fmt::format("must lie between 0 °C and 90 °C (a water or air loop), got {:.1f} °C",
                          t.in_celsius()));
  }
  if (loop.return_temp <= loop.supply) m.error("return_temp", "must be above supply_temp");
  if (r.chiller && r.chiller_carnot_fraction <= 0.0)
    m.error("chiller_carnot_fraction", "must be positive");
  if (!r.dry_cooler && !r.evaporative && !r.chiller) {
    m.error("chiller", "the loop needs at least one of dry_cooler, evaporative or chiller");
  }
}

void decode_heat_reuse_model(MapView& m, facility::HeatReuseSpec& h, Need need) {
  const std::size_t errors = m.context().error_count();
  if (m.quantity("network_supply_temp", h.network_supply, need) &&
      (h.network_supply.in_celsius() < 0.0 || h.network_supply.in_celsius() > 150.0))
    m.error("network_supply_temp",
            "must lie between 0 °C and 150 °C (the hottest first-"
            "generation district heating networks run at about 120 °C)");
  m.quantity("design_outdoor_temp", h.design_outdoor, need);
  m.quantity("heating_threshold", h.heating_threshold, need);
  m.fraction("heat_pump_carnot_fraction", h.carnot_fraction, need);
  m.quantity("exchanger_approach", h.exchanger_approach, need, Check::non_negative);
  m.fraction("capture_efficiency", h.capture_efficiency, need);
  std::string text;
  if (m.string("source", text, need)) {
    if (text == "liquid")
      h.source = facility::HeatSource::liquid;
    else if (text == "air")
      h.source = facility::HeatSource::air;
    else if (text == "both")
      h.source = facility::HeatSource::both;
    else
      m.error("source", fmt::format("unknown source \"{}\"; known: liquid, air, both", text));
  }
  if (m.string("demand_temperature", text, need)) {
    if (text == "daily")
      h.demand_temperature = facility::DemandTemperature::daily;
    else if (text == "hourly")
      h.demand_temperature = facility::DemandTemperature::hourly;
    else
      m.error("demand_temperature",
              fmt::format("unknown demand temperature \"{}\"; known: daily, hourly", text));
  }
  if (m.string("heat_pumps", text, need)) {
    if (text == "site")
      h.heat_pumps = facility::HeatPumpBoundary::site;
    else if (text == "utility")
      h.heat_pumps = facility::HeatPumpBoundary::utility;
    else
      m.error("heat_pumps", fmt::format("unknown side \"{}\"; known: site, utility", text));
  }
  m.fraction("storage_loss_per_day", h.storage.loss_per_day, need);
  core::Temperature at_design;
  if (m.quantity("network_supply_temp_at_design", at_design, Need::optional)) {
    if (at_design.in_celsius() < 0.0 || at_design.in_celsius() > 150.0)
      m.error("network_supply_temp_at_design", "must lie between 0 °C and 150 °C");
    h.network_supply_at_design = at_design;
  }
  if (complete(m, need, errors) && h.heating_threshold <= h.design_outdoor)
    m.error("heating_threshold", "must be above design_outdoor_temp");
}

void decode_site_parameters(MapView& site, scenario::SiteSpec& spec, Need need) {
  site.fraction("network_overhead", spec.network_overhead, need);
  site.integer("pod_size", spec.pod_size, need, Check::positive);
  site.quantity("power_step_threshold", spec.power_step_threshold, need, Check::positive);
}

void decode_weather_variability(MapView& v, climate::VariabilityRule& rule, Need need) {
  core::TemperatureDelta sd = core::kelvins(rule.daily_sd_k);
  if (v.quantity("daily_sd", sd, need, Check::non_negative)) rule.daily_sd_k = sd.value();
  v.number("daily_sd_cold_slope", rule.daily_sd_cold_slope, need, Check::non_negative);
  core::Temperature cold = core::Temperature::celsius(rule.cold_below_c);
  if (v.quantity("cold_below", cold, need)) rule.cold_below_c = cold.in_celsius();
  v.number("cold_tail_stretch", rule.cold_tail_stretch, need, Check::non_negative);
  v.number("dew_point_slope_0c", rule.dew_point_slope_0c, need);
  v.number("dew_point_slope_per_k", rule.dew_point_slope_per_k, need);
  core::TemperatureDelta dew_sd = core::kelvins(rule.dew_point_sd_0c_k);
  if (v.quantity("dew_point_sd_0c", dew_sd, need, Check::non_negative))
    rule.dew_point_sd_0c_k = dew_sd.value();
  v.number("dew_point_sd_per_k", rule.dew_point_sd_per_k, need);
  v.number("range_slope_0c", rule.range_slope_0c, need);
  v.number("range_slope_per_k", rule.range_slope_per_k, need);
  v.number("range_dew_point_slope", rule.range_dew_point_slope, need);
  v.number("dew_point_cycle_0c", rule.dew_point_cycle_0c, need);
  v.number("dew_point_cycle_per_k", rule.dew_point_cycle_per_k, need);
}

void decode_synthetic_weather(MapView& s, climate::SyntheticWeatherOptions& options, Need need) {
  core::TemperatureDelta sd = core::kelvins(options.daily_anomaly_sd_k.value_or(0.0));
  if (s.quantity("daily_anomaly_sd", sd, Need::optional, Check::non_negative))
    options.daily_anomaly_sd_k = sd.value();
  s.fraction("daily_autocorrelation", options.daily_anomaly_autocorrelation, need);
  if (options.daily_anomaly_autocorrelation >= 1.0)
    s.error("daily_autocorrelation", "must be below 1");
  decode_block(s, "variability", need,
               [&](MapView& v) { decode_weather_variability(v, options.variability, need); });
}

void decode_nuclear_outages(MapView& r, energy::NuclearOutages& o, Need need) {
  const std::size_t errors = r.context().error_count();
  r.quantity("cycle_min", o.cycle_min, need, Check::positive);
  r.quantity("cycle_max", o.cycle_max, need, Check::positive);
  r.quantity("outage_min", o.outage_min, need, Check::non_negative);
  r.quantity("outage_max", o.outage_max, need, Check::non_negative);
  r.fraction("forced_outage_rate", o.forced_outage_rate, need);
  r.quantity("forced_outage_mean", o.forced_outage_mean, need, Check::positive);
  if (!complete(r, need, errors)) return;
  if (o.cycle_min > o.cycle_max) r.error("cycle_min", "must not exceed cycle_max");
  if (o.outage_min > o.outage_max) r.error("outage_min", "must not exceed outage_max");
  if (o.outage_max >= o.cycle_min) r.error("outage_max", "must be shorter than cycle_min");
  if (o.forced_outage_rate >= 1.0) r.error("forced_outage_rate", "must be below 100 %");
}

void decode_grid_shape(MapView& sh, energy::GridShape& s, Need need) {
  sh.fraction("price_seasonal", s.price_seasonal, need);
  sh.fraction("price_daily", s.price_daily, need);
  sh.fraction("carbon_seasonal", s.carbon_seasonal, need);
  sh.fraction("carbon_daily", s.carbon_daily, need);
  if (s.price_seasonal + s.price_daily > 1.0) {
    sh.error("price_seasonal",
             "price_seasonal + price_daily must not exceed 1 (prices would turn negative)");
  }
  if (s.carbon_seasonal + s.carbon_daily > 1.0) {
    sh.error("carbon_seasonal",
             "carbon_seasonal + carbon_daily must not exceed 1 (intensity would turn negative)");
  }
}

void decode_per_component(
    MapView& r, std::string_view key,
    std::array<reliability::ComponentSpec, reliability::kComponents>& components, Need need,
    const std::function<void(reliability::ComponentSpec&, const YAML::Node&, const std::string&)>&
        read) {
  const YAML::Node node = r.get(key);
  if (!node.IsDefined()) {
    if (need == Need::required && r.valid())
      r.error(key, fmt::format("missing required key \"{}\"", key));
    return;
  }
  if (!node.IsMap()) {
    r.error(key, "expected a mapping of component names, like {gpu: 1.5e-4, hbm: 8e-5}");
    return;
  }
  std::array<bool, reliability::kComponents> named{};
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string name = it->first.IsScalar() ? it->first.Scalar() : "?";
    reliability::Component c{};
    const std::string path = child_path(r.path_of(key), name);
    if (!reliability::component_from(name, c)) {
      r.context().error(
          path, it->first,
          fmt::format("unknown component \"{}\"; known: {}", name, known_components()));
      continue;
    }
    named[static_cast<std::size_t>(c)] = true;
    read(components[static_cast<std::size_t>(c)], it->second, path);
  }
  if (need != Need::required) return;
  for (std::size_t i = 0; i < reliability::kComponents; ++i) {
    if (!named[i]) {
      r.error(key, fmt::format("missing component \"{}\": every class needs a value",
                               reliability::to_string(components[i].component)));
    }
  }
}

void decode_repairs(MapView& r,
                    std::array<reliability::ComponentSpec, reliability::kComponents>& components,
                    Need need) {
  decode_per_component(
      r, "repair", components, need,
      [&](reliability::ComponentSpec& c, const YAML::Node& v, const std::string& path) {
        core::Duration d;
        if (read_quantity(r.context(), v, path, d)) {
          if (d.ms() < 0) {
            r.context().error(path, v, "must not be negative");
          } else if (d > core::Duration::days(365)) {
            // A repair longer than a year is a replacement: model it as fewer systems.
            r.context().error(path, v, "must not exceed 1 year (a part out longer is gone)");
          } else {
            c.repair = d;
          }
        }
      });
}

void decode_restart(MapView& r, scenario::ReliabilitySpec& spec, Need need) {
  if (r.quantity("restart", spec.restart, need, Check::non_negative))
    r.at_most("restart", static_cast<double>(spec.restart.ms()),
              static_cast<double>(core::Duration::days(1).ms()), "1 day",
              "the longest published restart of a large job is hours");
}

void decode_checkpoint_costs(MapView& c, scenario::ReliabilitySpec& spec, Need need) {
  c.quantity("storage_bandwidth", spec.storage_bandwidth, need, Check::positive);
  c.number("bytes_per_parameter", spec.checkpoint_bytes_per_parameter, need, Check::positive);
  c.quantity("default_cost", spec.default_checkpoint_cost, need, Check::non_negative);
}

void decode_maintenance_duration(MapView& mt, scenario::ReliabilitySpec& spec, Need need) {
  mt.quantity("duration", spec.maintenance_duration, need, Check::non_negative);
}

void decode_inference_parameters(MapView& m, scenario::InferenceDescription& s, Need need) {
  decode_daily_shape(m, s.daily_shape, need);
  decode_serve_requests(m, s.serve, need);
  decode_serve_latency(m, s.serve, need);
}

void load_defaults_catalog(Context& ctx, const fs::path& dir, Defaults& d) {
  const fs::path file = dir / "defaults.yaml";
  ctx.set_file(file.string());
  YAML::Node root;
  try {
    root = parse_yaml(read_input_file(file, "catalog"), file.string());
  } catch (const core::InputError& e) {
    ctx.add(e.diagnostics());
    return;
  }
  MapView top(ctx, root, "");
  if (!top.valid()) return;
  constexpr Need need = Need::required;

  section(top, "site", [&](MapView& m) {
    decode_site_parameters(m, d.site, need);
    decode_block(m, "weather", need, [&](MapView& w) {
      decode_block(w, "synthetic", need,
                   [&](MapView& s) { decode_synthetic_weather(s, d.site.synthetic, need); });
    });
  });

  facility::FacilitySpec& f = d.site.facility;
  section(top, "facility", [&](MapView& m) {
    decode_block(m, "power_chain", need,
                 [&](MapView& c) { decode_power_chain(c, f.power_chain, need); });
    decode_block(m, "cooling", need, [&](MapView& c) {
      decode_block(c, "liquid", need, [&](MapView& l) { decode_cooling_loop(l, f.liquid, need); });
      decode_block(c, "air", need, [&](MapView& l) {
        decode_cooling_loop(l, f.air, need);
        decode_block(l, "economiser", need,
                     [&](MapView& e) { decode_air_economiser(e, f.air.economiser, need); });
      });
    });
    decode_block(m, "heat_reuse", need,
                 [&](MapView& h) { decode_heat_reuse_model(h, f.heat_reuse, need); });
    decode_block(m, "thermal_chiller", need, [&](MapView& t) {
      decode_thermal_chiller(t, f.thermal_chiller, need);
      f.thermal_chiller.enabled = false;  // the catalog's parameters; a site turns it on
    });
    decode_block(m, "cooling_forms", need, [&](MapView& forms) {
      // A plain pair, not a structured binding: the lambdas below capture the form, which
      // clang refuses for a binding before C++20's P1091 landed in it.
      for (const auto& entry :
           {std::pair{"rear_door", &d.rear_door}, std::pair{"immersion", &d.immersion}}) {
        const char* key = entry.first;
        CoolingForm* form = entry.second;
        form->liquid = f.liquid;
        form->air = f.air;
        decode_block(forms, key, need, [&](MapView& c) {
          c.fraction("liquid_share", form->liquid_share);
          decode_block(c, "liquid", Need::optional,
                       [&](MapView& l) { decode_cooling_loop(l, form->liquid, Need::optional); });
          decode_block(c, "air", Need::optional, [&](MapView& l) {
            decode_cooling_loop(l, form->air, Need::optional);
            decode_block(l, "economiser", Need::optional, [&](MapView& e) {
              decode_air_economiser(e, form->air.economiser, Need::optional);
            });
          });
        });
      }
    });
  });

  section(top, "supply", [&](MapView& m) {
    for (const energy::SourceKind kind : energy::kAllSourceKinds) {
      energy::SourceSpec& s = d.supply[energy::index_of(kind)];
      s.kind = kind;
      decode_block(m, energy::to_string(kind), need, [&](MapView& k) {
        switch (kind) {
          case energy::SourceKind::nuclear:
            k.quantity("carbon_intensity", s.carbon, need, Check::non_negative);
            k.quantity("price", s.price, need, Check::non_negative);
            decode_block(k, "outages", need,
                         [&](MapView& o) { decode_nuclear_outages(o, s.outages, need); });
            break;
          case energy::SourceKind::hydro:
          case energy::SourceKind::wind:
          case energy::SourceKind::solar:
            k.quantity("carbon_intensity", s.carbon, need, Check::non_negative);
            break;
          case energy::SourceKind::grid:  // annual means: data/grids.yaml
            decode_block(k, "shape", need,
                         [&](MapView& sh) { decode_grid_shape(sh, s.shape, need); });
            k.quantity("sell_spread", s.sell_spread, need, Check::non_negative);
            break;
          case energy::SourceKind::gas:
          case energy::SourceKind::fuel_cell:
            k.fraction("efficiency", s.fuel.efficiency, need);
            k.quantity("fuel_price", s.fuel.fuel_price, need, Check::non_negative);
            k.quantity("fuel_carbon_intensity", s.fuel.fuel_carbon, need, Check::non_negative);
            break;
          case energy::SourceKind::battery:
            k.fraction("round_trip_efficiency", s.storage.round_trip_efficiency, need);
            k.fraction("standby_loss_per_day", s.storage.standby_loss_per_day, need);
            k.number("cycle_life", s.storage.cycle_life, need, Check::positive);
            break;
        }
      });
    }
  });

  scenario::ReliabilitySpec& r = d.reliability;
  section(top, "reliability", [&](MapView& m) {
    // Table 5 counts, each turned into its rate in one place (reliability::llama3_rate).
    decode_per_component(
        m, "interruptions", r.components, need,
        [&](reliability::ComponentSpec& c, const YAML::Node& v, const std::string& path) {
          try {
            const double n = core::parse_number(v.IsScalar() ? v.Scalar() : "?");
            if (n < 0)
              throw core::UnitParseError(fmt::format("a count must not be negative, got {}", n));
            c.interruptions_in_llama3 = n;
            c.rate_per_accelerator_day = reliability::llama3_rate(n);
          } catch (const core::UnitParseError& e) {
            m.context().error(path, v, e.what());
          }
        });
    decode_per_component(
        m, "scope", r.components, need,
        [&](reliability::ComponentSpec& c, const YAML::Node& v, const std::string& path) {
          const std::string text = v.IsScalar() ? v.Scalar() : "?";
          if (text == "system") {
            c.scope = reliability::Scope::system;
          } else if (text == "software") {
            c.scope = reliability::Scope::software;
          } else {
            m.context().error(path, v,
                              fmt::format("expected system or software, got \"{}\"", text));
          }
        });
    decode_repairs(m, r.components, need);
    decode_restart(m, r, need);
    decode_block(m, "checkpoint", need, [&](MapView& c) { decode_checkpoint_costs(c, r, need); });
    decode_block(m, "maintenance", need,
                 [&](MapView& mt) { decode_maintenance_duration(mt, r, need); });
  });

  section(top, "inference", [&](MapView& m) { decode_inference_parameters(m, d.inference, need); });
  top.finish();
}

}  // namespace gigasim::io
