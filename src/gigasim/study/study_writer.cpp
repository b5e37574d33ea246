// study.csv, replicas.csv and study.json of a study (docs/studies.md#outputs).
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

#include "gigasim/io/formats/csv.hpp"
#include "gigasim/io/report/report.hpp"
#include "gigasim/io/results/output_files.hpp"
#include "gigasim/io/results/output_set.hpp"
#include "gigasim/io/results/sqlite_db.hpp"
#include "gigasim/study/study.hpp"
#include "gigasim/study/study_report.hpp"

namespace gigasim::study {
namespace {

// The shortest text that reads back to the same double; empty for NaN (no interval).
std::string number(double v) {
  return std::isnan(v) ? std::string() : fmt::format("{}", v);
}

nlohmann::json json_number(double v) {
  return std::isnan(v) ? nlohmann::json() : nlohmann::json(v);
}

void write_variants_csv(const StudyResult& r, std::ostream& out) {
  out << "variant,replicas";
  for (const auto& m : r.metrics)
    out << ',' << m << "_mean," << m << "_ci95_low," << m << "_ci95_high";
  out << "\r\n";
  for (const auto& v : r.variants) {
    out << io::csv_field(v.variant.name) << ',' << v.replicas.size();
    for (std::size_t m = 0; m < r.metrics.size(); ++m)
      out << ',' << number(v.mean[m]) << ',' << number(v.ci_low[m]) << ',' << number(v.ci_high[m]);
    out << "\r\n";
  }
}

void write_replicas_csv(const StudyResult& r, std::ostream& out) {
  out << "variant,replica,seed";
  for (const auto& m : r.metrics) out << ',' << m;
  out << "\r\n";
  for (const auto& v : r.variants) {
    for (std::size_t i = 0; i < v.replicas.size(); ++i) {
      out << io::csv_field(v.variant.name) << ',' << i << ',' << v.replicas[i].seed;
      for (double x : v.replicas[i].values) out << ',' << number(x);
      out << "\r\n";
    }
  }
}

nlohmann::json study_json(const StudyResult& r) {
  nlohmann::json variants = nlohmann::json::array();
  for (const auto& v : r.variants) {
    nlohmann::json metrics = nlohmann::json::object();
    for (std::size_t m = 0; m < r.metrics.size(); ++m) {
      nlohmann::json values = nlohmann::json::array();
      for (const auto& rep : v.replicas) values.push_back(rep.values[m]);
      metrics[r.metrics[m]] = {{"mean", v.mean[m]},
                               {"ci95_low", json_number(v.ci_low[m])},
                               {"ci95_high", json_number(v.ci_high[m])},
                               {"replicas", values}};
    }
    nlohmann::json seeds = nlohmann::json::array();
    for (const auto& rep : v.replicas) seeds.push_back(rep.seed);
    variants.push_back({{"name", v.variant.name},
                        {"overrides", v.variant.overrides},
                        {"seeds", seeds},
                        {"metrics", metrics}});
  }
  return {{"study", r.name}, {"metrics", r.metrics}, {"variants", variants}};
}

// The same tables in long form: one row per (variant, metric) and per (run, metric).
void write_study_sqlite(const StudyResult& r, const std::filesystem::path& file) {
  io::Database db(file);
  db.exec(
      "CREATE TABLE variants (variant TEXT, replicas INTEGER, metric TEXT, mean REAL, "
      "ci95_low REAL, ci95_high REAL);"
      "CREATE TABLE replicas (variant TEXT, replica INTEGER, seed INTEGER, metric TEXT, "
      "value REAL);"
      "BEGIN;");
  const io::Statement variant{db.prepare("INSERT INTO variants VALUES (?1, ?2, ?3, ?4, ?5, ?6)")};
  const io::Statement run{db.prepare("INSERT INTO replicas VALUES (?1, ?2, ?3, ?4, ?5)")};
  const auto real_or_null = [](sqlite3_stmt* s, int i, double v) {
    if (std::isnan(v))
      sqlite3_bind_null(s, i);
    else
      sqlite3_bind_double(s, i, v);
  };
  for (const auto& v : r.variants) {
    for (std::size_t m = 0; m < r.metrics.size(); ++m) {
      io::bind_text(variant.stmt, 1, v.variant.name);
      sqlite3_bind_int64(variant.stmt, 2, static_cast<sqlite3_int64>(v.replicas.size()));
      io::bind_text(variant.stmt, 3, r.metrics[m]);
      real_or_null(variant.stmt, 4, v.mean[m]);
      real_or_null(variant.stmt, 5, v.ci_low[m]);
      real_or_null(variant.stmt, 6, v.ci_high[m]);
      db.step(variant.stmt);
      for (std::size_t i = 0; i < v.replicas.size(); ++i) {
        io::bind_text(run.stmt, 1, v.variant.name);
        sqlite3_bind_int64(run.stmt, 2, static_cast<sqlite3_int64>(i));
        sqlite3_bind_int64(run.stmt, 3, static_cast<sqlite3_int64>(v.replicas[i].seed));
        io::bind_text(run.stmt, 4, r.metrics[m]);
        real_or_null(run.stmt, 5, v.replicas[i].values[m]);
        db.step(run.stmt);
      }
    }
  }
  db.exec("COMMIT;");
}

}  // namespace

void write_study(const StudyResult& result, const std::filesystem::path& dir) {
  io::OutputSet set(dir);
  io::write_atomically(set.dir() / "study.csv",
                       [&](std::ostream& out) { write_variants_csv(result, out); });
  io::write_atomically(set.dir() / "replicas.csv",
                       [&](std::ostream& out) { write_replicas_csv(result, out); });
  io::write_atomically_by_name(set.dir() / "study.sqlite", [&](const std::filesystem::path& file) {
    write_study_sqlite(result, file);
  });
  io::write_atomically(set.dir() / "study.json",
                       [&](std::ostream& out) { out << study_json(result).dump(2) << '\n'; });
  const int replicas =
      result.variants.empty() ? 0 : static_cast<int>(result.variants.front().replicas.size());
  const std::string page = io::study_report_html(study_report_data(result, replicas));
  io::write_atomically(set.dir() / "report.html", [&](std::ostream& out) { out << page; });
  set.commit();
}

}  // namespace gigasim::study
