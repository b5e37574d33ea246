// Result writers: summary.json, results.sqlite, site_hourly.csv and jobs.csv, all generated
// from the output declarations of sim/metrics.hpp (docs/outputs.md).
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>

#include "gigasim/sim/results.hpp"

namespace gigasim::io {

/// summary.json: the run group, each site (its fields, totals, fleet and groups), `total`
/// and the groups over all sites.
nlohmann::json summary_json(const sim::Results& results);
void write_summary_json(const nlohmann::json& summary, const std::filesystem::path& file);

/// Called now and then while a large file is written: it throws to stop the writing (a
/// signal), and the file is not left behind.
using WriteCheck = std::function<void()>;

/// results.sqlite: the `run` and `metrics` tables, then every declared table.
void write_sqlite(const sim::Results& results, const std::filesystem::path& file,
                  const WriteCheck& check = {});
/// site_hourly.csv and jobs.csv (RFC 4180, io/formats/csv.hpp).
void write_hourly_csv(const sim::Results& results, const std::filesystem::path& file,
                      const WriteCheck& check = {});
void write_jobs_csv(const sim::Results& results, const std::filesystem::path& file,
                    const WriteCheck& check = {});

/// Writes results.sqlite, site_hourly.csv and jobs.csv (with a workload) into `dir`
/// (created if missing), each file atomically. summary.json is written apart
/// (io/report: write_run_outputs writes the whole set).
void write_result_files(const sim::Results& results, const std::filesystem::path& dir,
                        const WriteCheck& check = {});

}  // namespace gigasim::io
