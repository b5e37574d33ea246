// Decoding of site.power_chain, site.cooling and site.heat_reuse.
#include <fmt/format.h>

#include "gigasim/io/formats/csv_series.hpp"
#include "gigasim/io/formats/files.hpp"
#include "gigasim/io/scenario/scenario_decoders.hpp"

namespace gigasim::io {
namespace {

void decode_loss_stage(MapView& chain, const char* key, facility::LossStage& stage) {
  const YAML::Node node = chain.get(key);
  if (!node.IsDefined()) return;
  MapView m(chain.context(), node, chain.path_of(key));
  m.fraction("no_load", stage.no_load);
  m.fraction("proportional", stage.proportional);
  m.fraction("square", stage.square);
  m.finish();
}

void decode_loop(MapView& cooling, const char* key, facility::CoolingLoopSpec& loop) {
  const YAML::Node node = cooling.get(key);
  if (!node.IsDefined()) return;
  MapView m(cooling.context(), node, cooling.path_of(key));
  m.quantity("supply_temp", loop.supply);
  m.quantity("return_temp", loop.return_temp);
  m.fraction("distribution", loop.distribution_fraction);
  auto& r = loop.rejection;
  m.boolean("dry_cooler", r.dry_cooler);
  m.quantity("dry_approach", r.dry_approach, Need::optional, Check::non_negative);
  m.boolean("evaporative", r.evaporative);
  m.quantity("evaporative_approach", r.evaporative_approach, Need::optional, Check::non_negative);
  m.boolean("chiller", r.chiller);
  m.fraction("chiller_carnot_fraction", r.chiller_carnot_fraction);
  m.number("chiller_cop_max", r.chiller_cop_max, Need::optional, Check::positive);
  m.fraction("dry_fan", r.dry_fan_fraction);
  m.fraction("tower_fan", r.tower_fan_fraction);
  if (m.number("cycles_of_concentration", r.cycles_of_concentration, Need::optional,
               Check::positive) &&
      r.cycles_of_concentration < 1.5) {
    m.error("cycles_of_concentration", "must be at least 1.5 (towers run at 2 to 6)");
  }
  if (loop.return_temp <= loop.supply) m.error("return_temp", "must be above supply_temp");
  if (r.chiller && r.chiller_carnot_fraction <= 0.0)
    m.error("chiller_carnot_fraction", "must be positive");
  if (!r.dry_cooler && !r.evaporative && !r.chiller) {
    m.error("chiller", "the loop needs at least one of dry_cooler, evaporative or chiller");
  }
  m.finish();
}

void decode_heat_reuse(MapView& site, facility::HeatReuseSpec& h,
                       const std::filesystem::path& base_dir) {
  const YAML::Node node = site.get("heat_reuse");
  if (!node.IsDefined()) return;
  MapView m(site.context(), node, site.path_of("heat_reuse"));
  if (!m.valid()) return;
  h.enabled = true;
  m.boolean("enabled", h.enabled);
  m.quantity("network_supply_temp", h.network_supply);
  const bool has_csv = m.has("demand_csv");
  const Need need_model = (has_csv || !h.enabled) ? Need::optional : Need::required;
  m.quantity("base_load", h.base_load, need_model, Check::non_negative);
  const bool has_coefficient =
      m.quantity("degree_coefficient", h.degree_coefficient, Need::optional, Check::positive);
  m.quantity("peak_load", h.peak_load, has_coefficient ? Need::optional : need_model,
             Check::positive);
  m.quantity("design_outdoor_temp", h.design_outdoor);
  m.quantity("heating_threshold", h.heating_threshold);
  m.fraction("heat_pump_carnot_fraction", h.carnot_fraction);
  m.quantity("capacity", h.capacity, Need::optional, Check::non_negative);
  m.quantity("exchanger_approach", h.exchanger_approach, Need::optional, Check::non_negative);
  if (has_csv) {
    std::vector<double> mw;
    if (read_series(m.context(), m.get("demand_csv"), m.path_of("demand_csv"), base_dir,
                    "demand_mw", mw)) {
      h.demand_series_w.reserve(mw.size());
      for (double v : mw) h.demand_series_w.push_back(v * 1e6);
    }
  }
  if (h.peak_load.value() > 0 && h.base_load > h.peak_load)
    m.error("base_load", "must not exceed peak_load");
  if (h.heating_threshold <= h.design_outdoor)
    m.error("heating_threshold", "must be above design_outdoor_temp");
  m.finish();
}

}  // namespace

bool read_series(Context& ctx, const YAML::Node& node, const std::string& path,
                 const std::filesystem::path& base_dir, const char* default_column,
                 std::vector<double>& out) {
  MapView m(ctx, node, path);
  std::string file;
  std::string column = default_column;
  m.string("file", file, Need::required);
  m.string("column", column);
  m.finish();
  if (file.empty()) return false;
  const std::filesystem::path full = base_dir / file;
  try {
    std::ifstream in = open_input_file(full, "CSV");
    out = read_csv_column(in, full.string(), column);
    return true;
  } catch (const core::InputError& e) {
    for (auto d : e.diagnostics()) {
      d.path = child_path(path, "file");
      ctx.error(d.path, d.location.known() ? d.location : ctx.where(node["file"]), d.message);
    }
    return false;
  }
}

double decode_facility(MapView& site, facility::FacilitySpec& spec,
                       const std::filesystem::path& base_dir) {
  const YAML::Node chain = site.get("power_chain");
  if (chain.IsDefined()) {
    MapView m(site.context(), chain, site.path_of("power_chain"));
    decode_loss_stage(m, "transformer", spec.power_chain.transformer);
    decode_loss_stage(m, "ups", spec.power_chain.ups);
    decode_loss_stage(m, "distribution", spec.power_chain.distribution);
    m.finish();
  }
  double liquid_share = -1.0;
  const YAML::Node cooling = site.get("cooling");
  if (cooling.IsDefined()) {
    MapView m(site.context(), cooling, site.path_of("cooling"));
    m.fraction("liquid_share", liquid_share);
    decode_loop(m, "liquid", spec.liquid);
    decode_loop(m, "air", spec.air);
    m.finish();
  }
  decode_heat_reuse(site, spec.heat_reuse, base_dir);
  return liquid_share;
}

}  // namespace gigasim::io
