// Failures, repairs, planned maintenance and IT power steps in the event loop
// (docs/models/reliability.md). Part of Simulation; split from simulation.cpp for size.
#include <algorithm>
#include <cmath>
#include <limits>

#include "gigasim/sim/simulation.hpp"

namespace gigasim::sim {
namespace {
constexpr double kRampWindowS = 60.0;
core::Time at_seconds(double s) {
  return core::Time::from_ms(static_cast<std::int64_t>(s * 1000.0));
}
}  // namespace

void Simulation::record_power_change(std::size_t site, core::Time now, double before_w,
                                     double after_w) {
  SiteRun& r = runs_[site];
  const double step = std::fabs(after_w - before_w);
  if (now > core::Time::start())
    r.largest_step_w = std::max(r.largest_step_w, step);  // not the switch-on
  if (step >= sites_[site].spec->power_step_threshold.value() && now > core::Time::start()) {
    power_steps_[site].push_back(
        {now.in_hours(), static_cast<std::uint32_t>(site), before_w / 1e6, after_w / 1e6});
  }
  // Largest change over one minute: |P(t) − P(t − 60 s)|, where P(t − 60 s) is the power of
  // the last change at or before t − 60 s, kept at the front of the window.
  auto& w = r.ramp_window;
  const core::Time horizon =
      now + core::Duration::milliseconds(-static_cast<std::int64_t>(kRampWindowS * 1000));
  while (w.size() >= 2 && w[1].first <= horizon) w.pop_front();
  if (now > core::Time::start())
    r.largest_ramp_w = std::max(r.largest_ramp_w, std::fabs(after_w - w.front().second));
  w.emplace_back(now, after_w);
}

void Simulation::start_reliability(std::size_t site, core::Time end) {
  const SiteModel& m = sites_[site];
  const scenario::ReliabilitySpec& spec = *m.spec->reliability;
  SiteRun& r = runs_[site];
  r.rng.emplace(streams_.stream("reliability/" + m.spec->name));
  const double accelerators = static_cast<double>(m.scheduler->total_accelerators());
  r.failure_process.emplace(spec.rate_per_accelerator_s() * accelerators, spec.weibull_shape,
                            scenario_.horizon.in_seconds());
  for (const auto& c : spec.components) r.component_weights.push_back(c.rate_per_accelerator_day);
  r.component_total = 0;
  for (double w : r.component_weights) r.component_total += w;
  // Lemons: a fixed random share of each partition's systems (domains).
  const auto& s = *m.scheduler;
  for (std::size_t p = 0; p < s.partitions(); ++p) {
    r.lemon_offset.push_back(r.is_lemon_flags.size());
    const auto domains = static_cast<std::size_t>(s.allocator(p).shape().domains);
    r.lemons.emplace_back();
    for (std::size_t d = 0; d < domains; ++d) {
      const bool lemon = r.rng->uniform() < spec.lemon_fraction;
      r.is_lemon_flags.push_back(lemon ? 1 : 0);
      if (lemon) r.lemons.back().push_back(static_cast<std::uint32_t>(d));
    }
  }
  const double first = r.failure_process->next(*r.rng);
  if (first < scenario_.horizon.in_seconds()) {
    queue_.schedule(at_seconds(first),
                    Event{EventKind::failure, static_cast<std::uint32_t>(site), 0, 0});
  }
  if (spec.maintenance_per_day > 0) {
    const double t = r.rng->exponential(spec.maintenance_per_day / 86400.0);
    if (at_seconds(t) < end) {
      queue_.schedule(at_seconds(t),
                      Event{EventKind::maintenance, static_cast<std::uint32_t>(site), 0, 0});
    }
  }
}

// A partition by its share of accelerators, then a domain: lemons weighted by their factor.
std::pair<std::uint32_t, std::uint32_t> Simulation::pick_domain(std::size_t site,
                                                                bool weight_lemons) {
  const auto& s = *sites_[site].scheduler;
  SiteRun& r = runs_[site];
  const scenario::ReliabilitySpec& spec = *sites_[site].spec->reliability;
  double x = r.rng->uniform() * static_cast<double>(s.total_accelerators());
  std::uint32_t part = 0;
  for (; part + 1 < s.partitions(); ++part) {
    x -= static_cast<double>(s.allocator(part).capacity());
    if (x < 0) break;
  }
  const auto domains = static_cast<std::uint64_t>(s.allocator(part).shape().domains);
  const auto& lemons = r.lemons[part];
  if (weight_lemons && !lemons.empty()) {
    const double lemon_weight = static_cast<double>(lemons.size()) * spec.lemon_factor;
    const double normal_weight = static_cast<double>(domains - lemons.size());
    if (r.rng->uniform() * (lemon_weight + normal_weight) < lemon_weight) {
      return {part, lemons[r.rng->below(lemons.size())]};
    }
    if (normal_weight <= 0) return {part, lemons[r.rng->below(lemons.size())]};
    while (true) {  // rejection: lemons are few
      const auto d = static_cast<std::uint32_t>(r.rng->below(domains));
      if (!r.is_lemon_flags[r.lemon_offset[part] + d]) return {part, d};
    }
  }
  return {part, static_cast<std::uint32_t>(r.rng->below(domains))};
}

void Simulation::interrupt_and_record(std::size_t site, std::uint32_t partition,
                                      std::uint32_t domain, core::Time now,
                                      std::string_view component, bool planned, bool take_down,
                                      core::Duration repair) {
  integrate(site, now);
  auto& s = *sites_[site].scheduler;
  const scenario::ReliabilitySpec& spec = *sites_[site].spec->reliability;
  interruptions_.clear();
  s.interrupt_domain(partition, domain, now, spec.restart.in_seconds(), planned, interruptions_);
  FailureRecord rec;
  rec.time_h = now.in_hours();
  rec.site = static_cast<std::uint32_t>(site);
  rec.component = component;
  for (const auto& i : interruptions_) {
    rec.accelerators_affected += i.accelerators;
    rec.lost_gpu_hours += static_cast<double>(i.accelerators) * i.lost_s / 3600.0;
    if (rec.job < 0) rec.job = i.job;
  }
  failure_records_[site].push_back(rec);
  if (take_down && s.take_down(partition, domain)) {
    queue_.schedule(now + repair,
                    Event{EventKind::repair, static_cast<std::uint32_t>(site), domain, partition});
  }
  schedule_jobs(site, now);  // the interrupted jobs are placed again if they fit (spares)
}

void Simulation::on_failure(std::size_t site, core::Time now) {
  SiteRun& r = runs_[site];
  const scenario::ReliabilitySpec& spec = *sites_[site].spec->reliability;
  const std::size_t c = core::draw_weighted(r.component_weights, r.component_total, *r.rng);
  const auto& component = spec.components[c];
  const auto [part, domain] = pick_domain(site, true);
  interrupt_and_record(site, part, domain, now, reliability::to_string(component.component), false,
                       component.scope == reliability::Scope::system, component.repair);
  const double next = r.failure_process->next(*r.rng);
  if (next < scenario_.horizon.in_seconds()) {
    queue_.schedule(at_seconds(next),
                    Event{EventKind::failure, static_cast<std::uint32_t>(site), 0, 0});
  }
}

void Simulation::on_maintenance(std::size_t site, core::Time now) {
  SiteRun& r = runs_[site];
  const scenario::ReliabilitySpec& spec = *sites_[site].spec->reliability;
  const auto [part, domain] = pick_domain(site, false);
  interrupt_and_record(site, part, domain, now, "planned_maintenance", true, true,
                       spec.maintenance_duration);
  const core::Time next = now + core::Duration::milliseconds(static_cast<std::int64_t>(
                                    r.rng->exponential(spec.maintenance_per_day / 86400.0) * 1e3));
  if (next < core::Time::start() + scenario_.horizon) {
    queue_.schedule(next, Event{EventKind::maintenance, static_cast<std::uint32_t>(site), 0, 0});
  }
}

void Simulation::on_repair(std::size_t site, std::uint32_t partition, std::uint32_t domain,
                           core::Time now) {
  integrate(site, now);
  sites_[site].scheduler->repair(partition, domain);
  schedule_jobs(site, now);
}

void Simulation::finish_reliability(std::size_t site, core::Time end, SiteResult& out) {
  const SiteRun& r = runs_[site];
  ReliabilityTotals& t = out.reliability;
  out.power_steps = std::move(power_steps_[site]);
  out.failures = std::move(failure_records_[site]);
  t.largest_power_step_mw = r.largest_step_w / 1e6;
  t.largest_ramp_mw_per_min = r.largest_ramp_w / 1e6;
  const SiteModel& m = sites_[site];
  if (!m.scheduler || !m.spec->reliability) return;
  t.present = true;
  for (const auto& f : out.failures) {
    if (f.component == "planned_maintenance") {
      t.planned_interruptions += f.job >= 0 ? 1 : 0;
      continue;
    }
    ++t.failures;
    if (f.job >= 0) {
      ++t.job_interruptions;
      ++t.interruptions_by_component[std::string(f.component)];
    }
  }
  const auto& s = *m.scheduler;
  for (std::size_t j = 0; j < s.jobs().size(); ++j) {
    const auto& spec = s.jobs()[j];
    const auto& st = s.states()[j];
    if (st.first_start.ms() < 0) continue;
    const double acc = static_cast<double>(spec.accelerators);
    const double useful = spec.work_s - (st.remaining_s - st.overhead_s);
    t.lost_gpu_hours += acc * st.lost_s / 3600.0;
    t.restart_gpu_hours += acc * (st.restart_s - st.overhead_s) / 3600.0;
    t.checkpoint_overhead_gpu_hours += acc * useful * (1.0 - spec.useful_share) / 3600.0;
    const core::Time stop = st.status == sched::JobStatus::done ? st.end : end;
    const double elapsed = (stop - st.first_start).in_seconds();
    if (spec.cls == workload::JobClass::pretraining || spec.cls == workload::JobClass::finetuning) {
      t.ettr_useful += acc * useful * spec.useful_share;
      t.ettr_elapsed += acc * elapsed;
    }
    auto& [hours, count] = t.job_hours_and_interruptions_by_size[spec.accelerators];
    hours += elapsed / 3600.0;
    count += st.interruptions;
  }
  t.ettr = t.ettr_elapsed > 0 ? t.ettr_useful / t.ettr_elapsed : 0.0;
  for (const auto& [size, hc] : t.job_hours_and_interruptions_by_size) {
    t.mttf_h_by_job_size[size] = hc.second > 0 ? hc.first / static_cast<double>(hc.second)
                                               : std::numeric_limits<double>::infinity();
  }
}

void summarise_reliability(Results& r) {
  ReliabilityTotals& t = r.reliability_total;
  for (const auto& s : r.sites) {
    const ReliabilityTotals& x = s.reliability;
    t.largest_power_step_mw = std::max(t.largest_power_step_mw, x.largest_power_step_mw);
    t.largest_ramp_mw_per_min = std::max(t.largest_ramp_mw_per_min, x.largest_ramp_mw_per_min);
    if (!x.present) continue;
    t.present = true;
    t.failures += x.failures;
    t.job_interruptions += x.job_interruptions;
    t.planned_interruptions += x.planned_interruptions;
    for (const auto& [c, n] : x.interruptions_by_component) t.interruptions_by_component[c] += n;
    t.lost_gpu_hours += x.lost_gpu_hours;
    t.restart_gpu_hours += x.restart_gpu_hours;
    t.checkpoint_overhead_gpu_hours += x.checkpoint_overhead_gpu_hours;
    t.ettr_useful += x.ettr_useful;
    t.ettr_elapsed += x.ettr_elapsed;
    for (const auto& [size, hc] : x.job_hours_and_interruptions_by_size) {
      auto& [hours, count] = t.job_hours_and_interruptions_by_size[size];
      hours += hc.first;
      count += hc.second;
    }
  }
  t.ettr = t.ettr_elapsed > 0 ? t.ettr_useful / t.ettr_elapsed : 0.0;
  for (const auto& [size, hc] : t.job_hours_and_interruptions_by_size) {
    t.mttf_h_by_job_size[size] = hc.second > 0 ? hc.first / static_cast<double>(hc.second)
                                               : std::numeric_limits<double>::infinity();
  }
}

}  // namespace gigasim::sim
