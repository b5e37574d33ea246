// The `economics` and `carbon` objects of summary.json and the `costs` table of
// results.sqlite (docs/outputs.md#economics-and-carbon).
#include <algorithm>
#include <cmath>
#include <optional>

#include "gigasim/io/results/sqlite_db.hpp"
#include "gigasim/io/results/writers.hpp"

namespace gigasim::io {
namespace {

// A figure that does not apply (no tokens, no work) is null.
nlohmann::json optional_number(std::optional<double> v) {
  return v && std::isfinite(*v) ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json economics_json(const econ::EconomicsResult& e) {
  nlohmann::json j;
  j["capex_eur"] = e.capex_eur;
  j["annualised_capex_eur"] = e.annualised_capex_eur;
  j["depreciation_eur"] = e.depreciation_eur;
  j["opex_eur"] = e.opex_eur;
  j["tco_eur"] = e.tco_eur;
  j["tco_eur_per_year"] = e.tco_per_year_eur();
  j["eur_per_gpu_hour_available"] = optional_number(e.eur_per_gpu_hour_available());
  j["eur_per_gpu_hour_delivered"] = optional_number(e.eur_per_gpu_hour_delivered());
  j["eur_per_pflop_day"] = optional_number(e.eur_per_pflop_day());
  j["eur_per_m_tokens_trained"] = optional_number(e.eur_per_m_tokens_trained());
  j["eur_per_m_tokens_served"] = optional_number(e.eur_per_m_tokens_served());
  nlohmann::json breakdown = nlohmann::json::object(), capex = nlohmann::json::object();
  for (const auto& [name, eur] : e.cost_breakdown_eur) breakdown[name] = eur;
  for (const auto& a : e.assets) capex[a.name] = a.capex_eur;
  j["cost_breakdown_eur"] = breakdown;
  j["capex_breakdown_eur"] = capex;
  j["gpu_hours"] = {{"available", e.use.available_gpu_hours},
                    {"busy", e.use.busy_gpu_hours},
                    {"inference_pools", e.use.inference_gpu_hours},
                    {"model_jobs", e.use.model_job_gpu_hours}};
  return j;
}

nlohmann::json carbon_json(const econ::CarbonResult& c) {
  nlohmann::json j;
  j["scope2_location_t"] = c.scope2_location_t;
  j["scope2_market_t"] = c.scope2_market_t;
  j["embodied_t"] = c.embodied_t;
  j["embodied_total_t"] = c.embodied_total_t;
  j["cue"] = optional_number(c.cue());
  j["g_per_m_tokens"] = optional_number(c.g_per_m_tokens());
  j["g_per_m_tokens_trained"] = optional_number(c.g_per_m_tokens_trained());
  j["g_per_m_tokens_served"] = optional_number(c.g_per_m_tokens_served());
  return j;
}

void insert_costs(Database& db, const sim::Results& r) {
  db.exec(
      "CREATE TABLE costs (site TEXT, class TEXT, kind TEXT, capex_eur REAL, annualised_eur "
      "REAL, depreciation_eur REAL, maintenance_eur REAL, run_eur REAL);");
  Statement st{db.prepare("INSERT INTO costs VALUES (?, ?, ?, ?, ?, ?, ?, ?);")};
  const auto put = [&](const std::string& site, const econ::EconomicsResult& e) {
    for (const auto& [name, eur] : e.cost_breakdown_eur) {
      bind_text(st.stmt, 1, site);
      bind_text(st.stmt, 2, name);
      const auto asset = std::find_if(e.assets.begin(), e.assets.end(),
                                      [&](const econ::AssetCost& a) { return a.name == name; });
      if (asset != e.assets.end()) {
        sqlite3_bind_text(st.stmt, 3, "capital", -1, SQLITE_STATIC);
        sqlite3_bind_double(st.stmt, 4, asset->capex_eur);
        sqlite3_bind_double(st.stmt, 5, asset->annualised_eur);
        sqlite3_bind_double(st.stmt, 6, asset->depreciation_eur);
        sqlite3_bind_double(st.stmt, 7, asset->maintenance_eur);
      } else {
        sqlite3_bind_text(st.stmt, 3, eur < 0 ? "revenue" : "operations", -1, SQLITE_STATIC);
        for (int c = 4; c <= 7; ++c) sqlite3_bind_null(st.stmt, c);
      }
      sqlite3_bind_double(st.stmt, 8, eur);
      db.step(st.stmt);
    }
  };
  for (const auto& s : r.sites) put(s.name, s.economics);
  put("total", r.economics_total);
}

}  // namespace gigasim::io
