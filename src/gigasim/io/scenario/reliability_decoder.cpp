// Decoding of site.reliability (docs/scenario.md, "reliability").
#include <fmt/format.h>

#include "gigasim/io/scenario/scenario_decoders.hpp"

namespace gigasim::io {

void decode_reliability(MapView& site, const Catalog& catalog, scenario::SiteSpec& spec) {
  const YAML::Node node = site.get("reliability");
  if (!node.IsDefined()) return;
  MapView r(site.context(), node, site.path_of("reliability"));
  if (!r.valid()) return;
  // The catalog's defaults (data/defaults.yaml), then the site's keys over them.
  scenario::ReliabilitySpec rel = catalog.defaults.reliability;
  r.number("scale", rel.scale, Need::optional, Check::non_negative);
  decode_per_component(
      r, "rates", rel.components, Need::optional,
      [&](reliability::ComponentSpec& c, const YAML::Node& v, const std::string& path) {
        try {
          const double rate = core::parse_number(v.IsScalar() ? v.Scalar() : "?");
          if (rate < 0)
            throw core::UnitParseError(fmt::format("a rate must not be negative, got {}", rate));
          c.rate_per_accelerator_day = rate;
        } catch (const core::UnitParseError& e) {
          r.context().error(path, v, e.what());
        }
      });
  decode_repairs(r, rel.components, Need::optional);
  double node_day = 0;
  if (r.number("node_day_rate", node_day, Need::optional, Check::non_negative)) {
    // One rate per system-day, spread over the components in Llama 3's proportions.
    if (r.has("rates"))
      r.error("node_day_rate",
              "give either `rates` per component or one `node_day_rate`, not both");
    const int per_system =
        spec.fleet.empty() ? 8 : spec.fleet.front().system.accelerators_per_system;
    double total = 0;
    for (const auto& c : rel.components) total += c.rate_per_accelerator_day;
    for (auto& c : rel.components) c.rate_per_accelerator_day *= node_day / per_system / total;
  }
  if (r.number("weibull_shape", rel.weibull_shape, Need::optional, Check::positive) &&
      rel.weibull_shape > 5) {
    r.error("weibull_shape", "must lie in (0, 5]");
  }
  const YAML::Node lemons = r.get("lemons");
  if (lemons.IsDefined()) {
    MapView l(r.context(), lemons, r.path_of("lemons"));
    l.fraction("fraction", rel.lemon_fraction);
    if (l.number("factor", rel.lemon_factor, Need::optional, Check::positive) &&
        rel.lemon_factor < 1) {
      l.error("factor", "must be at least 1");
    }
    l.finish();
  }
  r.integer("spares_per_pod", rel.spares_per_pod, Need::optional, Check::non_negative);
  decode_restart(r, rel, Need::optional);
  const YAML::Node ckpt = r.get("checkpoint");
  if (ckpt.IsDefined()) {
    MapView c(r.context(), ckpt, r.path_of("checkpoint"));
    const YAML::Node interval = c.get("interval");
    if (interval.IsScalar() && interval.Scalar() == "auto") {
      rel.checkpoint_auto = true;
    } else if (interval.IsDefined()) {
      rel.checkpoint_auto = false;
      c.quantity("interval", rel.checkpoint_interval, Need::optional, Check::positive);
    }
    decode_checkpoint_costs(c, rel, Need::optional);
    if (!rel.checkpoint_auto && rel.default_checkpoint_cost >= rel.checkpoint_interval) {
      c.error("interval",
              fmt::format("a checkpoint takes {:.0f} s (default_cost), longer than the interval",
                          rel.default_checkpoint_cost.in_seconds()));
    }
    c.finish();
  }
  const YAML::Node maintenance = r.get("maintenance");
  if (maintenance.IsDefined()) {
    MapView mt(r.context(), maintenance, r.path_of("maintenance"));
    if (mt.number("per_day", rel.maintenance_per_day, Need::required, Check::non_negative))
      mt.at_most("per_day", rel.maintenance_per_day, 1e4, "10,000 a day",
                 "one stop every 9 seconds");
    decode_maintenance_duration(mt, rel, Need::optional);
    mt.finish();
  }
  r.finish();
  spec.reliability = rel;
}

}  // namespace gigasim::io
