// The prepared state of one site for a run: its weather, supply profiles, sized fleet and
// facility. Built once before the event loop; the loop only reads it and accumulates.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "gigasim/climate/weather.hpp"
#include "gigasim/core/rng.hpp"
#include "gigasim/energy/source.hpp"
#include "gigasim/facility/facility.hpp"
#include "gigasim/sched/site_scheduler.hpp"
#include "gigasim/sim/results.hpp"
#include "gigasim/sim/scenario.hpp"

namespace gigasim::sim {

struct SiteModel {
  const SiteSpec* spec = nullptr;
  climate::WeatherYear weather;
  int weather_offset_h = 0;  ///< hour of the weather year at hour 0 of the run
  facility::FacilitySpec facility;
  std::vector<FleetResult> fleet;
  double idle_it_w = 0.0;     ///< IT power of the whole fleet idle (overhead included)
  double dynamic_it_w = 0.0;  ///< added IT power from idle to full load
  double rated_it_w = 0.0;    ///< IT power at full load: sizes the power chain
  double design_pue = 0.0;
  std::vector<energy::SourceProfile> profiles;
  std::vector<std::string> source_names;
  std::vector<energy::SourceKind> source_kinds;
  // With a workload: the scheduler (which owns the jobs) and the inference services.
  std::unique_ptr<sched::SiteScheduler> scheduler;
  std::vector<std::string> job_names;  ///< by job index, "" for generated and trace jobs
  std::vector<workload::InferenceService> inference;
  std::vector<double> inference_dynamic_w_per_replica;

  [[nodiscard]] double it_power_w(double utilization) const {
    return idle_it_w + utilization * dynamic_it_w;
  }
};

/// Prepares a site: weather from its EPW year or synthesised from the location's normals
/// (stream "weather/<site>"), fleet counts (sizing `auto` entries to the envelope), the
/// liquid share (power-weighted over the fleet unless the scenario sets it) and hourly
/// supply profiles (stream "supply/<site>/<source>").
/// Throws core::InputError when a job or generator asks for more accelerators than its
/// partition holds once the fleet is sized, or an inference pool does not fit.
SiteModel prepare_site(const SiteSpec& spec, const Scenario& scenario,
                       const core::RandomStreams& streams, std::size_t hours);

}  // namespace gigasim::sim
