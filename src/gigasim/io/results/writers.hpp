// Result writers: summary.json, results.sqlite, site_hourly.csv and jobs.csv, all generated
// from the output declarations of sim/metrics.hpp (docs/outputs.md).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

#include "gigasim/sim/results.hpp"

namespace gigasim::io {

/// summary.json: the run group, each site (its fields, totals, fleet and groups), `total`
/// and the groups over all sites.
nlohmann::json summary_json(const sim::Results& results);
void write_summary_json(const nlohmann::json& summary, const std::filesystem::path& file);

/// results.sqlite: the `run` and `metrics` tables, then every declared table.
void write_sqlite(const sim::Results& results, const std::filesystem::path& file);
/// site_hourly.csv and jobs.csv (RFC 4180, io/formats/csv.hpp).
void write_hourly_csv(const sim::Results& results, const std::filesystem::path& file);
void write_jobs_csv(const sim::Results& results, const std::filesystem::path& file);

/// Writes results.sqlite, site_hourly.csv and jobs.csv (with a workload) into `dir`
/// (created if missing), each file atomically. summary.json is written apart, last
/// (io/report: write_run_outputs).
void write_result_files(const sim::Results& results, const std::filesystem::path& dir);

}  // namespace gigasim::io
