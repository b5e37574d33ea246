#include "gigasim/sim/simulation.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>

#include "gigasim/sim/federation_router.hpp"
#include "gigasim/sim/site.hpp"

namespace gigasim::sim {

Simulation::Simulation(const plan::Plan& plan)
    : plan_(plan), scenario_(*plan.scenario), streams_(plan.seed) {
  const core::Duration tick = scenario_.tick;
  const auto ticks = static_cast<std::size_t>((scenario_.horizon.ms() + tick.ms() - 1) / tick.ms());
  it_sum_w_.assign(ticks, 0.0);
  facility_sum_w_.assign(ticks, 0.0);
  queue_.reserve(3 * plan.sites.size() + 64);
  sites_.reserve(plan.sites.size());
  for (std::size_t i = 0; i < plan.sites.size(); ++i) {
    sites_.push_back(std::make_unique<Site>(plan.sites[i], scenario_, streams_,
                                            static_cast<std::uint32_t>(i), queue_, it_sum_w_,
                                            facility_sum_w_));
  }
  if (scenario_.federation) {
    router_ = std::make_unique<FederationRouter>(plan, *scenario_.federation);
    std::vector<SiteWorkload*> workloads;
    for (std::size_t i = 0; i < sites_.size(); ++i) {
      SiteWorkload* w = sites_[i]->workload();
      if (w != nullptr) w->join(router_.get(), static_cast<std::uint32_t>(i));
      workloads.push_back(w);
    }
    router_->attach(std::move(workloads));
  }
}

Simulation::~Simulation() = default;

void Simulation::submit(std::size_t site, const workload::JobSpec& job, std::string name) {
  const auto fail = [&](std::string message) {
    throw core::InputError(core::Diagnostic{plan_.sites.at(site).spec->id, std::move(message), {}});
  };
  SiteWorkload* w = sites_.at(site)->workload();
  if (w == nullptr) fail("the site has no workload to submit a job to");
  const auto& partitions = plan_.sites[site].workload->partitions;
  if (job.partition >= partitions.size()) fail("the job names a partition the site does not have");
  const auto& shape = partitions[job.partition].shape;
  if (job.accelerators < 1 || job.accelerators > shape.domains * shape.domain_size)
    fail(fmt::format("the job needs {} accelerators but its partition holds {}", job.accelerators,
                     shape.domains * shape.domain_size));
  w->submit(job, std::move(name), queue_.now());
}

Results Simulation::run(Observer* observer) {
  Results r;
  r.scenario = scenario_.name;
  r.seed = streams_.seed();
  r.hours = scenario_.horizon.in_hours();
  r.tick_h = scenario_.tick.in_hours();
  r.start_date = fmt::format("{:%Y-%m-%d}", scenario_.start);
  events_ = 0;

  const core::Time end = core::Time::start() + scenario_.horizon;
  r.sites.resize(sites_.size());
  for (std::size_t i = 0; i < sites_.size(); ++i) {
    r.sites[i].rows.reserve(it_sum_w_.size());
    sites_[i]->start(r.sites[i]);
  }

  const std::size_t ticks = it_sum_w_.size() * sites_.size();
  const std::size_t report_every = std::max<std::size_t>(1, ticks / 200);
  std::size_t ticks_done = 0;
  while (!queue_.empty()) {
    const auto e = queue_.pop();
    ++events_;
    Site& site = *sites_[e.payload.site];
    if (e.payload.component == kSiteTick) {
      SiteResult& out = r.sites[e.payload.site];
      const std::size_t rows = out.rows.size();
      site.on_tick(e.time, out);
      if (observer != nullptr) {
        if (out.rows.size() > rows) observer->on_tick(*this, e.payload.site, out.rows.back());
        if (++ticks_done % report_every == 0)
          observer->on_progress(
              std::min(1.0, static_cast<double>(ticks_done) / static_cast<double>(ticks)));
      }
    } else if (e.time < end) {
      site.on_event(e.payload, e.time);
    }
  }

  for (std::size_t i = 0; i < sites_.size(); ++i) sites_[i]->finish(r.sites[i]);
  for (const auto& s : r.sites) {
    r.economics_total.add(s.economics);
    r.carbon_total.add(s.carbon);
  }
  // Totals over sites; the joint peaks come from the per-tick sums (ticks are aligned).
  for (const auto& s : r.sites) r.total.add(s.totals);
  for (std::size_t k = 0; k < it_sum_w_.size(); ++k) {
    r.total.it_power_peak_mw = std::max(r.total.it_power_peak_mw, it_sum_w_[k] / 1e6);
    r.total.facility_power_peak_mw =
        std::max(r.total.facility_power_peak_mw, facility_sum_w_[k] / 1e6);
  }
  summarise_workloads(r);
  summarise_reliability(r);
  if (router_) r.federation = router_->totals();
  if (observer != nullptr) observer->on_progress(1.0);
  return r;
}

}  // namespace gigasim::sim
