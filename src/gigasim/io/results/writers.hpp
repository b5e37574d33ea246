// Result writers: summary.json, results.sqlite and site_hourly.csv (docs/outputs.md).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "gigasim/sim/results.hpp"

namespace gigasim::io {

/// One column of the per-tick site table, shared by the SQLite and CSV writers: a member of
/// the row, or the supply of one kind of source.
struct HourlyColumn {
  std::string name;
  std::string unit;
  float sim::SiteTickRow::*member = nullptr;
  int kind = -1;  ///< energy::index_of of a source kind, for `<kind>_mw`
  [[nodiscard]] float value(const sim::SiteTickRow& row) const {
    return kind >= 0 ? row.supply_mw[static_cast<std::size_t>(kind)] : row.*member;
  }
};
std::span<const HourlyColumn> hourly_columns();

/// One key figure of a site or of the total: the same list feeds summary.json and the
/// `kpis` table, so they cannot drift apart.
struct Kpi {
  std::string name;
  double value;
  const char* unit;
};
std::vector<Kpi> kpis_of(const sim::Totals& totals);

nlohmann::json summary_json(const sim::Results& results);

/// `summary` is summary_json(results), built once for both files.
void write_summary_json(const nlohmann::json& summary, const std::filesystem::path& file);
void write_sqlite(const sim::Results& results, const nlohmann::json& summary,
                  const std::filesystem::path& file);
void write_hourly_csv(const sim::Results& results, const std::filesystem::path& file);
/// jobs.csv: one row per job of every site with a workload (docs/outputs.md).
void write_jobs_csv(const sim::Results& results, const std::filesystem::path& file);
nlohmann::json workload_json(const sim::WorkloadTotals& w);
nlohmann::json reliability_json(const sim::ReliabilityTotals& r);
nlohmann::json economics_json(const econ::EconomicsResult& e);
nlohmann::json carbon_json(const econ::CarbonResult& c);

/// Writes results.sqlite, site_hourly.csv and jobs.csv into `dir` (created if missing), each
/// file atomically. summary.json is written apart, last (io/report: write_run_outputs).
void write_result_files(const sim::Results& results, const nlohmann::json& summary,
                        const std::filesystem::path& dir);

}  // namespace gigasim::io
