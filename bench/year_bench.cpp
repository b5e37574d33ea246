// Benchmarks: a year of scenarios/eu-60-sites.yaml at hourly resolution (the goal: under
// 0.5 s on one core), and the kernels it is made of. Results go to docs/performance.md.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "gigasim/core/event_queue.hpp"
#include "gigasim/facility/facility.hpp"
#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/report/report.hpp"
#include "gigasim/io/results/writers.hpp"
#include "gigasim/io/scenario/scenario_loader.hpp"
#include "gigasim/sim/simulation.hpp"

namespace {

namespace fs = std::filesystem;
const fs::path kSource = GIGASIM_TEST_SOURCE_DIR;

const gigasim::io::Catalog& catalog() {
  static const gigasim::io::Catalog c = gigasim::io::Catalog::load(kSource / "data");
  return c;
}

using gigasim::scenario::Scenario;

const Scenario& eu60() {
  static const Scenario s =
      gigasim::io::load_scenario(kSource / "scenarios/eu-60-sites.yaml", catalog()).scenario;
  return s;
}

// The EU call as a scenario (docs/eu-call.md): 60 sites in 16 member states, 2.99 million
// accelerators, each site's supply, cooling and workload suited to its country, under one
// router with the lowest-carbon policy (docs/models/federation.md).
const Scenario& eu_gigafactories_federated() {
  static const Scenario s =
      gigasim::io::load_scenario(kSource / "scenarios/eu-gigafactories.yaml", catalog()).scenario;
  return s;
}

// The same sites, each alone (the router's policy `none`).
const Scenario& eu_gigafactories() {
  static const Scenario s = [] {
    Scenario copy = eu_gigafactories_federated();
    copy.federation->policy = gigasim::scenario::RoutingPolicy::none;
    return copy;
  }();
  return s;
}

// The same 60 sites without their workload: the facility and energy model alone.
const Scenario& eu60_facility_only() {
  static const Scenario s = [] {
    Scenario copy = eu60();
    for (auto& site : copy.sites) site.workload.reset();
    return copy;
  }();
  return s;
}

// The same 60 sites, each with a battery of a tenth of its connection for four hours that
// backs up, shaves peaks and trades day-ahead (issue 13: within 10 % of the year without).
const Scenario& eu60_with_storage() {
  static const Scenario s = [] {
    Scenario copy = eu60();
    for (auto& site : copy.sites) {
      gigasim::energy::SourceSpec b =
          catalog().defaults.source(gigasim::energy::SourceKind::battery);
      b.name = "battery";
      b.contract = gigasim::energy::Contract::storage;
      b.on_site = true;
      b.storage.power = site.grid_connection * 0.1;
      b.storage.energy = gigasim::core::Energy::base(b.storage.power.value() * 4 * 3600.0);
      b.storage.strategies = {gigasim::energy::StorageStrategy::backup,
                              gigasim::energy::StorageStrategy::peak_shaving,
                              gigasim::energy::StorageStrategy::arbitrage};
      site.supply.push_back(b);
    }
    return copy;
  }();
  return s;
}

const Scenario& france() {
  static const Scenario s =
      gigasim::io::load_scenario(kSource / "scenarios/france-1gw.yaml", catalog()).scenario;
  return s;
}

// The same campus without failures: the workload and facility alone.
const Scenario& france_without_failures() {
  static const Scenario s = [] {
    Scenario copy = france();
    for (auto& site : copy.sites) site.reliability.reset();
    return copy;
  }();
  return s;
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// A whole run after loading: weather, supply profiles, job generation, the event loop
// (facility ticks, job arrivals and ends, scheduling passes, dispatch) and the results.
void run_year(benchmark::State& state, const Scenario& scenario) {
  std::uint64_t events = 0;
  std::int64_t jobs = 0;
  for (auto _ : state) {
    const gigasim::plan::Plan plan = gigasim::plan::prepare(scenario, scenario.seed);
    gigasim::sim::Simulation sim(plan);
    auto results = sim.run();
    events = sim.events();
    jobs = results.workload_total.jobs_submitted;
    benchmark::DoNotOptimize(results.total.energy_facility_mwh);
  }
  state.counters["jobs"] = static_cast<double>(jobs);
  state.counters["events_per_s"] = benchmark::Counter(
      static_cast<double>(events), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}

// Goal: 2.9 million accelerators, 60 sites, more than a million jobs, at most 10 s and 2 GB.
void BM_Eu60SitesYear(benchmark::State& state) {
  run_year(state, eu60());
}
BENCHMARK(BM_Eu60SitesYear)->Unit(benchmark::kMillisecond)->Iterations(2);

// Issue 15's goal: the EU call's year (about 3 million accelerators, 1.6 million jobs) in
// under 10 s and 2 GiB, without writing tables (a study's or `run --summary-only`'s case).
void BM_EuGigafactoriesYear(benchmark::State& state) {
  run_year(state, eu_gigafactories());
}
BENCHMARK(BM_EuGigafactoriesYear)->Unit(benchmark::kMillisecond)->Iterations(2);

// The same, its jobs routed between the sites (about a million move): the same goal.
void BM_EuGigafactoriesFederatedYear(benchmark::State& state) {
  run_year(state, eu_gigafactories_federated());
}
BENCHMARK(BM_EuGigafactoriesFederatedYear)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_Eu60SitesYearWithStorage(benchmark::State& state) {
  run_year(state, eu60_with_storage());
}
BENCHMARK(BM_Eu60SitesYearWithStorage)->Unit(benchmark::kMillisecond)->Iterations(2);

// Goal: one 1 GW site of about 500,000 accelerators and more than 200,000 jobs, at most 2 s.
void BM_France1GwYear(benchmark::State& state) {
  run_year(state, france_without_failures());
}
BENCHMARK(BM_France1GwYear)->Unit(benchmark::kMillisecond)->Iterations(3);

// The same year with failures, repairs, maintenance and checkpoints (about 88,000 failures).
void BM_France1GwYearWithFailures(benchmark::State& state) {
  run_year(state, france());
}
BENCHMARK(BM_France1GwYearWithFailures)->Unit(benchmark::kMillisecond)->Iterations(3);

// An overloaded campus (issue 12): the same year with three times the arrivals of every job
// stream (more than twice what the campus can run, so the queue grows to tens of thousands
// of jobs) and pods of one system. A pass must not cost in proportion to the queue.
void BM_France1GwOverloaded(benchmark::State& state) {
  static const Scenario s = [] {
    Scenario copy = france_without_failures();
    for (auto& site : copy.sites) {
      site.pod_size = 1;
      for (auto& g : site.workload->generators) g.stream.jobs_per_day *= 3;
    }
    return copy;
  }();
  run_year(state, s);
}
BENCHMARK(BM_France1GwOverloaded)->Unit(benchmark::kMillisecond)->Iterations(1);

// Llama 3's 54 days: one 16,384-GPU job and about 500 interruptions.
void BM_Llama3FiftyFourDays(benchmark::State& state) {
  static const Scenario s =
      gigasim::io::load_scenario(kSource / "scenarios/llama3-405b-54days.yaml", catalog()).scenario;
  run_year(state, s);
}
BENCHMARK(BM_Llama3FiftyFourDays)->Unit(benchmark::kMillisecond);

// Goal: a year of the 60 sites' facilities and supply at hourly resolution, at most 0.5 s.
void BM_Eu60SitesFacilityYear(benchmark::State& state) {
  const auto& scenario = eu60_facility_only();
  for (auto _ : state) {
    const gigasim::plan::Plan plan = gigasim::plan::prepare(scenario, scenario.seed);
    gigasim::sim::Simulation sim(plan);
    auto results = sim.run();
    benchmark::DoNotOptimize(results.total.energy_facility_mwh);
  }
  state.counters["site_hours_per_s"] =
      benchmark::Counter(60.0 * 8760.0, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Eu60SitesFacilityYear)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The preparation alone (weather, profiles, sizing), to split the figure above.
void BM_Eu60SitesPrepare(benchmark::State& state) {
  const auto& scenario = eu60_facility_only();
  for (auto _ : state) {
    const gigasim::plan::Plan plan = gigasim::plan::prepare(scenario, scenario.seed);
    benchmark::DoNotOptimize(plan.sites.size());
  }
}
BENCHMARK(BM_Eu60SitesPrepare)->Unit(benchmark::kMillisecond);

// The outputs of a year of the 60 sites and their 1.3 million jobs: results.sqlite,
// site_hourly.csv, jobs.csv, report.html (read back from results.sqlite) and summary.json.
const gigasim::sim::Results& eu60_results() {
  static const gigasim::sim::Results r = [] {
    const gigasim::plan::Plan plan = gigasim::plan::prepare(eu60(), eu60().seed);
    gigasim::sim::Simulation sim(plan);
    return sim.run();
  }();
  return r;
}

void BM_Eu60SitesOutputs(benchmark::State& state) {
  const auto& results = eu60_results();
  const fs::path dir = fs::temp_directory_path() / "gigasim-bench-outputs";
  for (auto _ : state) gigasim::io::write_run_outputs(results, dir);
  state.counters["report_MiB"] =
      static_cast<double>(fs::file_size(dir / "report.html")) / (1024.0 * 1024.0);
  state.counters["sqlite_MiB"] =
      static_cast<double>(fs::file_size(dir / "results.sqlite")) / (1024.0 * 1024.0);
  fs::remove_all(dir);
}
BENCHMARK(BM_Eu60SitesOutputs)->Unit(benchmark::kMillisecond)->Iterations(1);

// report.html alone, from the results.sqlite of the 60 sites (what `gigasim report` does).
void BM_Eu60SitesReport(benchmark::State& state) {
  const fs::path dir = fs::temp_directory_path() / "gigasim-bench-report";
  gigasim::io::write_run_outputs(eu60_results(), dir);
  for (auto _ : state) gigasim::io::write_report(dir);
  fs::remove_all(dir);
}
BENCHMARK(BM_Eu60SitesReport)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_FacilityTick(benchmark::State& state) {
  gigasim::facility::FacilitySpec spec = catalog().defaults.site.facility;  // data/defaults.yaml
  spec.heat_reuse.enabled = true;
  spec.heat_reuse.peak_load = gigasim::core::megawatts(40);
  // As in the run: the design is derived once per site.
  const gigasim::facility::FacilityDesign design = gigasim::facility::design_of(spec, 0.85, 100e6);
  double t = -5;
  for (auto _ : state) {
    t = t > 35 ? -5 : t + 0.37;
    auto f = gigasim::facility::evaluate_facility(spec, design, 80e6, t, t - 4, 20e6);
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
