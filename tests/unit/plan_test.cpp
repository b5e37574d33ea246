// The prepare stage: everything derived from a scenario, in one place, again after any edit.
#include "gigasim/plan/plan.hpp"

#include <gtest/gtest.h>

#include "gigasim/facility/sizing.hpp"
#include "gigasim/plan/job_costing.hpp"
#include "run_fixtures.hpp"

namespace gigasim::plan {
namespace {

using testing::catalog;
using testing::load;

const std::string kSite = R"(name: t
horizon: 10 days
sites:
  - name: campus
    location: lyon
    grid_connection: 20 MW
    fleet:
      - system: dgx-h100
        count: auto
    supply: [{type: grid}]
    workload:
      jobs:
        - name: train
          model: llama-3-8b
          parallelism: {tp: 8, pp: 1, dp: 8, global_batch: 512}
          tokens: 1e11
        - {name: fixed, accelerators: 16, duration: 2 h, submit: 1 h}
      generators:
        - {class: debugging, jobs_per_day: 50}
)";

TEST(Prepare, ScenarioHoldsNoDerivedNumbersThePlanDoes) {
  const auto file = load(kSite);
  const auto& job = file.scenario.sites[0].workload->jobs[0];
  ASSERT_TRUE(job.training.has_value());
  EXPECT_EQ(job.id, "sites[0].workload.jobs[0]");
  const Plan p = prepare(file.scenario, 1);
  const auto& w = *p.sites[0].workload;
  // The explicit jobs are costed (the training run by the step model), the stream generated.
  auto train = std::find(w.job_names.begin(), w.job_names.end(), "train");
  ASSERT_NE(train, w.job_names.end());
  const auto& j = w.jobs[static_cast<std::size_t>(train - w.job_names.begin())];
  EXPECT_EQ(j.accelerators, 64);
  EXPECT_GT(j.work_s, 0);
  EXPECT_GE(j.tokens, 1e11);
  EXPECT_GT(j.activity, 0.0F);
  EXPECT_GT(w.jobs.size(), 400U);  // 50 a day for 10 days, and the two explicit ones
  for (std::size_t i = 1; i < w.jobs.size(); ++i) ASSERT_LE(w.jobs[i - 1].submit, w.jobs[i].submit);
}

TEST(Prepare, CanBeCalledAgainAfterAnEdit) {
  auto file = load(kSite);
  const Plan before = prepare(file.scenario, 1);
  file.scenario.sites[0].grid_connection = core::megawatts(40);
  file.scenario.sites[0].power_envelope = core::megawatts(40);
  const Plan after = prepare(file.scenario, 1);
  EXPECT_GT(after.sites[0].sizing.fleet[0].systems,
            19 * before.sites[0].sizing.fleet[0].systems / 10);
  // Same scenario, same seed: the same plan.
  const Plan again = prepare(file.scenario, 1);
  EXPECT_EQ(again.sites[0].workload->jobs.size(), after.sites[0].workload->jobs.size());
  EXPECT_EQ(again.sites[0].sizing.design_pue, after.sites[0].sizing.design_pue);
}

TEST(Prepare, AJobIsCostedAgainOnOtherHardware) {
  const auto file = load(kSite);
  const auto& job = file.scenario.sites[0].workload->jobs[0];
  scenario::FleetEntry h100 = file.scenario.sites[0].fleet[0];
  scenario::FleetEntry b200 = h100;
  b200.system = catalog().systems.at("dgx-b200");
  const perf::Platform p = catalog().platform_of(b200.system);
  b200.efficiency = p.efficiency;
  b200.fabric = p.fabric;
  std::vector<core::Diagnostic> problems;
  const auto on_h100 = cost_job(job, platform_of(h100), nullptr, problems);
  const auto on_b200 = cost_job(job, platform_of(b200), nullptr, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(on_h100.tokens, on_b200.tokens);
  EXPECT_LT(on_b200.work_s, 0.7 * on_h100.work_s) << "B200 trains the same tokens faster";
}

// An inference service is costed by the serving model (docs/models/serving.md): its
// replica's throughput and power are the model's, its precision FP8 where the accelerator
// has faster FP8 products, and a service that no batch can serve within its targets is an
// error at its `latency`.
TEST(Prepare, InferenceServicesAreCostedByTheServingModel) {
  // One site with one service, `keys` added to the service's mapping.
  const auto service_file = [](const std::string& keys) {
    return load(R"(name: serve
sites:
  - name: campus
    location: lyon
    grid_connection: 20 MW
    fleet: [{system: dgx-h100, count: 100}]
    supply: [{type: grid}]
    workload:
      inference:
        - {name: chat, model: llama-3-70b, max_replicas: 10, peak_tokens_per_s: 1e5)" +
                keys + "}\n");
  };
  const auto file = service_file("");
  const auto& d = file.scenario.sites[0].workload->inference[0];
  const perf::Platform h100 = platform_of(file.scenario.sites[0].fleet[0]);
  std::vector<core::Diagnostic> problems;
  const auto service = cost_inference(d, h100, problems);
  ASSERT_TRUE(problems.empty());
  perf::ServeSetup setup = d.serve;
  setup.tp = 8;
  setup.precision = perf::Precision::fp8;  // H100: FP8 products twice as fast as BF16
  const auto e = perf::estimate_serving(d.model, h100, setup);
  EXPECT_DOUBLE_EQ(service.tokens_per_s_per_replica, e.tokens_per_s_replica);
  EXPECT_LE(e.tpot_s, 0.2);  // the default target (data/defaults.yaml)
  const auto& a = h100.system.accelerator;
  EXPECT_NEAR(service.activity,
              (e.watts_per_accelerator - a.idle_power.value()) / (a.tdp - a.idle_power).value(),
              1e-6);
  EXPECT_GT(service.activity, 0.1F);
  EXPECT_LT(service.activity, 1.0F);

  auto bf16 = d;
  bf16.precision_given = true;
  bf16.serve.precision = perf::Precision::bf16;
  EXPECT_LT(cost_inference(bf16, h100, problems).tokens_per_s_per_replica,
            service.tokens_per_s_per_replica);

  auto apart = d;
  apart.serve.disaggregated = true;
  const auto split = cost_inference(apart, h100, problems);
  EXPECT_GT(split.tokens_per_s_per_replica, 0.0);
  EXPECT_TRUE(problems.empty());

  auto given = d;
  given.activity = 0.3F;
  EXPECT_FLOAT_EQ(cost_inference(given, h100, problems).activity, 0.3F);

  // Targets for 99 % of requests arriving at random, read from the service's `latency`:
  // some slots stay free for arrivals, so a replica serves less.
  const auto p99_file = service_file(", latency: {ttft: 2 s, tpot: 200 ms, percentile: 99 %}");
  const auto& p99 = p99_file.scenario.sites[0].workload->inference[0];
  EXPECT_DOUBLE_EQ(p99.serve.percentile, 0.99);
  const auto p99_service = cost_inference(p99, h100, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_LT(p99_service.tokens_per_s_per_replica, service.tokens_per_s_per_replica);
  EXPECT_GT(p99_service.tokens_per_s_per_replica, 0.5 * service.tokens_per_s_per_replica);

  auto impossible = d;
  impossible.serve.tpot_s = 1e-4;  // 0.1 ms a token: no replica is that fast
  (void)cost_inference(impossible, h100, problems);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].path, "sites[0].workload.inference[0].latency");
  EXPECT_NE(problems[0].message.find("meets the latency targets"), std::string::npos);

  // FP4 is asked for, never chosen; on an H100, which has no FP4 products, it is an error at
  // the service's `precision`.
  auto fp4 = d;
  fp4.precision_given = true;
  fp4.serve.precision = perf::Precision::fp4;
  problems.clear();
  EXPECT_EQ(cost_inference(fp4, h100, problems).tokens_per_s_per_replica, 0.0);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].path, "sites[0].workload.inference[0].precision");
  EXPECT_NE(problems[0].message.find("no FP4 products"), std::string::npos);
  // So is a 4-bit KV cache, at the service's `kv_cache`; an 8-bit one holds twice the
  // sequences of the BF16 one and serves more.
  auto kv4 = d;
  kv4.serve.kv_cache = perf::Precision::fp4;
  problems.clear();
  EXPECT_EQ(cost_inference(kv4, h100, problems).tokens_per_s_per_replica, 0.0);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].path, "sites[0].workload.inference[0].kv_cache");
  auto kv16 = d;
  kv16.serve.kv_cache = perf::Precision::bf16;
  problems.clear();
  EXPECT_LT(cost_inference(kv16, h100, problems).tokens_per_s_per_replica,
            service.tokens_per_s_per_replica);
  EXPECT_TRUE(problems.empty());
}

// A mixture of experts served expert-parallel: its replica's all-to-alls run on the scale-up
// links, so it must stay in one scale-up domain; within one it serves DeepSeek-V3 more than
// a tensor-parallel replica, which caches the latent on every accelerator.
TEST(Prepare, AnExpertParallelServiceStaysInOneScaleUpDomain) {
  const auto file = load(R"(name: serve
sites:
  - name: campus
    location: lyon
    grid_connection: 20 MW
    fleet: [{system: dgx-b200, count: 100}]
    supply: [{type: grid}]
    workload:
      inference:
        - {name: moe, model: deepseek-v3, max_replicas: 10, peak_tokens_per_s: 1e5,
           expert_parallel: true}
)");
  const auto& d = file.scenario.sites[0].workload->inference[0];
  ASSERT_TRUE(d.serve.expert_parallel);
  const perf::Platform b200 = platform_of(file.scenario.sites[0].fleet[0]);
  std::vector<core::Diagnostic> problems;
  const auto expert = cost_inference(d, b200, problems);
  EXPECT_TRUE(problems.empty());
  auto tensor = d;
  tensor.serve.expert_parallel = false;
  EXPECT_GT(expert.tokens_per_s_per_replica,
            cost_inference(tensor, b200, problems).tokens_per_s_per_replica);
  auto wide = d;
  wide.accelerators_per_replica = 16;  // two DGX B200 nodes
  (void)cost_inference(wide, b200, problems);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0].path, "sites[0].workload.inference[0].accelerators_per_replica");
  EXPECT_NE(problems[0].message.find("one scale-up domain (8 accelerators of dgx-b200)"),
            std::string::npos)
      << problems[0].message;
}

// A 300 MW campus in Madrid: in its hottest hours the facility's power does not grow with the
// load the same way from hour to hour (dry coolers, pads and chillers share the heat), and
// sizing once went back and forth between two hours for ever. It must end, with a fleet that
// fits the envelope in every hour of the year.
TEST(Prepare, SizingEndsWithAFleetThatFitsEveryHour) {
  const auto file = load(R"(name: madrid-300
sites:
  - name: campus
    location: madrid
    grid_connection: 300 MW
    fleet: [{system: gb200-nvl72, count: auto}]
    cooling:
      liquid: {supply_temp: 32 C, return_temp: 42 C, dry_cooler: true, evaporative: true,
               chiller: true}
    supply: [{type: grid}]
)");
  const Plan p = prepare(file.scenario, 1);
  const auto& site = p.sites[0];
  EXPECT_GT(site.sizing.fleet[0].systems, 2000);
  const double envelope = file.scenario.sites[0].power_envelope.value();
  for (std::size_t h = 0; h < site.sizing.weather.hours(); ++h)
    ASSERT_LE(facility::facility_at_hour(site.spec->facility, site.sizing.liquid_share,
                                         site.sizing.weather, h, site.sizing.rated_it_w),
              envelope * (1 + 1e-12))
        << "hour " << h;
}

TEST(Prepare, ProblemsNameTheirElementsAndTheFileAddsThePlaces) {
  std::string yaml = kSite;
  yaml.replace(yaml.find("accelerators: 16"), 16, "accelerators: 999999");
  const auto file = load(yaml, "big.yaml");
  try {
    (void)prepare(file.scenario, 1);
    FAIL();
  } catch (const core::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1U);
    EXPECT_EQ(e.diagnostics()[0].path, "sites[0].workload.jobs[1]");
    EXPECT_FALSE(e.diagnostics()[0].location.known()) << "plan knows no files";
    const auto located = file.places.locate(e);
    EXPECT_EQ(located.diagnostics()[0].location.to_string(), "big.yaml:17:11");
  }
}

TEST(SourceMap, LocatesAnElementOrItsNearestEnclosingOne) {
  io::SourceMap m;
  m.add("sites[0]", {"f.yaml", 3, 5});
  m.add("sites[0].workload.jobs[1]", {"f.yaml", 20, 11});
  m.add_list("sites[0].workload.traces[0].jobs", "t.swf", {7, 9, 12});
  EXPECT_EQ(m.locate("sites[0].workload.jobs[1]").line, 20);
  EXPECT_EQ(m.locate("sites[0].workload.jobs[1].parallelism.tp").line, 20);
  EXPECT_EQ(m.locate("sites[0].supply[2]").line, 3);
  EXPECT_EQ(m.locate("sites[0].workload.traces[0].jobs[2]").to_string(), "t.swf:12");
  EXPECT_EQ(m.locate("sites[0].workload.traces[0].jobs[7]").line, 3) << "past the list";
  EXPECT_FALSE(m.locate("sites[4]").known());
}

}  // namespace
}  // namespace gigasim::plan

namespace gigasim::plan {
namespace {

// Issue 13, item 3: wind and solar of a scenario with measured grid data follow the
// country's hourly capacity factors of data/electricity, at the source's own mean when it
// gives one; the synthetic profile otherwise.
TEST(Prepare, WindAndSolarFollowMeasuredCapacityFactors) {
  const auto yaml = [](const std::string& year, const std::string& wind_cf) {
    return "name: t\nhorizon: 30 days\n" + year + R"(sites:
  - name: s
    location: frankfurt
    grid_connection: 50 MW
    fleet: [{system: dgx-h100, count: 10}]
    utilization: 0.5
    supply:
      - {type: grid}
      - {type: wind, capacity: 100 MW, price: 50 EUR/MWh)" +
           wind_cf + R"(}
      - {type: solar, capacity: 100 MW, price: 40 EUR/MWh}
)";
  };
  const auto mean = [](const std::vector<double>& v) {
    double sum = 0;
    for (const double x : v) sum += x;
    return sum / static_cast<double>(v.size());
  };
  const auto measured = load(yaml("grid_data_year: 2024\n", ""));
  const auto& wind = measured.scenario.sites[0].supply[1];
  const auto& solar = measured.scenario.sites[0].supply[2];
  ASSERT_EQ(wind.cf_series.size(), 365U * 24);
  EXPECT_NEAR(mean(wind.cf_series), 0.168, 0.001) << "DE onshore wind, 2016";
  EXPECT_NE(wind.data_source.find("capacity factors DE 2016"), std::string::npos);
  const Plan p = prepare(measured.scenario, 1);
  // Hour 12 of 1 January local time is 11:00 UTC in the file; the sun is up, at night not.
  const auto& sun = p.sites[0].profiles[2].available_w;
  EXPECT_NEAR(sun[12], 100e6 * solar.cf_series[12], 1.0);
  EXPECT_EQ(sun[0], 0.0);
  EXPECT_NEAR(p.sites[0].profiles[1].available_w[5], 100e6 * wind.cf_series[5], 1.0);
  // The same hours, the same shape: the series does not depend on the seed.
  EXPECT_EQ(prepare(measured.scenario, 2).sites[0].profiles[1].available_w[100],
            p.sites[0].profiles[1].available_w[100]);

  const auto rescaled = load(yaml("grid_data_year: 2024\n", ", capacity_factor: 0.3"));
  const Plan r = prepare(rescaled.scenario, 1);
  // The year's series scaled to a mean of 0.3: one factor for every hour below the cap of 1,
  // a little above 0.3 / mean (the capped hours lose energy that the others make up).
  const double nominal = 0.3 / mean(wind.cf_series);
  const double factor = r.sites[0].profiles[1].available_w[5] / (100e6 * wind.cf_series[5]);
  EXPECT_GT(factor, nominal);
  EXPECT_LT(factor, 1.1 * nominal);
  for (const std::size_t h : {100U, 400U, 600U}) {
    const double cf = wind.cf_series[h];
    if (cf > 0.01 && cf * factor < 1) {
      EXPECT_NEAR(r.sites[0].profiles[1].available_w[h] / (100e6 * cf), factor, 1e-9) << h;
    }
  }
  EXPECT_NE(rescaled.scenario.sites[0].supply[1].data_source.find("rescaled to 0.300"),
            std::string::npos);

  const auto synthetic = load(yaml("", ""));
  EXPECT_TRUE(synthetic.scenario.sites[0].supply[1].cf_series.empty());
}

}  // namespace
}  // namespace gigasim::plan
