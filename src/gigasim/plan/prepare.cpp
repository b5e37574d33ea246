#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "gigasim/climate/synthetic.hpp"
#include "gigasim/core/calendar.hpp"
#include "gigasim/energy/profiles.hpp"
#include "gigasim/facility/sizing.hpp"
#include "gigasim/plan/envelope.hpp"
#include "gigasim/plan/plan.hpp"
#include "gigasim/plan/workload_plan.hpp"

namespace gigasim::plan {
namespace {

constexpr std::int64_t kHourMs = 3'600'000;

climate::WeatherYear weather_for(const scenario::SiteSpec& spec,
                                 const core::RandomStreams& streams) {
  if (spec.weather) return climate::with_heating_reference(*spec.weather);
  core::RandomStream rng = streams.stream("weather/" + spec.name);
  climate::WeatherYear w = climate::synthesize_weather(spec.location, rng, spec.synthetic);
  w.source = "synthetic: " + spec.location.id;
  return climate::with_heating_reference(std::move(w));
}

double full_it_w(const hardware::System& s, double overhead) {
  return s.power_full.value() * (1.0 + overhead);
}

// Power-weighted liquid-cooled share of the fleet at full load.
double fleet_liquid_share(const std::vector<scenario::FleetEntry>& fleet,
                          const std::vector<std::int64_t>& counts) {
  double liquid = 0.0, total = 0.0;
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    const double p = static_cast<double>(counts[i]) * fleet[i].system.power_full.value();
    liquid += p * fleet[i].system.liquid_cooled_fraction;
    total += p;
  }
  return total > 0 ? liquid / total : 0.0;
}

}  // namespace

SiteSizing size_site(const scenario::SiteSpec& spec, const scenario::Scenario& scenario,
                     const core::RandomStreams& streams) {
  SiteSizing m;
  m.weather = weather_for(spec, streams);
  m.weather_offset_h = core::day_of_year(scenario.start) * 24;

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
  const auto share = [&] {
    return spec.liquid_share.value_or(fleet_liquid_share(spec.fleet, counts));
  };
  std::optional<facility::SizingResult> sized;  // at the share m.liquid_share
  if (auto_index >= 0) {
    const auto ai = static_cast<std::size_t>(auto_index);
    const double per = full_it_w(spec.fleet[ai].system, spec.network_overhead);
    // The liquid share depends on the count and the count on the cooling: guess the count
    // at PUE 1.2, size, and size once more with the share of that fleet (unless the share
    // did not move, as with a fleet of one kind: the second pass would repeat the first).
    counts[ai] = static_cast<std::int64_t>(std::max(0.0, envelope / 1.2 - fixed_w) / per);
    for (int pass = 0; pass < 2; ++pass) {
      const double s = share();
      if (sized && s == m.liquid_share) break;
      m.liquid_share = s;
      sized = facility::size_to_envelope(spec.facility, m.liquid_share, m.weather, per, fixed_w,
                                         envelope);
      counts[ai] = sized->systems;
    }
  }
  if (const double s = share(); s != m.liquid_share) {
    m.liquid_share = s;
    sized.reset();
  }

  for (std::size_t i = 0; i < spec.fleet.size(); ++i) {
    const hardware::System& s = spec.fleet[i].system;
    const auto n = static_cast<double>(counts[i]);
    m.idle_it_w += n * s.power_idle.value() * (1.0 + spec.network_overhead);
    m.dynamic_it_w += n * (s.power_full - s.power_idle).value() * (1.0 + spec.network_overhead);
    m.fleet.push_back(FleetCount{s.id, s.accelerator.id, counts[i],
                                 counts[i] * s.accelerators_per_system,
                                 !spec.fleet[i].count.has_value()});
  }
  m.rated_it_w = m.idle_it_w + m.dynamic_it_w;
  if (sized && std::abs(sized->it_design_w - m.rated_it_w) <= 1e-12 * m.rated_it_w) {
    m.design_pue = sized->design_pue;  // the same scan of the same year at the same load
  } else if (m.rated_it_w > 0) {
    double worst = 0.0;
    for (std::size_t h = 0; h < m.weather.hours(); ++h) {
      worst = std::max(worst, facility::facility_at_hour(spec.facility, m.liquid_share, m.weather,
                                                         h, m.rated_it_w));
    }
    m.design_pue = worst / m.rated_it_w;
  }
  return m;
}

Plan prepare(const scenario::Scenario& scenario, std::uint64_t seed, const Limits& limits) {
  Plan plan;
  plan.scenario = &scenario;
  plan.seed = seed;
  plan.hours = static_cast<std::size_t>((scenario.horizon.ms() + kHourMs - 1) / kHourMs);
  const core::RandomStreams streams(seed);
  // Every site is sized first: the size of the run is known, and checked against the
  // limits, before any job is generated or any table allocated.
  std::vector<SiteSizing> sizing;
  sizing.reserve(scenario.sites.size());
  for (const auto& spec : scenario.sites) sizing.push_back(size_site(spec, scenario, streams));
  plan.size = estimate_size(scenario, sizing);
  std::vector<core::Diagnostic> problems = check_size(scenario, sizing, plan.size, limits);
  if (!problems.empty()) throw core::InputError(std::move(problems));
  plan.sites.reserve(scenario.sites.size());
  for (std::size_t i = 0; i < scenario.sites.size(); ++i) {
    const scenario::SiteSpec& spec = scenario.sites[i];
    SitePlan& site = plan.sites.emplace_back();
    site.spec = &spec;
    site.sizing = std::move(sizing[i]);
    if (spec.workload) {
      site.workload = plan_workload(spec, site.sizing, scenario.horizon, streams, problems);
    }
    energy::SourceContext where{spec.location.latitude,
                                spec.location.longitude,
                                core::day_of_year(scenario.start),
                                scenario.start,
                                {}};
    // River-cooled units and demand-response rules follow the site's air temperature, hour
    // by hour of the run.
    const bool river = std::any_of(spec.supply.begin(), spec.supply.end(),
                                   [](const auto& s) { return s.river.per_kelvin > 0; });
    if (river || spec.demand_response) {
      where.dry_bulb_c.resize(plan.hours);
      for (std::size_t h = 0; h < plan.hours; ++h)
        where.dry_bulb_c[h] = site.sizing.weather.dry_bulb_c[site.sizing.weather.index(
            static_cast<std::int64_t>(h) + site.sizing.weather_offset_h)];
    }
    for (const auto& source : spec.supply) {
      core::RandomStream rng = streams.stream("supply/" + spec.name + "/" + source.name);
      site.profiles.push_back(energy::build_profile(source, where, plan.hours, rng));
    }
    if (spec.demand_response)
      site.demand_response =
          plan_demand_response(*spec.demand_response, scenario.start, plan.hours, where.dry_bulb_c);
  }
  if (!problems.empty()) throw core::InputError(std::move(problems));
  return plan;
}

}  // namespace gigasim::plan
