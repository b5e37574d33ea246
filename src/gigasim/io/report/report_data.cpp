// The figures of report.html, read back from results.sqlite through the output declarations
// (sim/metrics.hpp): headline table, energy Sankey, goodput waterfall, power steps, cost
// breakdown and the largest jobs.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "gigasim/io/report/metrics_reader.hpp"
#include "gigasim/io/report/report.hpp"
#include "gigasim/io/report/sqlite_reader.hpp"
#include "gigasim/sim/metrics.hpp"

namespace gigasim::io {
namespace {

using nlohmann::json;
namespace metrics = sim::metrics;

json number_or_null(std::optional<double> v) {
  return v && std::isfinite(*v) ? json(*v) : json(nullptr);
}

// The headline's columns: a declared figure of a group, with how the page shows it.
struct HeadlineColumn {
  std::string key;
  const char* label;
  const char* title;
  int digits;
  double scale;
  bool compact;
  std::function<std::optional<double>(const MetricsReader&, const std::string&)> value;
};

template <class R>
std::function<std::optional<double>(const MetricsReader&, const std::string&)> figure(
    const sim::output::Group<R>& g, const sim::output::Field<R>& f) {
  return [&g, &f](const MetricsReader& m, const std::string& site) -> std::optional<double> {
    return m.has(site, g) ? m.number(site, g, f) : std::nullopt;
  };
}

std::vector<HeadlineColumn> headline_columns() {
  return {
      {"accelerators", "Accelerators", "", 0, 1, false,
       figure(metrics::totals(), metrics::totals_fields::accelerators)},
      {"facility_power_peak_mw", "Peak facility power (MW)", "", 1, 1, false,
       figure(metrics::totals(), metrics::totals_fields::facility_power_peak_mw)},
      {"pue", "PUE", "", 3, 1, false, figure(metrics::totals(), metrics::totals_fields::pue)},
      {"ere", "ERE", "Energy reuse effectiveness", 3, 1, false,
       figure(metrics::totals(), metrics::totals_fields::ere)},
      {"heat_reused_gwh", "Heat reused (GWh)", "", 1, 1e-3, false,
       figure(metrics::totals(), metrics::totals_fields::heat_reused_mwh)},
      {"carbon_t", "Carbon (t CO\u2082e)", "Scope 2, location-based", 0, 1, false,
       figure(metrics::totals(), metrics::totals_fields::carbon_t)},
      {"ettr_pct", "ETTR (%)", "Effective training time ratio", 1, 100, false,
       figure(metrics::reliability(), metrics::reliability_fields::ettr)},
      {"tokens_trained", "Tokens trained", "", 0, 1, true,
       figure(metrics::workload(), metrics::workload_fields::tokens_trained)},
      {"tokens_served", "Tokens served", "", 0, 1, true,
       figure(metrics::workload(), metrics::workload_fields::tokens_served)},
      {"water_m3", "Water (m\u00b3)", "Site water use: evaporation, blow-down, adiabatic pads", 0,
       1, false, figure(metrics::totals(), metrics::totals_fields::water_m3)},
      {"eur_per_gpu_hour", "EUR per GPU-hour", "Total cost of ownership per available GPU-hour", 2,
       1, false,
       figure(metrics::economics(), metrics::economics_fields::eur_per_gpu_hour_available)},
      {"eur_per_useful_gpu_hour", "EUR per useful GPU-hour",
       "Cost of the work per GPU-hour that advanced it (docs/outputs.md#ratios)", 2, 1, false,
       figure(metrics::economics(), metrics::economics_fields::eur_per_useful_gpu_hour)},
  };
}

json headline(const MetricsReader& m) {
  const auto columns = headline_columns();
  json cols = json::array();
  for (const auto& c : columns) {
    cols.push_back({{"key", c.key},
                    {"label", c.label},
                    {"title", c.title},
                    {"digits", c.digits},
                    {"compact", c.compact}});
  }
  json rows = json::array();
  std::vector<std::string> sites = m.sites();
  sites.emplace_back("total");
  for (const auto& site : sites) {
    json row = {{"site", site}};
    for (const auto& c : columns) {
      const auto v = c.value(m, site);
      row[c.key] = number_or_null(v ? std::optional<double>(*v * c.scale) : std::nullopt);
    }
    rows.push_back(std::move(row));
  }
  return {{"columns", cols}, {"rows", rows}};
}

// Energy flows of the whole run in MWh: supply → facility → losses, cooling, heat pumps, IT
// → heat reused or rejected. Heat pumps lift IT heat: what they deliver is IT heat plus
// their own electricity (docs/models/heat_reuse.md).
json sankey(const MetricsReader& m) {
  json links = json::array();
  std::vector<std::string> nodes;
  const auto link = [&](const std::string& from, const std::string& to, double mwh) {
    if (!(mwh > 0)) return;
    for (const auto& n : {from, to}) {
      if (std::find(nodes.begin(), nodes.end(), n) == nodes.end()) nodes.push_back(n);
    }
    links.push_back({{"source", from}, {"target", to}, {"value", std::round(mwh)}});
  };
  const auto total = [&](const sim::output::Field<sim::Totals>& f) {
    return m.number("total", metrics::totals(), f).value_or(0.0);
  };
  for (const auto& [name, mwh] :
       m.entries("total", metrics::totals(), metrics::totals_fields::energy_by_source_mwh))
    link("supply: " + name, "facility", mwh);
  const double it = total(metrics::totals_fields::energy_it_mwh);
  const double loss = total(metrics::totals_fields::energy_power_chain_loss_mwh);
  const double cooling = total(metrics::totals_fields::energy_cooling_mwh);
  const double pumps = total(metrics::totals_fields::energy_heat_pump_mwh);
  const double reused = total(metrics::totals_fields::heat_reused_mwh);
  link("facility", "power chain losses", loss);
  link("facility", "cooling", cooling);
  link("facility", "heat pumps", pumps);
  link("facility", "IT", it);
  const double it_heat_reused = std::clamp(reused - pumps, 0.0, it);
  link("IT", "heat reused", it_heat_reused);
  link("heat pumps", "heat reused", std::min(pumps, reused));
  link("IT", "heat rejected", it - it_heat_reused);
  link("power chain losses", "heat rejected", loss);
  link("cooling", "heat rejected", cooling);
  if (links.empty()) return nullptr;
  return {{"nodes", nodes}, {"links", links}};
}

// Ideal accelerator-hours → losses → delivered; only with a workload.
json goodput(const MetricsReader& m) {
  if (!m.has("total", metrics::workload())) return nullptr;
  double ideal = 0, busy = 0;
  for (const auto& [key, h] :
       m.entries("total", metrics::economics(), metrics::economics_fields::gpu_hours)) {
    if (key == "available") ideal = h;
    if (key == "busy") busy = h;
  }
  const auto reliability_figure = [&](const sim::output::Field<sim::ReliabilityTotals>& f) {
    return m.has("total", metrics::reliability())
               ? m.number("total", metrics::reliability(), f).value_or(0.0)
               : 0.0;
  };
  const std::pair<const char*, double> losses[] = {
      {"idle", ideal - busy},
      {"failures", reliability_figure(metrics::reliability_fields::lost_gpu_hours)},
      {"restarts", reliability_figure(metrics::reliability_fields::restart_gpu_hours)},
      {"checkpoints",
       reliability_figure(metrics::reliability_fields::checkpoint_overhead_gpu_hours)},
      {"power caps", m.number("total", metrics::workload(),
                              metrics::workload_fields::gpu_hours_lost_to_power_caps)
                         .value_or(0)},
  };
  json steps = json::array({{{"name", "ideal"}, {"value", ideal}}});
  double delivered = ideal;
  for (const auto& [name, hours] : losses) {
    steps.push_back({{"name", name}, {"value", -hours}});
    delivered -= hours;
  }
  steps.push_back({{"name", "delivered"}, {"value", delivered}});
  return steps;
}

json power_steps(const ResultsReader& db) {
  json steps = json::array();
  db.each(fmt::format("SELECT time_h, site, before_mw, after_mw, step_mw FROM (SELECT * FROM "
                      "power_steps ORDER BY ABS(step_mw) DESC LIMIT {}) ORDER BY time_h",
                      kReportPowerSteps),
          [&](sqlite3_stmt* s) {
            steps.push_back({{"time_h", sqlite3_column_double(s, 0)},
                             {"site", column_text(s, 1)},
                             {"before_mw", sqlite3_column_double(s, 2)},
                             {"after_mw", sqlite3_column_double(s, 3)},
                             {"step_mw", sqlite3_column_double(s, 4)}});
          });
  return steps.empty() ? json(nullptr) : steps;
}

// How many rows a table has (`where` narrows it), for captions that say what a chart leaves out.
std::int64_t count_rows(const ResultsReader& db, std::string_view table, std::string_view where) {
  std::int64_t n = 0;
  db.each(fmt::format("SELECT COUNT(*) FROM {} {}", table, where),
          [&](sqlite3_stmt* s) { n = sqlite3_column_int64(s, 0); });
  return n;
}

// Waits per job class and the named jobs' course (summary.json's delay figures).
json delays(const MetricsReader& m) {
  if (!m.has("total", metrics::workload())) return nullptr;
  namespace w = metrics::workload_fields;
  const auto by_key = [&](const sim::output::KeyedField<sim::WorkloadTotals>& f) {
    std::map<std::string, double> out;
    for (const auto& [key, v] : m.entries("total", metrics::workload(), f)) out[key] = v;
    return out;
  };
  const auto mean = by_key(w::mean_wait_h_by_class);
  const auto p95 = by_key(w::p95_wait_h_by_class);
  const auto max = by_key(w::max_wait_h_by_class);
  const auto slowdown = by_key(w::mean_bounded_slowdown_by_class);
  const auto unfinished = by_key(w::jobs_unfinished_by_class);
  // A figure of `key` as the table shows it; null when the key has none.
  const auto cell = [](const std::map<std::string, double>& f, const std::string& key,
                       double (*shown)(double)) {
    const auto it = f.find(key);
    return it == f.end() ? json(nullptr) : json(shown(it->second));
  };
  const auto hundredths = [](double v) { return std::round(v * 100) / 100; };
  const auto tenths = [](double v) { return std::round(v * 10) / 10; };
  const auto day = [](double h) { return std::round(h / 24.0 * 10) / 10; };
  const auto percent = [](double share) { return std::round(share * 1000) / 10; };
  const auto whole = [](double v) { return std::round(v); };
  json classes = json::array();
  for (const auto& [cls, v] : mean) {
    classes.push_back({cls, cell(mean, cls, hundredths), cell(p95, cls, hundredths),
                       cell(max, cls, hundredths), cell(slowdown, cls, hundredths),
                       cell(unfinished, cls, hundredths)});
  }
  const auto start = by_key(w::start_h_by_named_job);
  const auto end = by_key(w::end_h_by_named_job);
  const auto done = by_key(w::done_by_named_job);
  const auto cost = by_key(w::cost_eur_by_named_job);
  const auto late = by_key(w::late_h_by_named_job);
  json named = json::array();
  for (const auto& [name, share] : done) {
    named.push_back({name, cell(start, name, day), cell(end, name, day), percent(share),
                     cell(late, name, tenths), cell(cost, name, whole)});
  }
  return {
      {"classes",
       {{"columns",
         {"class", "mean_wait_h", "p95_wait_h", "max_wait_h", "bounded_slowdown", "unfinished"}},
        {"rows", classes}}},
      {"named",
       named.empty()
           ? json(nullptr)
           : json{{"columns", {"name", "start_day", "end_day", "done_pct", "late_h", "cost_eur"}},
                  {"rows", named}}}};
}

json costs(const ResultsReader& db) {
  json out = json::object();
  db.each("SELECT class, run_eur FROM costs WHERE site = 'total' ORDER BY run_eur DESC",
          [&](sqlite3_stmt* s) {
            const double eur = sqlite3_column_double(s, 1);
            if (eur != 0) out[column_text(s, 0)] = std::round(eur);
          });
  return out.empty() ? json(nullptr) : out;
}

json largest_jobs(const ResultsReader& db) {
  json rows = json::array();
  db.each(
      fmt::format("SELECT id, name, site, tenant, class, accelerators, held_gpu_hours, cost_eur, "
                  "wait_h, end_h, status FROM jobs WHERE start_h IS NOT NULL "
                  "ORDER BY held_gpu_hours DESC LIMIT {}",
                  kReportJobs),
      [&](sqlite3_stmt* s) {
        std::string name = column_text(s, 1);
        if (name.empty()) name = fmt::format("job {}", sqlite3_column_int64(s, 0));
        const json end_day = sqlite3_column_type(s, 9) == SQLITE_NULL
                                 ? json(nullptr)
                                 : json(std::round(sqlite3_column_double(s, 9) / 24.0 * 10) / 10);
        rows.push_back({name, column_text(s, 2), column_text(s, 3), column_text(s, 4),
                        sqlite3_column_int64(s, 5), std::round(sqlite3_column_double(s, 6)),
                        std::round(sqlite3_column_double(s, 7)),
                        std::round(sqlite3_column_double(s, 8) * 100) / 100, end_day,
                        column_text(s, 10)});
      });
  if (rows.empty()) return nullptr;
  return {{"columns",
           {"name", "site", "tenant", "class", "accelerators", "held_gpu_hours", "cost_eur",
            "wait_h", "end_day", "state"}},
          {"rows", rows}};
}

// The run group's fields from the one row of the `run` table.
json run_fields(const ResultsReader& db) {
  json out = json::object();
  int rows = 0;
  db.each("SELECT * FROM run", [&](sqlite3_stmt* s) {
    ++rows;
    for (int c = 0; c < sqlite3_column_count(s); ++c) {
      const std::string name = sqlite3_column_name(s, c);
      switch (sqlite3_column_type(s, c)) {
        case SQLITE_INTEGER:
          out[name] = sqlite3_column_int64(s, c);
          break;
        case SQLITE_FLOAT:
          out[name] = sqlite3_column_double(s, c);
          break;
        case SQLITE_TEXT:
          out[name] = column_text(s, c);
          break;
        default:
          out[name] = nullptr;
      }
    }
  });
  for (const auto* f : metrics::run().fields) {
    if (rows != 1 || !out.contains(std::string(f->name)))
      throw core::IoError(fmt::format(
          "\"{}\" holds no run: it was not written by this version of gigasim", db.file()));
  }
  return out;
}

}  // namespace

json report_data(const std::filesystem::path& sqlite_file) {
  const ResultsReader db(sqlite_file);
  const json run = run_fields(db);
  const MetricsReader m(db);
  json data;
  for (const auto* f : metrics::run().fields)
    data[std::string(f->name)] = run[std::string(f->name)];
  // A tampered run may hold text or NULL where a number belongs: then NaN, refused below.
  const auto number = [&](std::string_view name) {
    const json& v = run[std::string(name)];
    return v.is_number() ? v.get<double>() : std::nan("");
  };
  const double hours = number(metrics::run_fields::hours.name);
  const double tick_h = number(metrics::run_fields::tick_h.name);
  // A run gigasim wrote: positive, finite, within the envelope (a tampered file is refused).
  if (!(hours > 0) || !(tick_h > 0) || !std::isfinite(hours) || !std::isfinite(tick_h) ||
      hours / tick_h > kReportMaxTicks) {
    throw core::IoError(
        fmt::format("\"{}\": a run of {} h in ticks of {} h is not one gigasim writes",
                    sqlite_file.string(), hours, tick_h));
  }
  data["headline"] = headline(m);
  data["sankey"] = sankey(m);
  data["series"] = report_series(db, m, tick_h, hours);
  data["site_series"] = report_site_series(db, m, tick_h, hours);
  data["pue_vs_temperature"] = report_pue_scatter(db, m);
  data["goodput"] = goodput(m);
  data["power_steps"] = power_steps(db);
  data["power_steps_total"] = count_rows(db, "power_steps", "");
  data["costs"] = costs(db);
  data["jobs"] = largest_jobs(db);
  data["jobs_total"] = count_rows(db, "jobs", "WHERE start_h IS NOT NULL");
  data["delays"] = delays(m);
  data["grid_connection_mw"] =
      m.number("total", metrics::totals(), metrics::totals_fields::grid_connection_mw)
          .value_or(0.0);
  return data;
}

}  // namespace gigasim::io
