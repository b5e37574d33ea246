// Benchmarks: a year of scenarios/eu-60-sites.yaml at hourly resolution (the goal: under
// 0.5 s on one core), and the kernels it is made of. Results go to docs/performance.md.
#include <benchmark/benchmark.h>

#include "gigasim/core/event_queue.hpp"
#include "gigasim/energy/dispatch.hpp"
#include "gigasim/facility/facility.hpp"
#include "gigasim/io/catalog.hpp"
#include "gigasim/io/scenario_loader.hpp"
#include "gigasim/sim/simulation.hpp"

namespace {

namespace fs = std::filesystem;
const fs::path kSource = GIGASIM_TEST_SOURCE_DIR;

const gigasim::sim::Scenario& eu60() {
  static const gigasim::io::Catalog catalog = gigasim::io::Catalog::load(kSource / "data");
  static const gigasim::sim::Scenario s =
      gigasim::io::load_scenario(kSource / "scenarios/eu-60-sites.yaml", catalog);
  return s;
}

// Everything a run does after loading: weather synthesis, supply profiles, the event loop
// with 60 × 8760 facility ticks and dispatches, and the accounting into Results.
void BM_Eu60SitesYear(benchmark::State& state) {
  const auto& scenario = eu60();
  for (auto _ : state) {
    gigasim::sim::Simulation sim(scenario, scenario.seed);
    auto results = sim.run();
    benchmark::DoNotOptimize(results.total.energy_facility_mwh);
  }
  state.counters["site_hours_per_s"] =
      benchmark::Counter(60.0 * 8760.0, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Eu60SitesYear)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The preparation alone (weather, profiles, sizing), to split the figure above.
void BM_Eu60SitesPrepare(benchmark::State& state) {
  const auto& scenario = eu60();
  for (auto _ : state) {
    gigasim::sim::Simulation sim(scenario, scenario.seed);
    benchmark::DoNotOptimize(sim.sites().size());
  }
}
BENCHMARK(BM_Eu60SitesPrepare)->Unit(benchmark::kMillisecond);

void BM_FacilityTick(benchmark::State& state) {
  gigasim::facility::FacilitySpec spec;
  spec.liquid_share = 0.85;
  spec.heat_reuse.enabled = true;
  spec.heat_reuse.peak_load = gigasim::core::megawatts(40);
  double t = -5;
  for (auto _ : state) {
    t = t > 35 ? -5 : t + 0.37;
    auto f = gigasim::facility::evaluate_facility(spec, 80e6, 100e6, t, t - 4, 20e6);
    benchmark::DoNotOptimize(f.facility_w);
  }
}
BENCHMARK(BM_FacilityTick);

void BM_EventQueue(benchmark::State& state) {
  gigasim::core::EventQueue<int> q;
  q.reserve(64);
  for (int i = 0; i < 60; ++i) q.schedule(gigasim::core::Time::from_ms(i), i);
  for (auto _ : state) {
    auto e = q.pop();
    q.schedule(e.time + gigasim::core::Duration::hours(1), e.payload);
  }
}
BENCHMARK(BM_EventQueue);

}  // namespace

BENCHMARK_MAIN();
