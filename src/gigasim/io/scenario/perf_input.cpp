#include "gigasim/io/scenario/perf_input.hpp"

#include <fmt/format.h>

#include "gigasim/io/formats/files.hpp"
#include "gigasim/io/yaml/enum_key.hpp"

namespace gigasim::io {
namespace {

const std::initializer_list<std::pair<const char*, perf::Recompute>> kRecompute = {
    {"none", perf::Recompute::none},
    {"selective", perf::Recompute::selective},
    {"full", perf::Recompute::full}};

void decode_search(MapView& top, perf::SearchSpace& s) {
  const YAML::Node node = top.get("search");
  if (!node.IsDefined()) return;
  MapView m(top.context(), node, top.path_of("search"));
  const YAML::Node mbs = m.get("micro_batch");
  if (mbs.IsDefined()) {
    if (!mbs.IsSequence() || mbs.size() == 0) {
      m.error("micro_batch", "expected a list of micro-batch sizes like [1, 2, 4]");
    } else {
      s.micro_batches.clear();
      for (std::size_t i = 0; i < mbs.size(); ++i) {
        double v = 0;
        try {
          v = core::parse_number(mbs[i].IsScalar() ? mbs[i].Scalar() : "?");
        } catch (const core::UnitParseError& e) {
          m.context().error(index_path(m.path_of("micro_batch"), i), mbs[i], e.what());
          continue;
        }
        if (v < 1 || v != static_cast<int>(v)) {
          m.context().error(index_path(m.path_of("micro_batch"), i), mbs[i],
                            "must be a whole number ≥ 1");
          continue;
        }
        s.micro_batches.push_back(static_cast<int>(v));
      }
    }
  }
  const YAML::Node rcs = m.get("recompute");
  if (rcs.IsDefined()) {
    if (!rcs.IsSequence() || rcs.size() == 0) {
      m.error("recompute", "expected a list like [none, selective, full]");
    } else {
      s.recompute.clear();
      for (std::size_t i = 0; i < rcs.size(); ++i) {
        bool found = false;
        for (const auto& [name, value] : kRecompute) {
          if (rcs[i].IsScalar() && rcs[i].Scalar() == name) {
            s.recompute.push_back(value);
            found = true;
          }
        }
        if (!found)
          m.context().error(index_path(m.path_of("recompute"), i), rcs[i],
                            "expected none, selective or full");
      }
    }
  }
  m.integer("max_cp", s.max_cp, Need::optional, Check::positive);
  m.finish();
}

}  // namespace

bool decode_layout(MapView& m, perf::Layout& l, Need dp_need) {
  m.integer("tp", l.tp, Need::optional, Check::positive);
  m.integer("pp", l.pp, Need::optional, Check::positive);
  m.integer("cp", l.cp, Need::optional, Check::positive);
  m.integer("ep", l.ep, Need::optional, Check::positive);
  const bool has_dp = m.integer("dp", l.dp, dp_need, Check::positive);
  m.integer("virtual_stages", l.virtual_stages, Need::optional, Check::positive);
  m.integer("micro_batch", l.micro_batch, Need::optional, Check::positive);
  m.integer("global_batch", l.global_batch, Need::required, Check::positive);
  // Each degree at most 10 million (the gpus bound), the batch at most 1e8 sequences: the
  // layout checks multiply them in 64 bits (perf/layout.cpp).
  m.at_most_each({{"tp", l.tp, 1e7, "10,000,000"},
                  {"pp", l.pp, 1e7, "10,000,000"},
                  {"cp", l.cp, 1e7, "10,000,000"},
                  {"ep", l.ep, 1e7, "10,000,000"},
                  {"dp", l.dp, 1e7, "10,000,000"},
                  {"virtual_stages", l.virtual_stages, 1e4, "10,000"},
                  {"micro_batch", l.micro_batch, 1e6, "1,000,000"},
                  {"global_batch", l.global_batch, 1e8, "100,000,000"}},
                 "far above any real run");
  m.boolean("sequence_parallel", l.sequence_parallel);
  read_enum(m, "recompute", l.recompute, kRecompute);
  read_enum(m, "zero", l.zero,
            {{"none", perf::ZeroStage::none},
             {"zero1", perf::ZeroStage::zero1},
             {"zero2", perf::ZeroStage::zero2},
             {"zero3", perf::ZeroStage::zero3},
             {"fsdp", perf::ZeroStage::zero3}});
  decode_precision(m, l.precision, PrecisionUse::training);
  m.integer("recompute_layers", l.recompute_layers, Need::optional, Check::non_negative);
  m.fraction("offload_activations", l.offload_activations);
  read_enum(m, "schedule", l.schedule,
            {{"1f1b", perf::Schedule::one_f_one_b},
             {"zb-h1", perf::Schedule::zb_h1},
             {"zb-h2", perf::Schedule::zb_h2},
             {"dualpipe", perf::Schedule::dualpipe}});
  m.boolean("flash_attention", l.flash_attention);
  m.boolean("balance_embedding", l.balance_embedding);
  m.boolean("fp32_grad_reduce", l.fp32_grad_reduce);
  m.boolean("cuda_graphs", l.cuda_graphs);
  std::string order;
  if (m.string("rank_order", order)) {
    if (order == "tp-cp-pp-dp") {
      l.dp_outer = true;
    } else if (order == "tp-cp-dp-pp") {
      l.dp_outer = false;
    } else {
      m.error("rank_order", fmt::format("expected tp-cp-pp-dp or tp-cp-dp-pp, got \"{}\"", order));
    }
  }
  return has_dp;
}

bool decode_model_key(MapView& top, const Catalog& catalog, perf::TransformerModel& model) {
  const YAML::Node node = top.get("model");
  if (!node.IsDefined()) {
    top.error("model", "missing required key \"model\": a model id or a mapping of its fields");
    return false;
  }
  return resolve_model(top.context(), node, "model", catalog, model);
}

bool decode_platform(MapView& top, const Catalog& catalog, perf::Platform& platform) {
  Context& ctx = top.context();
  // The hardware: a system (with its accelerator), or an accelerator and the first system
  // of the catalog built from it.
  bool have_system = false;
  const YAML::Node system = top.get("system");
  const YAML::Node accelerator = top.get("accelerator");
  if (system.IsDefined()) {
    have_system = resolve_system(ctx, system, "system", catalog, platform.system);
    if (have_system && accelerator.IsDefined()) {
      hardware::Accelerator a;
      if (resolve_accelerator(ctx, accelerator, "accelerator", catalog, a))
        platform.system.accelerator = a;
    }
  } else if (accelerator.IsDefined()) {
    hardware::Accelerator a;
    if (resolve_accelerator(ctx, accelerator, "accelerator", catalog, a)) {
      for (const auto& [id, s] : catalog.systems) {
        if (s.accelerator.id == a.id) {
          platform.system = s;
          have_system = true;
          break;
        }
      }
      if (!have_system)
        top.error("accelerator",
                  fmt::format("no system of the catalog holds \"{}\": name a `system`", a.id));
      platform.system.accelerator = a;
    }
  } else {
    top.error("accelerator", "missing required key \"accelerator\" (or \"system\")");
  }

  if (have_system) {
    const std::string& generation = platform.system.accelerator.generation;
    const auto eff = catalog.efficiencies.find(generation);
    if (eff == catalog.efficiencies.end()) {
      top.error(system.IsDefined() ? "system" : "accelerator",
                fmt::format("no efficiency constants for generation \"{}\" in data/efficiency.yaml",
                            generation));
    } else {
      platform.efficiency = eff->second;
      platform.fabric = catalog.fabrics.at(catalog.default_fabrics.at(generation));
    }
  }
  const YAML::Node fabric = top.get("fabric");
  if (fabric.IsDefined()) {
    const YAML::Node id = fabric.IsMap() ? fabric["id"] : fabric;
    const auto it = id.IsScalar() ? catalog.fabrics.find(id.Scalar()) : catalog.fabrics.end();
    if (it == catalog.fabrics.end()) {
      std::string known;
      for (const auto& [k, v] : catalog.fabrics) known += (known.empty() ? "" : ", ") + k;
      ctx.error(fabric.IsMap() ? "fabric.id" : "fabric", id.IsDefined() ? id : fabric,
                fmt::format("unknown fabric; the catalog has: {}", known));
    } else {
      platform.fabric = it->second;
      if (fabric.IsMap()) {
        MapView m(ctx, fabric, "fabric");
        m.get("id");
        decode_fabric(m, platform.fabric, Need::optional);
        m.finish();
      }
    }
  }
  const YAML::Node efficiency = top.get("efficiency");
  if (efficiency.IsDefined()) {
    MapView m(ctx, efficiency, "efficiency");
    decode_efficiency(m, platform.efficiency, Need::optional);
    m.finish();
  }

  return have_system;
}

PerfInput load_perf_text(const std::string& text, const std::string& file, const Catalog& catalog,
                         PerfMode mode) {
  Context ctx(file);
  const YAML::Node root = parse_yaml(text, file);
  MapView top(ctx, root, "");
  if (!top.valid()) ctx.throw_if_errors();
  PerfInput in;

  decode_model_key(top, catalog, in.model);
  const bool have_system = decode_platform(top, catalog, in.platform);

  if (top.integer("gpus", in.gpus, Need::required, Check::positive))
    top.at_most("gpus", static_cast<double>(in.gpus), 1e7, "10,000,000",
                "three times the EU call's whole fleet");
  const YAML::Node parallelism = top.get("parallelism");
  if (!parallelism.IsDefined()) {
    top.error("parallelism", "missing required key \"parallelism\" (at least global_batch)");
  } else {
    MapView m(ctx, parallelism, "parallelism");
    const bool has_dp = decode_layout(m, in.layout, Need::optional);
    if (!has_dp && mode == PerfMode::estimate) {  // dp follows from the others
      const std::int64_t model_parallel =
          static_cast<std::int64_t>(in.layout.tp) * in.layout.pp * in.layout.cp;
      if (model_parallel > 0 && in.gpus % model_parallel == 0)
        in.layout.dp = static_cast<int>(in.gpus / model_parallel);
    }
    m.finish();
    if (mode == PerfMode::estimate && !ctx.has_errors() && have_system) {
      for (const auto& v :
           perf::check_layout(in.model, in.layout, in.gpus, in.platform.system.scale_up_domain)) {
        m.error(v.field, v.message);
      }
    }
  }
  decode_search(top, in.search);
  top.finish();
  ctx.throw_if_errors();
  return in;
}

PerfInput load_perf_input(const std::filesystem::path& file, const Catalog& catalog,
                          PerfMode mode) {
  return load_perf_text(read_input_file(file, "perf"), file.string(), catalog, mode);
}

}  // namespace gigasim::io
