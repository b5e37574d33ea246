// The per-tick site table in SQLite and CSV, from one list of columns.
#include <fmt/format.h>
#include <sqlite3.h>

#include <array>

#include "gigasim/core/errors.hpp"
#include "gigasim/io/formats/csv.hpp"
#include "gigasim/io/results/output_files.hpp"
#include "gigasim/io/results/sqlite_db.hpp"
#include "gigasim/io/results/writers.hpp"

namespace gigasim::io {

std::span<const HourlyColumn> hourly_columns() {
  using R = sim::SiteTickRow;
  static const std::vector<HourlyColumn> kColumns = [] {
    std::vector<HourlyColumn> c = {
        {"dry_bulb_c", "°C", &R::dry_bulb_c},
        {"wet_bulb_c", "°C", &R::wet_bulb_c},
        {"utilization", "fraction", &R::utilization},
        {"it_mw", "MW", &R::it_mw},
        {"power_chain_loss_mw", "MW", &R::power_chain_loss_mw},
        {"cooling_mw", "MW", &R::cooling_mw},
        {"heat_pump_mw", "MW", &R::heat_pump_mw},
        {"facility_mw", "MW", &R::facility_mw},
        {"pue", "ratio", &R::pue},
        {"water_m3", "m3 in the tick", &R::water_m3},
        {"wue_l_per_kwh", "L/kWh", &R::wue_l_per_kwh},
        {"heat_demand_mw", "MW", &R::heat_demand_mw},
        {"heat_reused_mw", "MW", &R::heat_reused_mw},
        {"free_cooling", "fraction of heat", &R::free_cooling},
    };
    for (const energy::SourceKind kind : energy::kAllSourceKinds) {
      c.push_back({std::string(energy::to_string(kind)) + "_mw", "MW", nullptr,
                   static_cast<int>(energy::index_of(kind))});
    }
    const std::vector<HourlyColumn> rest = {
        {"unserved_mw", "MW", &R::unserved_mw},
        {"carbon_t", "t CO2e in the tick", &R::carbon_t},
        {"carbon_intensity_g_per_kwh", "g CO2e/kWh", &R::carbon_intensity_g_per_kwh},
        {"energy_cost_eur", "EUR in the tick", &R::energy_cost_eur},
        {"queue_length", "jobs waiting at the end of the tick", &R::queue_length},
        {"power_cap", "share of dynamic IT power allowed", &R::power_cap},
        {"tokens_served_per_s", "inference tokens/s", &R::tokens_served_per_s},
    };
    c.insert(c.end(), rest.begin(), rest.end());
    return c;
  }();
  return kColumns;
}

namespace {

void insert_kpis(Database& db, sqlite3_stmt* s, const std::string& site, const sim::Totals& t) {
  const auto put = [&](const std::string& name, double value, const char* unit) {
    bind_text(s, 1, site);
    bind_text(s, 2, name);
    sqlite3_bind_double(s, 3, value);
    sqlite3_bind_text(s, 4, unit, -1, SQLITE_STATIC);
    db.step(s);
  };
  for (const Kpi& k : kpis_of(t)) put(k.name, k.value, k.unit);
  for (const auto& [name, mwh] : t.energy_by_source_mwh)
    put("energy_by_source_mwh." + name, mwh, "MWh");
  for (const auto& [name, co2] : t.carbon_by_source_t)
    put("carbon_by_source_t." + name, co2, "t CO2e");
  for (const auto& [name, eur] : t.cost_by_source_eur)
    put("cost_by_source_eur." + name, eur, "EUR");
}

}  // namespace

void write_sqlite(const sim::Results& r, const nlohmann::json& summary,
                  const std::filesystem::path& file) {
  write_atomically_by_name(file, [&](const std::filesystem::path& tmp) {
    std::filesystem::remove(tmp);
    Database db(tmp);
    db.exec(
        "CREATE TABLE run (scenario TEXT, seed INTEGER, start TEXT, hours REAL, tick_h REAL, sites "
        "INTEGER);");
    db.exec("CREATE TABLE kpis (site TEXT, name TEXT, value REAL, unit TEXT);");
    std::string columns = "site TEXT, time_h REAL";
    std::string marks = "?, ?";
    for (const auto& c : hourly_columns()) {
      columns += fmt::format(", {} REAL", c.name);
      marks += ", ?";
    }
    db.exec(fmt::format("CREATE TABLE site_hourly ({});", columns));
    db.exec("BEGIN;");
    {
      Statement run{db.prepare("INSERT INTO run VALUES (?, ?, ?, ?, ?, ?);")};
      bind_text(run.stmt, 1, r.scenario);
      sqlite3_bind_int64(run.stmt, 2, static_cast<sqlite3_int64>(r.seed));
      bind_text(run.stmt, 3, r.start_date);
      sqlite3_bind_double(run.stmt, 4, r.hours);
      sqlite3_bind_double(run.stmt, 5, r.tick_h);
      sqlite3_bind_int64(run.stmt, 6, static_cast<sqlite3_int64>(r.sites.size()));
      db.step(run.stmt);
    }
    {
      Statement kpi{db.prepare("INSERT INTO kpis VALUES (?, ?, ?, ?);")};
      for (const auto& s : r.sites) insert_kpis(db, kpi.stmt, s.name, s.totals);
      insert_kpis(db, kpi.stmt, "total", r.total);
    }
    {
      Statement row{db.prepare(fmt::format("INSERT INTO site_hourly VALUES ({});", marks))};
      const auto cols = hourly_columns();
      for (const auto& s : r.sites) {
        for (const auto& rec : s.rows) {
          sqlite3_bind_text(row.stmt, 1, s.name.c_str(), -1, SQLITE_STATIC);
          sqlite3_bind_double(row.stmt, 2, rec.time_h);
          for (std::size_t c = 0; c < cols.size(); ++c) {
            sqlite3_bind_double(row.stmt, static_cast<int>(c) + 3,
                                static_cast<double>(cols[c].value(rec)));
          }
          db.step(row.stmt);
        }
      }
    }
    insert_jobs(db, r);
    insert_failures_and_steps(db, r);
    insert_costs(db, r);
    // summary.json verbatim, so that `gigasim report` can redraw the run from this file.
    db.exec("CREATE TABLE summary (json TEXT);");
    Statement insert{db.prepare("INSERT INTO summary VALUES (?);")};
    bind_text(insert.stmt, 1, summary.dump());
    db.step(insert.stmt);
    db.exec("COMMIT;");
  });
}

void write_hourly_csv(const sim::Results& r, const std::filesystem::path& file) {
  write_atomically(file, [&](std::ostream& out) {
    const auto cols = hourly_columns();
    CsvWriter csv(out);
    csv.text("site");
    csv.text("time_h");
    for (const auto& c : cols) csv.text(c.name);
    csv.end_row();
    for (const auto& s : r.sites) {
      for (const auto& rec : s.rows) {
        csv.text(s.name);
        csv.exact(rec.time_h);
        for (const auto& c : cols) csv.number(c.value(rec));
        csv.end_row();
      }
    }
  });
}

void write_result_files(const sim::Results& results, const nlohmann::json& summary,
                        const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw core::IoError(
        fmt::format("cannot create output folder \"{}\": {}", dir.string(), ec.message()));
  write_sqlite(results, summary, dir / "results.sqlite");
  write_hourly_csv(results, dir / "site_hourly.csv");
  if (results.workload_total.present) write_jobs_csv(results, dir / "jobs.csv");
}

}  // namespace gigasim::io
