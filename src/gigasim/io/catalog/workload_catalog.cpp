// data/workload.yaml: job-class profiles (sizes and run times) and cluster-level figures,
// and the size and duration decoders that scenario generators share with it.
#include <fmt/format.h>

#include <cmath>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/catalog/catalog_entries.hpp"
#include "gigasim/io/formats/files.hpp"

namespace gigasim::io {

void decode_size(MapView& m, workload::SizeDistribution& size) {
  const YAML::Node node = m.get("size");
  if (!node.IsDefined()) return;
  MapView s(m.context(), node, m.path_of("size"));
  const YAML::Node values = s.get("values");
  const YAML::Node weights = s.get("weights");
  s.finish();
  if (!values.IsSequence() || !weights.IsSequence() || values.size() != weights.size() ||
      values.size() == 0) {
    s.error("values", "expected lists `values` and `weights` of the same, non-zero length");
    return;
  }
  workload::SizeDistribution d;
  for (std::size_t i = 0; i < values.size(); ++i) {
    try {
      const double v = core::parse_number(values[i].IsScalar() ? values[i].Scalar() : "?");
      const double w = core::parse_number(weights[i].IsScalar() ? weights[i].Scalar() : "?");
      if (v < 1 || v != std::floor(v))
        throw core::UnitParseError("a job size must be a whole number of at least 1");
      if (w < 0) throw core::UnitParseError("a weight must not be negative");
      d.values.push_back(static_cast<std::int64_t>(v));
      d.weights.push_back(w);
    } catch (const core::UnitParseError& e) {
      m.context().error(index_path(s.path_of("values"), i), values[i], e.what());
      return;
    }
  }
  size = std::move(d);
}

void decode_duration(MapView& m, workload::GeneratorSpec& g) {
  const YAML::Node node = m.get("duration");
  if (!node.IsDefined()) return;
  MapView d(m.context(), node, m.path_of("duration"));
  core::Duration median =
      core::Duration::milliseconds(static_cast<std::int64_t>(g.duration_median_s * 1e3));
  core::Duration max =
      core::Duration::milliseconds(static_cast<std::int64_t>(g.duration_max_s * 1e3));
  if (d.quantity("median", median, Need::optional, Check::positive))
    g.duration_median_s = median.in_seconds();
  d.number("sigma", g.duration_sigma, Need::optional, Check::non_negative);
  if (d.quantity("max", max, Need::optional, Check::positive)) g.duration_max_s = max.in_seconds();
  d.finish();
}

void decode_time_limit(MapView& m, workload::GeneratorSpec& g) {
  const YAML::Node node = m.get("time_limit");
  if (!node.IsDefined()) return;
  MapView d(m.context(), node, m.path_of("time_limit"));
  if (!d.valid()) return;
  // The queue's maximum: by default the longest run the stream draws.
  core::Duration max =
      core::Duration::milliseconds(static_cast<std::int64_t>(g.duration_max_s * 1e3));
  d.quantity("max", max, Need::optional, Check::positive);
  g.time_limit_max_s = max.in_seconds();
  d.fraction("max_share", g.time_limit_max_share, Need::required);
  d.finish();
}

void load_workload_catalog(Context& ctx, const std::filesystem::path& dir, Catalog& c) {
  load_catalog_entries(ctx, dir, "workload.yaml", "classes", "id", c.workload_classes,
                       [](MapView& m, workload::GeneratorSpec& g) {
                         std::string text;
                         m.string("description", text);
                         double share = 0;
                         m.fraction("job_share", share, Need::required);
                         decode_size(m, g.size);
                         if (g.size.values.empty())
                           m.error("size", "missing required key \"size\"");
                         if (!m.has("duration"))
                           m.error("duration", "missing required key \"duration\"");
                         decode_duration(m, g);
                         check_sources(m, {{"job_share"}, {"size"}, {"duration"}});
                       },
                       {"cluster"});
  // The cluster-level figures sit beside the list in the same file.
  const auto path = dir / "workload.yaml";
  try {
    ctx.set_file(path.string());
    const YAML::Node root = parse_yaml(read_input_file(path, "catalog"), path.string());
    if (root["cluster"].IsMap()) {
      MapView m(ctx, root["cluster"], "cluster");
      m.number("arrivals_per_accelerator_day", c.arrivals_per_accelerator_day, Need::required,
               Check::positive);
      double amplitude = 0;
      if (m.fraction("diurnal_amplitude", amplitude)) {
        for (auto& [id, g] : c.workload_classes) g.diurnal_amplitude = amplitude;
      }
      m.get("sources");
      m.finish();
    }
  } catch (const core::InputError& e) {
    ctx.add(e.diagnostics());
  }
}

}  // namespace gigasim::io
