// Decoding of site.power_chain, site.cooling and site.heat_reuse.
#include <fmt/format.h>

#include "gigasim/io/formats/csv_series.hpp"
#include "gigasim/io/formats/files.hpp"
#include "gigasim/io/scenario/scenario_decoders.hpp"

namespace gigasim::io {
namespace {

void decode_heat_reuse(MapView& site, facility::HeatReuseSpec& h,
                       const std::filesystem::path& base_dir) {
  const YAML::Node node = site.get("heat_reuse");
  if (!node.IsDefined()) return;
  MapView m(site.context(), node, site.path_of("heat_reuse"));
  if (!m.valid()) return;
  h.enabled = true;
  m.boolean("enabled", h.enabled);
  const bool has_csv = m.has("demand_csv");
  const Need need_model = (has_csv || !h.enabled) ? Need::optional : Need::required;
  m.quantity("base_load", h.base_load, need_model, Check::non_negative);
  const bool has_coefficient =
      m.quantity("degree_coefficient", h.degree_coefficient, Need::optional, Check::positive);
  m.quantity("peak_load", h.peak_load, has_coefficient ? Need::optional : need_model,
             Check::positive);
  m.quantity("capacity", h.capacity, Need::optional, Check::non_negative);
  // The model's parameters, over the catalog's defaults.
  decode_heat_reuse_model(m, h, Need::optional);
  if (has_csv) {
    std::vector<double> mw;
    if (read_series(m.context(), m.get("demand_csv"), m.path_of("demand_csv"), base_dir,
                    "demand_mw", mw)) {
      h.demand_series_w.reserve(mw.size());
      for (double v : mw) h.demand_series_w.push_back(v * 1e6);
    }
  }
  decode_block(m, "storage", Need::optional, [&](MapView& st) {
    if (st.quantity("capacity", h.storage.capacity, Need::required, Check::positive))
      st.at_most("capacity", h.storage.capacity.value() / 3.6e9, 1e5, "100 GWh",
                 "ten times the largest pit heat stores (Vojens, Denmark: about 13 GWh)");
    st.quantity("power", h.storage.power, Need::required, Check::positive);
    st.fraction("loss_per_day", h.storage.loss_per_day);
  });
  if (h.peak_load.value() > 0 && h.base_load > h.peak_load)
    m.error("base_load", "must not exceed peak_load");
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
  try {
    const std::filesystem::path full = resolve_input(base_dir, file, m.context().input_root());
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

double decode_facility(MapView& site, facility::FacilitySpec& spec, const Defaults& defaults,
                       const std::filesystem::path& base_dir) {
  core::Power fixed = core::watts(spec.fixed_load_w);
  if (site.quantity("fixed_load", fixed, Need::optional, Check::non_negative))
    spec.fixed_load_w = fixed.value();
  site.fraction("fixed_load_share", spec.fixed_load_share);
  decode_block(site, "power_chain", Need::optional,
               [&](MapView& m) { decode_power_chain(m, spec.power_chain, Need::optional); });
  double liquid_share = -1.0;
  decode_block(site, "cooling", Need::optional, [&](MapView& m) {
    // A cooling form replaces the default loops before the site's own keys apply.
    std::string form;
    if (m.string("form", form)) {
      const CoolingForm* preset = form == "rear_door"   ? &defaults.rear_door
                                  : form == "immersion" ? &defaults.immersion
                                                        : nullptr;
      if (preset != nullptr) {
        spec.liquid = preset->liquid;
        spec.air = preset->air;
        liquid_share = preset->liquid_share;
      } else if (form != "air") {
        m.error("form", fmt::format("unknown cooling form \"{}\"; known: air (air handlers on "
                                    "chilled water), rear_door, immersion",
                                    form));
      }
    }
    m.fraction("liquid_share", liquid_share);
    decode_block(m, "thermal_chiller", Need::optional, [&](MapView& t) {
      decode_thermal_chiller(t, spec.thermal_chiller, Need::optional);
    });
    decode_block(m, "liquid", Need::optional, [&](MapView& l) {
      decode_cooling_loop(l, spec.liquid, Need::optional);
      if (l.has("economiser"))
        l.error("economiser", "outdoor air can only cool the air loop (`cooling.air`)");
    });
    decode_block(m, "air", Need::optional, [&](MapView& l) {
      decode_cooling_loop(l, spec.air, Need::optional);
      decode_block(l, "economiser", Need::optional, [&](MapView& e) {
        decode_air_economiser(e, spec.air.economiser, Need::optional);
      });
    });
  });
  decode_heat_reuse(site, spec.heat_reuse, base_dir);
  return liquid_share;
}

}  // namespace gigasim::io
