#include "gigasim/sim/site_model.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "gigasim/climate/synthetic.hpp"
#include "gigasim/energy/profiles.hpp"
#include "gigasim/facility/sizing.hpp"
#include "gigasim/reliability/failure_process.hpp"

namespace gigasim::sim {
namespace {

climate::WeatherYear weather_for(const SiteSpec& spec, const core::RandomStreams& streams) {
  if (spec.weather) return *spec.weather;
  core::RandomStream rng = streams.stream("weather/" + spec.name);
  climate::WeatherYear w = climate::synthesize_weather(spec.location.climate, rng, spec.synthetic);
  w.source = "synthetic: " + spec.location.id;
  return w;
}

double full_it_w(const hardware::System& s, double overhead) {
  return s.power_full.value() * (1.0 + overhead);
}

// Power-weighted liquid-cooled share of the fleet at full load.
double fleet_liquid_share(const std::vector<FleetEntry>& fleet,
                          const std::vector<std::int64_t>& counts) {
  double liquid = 0.0, total = 0.0;
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    const double p = static_cast<double>(counts[i]) * fleet[i].system.power_full.value();
    liquid += p * fleet[i].system.liquid_cooled_fraction;
    total += p;
  }
  return total > 0 ? liquid / total : 0.0;
}

// Checkpointing of the jobs that write checkpoints (cost > 0): the interval τ is fixed or
// Young/Daly-optimal for the job's own mean time between interruptions M = 1/(λ·n); the
// job's work grows by the writes, a share C/(τ + C) of it (docs/models/reliability.md).
void apply_checkpointing(const ReliabilitySpec& r, std::vector<workload::JobSpec>& jobs) {
  const double rate = r.rate_per_accelerator_s();
  for (auto& j : jobs) {
    if (j.checkpoint_cost_s <= 0) continue;
    const double cost = j.checkpoint_cost_s;
    const double mtbf = rate > 0 ? 1.0 / (rate * static_cast<double>(j.accelerators)) : 1e12;
    const double interval = r.checkpoint_auto ? reliability::optimal_checkpoint_interval(cost, mtbf)
                                              : r.checkpoint_interval.in_seconds();
    if (interval <= 0) continue;
    j.checkpoint_period_s = static_cast<float>(interval + cost);
    j.useful_share = static_cast<float>(interval / (interval + cost));
    j.work_s /= j.useful_share;
  }
}

// Jobs of every generator and the explicit ones, in submission order; partitions from the
// sized fleet; inference pools reserved before any batch job.
void prepare_workload(SiteModel& m, const SiteSpec& spec, const std::vector<std::int64_t>& counts,
                      const WorkloadSpec& w, const core::RandomStreams& streams,
                      core::Duration horizon) {
  std::vector<sched::PartitionSetup> partitions;
  std::vector<core::Diagnostic> problems;
  for (std::size_t i = 0; i < spec.fleet.size(); ++i) {
    const hardware::System& s = spec.fleet[i].system;
    const int domain = std::clamp(s.scale_up_domain, 1, s.accelerators_per_system);
    const double per_acc = (1.0 + spec.network_overhead) / s.accelerators_per_system;
    sched::PartitionSetup p;
    p.shape.domain_size = domain;
    p.shape.domains = counts[i] * s.accelerators_per_system / domain;
    p.shape.domains_per_pod = std::max<std::int64_t>(1, spec.pod_size / domain);
    p.idle_w_per_accelerator = s.power_idle.value() * per_acc;
    p.dynamic_w_per_accelerator = (s.power_full - s.power_idle).value() * per_acc;
    partitions.push_back(p);
  }
  auto capacity = [&](std::size_t part) {
    return partitions[part].shape.domains * partitions[part].shape.domain_size;
  };

  std::vector<workload::JobSpec> jobs = w.jobs;
  std::vector<std::string> names = w.job_names;
  names.resize(jobs.size());
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    if (jobs[j].accelerators > capacity(jobs[j].partition)) {
      core::Diagnostic d = j < w.job_places.size() ? w.job_places[j] : core::Diagnostic{};
      d.message = fmt::format("the job needs {} accelerators but its partition holds {}",
                              jobs[j].accelerators, capacity(jobs[j].partition));
      problems.push_back(std::move(d));
    }
  }
  for (std::size_t g = 0; g < w.generators.size(); ++g) {
    const auto& gen = w.generators[g];
    const auto largest = *std::max_element(gen.size.values.begin(), gen.size.values.end());
    if (largest > capacity(gen.partition)) {
      core::Diagnostic d =
          g < w.generator_places.size() ? w.generator_places[g] : core::Diagnostic{};
      d.message = fmt::format("job sizes up to {} accelerators exceed the partition's {}", largest,
                              capacity(gen.partition));
      problems.push_back(std::move(d));
      continue;
    }
    core::RandomStream rng = streams.stream(fmt::format("workload/{}/{}", spec.name, g));
    workload::generate_jobs(gen, horizon, rng, jobs);
  }
  names.resize(jobs.size());
  // Stable order by submission: explicit jobs keep their written order among equals.
  std::vector<std::uint32_t> order(jobs.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return jobs[a].submit < jobs[b].submit; });
  std::vector<workload::JobSpec> sorted;
  sorted.reserve(jobs.size());
  m.job_names.reserve(jobs.size());
  for (const auto i : order) {
    sorted.push_back(jobs[i]);
    m.job_names.push_back(std::move(names[i]));
  }
  if (spec.reliability) apply_checkpointing(*spec.reliability, sorted);
  m.scheduler =
      std::make_unique<sched::SiteScheduler>(partitions, w.tenants, w.scheduler, std::move(sorted));
  for (const auto& service : w.inference) {
    const std::int64_t pool = service.accelerators_per_replica * service.max_replicas;
    if (!m.scheduler->reserve(service.partition, pool)) {
      problems.push_back({"",
                          fmt::format("inference service \"{}\" needs a pool of {} accelerators "
                                      "that site \"{}\" cannot hold",
                                      service.name, pool, spec.name),
                          {}});
      continue;
    }
    m.inference.push_back(service);
    m.inference_dynamic_w_per_replica.push_back(
        static_cast<double>(service.accelerators_per_replica) * service.activity *
        partitions[service.partition].dynamic_w_per_accelerator);
  }
  if (spec.reliability && spec.reliability->spares_per_pod > 0) {
    for (std::size_t p = 0; p < partitions.size(); ++p) {
      const auto& shape = partitions[p].shape;
      const std::int64_t pods = (shape.domains + shape.domains_per_pod - 1) / shape.domains_per_pod;
      m.scheduler->reserve_spares(p, static_cast<int>(pods * spec.reliability->spares_per_pod));
    }
  }
  if (!problems.empty()) throw core::InputError(std::move(problems));
}

}  // namespace

SiteModel prepare_site(const SiteSpec& spec, const Scenario& scenario,
                       const core::RandomStreams& streams, std::size_t hours) {
  SiteModel m;
  m.spec = &spec;
  m.weather = weather_for(spec, streams);
  m.weather_offset_h = day_of_year(scenario.start) * 24;
  m.facility = spec.facility;

  // Fleet counts: fixed entries as given; at most one `auto` entry fills the envelope.
  std::vector<std::int64_t> counts(spec.fleet.size(), 0);
  double fixed_w = 0.0;
  std::ptrdiff_t auto_index = -1;
  for (std::size_t i = 0; i < spec.fleet.size(); ++i) {
    if (spec.fleet[i].count) {
      counts[i] = *spec.fleet[i].count;
      fixed_w +=
          static_cast<double>(counts[i]) * full_it_w(spec.fleet[i].system, spec.network_overhead);
    } else {
      auto_index = static_cast<std::ptrdiff_t>(i);
    }
  }
  const double envelope = spec.power_envelope.value();
  if (auto_index >= 0) {
    const auto ai = static_cast<std::size_t>(auto_index);
    const double per = full_it_w(spec.fleet[ai].system, spec.network_overhead);
    // The liquid share depends on the count and the count on the cooling: guess the count
    // at PUE 1.2, size, and size once more with the share of that fleet.
    counts[ai] = static_cast<std::int64_t>(std::max(0.0, envelope / 1.2 - fixed_w) / per);
    for (int pass = 0; pass < 2; ++pass) {
      m.facility.liquid_share = spec.liquid_share.value_or(fleet_liquid_share(spec.fleet, counts));
      counts[ai] =
          facility::size_to_envelope(m.facility, m.weather, per, fixed_w, envelope).systems;
    }
  }
  m.facility.liquid_share = spec.liquid_share.value_or(fleet_liquid_share(spec.fleet, counts));

  for (std::size_t i = 0; i < spec.fleet.size(); ++i) {
    const hardware::System& s = spec.fleet[i].system;
    const auto n = static_cast<double>(counts[i]);
    m.idle_it_w += n * s.power_idle.value() * (1.0 + spec.network_overhead);
    m.dynamic_it_w += n * (s.power_full - s.power_idle).value() * (1.0 + spec.network_overhead);
    m.fleet.push_back(FleetResult{s.id, s.accelerator.id, counts[i],
                                  counts[i] * s.accelerators_per_system,
                                  !spec.fleet[i].count.has_value()});
  }
  m.rated_it_w = m.idle_it_w + m.dynamic_it_w;
  if (m.rated_it_w > 0) {
    double worst = 0.0;
    for (std::size_t h = 0; h < m.weather.hours(); ++h) {
      worst = std::max(worst, facility::facility_at_hour(m.facility, m.weather, h, m.rated_it_w));
    }
    m.design_pue = worst / m.rated_it_w;
  }

  if (spec.workload) prepare_workload(m, spec, counts, *spec.workload, streams, scenario.horizon);

  energy::SourceContext where{spec.location.latitude, spec.location.longitude,
                              day_of_year(scenario.start)};
  for (const auto& source : spec.supply) {
    core::RandomStream rng = streams.stream("supply/" + spec.name + "/" + source.name);
    m.profiles.push_back(energy::build_profile(source, where, hours, rng));
    m.source_names.push_back(source.name);
    m.source_kinds.push_back(source.kind);
  }
  return m;
}

}  // namespace gigasim::sim
