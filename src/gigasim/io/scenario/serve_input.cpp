#include "gigasim/io/scenario/serve_input.hpp"

#include <fmt/format.h>

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
  decode_model_key(top, catalog, in.model);
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
    decode_precision(m, s.precision);
    m.integer("max_batch", s.max_batch, Need::optional, Check::non_negative);
    m.boolean("disaggregated", s.disaggregated);
    m.at_most_each({{"tp", s.tp, 1e4, "10,000"}, {"max_batch", s.max_batch, 1e7, "10,000,000"}},
                   "far above any real replica");
    m.finish();
  }
  const YAML::Node requests = top.get("requests");
  if (!requests.IsDefined()) {
    top.error("requests", "missing required key \"requests\": {input_tokens, output_tokens}");
  } else {
    MapView m(ctx, requests, "requests");
    m.number("input_tokens", s.input_tokens, Need::required, Check::positive);
    m.number("output_tokens", s.output_tokens, Need::required, Check::positive);
    m.at_most("input_tokens", s.input_tokens, 1e7, "10,000,000", "far above any context");
    m.at_most("output_tokens", s.output_tokens, 1e7, "10,000,000", "far above any context");
    m.finish();
  }
  const YAML::Node latency = top.get("latency");
  if (latency.IsDefined()) {
    MapView m(ctx, latency, "latency");
    core::Latency ttft, tpot;
    if (m.quantity("ttft", ttft, Need::optional, Check::positive)) s.ttft_s = ttft.value();
    if (m.quantity("tpot", tpot, Need::optional, Check::positive)) s.tpot_s = tpot.value();
    m.finish();
  }
  top.number("demand", in.demand_tokens_per_s, Need::optional, Check::positive);
  top.finish();
  ctx.throw_if_errors();
  return in;
}

ServeInput load_serve_input(const std::filesystem::path& file, const Catalog& catalog) {
  return load_serve_text(read_input_file(file, "serve"), file.string(), catalog);
}

}  // namespace gigasim::io
