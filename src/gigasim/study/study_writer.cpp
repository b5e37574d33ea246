// study.csv, replicas.csv and study.json of a study (docs/studies.md#outputs).
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

#include "gigasim/io/formats/csv.hpp"
#include "gigasim/io/results/output_files.hpp"
#include "gigasim/io/results/output_set.hpp"
#include "gigasim/study/study.hpp"

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

}  // namespace

void write_study(const StudyResult& result, const std::filesystem::path& dir) {
  io::OutputSet set(dir);
  io::write_atomically(set.dir() / "study.csv",
                       [&](std::ostream& out) { write_variants_csv(result, out); });
  io::write_atomically(set.dir() / "replicas.csv",
                       [&](std::ostream& out) { write_replicas_csv(result, out); });
  io::write_atomically(set.dir() / "study.json",
                       [&](std::ostream& out) { out << study_json(result).dump(2) << '\n'; });
  set.commit();
}

}  // namespace gigasim::study
