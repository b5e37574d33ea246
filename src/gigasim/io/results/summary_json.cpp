// summary.json from the declared groups (sim/metrics.hpp).
#include <fmt/format.h>

#include "gigasim/io/results/output_files.hpp"
#include "gigasim/io/results/output_json.hpp"
#include "gigasim/io/results/writers.hpp"
#include "gigasim/sim/metrics.hpp"

namespace gigasim::io {

namespace metrics = sim::metrics;
using nlohmann::json;

namespace {

// A site's fleet entries, without the `site` column of the fleet table they nest under.
json fleet_json(const sim::SiteResult& s) {
  json list = json::array();
  for (const auto& entry : s.fleet) {
    const metrics::FleetRecord record{s.name, &entry};
    json o = json::object();
    for (const auto* c : metrics::fleet().columns) {
      if (c->name != "site") o[std::string(c->name)] = to_json(sim::output::value_of(*c, record));
    }
    list.push_back(std::move(o));
  }
  return list;
}

}  // namespace

json summary_json(const sim::Results& r) {
  json j = group_json(metrics::run(), r);
  j["sites"] = json::array();
  for (const auto& s : r.sites) {
    json site = group_json(metrics::totals(), s.totals);
    site.update(group_json(metrics::site(), s));
    site["fleet"] = fleet_json(s);
    if (s.workload.present) site["workload"] = group_json(metrics::workload(), s.workload);
    if (s.reliability.present)
      site["reliability"] = group_json(metrics::reliability(), s.reliability);
    site["economics"] = group_json(metrics::economics(), s.economics);
    site["carbon"] = group_json(metrics::carbon(), s.carbon);
    j["sites"].push_back(std::move(site));
  }
  j["total"] = group_json(metrics::totals(), r.total);
  if (r.workload_total.present) j["workload"] = group_json(metrics::workload(), r.workload_total);
  if (r.reliability_total.present)
    j["reliability"] = group_json(metrics::reliability(), r.reliability_total);
  j["economics"] = group_json(metrics::economics(), r.economics_total);
  j["carbon"] = group_json(metrics::carbon(), r.carbon_total);
  if (r.federation.present) j["federation"] = group_json(metrics::federation(), r.federation);
  return j;
}

void write_summary_json(const json& summary, const std::filesystem::path& file) {
  const std::string text =
      summary.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  write_atomically(file, [&](std::ostream& out) { out << text; });
}

}  // namespace gigasim::io
