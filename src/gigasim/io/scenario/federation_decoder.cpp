// The scenario's `federation:` (docs/scenario.md#federation): the routing policy, its
// windows, the link between sites, data residency and reserved shares. Needs the sites
// decoded: tenants and countries are checked against them.
#include <fmt/format.h>

#include <set>

#include "gigasim/io/scenario/scenario_decoders.hpp"

namespace gigasim::io {
namespace {

// The defaults (docs/models/federation.md gives their sources):
// - a 100 Gb/s wavelength per transfer (the common rate of data-centre interconnect optics;
//   400 Gb/s where leased: a job's share is lower),
// - 10 ms one way: light in fibre (~5 µs/km) over ~2,000 km, Europe's span,
// - 0.02 EUR/GB: the published price of cloud transfers between regions (USD 0.02/GB on
//   AWS's EC2 "data transfer between regions" within Europe),
// - 5 GB per accelerator: a checkpoint (Llama 3 405B, 14 B per parameter: 5.7 TB over 16,384
//   GPUs, 0.35 GB each) and the job's remaining data shard (assumption, stated).
scenario::FederationSpec defaults() {
  scenario::FederationSpec f;
  f.link.bandwidth = core::Bandwidth::base(100e9 / 8.0);
  f.link.latency = core::Latency::base(0.010);
  f.link.price_eur_per_gb = 0.02;
  f.data_per_accelerator = core::DataSize::base(5e9);
  for (workload::JobClass c :
       {workload::JobClass::finetuning, workload::JobClass::evaluation, workload::JobClass::batch})
    f.deferrable |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(c));
  return f;
}

std::set<std::string> countries_of(const scenario::Scenario& s) {
  std::set<std::string> out;
  for (const auto& site : s.sites) out.insert(site.location.country);
  return out;
}

std::set<std::string> tenants_of(const scenario::Scenario& s) {
  std::set<std::string> out;
  for (const auto& site : s.sites)
    if (site.workload)
      for (const auto& t : site.workload->tenants) out.insert(t.name);
  return out;
}

void decode_policy(MapView& m, scenario::FederationSpec& f) {
  std::string text;
  if (!m.string("policy", text, Need::required)) return;
  if (!scenario::routing_policy_from(text, f.policy))
    m.error("policy", fmt::format("unknown routing policy \"{}\"; known: none, earliest_start, "
                                  "lowest_cost, lowest_carbon, follow_renewables",
                                  text));
}

void decode_link(MapView& m, scenario::FederationSpec& f) {
  const YAML::Node node = m.get("link");
  if (!node.IsDefined()) return;
  MapView l(m.context(), node, m.path_of("link"));
  if (!l.valid()) return;
  l.quantity("bandwidth", f.link.bandwidth, Need::optional, Check::positive);
  l.quantity("latency", f.link.latency, Need::optional, Check::non_negative);
  l.number("price_eur_per_gb", f.link.price_eur_per_gb, Need::optional, Check::non_negative);
  l.finish();
}

void decode_residency(MapView& m, const scenario::Scenario& s, scenario::FederationSpec& f) {
  const YAML::Node list = m.get("residency");
  if (!list.IsDefined()) return;
  if (!list.IsSequence()) {
    m.error("residency", "expected a list of {tenant, countries}");
    return;
  }
  const std::set<std::string> tenants = tenants_of(s), countries = countries_of(s);
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapView r(m.context(), list[i], index_path(m.path_of("residency"), i));
    if (!r.valid()) continue;
    scenario::Residency rule;
    if (r.string("tenant", rule.tenant, Need::required) && tenants.count(rule.tenant) == 0)
      r.error("tenant", fmt::format("no site has a tenant \"{}\"", rule.tenant));
    const YAML::Node list_of = r.get("countries");
    if (!list_of.IsDefined()) {
      r.error("countries", "missing required key \"countries\": a list like [FR, DE]");
    } else if (!list_of.IsSequence() || list_of.size() == 0) {
      r.error("countries", "expected a non-empty list of country codes like [FR, DE]");
    } else {
      for (std::size_t k = 0; k < list_of.size(); ++k) {
        const std::string code = list_of[k].IsScalar() ? list_of[k].Scalar() : "";
        if (countries.count(code) == 0)
          r.context().error(index_path(r.path_of("countries"), k), list_of[k],
                            fmt::format("no site is in \"{}\"; the sites' countries: {}", code,
                                        fmt::join(countries, ", ")));
        else
          rule.countries.push_back(code);
      }
    }
    r.finish();
    f.residency.push_back(std::move(rule));
  }
}

void decode_reserved(MapView& m, const scenario::Scenario& s, scenario::FederationSpec& f) {
  const YAML::Node node = m.get("reserved_shares");
  if (!node.IsDefined()) return;
  MapView r(m.context(), node, m.path_of("reserved_shares"));
  if (!r.valid()) return;
  const std::set<std::string> countries = countries_of(s);
  for (const auto& entry : node) {
    const std::string code = entry.first.as<std::string>("");
    double share = 0;
    if (countries.count(code) == 0) {
      r.error(code, fmt::format("no site is in \"{}\"; the sites' countries: {}", code,
                                fmt::join(countries, ", ")));
      r.fraction(code, share);  // read, so that finish() does not call it unknown
      continue;
    }
    if (r.fraction(code, share)) f.reserved_shares[code] = share;
  }
  r.finish();
}

}  // namespace

void decode_federation(MapView& top, scenario::Scenario& s) {
  const YAML::Node node = top.get("federation");
  if (!node.IsDefined()) return;
  MapView m(top.context(), node, "federation");
  if (!m.valid()) return;
  scenario::FederationSpec f = defaults();
  decode_policy(m, f);
  m.quantity("lookahead", f.lookahead, Need::optional, Check::positive);
  m.quantity("max_delay", f.max_delay, Need::optional, Check::non_negative);
  if (f.lookahead > core::Duration::days(30)) m.error("lookahead", "must not exceed 30 days");
  if (f.max_delay > core::Duration::days(30)) m.error("max_delay", "must not exceed 30 days");
  decode_job_classes(m, "deferrable", f.deferrable);
  m.boolean("migrate", f.migrate);
  decode_link(m, f);
  m.quantity("data_per_accelerator", f.data_per_accelerator, Need::optional, Check::non_negative);
  decode_residency(m, s, f);
  decode_reserved(m, s, f);
  m.finish();
  s.federation = std::move(f);
}

}  // namespace gigasim::io
