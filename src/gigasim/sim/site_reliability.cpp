#include "gigasim/sim/site_reliability.hpp"

#include <limits>

namespace gigasim::sim {
namespace {

core::Time at_seconds(double s) {
  return core::Time::from_ms(static_cast<std::int64_t>(s * 1000.0));
}

}  // namespace

SiteReliability::SiteReliability(const plan::SitePlan& plan, const core::RandomStreams& streams,
                                 std::uint32_t site, Events events, core::Time end,
                                 SiteWorkload& workload)
    : spec_(*plan.spec->reliability),
      site_(site),
      events_(events),
      end_(end),
      workload_(workload),
      rng_(streams.stream("reliability/" + plan.spec->name)),
      process_(spec_.rate_per_accelerator_s() *
                   static_cast<double>(workload.scheduler().total_accelerators()),
               spec_.weibull_shape, (end - core::Time::start()).in_seconds()) {}

void SiteReliability::start() {
  for (const auto& c : spec_.components) component_weights_.push_back(c.rate_per_accelerator_day);
  component_total_ = 0;
  for (const double w : component_weights_) component_total_ += w;
  // Lemons: a fixed random share of each partition's systems (domains).
  const auto& s = workload_.scheduler();
  for (std::size_t p = 0; p < s.partitions(); ++p) {
    lemon_offset_.push_back(is_lemon_.size());
    const auto domains = static_cast<std::size_t>(s.allocator(p).shape().domains);
    lemons_.emplace_back();
    for (std::size_t d = 0; d < domains; ++d) {
      const bool lemon = rng_.uniform() < spec_.lemon_fraction;
      is_lemon_.push_back(lemon ? 1 : 0);
      if (lemon) lemons_.back().push_back(static_cast<std::uint32_t>(d));
    }
  }
  const double horizon_s = (end_ - core::Time::start()).in_seconds();
  const double first = process_.next(rng_);
  if (first < horizon_s) events_.at(at_seconds(first), failure);
  if (spec_.maintenance_per_day > 0) {
    const double t = rng_.exponential(spec_.maintenance_per_day / 86400.0);
    if (at_seconds(t) < end_) events_.at(at_seconds(t), maintenance);
  }
}

void SiteReliability::on_event(std::uint8_t kind, std::uint32_t a, std::uint32_t b,
                               core::Time now) {
  switch (static_cast<Kind>(kind)) {
    case failure:
      on_failure(now);
      break;
    case maintenance:
      on_maintenance(now);
      break;
    case repair:
      workload_.scheduler().repair(b, a);
      workload_.request_pass(now);
      break;
  }
}

// A partition by its share of accelerators, then a domain: lemons weighted by their factor.
std::pair<std::uint32_t, std::uint32_t> SiteReliability::pick_domain(bool weight_lemons) {
  const auto& s = workload_.scheduler();
  double x = rng_.uniform() * static_cast<double>(s.total_accelerators());
  std::uint32_t part = 0;
  for (; part + 1 < s.partitions(); ++part) {
    x -= static_cast<double>(s.allocator(part).capacity());
    if (x < 0) break;
  }
  const auto domains = static_cast<std::uint64_t>(s.allocator(part).shape().domains);
  const auto& lemons = lemons_[part];
  if (weight_lemons && !lemons.empty()) {
    const double lemon_weight = static_cast<double>(lemons.size()) * spec_.lemon_factor;
    const double normal_weight = static_cast<double>(domains - lemons.size());
    if (rng_.uniform() * (lemon_weight + normal_weight) < lemon_weight)
      return {part, lemons[rng_.below(lemons.size())]};
    if (normal_weight <= 0) return {part, lemons[rng_.below(lemons.size())]};
    while (true) {  // rejection: lemons are few
      const auto d = static_cast<std::uint32_t>(rng_.below(domains));
      if (!is_lemon_[lemon_offset_[part] + d]) return {part, d};
    }
  }
  return {part, static_cast<std::uint32_t>(rng_.below(domains))};
}

void SiteReliability::interrupt_and_record(std::uint32_t partition, std::uint32_t domain,
                                           core::Time now, std::string_view component, bool planned,
                                           bool take_down, core::Duration repair_time) {
  auto& s = workload_.scheduler();
  interruptions_.clear();
  s.interrupt_domain(partition, domain, now, spec_.restart.in_seconds(), planned, interruptions_);
  FailureRecord rec;
  rec.time_h = now.in_hours();
  rec.site = site_;
  rec.component = component;
  for (const auto& i : interruptions_) {
    rec.accelerators_affected += i.accelerators;
    rec.lost_gpu_hours += static_cast<double>(i.accelerators) * i.lost_s / 3600.0;
    if (rec.job < 0) rec.job = i.job;
  }
  records_.push_back(rec);
  if (take_down && s.take_down(partition, domain))
    events_.at(now + repair_time, repair, domain, partition);
  workload_.request_pass(now);  // the interrupted jobs are placed again if they fit (spares)
}

void SiteReliability::on_failure(core::Time now) {
  const std::size_t c = core::draw_weighted(component_weights_, component_total_, rng_);
  const auto& component = spec_.components[c];
  const auto [part, domain] = pick_domain(true);
  interrupt_and_record(part, domain, now, reliability::to_string(component.component), false,
                       component.scope == reliability::Scope::system, component.repair);
  const double next = process_.next(rng_);
  if (next < (end_ - core::Time::start()).in_seconds()) events_.at(at_seconds(next), failure);
}

void SiteReliability::on_maintenance(core::Time now) {
  const auto [part, domain] = pick_domain(false);
  interrupt_and_record(part, domain, now, "planned_maintenance", true, true,
                       spec_.maintenance_duration);
  const core::Time next = now + core::Duration::milliseconds(static_cast<std::int64_t>(
                                    rng_.exponential(spec_.maintenance_per_day / 86400.0) * 1e3));
  if (next < end_) events_.at(next, maintenance);
}

void SiteReliability::finish(core::Time end, SiteResult& out) {
  ReliabilityTotals& t = out.reliability;
  out.failures = std::move(records_);
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
  const auto& s = workload_.scheduler();
  for (std::size_t j = 0; j < s.jobs().size(); ++j) {
    const auto& spec = s.jobs().spec(static_cast<std::uint32_t>(j));
    const auto& st = s.states()[j];
    if (!st.started()) continue;
    const sched::JobAccount a = sched::account_of(spec, st);
    t.lost_gpu_hours += a.lost_accelerator_h;
    t.restart_gpu_hours += a.restart_accelerator_h;
    t.checkpoint_overhead_gpu_hours += a.checkpoint_accelerator_h;
    const bool ended = st.status == sched::JobStatus::done || st.status == sched::JobStatus::moved;
    const core::Time stop = ended ? st.end : end;
    const double elapsed = (stop - st.first_start).in_seconds();
    const double acc = static_cast<double>(spec.accelerators);
    if (spec.cls == workload::JobClass::pretraining || spec.cls == workload::JobClass::finetuning) {
      t.ettr_useful += acc * a.useful_s * spec.useful_share;
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

}  // namespace gigasim::sim
