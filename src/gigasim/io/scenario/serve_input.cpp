#include "gigasim/io/scenario/serve_input.hpp"

#include <fmt/format.h>

#include "gigasim/io/catalog/serve_keys.hpp"
#include "gigasim/io/formats/files.hpp"
#include "gigasim/io/scenario/perf_input.hpp"

namespace gigasim::io {

ServeInput load_serve_text(const std::string& text, const std::string& file,
                           const Catalog& catalog) {
  Context ctx(file);
  const YAML::Node root = parse_yaml(text, file);
  MapView top(ctx, root, "");
  if (!top.valid()) ctx.throw_if_errors();
  ServeInput in;
  const bool have_model = decode_model_key(top, catalog, in.model);
  const bool have_system = decode_platform(top, catalog, in.platform);
  perf::ServeSetup& s = in.setup;

  const YAML::Node replica = top.get("replica");
  if (replica.IsDefined()) {
    MapView m(ctx, replica, "replica");
    if (m.integer("tp", s.tp, Need::optional, Check::positive) && have_system &&
        s.tp > in.platform.system.scale_up_domain) {
      m.error("tp", fmt::format("tp ({}) must fit in one scale-up domain ({} accelerators)", s.tp,
                                in.platform.system.scale_up_domain));
    }
    m.at_most("tp", s.tp, 1e4, "10,000", "far above any real replica");
    if (decode_serve_options(m, s) && have_system) {
      const std::string problem =
          perf::precision_problem(in.platform.system.accelerator, s.precision);
      if (!problem.empty()) m.error("precision", problem);
    }
    if (s.kv_cache && have_system) {
      const std::string problem =
          perf::precision_problem(in.platform.system.accelerator, *s.kv_cache);
      if (!problem.empty()) m.error("kv_cache", problem);
    }
    if (const std::string problem = perf::expert_parallel_problem(in.model, s);
        !problem.empty() && have_model) {
      m.error("expert_parallel", problem);
    }
    if (have_model) check_speculation(m, in.model, s);
    m.finish();
  }
  decode_serve_requests(top, s, Need::required);
  decode_serve_latency(top, s, Need::optional);
  top.number("demand", in.demand_tokens_per_s, Need::optional, Check::positive);
  top.finish();
  ctx.throw_if_errors();
  return in;
}

ServeInput load_serve_input(const std::filesystem::path& file, const Catalog& catalog) {
  return load_serve_text(read_input_file(file, "serve"), file.string(), catalog);
}

}  // namespace gigasim::io
