// The figures of report.html, read back from results.sqlite: headline table, energy Sankey,
// goodput waterfall, power steps, cost breakdown and the largest jobs.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "gigasim/io/report/report.hpp"
#include "gigasim/io/report/sqlite_reader.hpp"

namespace gigasim::io {
namespace {

using nlohmann::json;

// A number of a summary object, or null when the key is absent or not a number.
json at(const json& object, std::initializer_list<const char*> keys) {
  const json* j = &object;
  for (const char* key : keys) {
    if (!j->is_object() || !j->contains(key)) return nullptr;
    j = &(*j)[key];
  }
  return j->is_number() ? *j : json(nullptr);
}

double value(const json& object, std::initializer_list<const char*> keys) {
  const json v = at(object, keys);
  return v.is_number() ? v.get<double>() : 0.0;
}

json headline_row(const std::string& site, const json& totals, const json& part) {
  return {{"site", site},
          {"accelerators", at(totals, {"accelerators"})},
          {"facility_power_peak_mw", at(totals, {"facility_power_peak_mw"})},
          {"pue", at(totals, {"pue"})},
          {"ere", at(totals, {"ere"})},
          {"heat_reused_mwh", at(totals, {"heat_reused_mwh"})},
          {"carbon_t", at(totals, {"carbon_t"})},
          {"ettr", at(part, {"reliability", "ettr"})},
          {"tokens_trained", at(part, {"workload", "tokens_trained"})},
          {"tokens_served", at(part, {"workload", "tokens_served"})},
          {"eur_per_gpu_hour", at(part, {"economics", "eur_per_gpu_hour_available"})}};
}

json headline(const json& summary) {
  json rows = json::array();
  for (const auto& site : summary["sites"])
    rows.push_back(headline_row(site.value("name", ""), site, site));
  rows.push_back(headline_row("total", summary["total"], summary));
  return rows;
}

// Energy flows of the whole run in MWh: supply → facility → losses, cooling, heat pumps, IT
// → heat reused or rejected. Heat pumps lift IT heat: what they deliver is IT heat plus
// their own electricity (docs/models/heat_reuse.md).
json sankey(const json& total) {
  json links = json::array();
  std::vector<std::string> nodes;
  const auto link = [&](const std::string& from, const std::string& to, double mwh) {
    if (!(mwh > 0)) return;
    for (const auto& n : {from, to}) {
      if (std::find(nodes.begin(), nodes.end(), n) == nodes.end()) nodes.push_back(n);
    }
    links.push_back({{"source", from}, {"target", to}, {"value", std::round(mwh)}});
  };
  if (total.contains("energy_by_source_mwh")) {
    for (const auto& [name, mwh] : total["energy_by_source_mwh"].items())
      link("supply: " + name, "facility", mwh.get<double>());
  }
  const double it = value(total, {"energy_it_mwh"});
  const double loss = value(total, {"energy_power_chain_loss_mwh"});
  const double cooling = value(total, {"energy_cooling_mwh"});
  const double pumps = value(total, {"energy_heat_pump_mwh"});
  const double reused = value(total, {"heat_reused_mwh"});
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
json goodput(const json& summary) {
  if (!summary.contains("workload")) return nullptr;
  const double ideal = value(summary, {"economics", "gpu_hours", "available"});
  const double busy = value(summary, {"economics", "gpu_hours", "busy"});
  const std::pair<const char*, double> losses[] = {
      {"idle", ideal - busy},
      {"failures", value(summary, {"reliability", "lost_gpu_hours"})},
      {"restarts", value(summary, {"reliability", "restart_gpu_hours"})},
      {"checkpoints", value(summary, {"reliability", "checkpoint_overhead_gpu_hours"})},
      {"power caps", value(summary, {"workload", "gpu_hours_lost_to_power_caps"})},
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

json costs(const ResultsReader& db) {
  json out = json::object();
  db.each("SELECT class, run_eur FROM costs WHERE site = 'total' ORDER BY run_eur DESC",
          [&](sqlite3_stmt* s) {
            const double eur = sqlite3_column_double(s, 1);
            if (eur != 0) out[column_text(s, 0)] = std::round(eur);
          });
  return out.empty() ? json(nullptr) : out;
}

json largest_jobs(const ResultsReader& db, double hours) {
  json rows = json::array();
  db.each(
      fmt::format("SELECT id, name, site, tenant, class, accelerators, accelerators * "
                  "(COALESCE(end_h, {0}) - start_h) AS gpu_hours, wait_h, status FROM jobs "
                  "WHERE start_h IS NOT NULL ORDER BY gpu_hours DESC LIMIT {1}",
                  hours, kReportJobs),
      [&](sqlite3_stmt* s) {
        std::string name = column_text(s, 1);
        if (name.empty()) name = fmt::format("job {}", sqlite3_column_int64(s, 0));
        rows.push_back({name, column_text(s, 2), column_text(s, 3), column_text(s, 4),
                        sqlite3_column_int64(s, 5), std::round(sqlite3_column_double(s, 6)),
                        std::round(sqlite3_column_double(s, 7) * 100) / 100, column_text(s, 8)});
      });
  if (rows.empty()) return nullptr;
  return {{"columns",
           {"name", "site", "tenant", "class", "accelerators", "gpu_hours", "wait_h", "state"}},
          {"rows", rows}};
}

}  // namespace

json report_data(const std::filesystem::path& sqlite_file) {
  const ResultsReader db(sqlite_file);
  json summary;
  db.each("SELECT json FROM summary", [&](sqlite3_stmt* s) {
    summary = json::parse(column_text(s, 0), nullptr, /*allow_exceptions=*/false);
  });
  if (!summary.is_object() || !summary.contains("sites") || !summary.contains("total"))
    throw core::IoError(fmt::format("\"{}\" holds no run summary", sqlite_file.string()));
  json data;
  data["scenario"] = summary.value("scenario", "");
  data["seed"] = summary.value("seed", 0);
  data["start"] = summary.value("start", "");
  data["hours"] = summary.value("hours", 0.0);
  data["tick_h"] = summary.value("tick_h", 1.0);
  data["headline"] = headline(summary);
  data["sankey"] = sankey(summary["total"]);
  data["series"] = report_series(db, summary);
  data["pue_vs_temperature"] = report_pue_scatter(db, summary);
  data["goodput"] = goodput(summary);
  data["power_steps"] = power_steps(db);
  data["costs"] = costs(db);
  data["jobs"] = largest_jobs(db, data["hours"].get<double>());
  return data;
}

}  // namespace gigasim::io
