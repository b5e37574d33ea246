#include "gigasim/plan/envelope.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace gigasim::plan {
namespace {

// Bytes per row of each output, measured on eu-60-sites and france-1gw (results.sqlite and
// the CSV files together): a site's tick about 500 bytes, a job about 250, a failure or a
// power step about 80.
constexpr double kBytesPerTickRow = 500;
constexpr double kBytesPerJob = 250;
constexpr double kBytesPerEventRow = 80;
// Events per job: its arrival, the pass it joins, its end and, on average, a resume.
constexpr double kEventsPerJob = 4;
// Events per failure: the failure, the repair, and the passes and ends of the jobs it stops.
constexpr double kEventsPerFailure = 4;

struct Contribution {
  scenario::ElementId id;
  double amount = 0;
};

Contribution largest(const std::vector<Contribution>& parts) {
  Contribution best;
  for (const auto& p : parts) {
    if (p.amount > best.amount) best = p;
  }
  return best;
}

double horizon_days(const scenario::Scenario& s) {
  return s.horizon.in_days();
}

double ticks_per_site(const scenario::Scenario& s) {
  return std::ceil(static_cast<double>(s.horizon.ms()) / static_cast<double>(s.tick.ms()));
}

// Expected jobs of each job source of a site.
std::vector<Contribution> job_sources(const scenario::SiteSpec& site, double days) {
  std::vector<Contribution> out;
  if (!site.workload) return out;
  const auto& w = *site.workload;
  out.push_back({scenario::child_id(site.id, "workload.jobs"), static_cast<double>(w.jobs.size())});
  for (const auto& t : w.traces) out.push_back({t.id, static_cast<double>(t.jobs.size())});
  for (const auto& g : w.generators)
    out.push_back({scenario::child_id(g.id, "jobs_per_day"), g.stream.jobs_per_day * days});
  return out;
}

// Expected failures and maintenance stops of a site.
std::vector<Contribution> failure_sources(const scenario::SiteSpec& site, const SiteSizing& m,
                                          double horizon_s) {
  std::vector<Contribution> out;
  if (!site.reliability) return out;
  double accelerators = 0;
  for (const auto& f : m.fleet) accelerators += static_cast<double>(f.accelerators);
  const auto& r = *site.reliability;
  out.push_back({scenario::child_id(site.id, "reliability.scale"),
                 r.rate_per_accelerator_s() * accelerators * horizon_s});
  out.push_back({scenario::child_id(site.id, "reliability.maintenance.per_day"),
                 r.maintenance_per_day * horizon_s / 86400.0});
  return out;
}

}  // namespace

RunSize estimate_size(const scenario::Scenario& scenario, const std::vector<SiteSizing>& sizing) {
  RunSize z;
  const double days = horizon_days(scenario);
  const double horizon_s = scenario.horizon.in_seconds();
  const double ticks = ticks_per_site(scenario);
  double steps = 0;
  for (std::size_t i = 0; i < scenario.sites.size(); ++i) {
    for (const auto& f : sizing[i].fleet) z.accelerators += static_cast<double>(f.accelerators);
    for (const auto& c : job_sources(scenario.sites[i], days)) z.jobs += c.amount;
    for (const auto& c : failure_sources(scenario.sites[i], sizing[i], horizon_s))
      z.failures += c.amount;
  }
  const double site_ticks = ticks * static_cast<double>(scenario.sites.size());
  z.events = site_ticks + kEventsPerJob * z.jobs + kEventsPerFailure * z.failures;
  // A power step is at most one per event of a site with a workload; take one per job and
  // failure, and one per tick for utilization profiles.
  steps = z.jobs + z.failures + site_ticks;
  z.rows = site_ticks + z.jobs + z.failures + steps;
  z.bytes = kBytesPerTickRow * site_ticks + kBytesPerJob * z.jobs +
            kBytesPerEventRow * (z.failures + steps);
  return z;
}

std::vector<core::Diagnostic> check_size(const scenario::Scenario& scenario,
                                         const std::vector<SiteSizing>& sizing, const RunSize& size,
                                         const Limits& limits) {
  std::vector<core::Diagnostic> problems;
  const double days = horizon_days(scenario);
  const double horizon_s = scenario.horizon.in_seconds();
  std::vector<Contribution> fleets, jobs, failures;
  for (std::size_t i = 0; i < scenario.sites.size(); ++i) {
    const auto& site = scenario.sites[i];
    for (std::size_t k = 0; k < site.fleet.size() && k < sizing[i].fleet.size(); ++k) {
      const auto& entry = site.fleet[k];
      fleets.push_back({entry.count ? scenario::child_id(entry.id, "count")
                                    : scenario::child_id(site.id, "power_envelope"),
                        static_cast<double>(sizing[i].fleet[k].accelerators)});
    }
    for (auto& c : job_sources(site, days)) jobs.push_back(std::move(c));
    for (auto& c : failure_sources(site, sizing[i], horizon_s)) failures.push_back(std::move(c));
  }
  const auto refuse = [&](const Contribution& where, std::string what, double value, double limit,
                          const char* option) {
    problems.push_back({where.id,
                        fmt::format("the run would hold {:.3g} {}, above the limit of {:.3g} "
                                    "(raise it with {} if this is meant)",
                                    value, what, limit, option),
                        {}});
  };
  const double site_ticks = ticks_per_site(scenario) * static_cast<double>(scenario.sites.size());
  if (size.accelerators > limits.accelerators)
    refuse(largest(fleets), "accelerators", size.accelerators, limits.accelerators,
           "--max-accelerators");
  if (size.jobs > limits.jobs) refuse(largest(jobs), "jobs", size.jobs, limits.jobs, "--max-jobs");
  if (size.events > limits.events) {
    // The largest of the three causes of events: ticks, jobs, failures.
    Contribution cause{"tick", site_ticks};
    const Contribution j = largest(jobs), f = largest(failures);
    if (kEventsPerJob * j.amount > cause.amount) cause = {j.id, kEventsPerJob * j.amount};
    if (kEventsPerFailure * f.amount > cause.amount) cause = {f.id, kEventsPerFailure * f.amount};
    refuse(cause, "events", size.events, limits.events, "--max-events");
  }
  if (size.rows > limits.rows) {
    const Contribution j = largest(jobs);
    refuse(j.amount > site_ticks ? j : Contribution{"tick", site_ticks}, "output rows", size.rows,
           limits.rows, "--max-rows");
  }
  if (size.bytes > limits.bytes) {
    const Contribution j = largest(jobs);
    refuse(kBytesPerJob * j.amount > kBytesPerTickRow * site_ticks
               ? j
               : Contribution{"tick", site_ticks},
           "output bytes", size.bytes, limits.bytes, "--max-output-bytes");
  }
  return problems;
}

}  // namespace gigasim::plan
