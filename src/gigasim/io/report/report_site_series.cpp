// Each site's own time series for report.html, so that a reader of a many-site run can pick
// one site instead of reading sums: coarser than the total's (at most kSiteSeriesPoints per
// site, daily for a year of 13 or more sites), each bucket keeping peaks as the total's do.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
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

// One site's ticks of one bucket: maxima for peaks, sums for means, the tightest cap.
struct Bucket {
  double time_h = std::numeric_limits<double>::infinity();  // of its first tick
  double it = 0, facility = 0, pue = 0, unserved = 0, queue = 0;
  double temperature = -std::numeric_limits<double>::infinity();
  double carbon_t = 0, supplied_mwh = 0, utilization = 0, cap = 1;
  std::array<double, energy::kSourceKinds> supply{};
  int ticks = 0;
};

double rounded(double v, double step) {
  return std::round(v / step) * step;
}

json site_json(const std::vector<Bucket>& buckets, double grid_connection_mw) {
  json time = json::array(), it = json::array(), facility = json::array(), pue = json::array(),
       temp = json::array(), carbon = json::array(), util = json::array(), cap = json::array(),
       unserved = json::array(), queue = json::array();
  std::array<json, energy::kSourceKinds> supply;
  supply.fill(json::array());
  bool capped = false, short_of_power = false, queued = false;
  std::array<bool, energy::kSourceKinds> used{};
  for (const Bucket& b : buckets) {
    if (b.ticks == 0) continue;
    const double n = b.ticks;
    time.push_back(rounded(b.time_h, 1e-3));
    // A site's series are coarser than the total's: to a tenth of a MW, a thousandth of PUE.
    it.push_back(rounded(b.it, 0.1));
    facility.push_back(rounded(b.facility, 0.1));
    pue.push_back(rounded(b.pue, 1e-3));
    temp.push_back(rounded(b.temperature, 0.1));
    carbon.push_back(b.supplied_mwh > 0 ? rounded(b.carbon_t / b.supplied_mwh * 1e3, 1.0) : 0.0);
    util.push_back(rounded(b.utilization / n, 1e-3));
    cap.push_back(rounded(b.cap, 1e-3));
    unserved.push_back(rounded(b.unserved, 0.1));
    queue.push_back(std::round(b.queue));
    capped = capped || b.cap < 1 - 1e-6;
    short_of_power = short_of_power || b.unserved > 0;
    queued = queued || b.queue > 0;
    for (std::size_t c = 0; c < supply.size(); ++c) {
      supply[c].push_back(rounded(b.supply[c] / n, 0.1));
      used[c] = used[c] || b.supply[c] > 0;
    }
  }
  json by_source = json::object();
  for (std::size_t c = 0; c < supply.size(); ++c) {
    if (!used[c]) continue;
    by_source[supply_kind_name(c)] = supply[c];
  }
  return {{"time_h", time},
          {"it_mw", it},
          {"facility_mw", facility},
          {"unserved_mw", short_of_power ? unserved : json(nullptr)},
          {"pue", pue},
          {"dry_bulb_c", temp},
          {"carbon_intensity_g_per_kwh", carbon},
          {"supply_mw", by_source},
          {"utilization", util},
          {"power_cap", capped ? cap : json(nullptr)},
          {"queue_length", queued ? queue : json(nullptr)},
          {"grid_connection_mw", grid_connection_mw}};
}

}  // namespace

json report_site_series(const ResultsReader& db, const MetricsReader& m, double tick_h,
                        double hours) {
  const auto& sites = m.sites();
  if (sites.size() < 2) return nullptr;
  const std::size_t limit = sites.size() > 12 ? kSiteSeriesPointsMany : kSiteSeriesPoints;
  const auto ticks = static_cast<std::size_t>(std::ceil(hours / tick_h)) + 1;
  const std::size_t bucket = (ticks + limit - 1) / limit;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < sites.size(); ++i) index[sites[i]] = i;
  std::vector<std::vector<Bucket>> by_site(sites.size(),
                                           std::vector<Bucket>((ticks + bucket - 1) / bucket));
  const std::size_t kinds = hourly::supply_mw().size();
  const std::string columns =
      hourly_columns({&hourly::site, &hourly::time_h, &hourly::it_mw, &hourly::facility_mw,
                      &hourly::unserved_mw, &hourly::carbon_t, &hourly::dry_bulb_c,
                      &hourly::utilization, &hourly::queue_length, &hourly::power_cap});
  db.each(fmt::format("SELECT {} FROM site_hourly", columns), [&](sqlite3_stmt* s) {
    const auto site = index.find(column_text(s, 0));
    const double time_h = sqlite3_column_double(s, 1);
    // report_series has refused a tick outside the run; a site not in the metrics is skipped.
    if (site == index.end() || !(time_h >= 0) || time_h > hours) return;
    auto& list = by_site[site->second];
    const auto k =
        std::min(list.size() - 1, static_cast<std::size_t>(std::llround(time_h / tick_h)) / bucket);
    Bucket& b = list[k];
    const double it = sqlite3_column_double(s, 2), facility = sqlite3_column_double(s, 3);
    const double unserved = sqlite3_column_double(s, 4);
    b.time_h = std::min(b.time_h, time_h);
    b.it = std::max(b.it, it);
    b.facility = std::max(b.facility, facility);
    b.pue = std::max(b.pue, it > 0 ? facility / it : 0.0);
    b.unserved = std::max(b.unserved, unserved);
    b.carbon_t += sqlite3_column_double(s, 5);
    b.supplied_mwh += (facility - unserved) * tick_h;
    b.temperature = std::max(b.temperature, sqlite3_column_double(s, 6));
    b.utilization += sqlite3_column_double(s, 7);
    b.queue = std::max(b.queue, sqlite3_column_double(s, 8));
    if (sqlite3_column_type(s, 9) != SQLITE_NULL)
      b.cap = std::min(b.cap, sqlite3_column_double(s, 9));
    for (std::size_t c = 0; c < kinds; ++c)
      b.supply[c] += sqlite3_column_double(s, 10 + static_cast<int>(c));
    ++b.ticks;
  });
  json out = json::object();
  for (std::size_t i = 0; i < sites.size(); ++i) {
    const double connection =
        m.number(sites[i], sim::metrics::totals(), sim::metrics::totals_fields::grid_connection_mw)
            .value_or(0.0);
    out[sites[i]] = site_json(by_site[i], connection);
  }
  return {{"names", sites},
          {"hours_per_point", static_cast<double>(bucket) * tick_h},
          {"by_site", out}};
}

}  // namespace gigasim::io
