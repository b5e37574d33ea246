#include <gtest/gtest.h>

#include <cmath>

#include "gigasim/cluster/allocator.hpp"
#include "gigasim/core/errors.hpp"
#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/scenario/scenario_loader.hpp"
#include "gigasim/reliability/failure_process.hpp"
#include "gigasim/sched/site_scheduler.hpp"

namespace gigasim::reliability {
namespace {

const io::Catalog& catalog() {
  static const io::Catalog c =
      io::Catalog::load(std::filesystem::path(GIGASIM_TEST_SOURCE_DIR) / "data");
  return c;
}

TEST(Components, DefaultsReproduceLlama3Table5) {
  double count = 0, rate = 0;
  const auto& components = catalog().defaults.reliability.components;  // data/defaults.yaml
  for (std::size_t i = 0; i < kComponents; ++i) {
    const auto& c = components[i];
    EXPECT_EQ(static_cast<std::size_t>(c.component), i);
    EXPECT_DOUBLE_EQ(c.rate_per_accelerator_day, llama3_rate(c.interruptions_in_llama3));
    count += c.interruptions_in_llama3;
    rate += c.rate_per_accelerator_day;
  }
  EXPECT_DOUBLE_EQ(count, 419.0);
  EXPECT_NEAR(rate * 54 * 16384, 419.0, 1e-9);
  EXPECT_NEAR(1.0 / (rate * 16384) * 24, 3.09,
              0.01);  // hours between interruptions (published 3.09)
  // The three software classes take no hardware out and need no repair.
  int software = 0;
  for (const auto& c : components) {
    if (c.scope == Scope::software) {
      ++software;
      EXPECT_EQ(c.repair, core::Duration{}) << to_string(c.component);
    }
  }
  EXPECT_EQ(software, 3);
  Component c{};
  EXPECT_TRUE(component_from("hbm", c));
  EXPECT_EQ(c, Component::hbm);
  EXPECT_FALSE(component_from("flux_capacitor", c));
}

TEST(FailureProcess, PoissonCountMatchesTheRate) {
  core::RandomStream rng(1, "fail");
  const double rate = 1.0 / 600.0, horizon = 1e7;
  FailureProcess p(rate, 1.0, horizon);
  int n = 0;
  double last = 0;
  while (true) {
    const double t = p.next(rng);
    if (t >= horizon) break;
    ASSERT_GT(t, last);
    last = t;
    ++n;
  }
  const double expected = rate * horizon;  // 16,667
  EXPECT_NEAR(n, expected, 4 * std::sqrt(expected));
}

TEST(FailureProcess, WeibullShapeBelowOneFrontLoadsFailures) {
  core::RandomStream rng(2, "weibull");
  const double horizon = 1e6;
  FailureProcess p(0.01, 0.5, horizon);
  int first_half = 0, total = 0;
  while (true) {
    const double t = p.next(rng);
    if (t >= horizon) break;
    ++total;
    first_half += t < horizon / 2;
  }
  EXPECT_NEAR(total, 10000, 400);  // the expected count is unchanged
  EXPECT_NEAR(static_cast<double>(first_half) / total, std::sqrt(0.5),
              0.02);  // Λ(T/2)/Λ(T) = 0.5^k
  EXPECT_NEAR(p.expected_by(horizon / 2), 10000 * std::sqrt(0.5), 1e-6);
}

TEST(Checkpointing, YoungDalyClosedForm) {
  // Daly 2006 eq. 37 with C = 60 s, M = 3 h: x = C/2M.
  const double x = 60.0 / (2 * 10800.0);
  const double daly = std::sqrt(2 * 60 * 10800.0) * (1 + std::sqrt(x) / 3 + x / 9) - 60;
  EXPECT_NEAR(optimal_checkpoint_interval(60, 10800), daly, 1e-9);
  // Close to Young's √(2CM) when C ≪ M.
  EXPECT_NEAR(optimal_checkpoint_interval(60, 10800), std::sqrt(2 * 60 * 10800.0),
              0.05 * std::sqrt(2 * 60 * 10800.0));
  EXPECT_DOUBLE_EQ(optimal_checkpoint_interval(25000, 10000), 10000);  // C ≥ 2M: every M
  EXPECT_DOUBLE_EQ(optimal_checkpoint_interval(0, 10000), 0);
}

TEST(Checkpointing, LostWorkNeverExceedsTheTimeSinceTheLastCheckpoint) {
  workload::JobSpec j;
  j.accelerators = 16;
  j.work_s = 1e6;
  j.checkpoint_period_s = 1000;
  j.useful_share = 0.95F;
  sched::PartitionSetup part;
  part.shape = {8, 4, 0};
  sched::SiteScheduler s({part}, {}, sched::SchedulerSpec{}, {j});
  std::vector<sched::EndEvent> ev;
  std::vector<sched::Interruption> lost;
  s.submit(0, core::Time::start());
  s.schedule(core::Time::start(), ev);
  core::RandomStream rng(3, "ckpt");
  double t = 0;
  for (int k = 0; k < 200; ++k) {
    const double run = rng.uniform(100, 5000);
    t += 60 + run;  // 60 s restart, then `run` seconds of work
    lost.clear();
    const std::uint32_t domain = s.allocator(0).pieces(s.states()[0].allocation).front().domain;
    s.interrupt_domain(0, domain, core::Time::from_ms(static_cast<std::int64_t>(t * 1000)), 60,
                       false, lost);
    ASSERT_EQ(lost.size(), 1U);
    const double expected = k == 0 ? std::fmod(t, 1000.0) : std::fmod(run, 1000.0);
    EXPECT_NEAR(lost[0].lost_s, expected, 2e-3);  // event times are whole milliseconds
    EXPECT_LE(lost[0].lost_s, 1000.0);
    ev.clear();
    s.schedule(core::Time::from_ms(static_cast<std::int64_t>(t * 1000)), ev);
  }
  EXPECT_EQ(s.states()[0].interruptions, 200);
}

TEST(Spares, AHotSpareTakesTheFailedSystemsPlace) {
  workload::JobSpec j;
  j.accelerators = 32;  // 4 of 6 domains
  j.work_s = 1e5;
  sched::PartitionSetup part;
  part.shape = {8, 6, 0};
  sched::SiteScheduler s({part}, {}, sched::SchedulerSpec{}, {j});
  s.reserve_spares(0, 2);
  EXPECT_EQ(s.spares(0), 2);
  std::vector<sched::EndEvent> ev;
  std::vector<sched::Interruption> lost;
  s.submit(0, core::Time::start());
  s.schedule(core::Time::start(), ev);
  ASSERT_EQ(s.running(), 1U);
  const std::uint32_t domain = s.allocator(0).pieces(s.states()[0].allocation).front().domain;
  const core::Time t = core::Time::from_ms(3'600'000);
  s.interrupt_domain(0, domain, t, 600, false, lost);
  EXPECT_TRUE(s.take_down(0, domain));
  EXPECT_FALSE(s.take_down(0, domain));  // already down
  EXPECT_EQ(s.spares(0), 1);
  ev.clear();
  s.schedule(t, ev);
  EXPECT_EQ(s.running(), 1U) << "the job restarts at once on the spare";
  ASSERT_EQ(ev.size(), 2U);  // the end of its restart, and its end
  EXPECT_TRUE(ev[0].resume);
  EXPECT_FALSE(ev[1].resume);
  EXPECT_NEAR((ev[0].end - t).in_seconds(), 600, 1e-3);
  s.repair(0, domain);
  EXPECT_EQ(s.spares(0), 2);  // the repaired system refills the spare pool
  EXPECT_EQ(s.allocator(0).down_domains(), 0);
}

TEST(Allocator, DownDomainsAreNeitherFreeNorPlaced) {
  cluster::Allocator a({8, 4, 2});
  a.set_down(1);
  EXPECT_EQ(a.free_accelerators(), 24);
  EXPECT_EQ(a.whole_free_domains(), 3);
  EXPECT_FALSE(a.fits(32));
  const auto id = a.allocate(24);
  ASSERT_TRUE(id);
  for (const auto& p : a.pieces(*id)) EXPECT_NE(p.domain, 1U);
  a.set_up(1);
  EXPECT_TRUE(a.fits(8));
  EXPECT_THROW(a.set_down(0), core::InternalError);  // held by the job
}

TEST(ReliabilityInput, BadValuesNameTheirPlace) {
  const std::string base = R"(name: t
sites:
  - name: a
    location: lyon
    grid_connection: 20 MW
    fleet: [{system: dgx-h100, count: 10}]
    supply: [{type: grid}]
    workload: {jobs: [{accelerators: 8, duration: 1 h}]}
    reliability:
)";
  auto problems = [&](const std::string& extra) {
    try {
      (void)io::load_scenario_text(base + extra, "r.yaml", ".", catalog());
    } catch (const core::InputError& e) {
      return e.diagnostics();
    }
    return std::vector<core::Diagnostic>{};
  };
  auto p = problems("      rates: {gpu: -1e-4}\n");
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].path, "sites[0].reliability.rates.gpu");
  EXPECT_EQ(p[0].location.line, 10);
  p = problems("      rates: {gpus: 1e-4}\n");
  ASSERT_EQ(p.size(), 1U);
  EXPECT_NE(p[0].message.find("unknown component \"gpus\""), std::string::npos);
  p = problems("      checkpoint: {interval: 30 s, default_cost: 60 s}\n");
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].path, "sites[0].reliability.checkpoint.interval");
  p = problems("      weibull_shape: 0\n");
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].path, "sites[0].reliability.weibull_shape");
}

}  // namespace
}  // namespace gigasim::reliability
