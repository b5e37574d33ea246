// The time series of report.html: every site's ticks added up, then bucketed so that a
// long run at a fine tick stays a few megabytes without losing its peaks.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "gigasim/energy/source.hpp"
#include "gigasim/io/report/metrics_reader.hpp"
#include "gigasim/io/report/report.hpp"
#include "gigasim/io/report/sqlite_reader.hpp"
#include "gigasim/sim/metrics.hpp"

namespace gigasim::io {
namespace {

using nlohmann::json;
namespace hourly = sim::metrics::hourly_fields;

// Sums over sites of one tick.
struct Tick {
  double time_h = 0;
  double it_mw = 0, facility_mw = 0, unserved_mw = 0, carbon_t = 0;
  double temperature_x_it = 0;  // Σ dry bulb × IT power, for an IT-weighted mean
  double temperature_sum = 0;   // plain mean when no IT power is drawn
  double utilization_x_acc = 0;
  double queue = 0;
  double power_cap = 1;                                  // the tightest DVFS cap of any site
  std::array<double, energy::kSourceKinds> supply_mw{};  // by kind, in the declarations' order
  int sites = 0;
};

// How a bucket of ticks becomes one point: peaks keep their maximum, shares their mean.
enum class Reduce { max, mean };

double round_to(double v, double step) {
  return std::round(v / step) * step;
}

json bucketed(const std::vector<double>& v, std::size_t bucket, Reduce how, double step) {
  json out = json::array();
  for (std::size_t i = 0; i < v.size(); i += bucket) {
    const std::size_t end = std::min(v.size(), i + bucket);
    double r = how == Reduce::max ? v[i] : 0.0;
    for (std::size_t k = i; k < end; ++k) r = how == Reduce::max ? std::max(r, v[k]) : r + v[k];
    if (how == Reduce::mean) r /= static_cast<double>(end - i);
    out.push_back(round_to(r, step));
  }
  return out;
}

std::map<std::string, double> accelerators_by_site(const MetricsReader& m) {
  std::map<std::string, double> out;
  for (const auto& site : m.sites()) {
    out[site] = m.number(site, sim::metrics::totals(), sim::metrics::totals_fields::accelerators)
                    .value_or(0.0);
  }
  return out;
}

}  // namespace

std::string hourly_columns(
    std::initializer_list<const sim::output::Field<sim::metrics::HourlyRecord>*> fields) {
  std::string out;
  for (const auto* f : fields) out += fmt::format("{}{}", out.empty() ? "" : ", ", f->name);
  for (const auto* f : hourly::supply_mw()) out += fmt::format(", {}", f->name);
  return out;
}

std::string supply_kind_name(std::size_t kind) {
  std::string name(hourly::supply_mw()[kind]->name);
  name.resize(name.size() - 3);  // "nuclear_mw" → "nuclear"
  return name;
}

json report_series(const ResultsReader& db, const MetricsReader& m, double tick_h, double hours) {
  if (!(tick_h > 0) || !std::isfinite(tick_h))
    throw core::IoError(
        fmt::format("\"{}\": the tick length {} h is not a length", db.file(), tick_h));
  const auto accelerators = accelerators_by_site(m);
  const std::size_t kinds = hourly::supply_mw().size();
  core::ensure(kinds == energy::kSourceKinds, "report: one hourly column per kind of source");
  double all_accelerators = 0;
  for (const auto& [name, n] : accelerators) all_accelerators += n;
  std::vector<Tick> ticks;
  db.each(fmt::format(
              "SELECT {} FROM site_hourly",
              hourly_columns({&hourly::site, &hourly::time_h, &hourly::it_mw, &hourly::facility_mw,
                              &hourly::unserved_mw, &hourly::carbon_t, &hourly::dry_bulb_c,
                              &hourly::utilization, &hourly::queue_length, &hourly::power_cap})),
          [&](sqlite3_stmt* s) {
            const double time_h = sqlite3_column_double(s, 1);
            // A tampered database must not make the page index out of its run.
            if (!std::isfinite(time_h) || time_h < 0 || time_h > hours)
              throw core::IoError(fmt::format("\"{}\": a tick at {} h lies outside the run's {} h",
                                              db.file(), time_h, hours));
            const auto k = static_cast<std::size_t>(std::llround(time_h / tick_h));
            if (k >= ticks.size()) ticks.resize(k + 1);
            Tick& t = ticks[k];
            t.time_h = time_h;
            const double it = sqlite3_column_double(s, 2);
            t.it_mw += it;
            t.facility_mw += sqlite3_column_double(s, 3);
            t.unserved_mw += sqlite3_column_double(s, 4);
            t.carbon_t += sqlite3_column_double(s, 5);
            t.temperature_x_it += sqlite3_column_double(s, 6) * it;
            t.temperature_sum += sqlite3_column_double(s, 6);
            const auto acc = accelerators.find(column_text(s, 0));
            t.utilization_x_acc +=
                sqlite3_column_double(s, 7) * (acc != accelerators.end() ? acc->second : 0.0);
            t.queue += sqlite3_column_double(s, 8);
            if (sqlite3_column_type(s, 9) != SQLITE_NULL)
              t.power_cap = std::min(t.power_cap, sqlite3_column_double(s, 9));
            for (std::size_t c = 0; c < kinds; ++c)
              t.supply_mw[c] += sqlite3_column_double(s, 10 + static_cast<int>(c));
            ++t.sites;
          });
  if (ticks.empty()) return nullptr;
  const std::size_t n = ticks.size();
  std::vector<double> time(n), it(n), facility(n), pue(n), temp(n), carbon(n), util(n), queue(n);
  std::vector<std::vector<double>> supply(kinds, std::vector<double>(n));
  for (std::size_t k = 0; k < n; ++k) {
    const Tick& t = ticks[k];
    time[k] = t.time_h;
    it[k] = t.it_mw;
    facility[k] = t.facility_mw;
    pue[k] = t.it_mw > 0 ? t.facility_mw / t.it_mw : 0.0;
    temp[k] = t.it_mw > 0 ? t.temperature_x_it / t.it_mw : t.temperature_sum / std::max(1, t.sites);
    // t CO2e per MWh supplied = kg/kWh; × 1000 → g/kWh.
    const double supplied_mwh = (t.facility_mw - t.unserved_mw) * tick_h;
    carbon[k] = supplied_mwh > 0 ? t.carbon_t / supplied_mwh * 1e3 : 0.0;
    util[k] = all_accelerators > 0 ? t.utilization_x_acc / all_accelerators : 0.0;
    queue[k] = t.queue;
    for (std::size_t c = 0; c < supply.size(); ++c) supply[c][k] = t.supply_mw[c];
  }
  const std::size_t bucket = (n + kReportMaxPoints - 1) / kReportMaxPoints;
  json series;
  json times = json::array();
  for (std::size_t k = 0; k < n; k += bucket) times.push_back(round_to(time[k], 1e-3));
  series["time_h"] = times;
  series["it_mw"] = bucketed(it, bucket, Reduce::max, 0.01);
  // Demand the supply could not meet: only drawn when some was.
  std::vector<double> unserved(n);
  for (std::size_t k = 0; k < n; ++k) unserved[k] = ticks[k].unserved_mw;
  series["unserved_mw"] =
      std::any_of(unserved.begin(), unserved.end(), [](double v) { return v > 0; })
          ? bucketed(unserved, bucket, Reduce::max, 0.01)
          : json(nullptr);
  series["facility_mw"] = bucketed(facility, bucket, Reduce::max, 0.01);
  series["pue"] = bucketed(pue, bucket, Reduce::max, 1e-4);
  series["dry_bulb_c"] = bucketed(temp, bucket, Reduce::max, 0.1);
  series["carbon_intensity_g_per_kwh"] = bucketed(carbon, bucket, Reduce::mean, 0.1);
  json by_source = json::object();
  for (std::size_t c = 0; c < supply.size(); ++c) {
    if (std::any_of(supply[c].begin(), supply[c].end(), [](double v) { return v > 0; })) {
      by_source[supply_kind_name(c)] = bucketed(supply[c], bucket, Reduce::mean, 0.01);
    }
  }
  series["supply_mw"] = by_source;
  series["utilization"] = bucketed(util, bucket, Reduce::mean, 1e-4);
  // The cap as a share of full power, its tightest over sites and over each bucket; only
  // drawn when a cap was set.
  std::vector<double> cap(n);
  for (std::size_t k = 0; k < n; ++k) cap[k] = 1.0 - ticks[k].power_cap;  // depth, for max
  series["power_cap"] = nullptr;
  if (std::any_of(cap.begin(), cap.end(), [](double v) { return v > 1e-6; })) {
    json depth = bucketed(cap, bucket, Reduce::max, 1e-4);
    for (auto& v : depth) v = round_to(1.0 - v.get<double>(), 1e-4);
    series["power_cap"] = depth;
  }
  // A queue exists only with a workload.
  series["queue_length"] = m.has("total", sim::metrics::workload())
                               ? bucketed(queue, bucket, Reduce::max, 1.0)
                               : json(nullptr);
  return series;
}

json report_pue_scatter(const ResultsReader& db, const MetricsReader& m) {
  std::size_t rows = 0;
  db.each("SELECT COUNT(*) FROM site_hourly WHERE it_mw > 0",
          [&](sqlite3_stmt* s) { rows = static_cast<std::size_t>(sqlite3_column_int64(s, 0)); });
  if (rows == 0) return nullptr;
  // Every stride-th tick of every site: a sample of real hours, not averages.
  const std::size_t stride = (rows + kReportMaxScatterPoints - 1) / kReportMaxScatterPoints;
  std::map<std::string, json> points;
  std::size_t i = 0;
  db.each("SELECT site, dry_bulb_c, pue FROM site_hourly WHERE it_mw > 0", [&](sqlite3_stmt* s) {
    if (i++ % stride != 0) return;
    points[column_text(s, 0)].push_back(
        {round_to(sqlite3_column_double(s, 1), 0.1), round_to(sqlite3_column_double(s, 2), 1e-4)});
  });
  json out = json::array();
  for (const auto& site : m.sites()) {
    const auto it = points.find(site);
    if (it != points.end()) out.push_back({{"site", it->first}, {"points", it->second}});
  }
  return out;
}

}  // namespace gigasim::io
