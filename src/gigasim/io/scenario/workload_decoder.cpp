// Decoding of site.workload: tenants, scheduler, generators, explicit jobs, traces and
// inference services (docs/scenario.md, "workload"). Only what the user wrote, checked:
// what a job costs on its hardware is derived by plan::prepare.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "gigasim/io/catalog/catalog_entries.hpp"
#include "gigasim/io/formats/files.hpp"
#include "gigasim/io/formats/traces.hpp"
#include "gigasim/io/scenario/perf_input.hpp"
#include "gigasim/io/scenario/scenario_decoders.hpp"
#include "gigasim/perf/layout.hpp"
#include "gigasim/perf/search.hpp"
#include "gigasim/perf/step_model.hpp"
#include "gigasim/workload/inference.hpp"

namespace gigasim::io {
namespace {

struct SiteContext {
  const scenario::SiteSpec& site;
  const Catalog& catalog;
  const std::filesystem::path& base_dir;
  scenario::WorkloadSpec& out;
};

int tenant_index(const scenario::WorkloadSpec& w, const std::string& name) {
  for (std::size_t i = 0; i < w.tenants.size(); ++i) {
    if (w.tenants[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// `system:` picks the fleet entry (partition) a job runs on; the first by default.
std::uint16_t read_partition(MapView& m, const SiteContext& c) {
  std::string system;
  if (!m.string("system", system)) return 0;
  for (std::size_t i = 0; i < c.site.fleet.size(); ++i) {
    if (c.site.fleet[i].system.id == system) return static_cast<std::uint16_t>(i);
  }
  m.error("system", fmt::format("the site's fleet has no system \"{}\"", system));
  return 0;
}

std::uint16_t read_tenant(MapView& m, const SiteContext& c) {
  std::string name;
  if (!m.string("tenant", name)) return 0;
  const int t = tenant_index(c.out, name);
  if (t < 0) {
    m.error("tenant",
            fmt::format("unknown tenant \"{}\" (declare it under workload.tenants)", name));
    return 0;
  }
  return static_cast<std::uint16_t>(t);
}

void decode_tenants(MapView& w, scenario::WorkloadSpec& out) {
  const YAML::Node list = w.get("tenants");
  if (!list.IsDefined()) {
    out.tenants.push_back(workload::Tenant{"default", 1, 1.0, false});
    return;
  }
  if (!list.IsSequence() || list.size() == 0) {
    w.error("tenants", "expected a list of tenants with a name");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapView m(w.context(), list[i], index_path(w.path_of("tenants"), i));
    workload::Tenant t;
    m.name("name", t.name, Need::required);
    m.integer("priority", t.priority, Need::optional);
    m.number("share", t.share, Need::optional, Check::positive);
    m.boolean("preemptible", t.preemptible);
    m.finish();
    if (tenant_index(out, t.name) >= 0)
      m.error("name", fmt::format("duplicate tenant \"{}\"", t.name));
    out.tenants.push_back(std::move(t));
  }
}

void decode_scheduler(MapView& w, scenario::WorkloadSpec& out) {
  const YAML::Node node = w.get("scheduler");
  if (node.IsDefined()) {
    MapView m(w.context(), node, w.path_of("scheduler"));
    std::string policy;
    if (m.string("policy", policy)) {
      if (policy == "fifo") {
        out.scheduler.policy = sched::PolicyKind::fifo;
      } else if (policy == "priority") {
        out.scheduler.policy = sched::PolicyKind::priority;
      } else if (policy == "fair_share") {
        out.scheduler.policy = sched::PolicyKind::fair_share;
      } else {
        m.error("policy", fmt::format("expected fifo, priority or fair_share, got \"{}\"", policy));
      }
    }
    std::string backfill;
    if (m.string("backfill", backfill)) {
      if (backfill == "easy" || backfill == "none") {
        out.scheduler.backfill = backfill == "easy";
      } else {
        m.error("backfill", fmt::format("expected easy or none, got \"{}\"", backfill));
      }
    }
    std::string estimates;
    if (m.string("estimates", estimates)) {
      if (estimates == "requested" || estimates == "exact") {
        out.scheduler.plan_with_requested_limits = estimates == "requested";
      } else {
        m.error("estimates", fmt::format("expected requested or exact, got \"{}\"", estimates));
      }
    }
    m.boolean("preemption", out.scheduler.preemption);
    m.integer("backfill_depth", out.scheduler.backfill_depth, Need::optional, Check::positive);
    m.finish();
  }
  std::string cap;
  if (w.string("power_cap", cap)) {
    if (cap == "dvfs") {
      out.power_cap = scenario::PowerCapMode::dvfs;
    } else if (cap == "preempt") {
      out.power_cap = scenario::PowerCapMode::preempt;
    } else if (cap == "off") {
      out.power_cap = scenario::PowerCapMode::off;
    } else {
      w.error("power_cap", fmt::format("expected dvfs, preempt or off, got \"{}\"", cap));
    }
  }
}

void decode_generators(MapView& w, const SiteContext& c) {
  const YAML::Node list = w.get("generators");
  if (!list.IsDefined()) return;
  if (!list.IsSequence()) {
    w.error("generators", "expected a list of job generators");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapView m(w.context(), list[i], index_path(w.path_of("generators"), i));
    if (!m.valid()) continue;
    std::string cls;
    workload::GeneratorSpec g;
    if (m.string("class", cls, Need::required) && !workload::job_class_from(cls, g.cls)) {
      m.error("class", fmt::format("unknown job class \"{}\"; known: pretraining, finetuning, "
                                   "evaluation, debugging, batch",
                                   cls));
    }
    // Size and duration defaults from a profile of data/workload.yaml: `profile`, else the class.
    std::string profile = cls;
    const bool named = m.string("profile", profile);
    if (const auto d = c.catalog.workload_classes.find(profile);
        d != c.catalog.workload_classes.end()) {
      const auto kind = g.cls;
      g = d->second;
      g.cls = kind;
    } else if (named) {
      std::string known;
      for (const auto& [id, spec] : c.catalog.workload_classes)
        known += (known.empty() ? "" : ", ") + id;
      m.error("profile", fmt::format("unknown workload profile \"{}\"; data/workload.yaml has: {}",
                                     profile, known));
    }
    g.partition = read_partition(m, c);
    if (m.number("jobs_per_day", g.jobs_per_day, Need::required, Check::positive))
      m.at_most("jobs_per_day", g.jobs_per_day, 1e7, "10,000,000",
                "a hundred times the busiest published trace");
    m.fraction("diurnal_amplitude", g.diurnal_amplitude);
    decode_size(m, g.size);
    decode_duration(m, g);
    decode_time_limit(m, g);
    double activity = g.activity;
    if (m.fraction("activity", activity)) g.activity = static_cast<float>(activity);
    const YAML::Node tenants = m.get("tenants");
    if (tenants.IsDefined()) {
      if (!tenants.IsMap()) {
        m.error(
            "tenants",
            "expected a mapping of tenant names to weights, like {industry: 0.7, startups: 0.3}");
      } else {
        for (auto it = tenants.begin(); it != tenants.end(); ++it) {
          const std::string name = it->first.as<std::string>();
          const int t = tenant_index(c.out, name);
          double weight = 0;
          try {
            weight = core::parse_number(it->second.IsScalar() ? it->second.Scalar() : "?");
          } catch (const core::UnitParseError& e) {
            m.context().error(child_path(m.path_of("tenants"), name), it->second, e.what());
            continue;
          }
          if (t < 0) {
            m.context().error(child_path(m.path_of("tenants"), name), it->first,
                              fmt::format("unknown tenant \"{}\"", name));
            continue;
          }
          g.tenants.push_back(static_cast<std::uint16_t>(t));
          g.tenant_weights.push_back(weight);
        }
      }
    } else {
      for (std::size_t t = 0; t < c.out.tenants.size(); ++t) {
        g.tenants.push_back(static_cast<std::uint16_t>(t));
        g.tenant_weights.push_back(c.out.tenants[t].share);
      }
    }
    scenario::GeneratorDescription d;
    d.id = m.path();
    const YAML::Node model_node = m.get("model");
    if (model_node.IsDefined()) {
      perf::TransformerModel model;
      if (resolve_model(m.context(), model_node, m.path_of("model"), c.catalog, model))
        d.model = std::move(model);
    }
    if (g.size.values.empty()) {
      m.error("size", "no size distribution: give `size` or use a class of data/workload.yaml");
    }
    m.finish();
    d.stream = std::move(g);
    c.out.generators.push_back(std::move(d));
  }
}

void decode_job(MapView& m, const SiteContext& c) {
  scenario::JobDescription j;
  j.id = m.path();
  std::string cls = "batch";
  m.name("name", j.name);
  if (m.string("class", cls) && !workload::job_class_from(cls, j.cls)) {
    m.error("class", fmt::format("unknown job class \"{}\"", cls));
  }
  j.tenant = read_tenant(m, c);
  j.partition = read_partition(m, c);
  m.quantity("submit", j.submit, Need::optional, Check::non_negative);
  core::Duration deadline;
  if (m.quantity("deadline", deadline, Need::optional, Check::positive)) {
    if (deadline <= j.submit)
      m.error("deadline", "the deadline must come after the job's `submit`");
    else
      j.deadline = deadline;
  }
  const YAML::Node model_node = m.get("model");
  if (model_node.IsDefined()) {
    // A training run: its step time and power come from the performance model (plan).
    scenario::TrainingRun run;
    const bool have_model =
        resolve_model(m.context(), model_node, m.path_of("model"), c.catalog, run.model);
    const YAML::Node par = m.get("parallelism");
    if (!par.IsDefined()) {
      m.error("parallelism",
              "a job with a model needs its `parallelism` (tp, pp, dp, global_batch, ...)");
    } else {
      MapView l(m.context(), par, m.path_of("parallelism"));
      decode_layout(l, run.layout, Need::required);
      l.finish();
    }
    m.number("tokens", run.tokens, Need::required, Check::positive);
    if (have_model && !m.context().has_errors() && !c.site.fleet.empty()) {
      // The layout's constraints are part of what was written: checked here, with the rest.
      const auto& system = c.site.fleet[j.partition].system;
      for (const auto& v :
           perf::check_layout(run.model, run.layout, run.layout.gpus(), system.scale_up_domain))
        m.context().error(child_path(m.path_of("parallelism"), v.field), par, v.message);
    }
    j.training = std::move(run);
  } else {
    if (m.integer("accelerators", j.accelerators, Need::required, Check::positive))
      m.at_most("accelerators", static_cast<double>(j.accelerators), 1e7, "10,000,000",
                "three times the EU call's whole fleet");
    m.quantity("duration", j.duration, Need::required, Check::positive);
    double activity = j.activity;
    if (m.fraction("activity", activity)) j.activity = static_cast<float>(activity);
  }
  m.finish();
  c.out.jobs.push_back(std::move(j));
}

void decode_trace(MapView& m, const SiteContext& c) {
  std::string format, file;
  m.string("format", format, Need::required);
  m.string("file", file, Need::required);
  std::string cls = "batch";
  workload::JobClass job_class = workload::JobClass::batch;
  if (m.string("class", cls) && !workload::job_class_from(cls, job_class))
    m.error("class", fmt::format("unknown job class \"{}\"", cls));
  const bool fixed_tenant = m.has("tenant");
  const std::uint16_t tenant = read_tenant(m, c);
  const std::uint16_t partition = read_partition(m, c);
  double activity = 0.7;
  m.fraction("activity", activity);
  m.finish();
  if (format != "swf" && format != "csv") {
    if (!format.empty()) m.error("format", fmt::format("expected swf or csv, got \"{}\"", format));
    return;
  }
  if (file.empty()) return;
  std::vector<TraceJob> jobs;
  std::filesystem::path path;
  try {
    path = resolve_input(c.base_dir, file, m.context().input_root());
    std::ifstream in = open_input_file(path, "trace");
    jobs = format == "swf" ? parse_swf(in, path.string()) : parse_job_csv(in, path.string());
  } catch (const core::InputError& e) {
    for (const auto& d : e.diagnostics()) {
      m.context().error(m.path_of("file"),
                        d.location.known() ? d.location : m.context().where(m.get("file")),
                        d.message);
    }
    return;
  }
  scenario::TraceSpec trace;
  trace.id = m.path();
  trace.partition = partition;
  trace.activity = static_cast<float>(activity);
  std::vector<int> lines;
  for (const auto& t : jobs) {
    scenario::TraceJob j;
    j.submit_s = t.submit_s;
    j.run_s = t.run_s;
    j.requested_s = t.requested_s;
    j.accelerators = t.accelerators;
    j.cls = job_class;
    j.tenant = tenant;
    if (!fixed_tenant && !t.tenant.empty()) {
      const int named = tenant_index(c.out, t.tenant);
      if (named >= 0) j.tenant = static_cast<std::uint16_t>(named);
    }
    if (!t.cls.empty() && !workload::job_class_from(t.cls, j.cls)) {
      m.context().error(m.path_of("file"), core::SourceLocation{path.string(), t.line, 0},
                        fmt::format("unknown job class \"{}\"", t.cls));
    }
    trace.jobs.push_back(j);
    lines.push_back(t.line);
  }
  m.context().record_list(scenario::child_id(trace.id, "jobs"), path.string(), std::move(lines));
  c.out.traces.push_back(std::move(trace));
}

void decode_inference(MapView& m, const SiteContext& c) {
  scenario::InferenceDescription s = c.catalog.defaults.inference;
  s.id = m.path();
  m.name("name", s.name, Need::required);
  s.tenant = read_tenant(m, c);
  s.partition = read_partition(m, c);
  m.integer("accelerators_per_replica", s.accelerators_per_replica, Need::optional,
            Check::positive);
  m.integer("min_replicas", s.min_replicas, Need::optional, Check::non_negative);
  if (m.integer("max_replicas", s.max_replicas, Need::required, Check::positive))
    m.at_most("max_replicas", s.max_replicas, 1e7, "10,000,000", "more replicas than accelerators");
  m.at_most("accelerators_per_replica", static_cast<double>(s.accelerators_per_replica), 1e5,
            "100,000", "a replica is a few systems");
  m.number("peak_tokens_per_s", s.peak_tokens_per_s, Need::required, Check::positive);
  // daily_shape, requests and latency over the catalog's defaults.
  decode_inference_parameters(m, s, Need::optional);
  // What the serving model derives or chooses unless the service says.
  double activity = 0;
  if (m.fraction("activity", activity)) s.activity = static_cast<float>(activity);
  s.precision_given = decode_serve_options(m, s.serve);
  const YAML::Node model_node = m.get("model");
  if (!model_node.IsDefined()) {
    m.error("model", "missing required key \"model\"");
  } else {
    // The replica's size is the service's until it is costed.
    perf::ServeSetup replica = s.serve;
    replica.tp = static_cast<int>(s.accelerators_per_replica);
    if (resolve_model(m.context(), model_node, m.path_of("model"), c.catalog, s.model)) {
      if (const std::string problem = perf::expert_parallel_problem(s.model, replica);
          !problem.empty()) {
        m.error("expert_parallel", problem);
      }
      check_speculation(m, s.model, replica);
    }
  }
  if (s.min_replicas > s.max_replicas) m.error("min_replicas", "must not exceed max_replicas");
  m.finish();
  c.out.inference.push_back(std::move(s));
}

template <class Decode>
void for_each_entry(MapView& w, const char* key, Decode decode) {
  const YAML::Node list = w.get(key);
  if (!list.IsDefined()) return;
  if (!list.IsSequence()) {
    w.error(key, "expected a list");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapView m(w.context(), list[i], index_path(w.path_of(key), i));
    if (m.valid()) decode(m);
  }
}

}  // namespace

void decode_workload(MapView& site, const Catalog& catalog, const std::filesystem::path& base_dir,
                     scenario::SiteSpec& spec) {
  const YAML::Node node = site.get("workload");
  if (!node.IsDefined()) return;
  MapView w(site.context(), node, site.path_of("workload"));
  if (!w.valid()) return;
  spec.workload.emplace();
  SiteContext c{spec, catalog, base_dir, *spec.workload};
  decode_tenants(w, c.out);
  decode_scheduler(w, c.out);
  decode_generators(w, c);
  for_each_entry(w, "jobs", [&](MapView& m) { decode_job(m, c); });
  for_each_entry(w, "traces", [&](MapView& m) { decode_trace(m, c); });
  for_each_entry(w, "inference", [&](MapView& m) { decode_inference(m, c); });
  w.finish();
}

}  // namespace gigasim::io
