// Demand response (issue 13): events by rule and date, and the site's answer — storage,
// then deferral, then capping — with what it delivered, earned and delayed.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "gigasim/plan/demand_response_plan.hpp"
#include "run_fixtures.hpp"

namespace gigasim {
namespace {

using testing::load;
using testing::run;
using namespace std::chrono;

constexpr sys_days kWednesday = sys_days{year{2025} / January / 15};

TEST(DemandResponsePlan, ARuleTakesTheColdestWeekdaysOfItsMonths) {
  scenario::DemandResponseSpec spec;
  spec.reduction = core::megawatts(10);
  scenario::DemandResponseRule rule;
  rule.months[0] = true;  // January
  rule.windows = {{7, 10}, {17, 20}};
  rule.days = 2;
  spec.rules.push_back(rule);
  const sys_days start = sys_days{year{2025} / January / 1};
  const std::size_t hours = 31 * 24;
  std::vector<double> air(hours, 5.0);
  for (std::size_t h = 0; h < 24; ++h) {
    air[9 * 24 + h] = -8;   // Friday 10 January: the coldest
    air[11 * 24 + h] = -9;  // Sunday 12 January: colder, but not a weekday
    air[20 * 24 + h] = -6;  // Tuesday 21 January: second coldest weekday
  }
  const auto p = plan::plan_demand_response(spec, start, hours, air);
  EXPECT_EQ(p.events, 4U) << "two windows on each of two days";
  for (const std::size_t day : {9U, 20U}) {
    EXPECT_EQ(p.request_w[day * 24 + 6], 0.0F);
    EXPECT_EQ(p.request_w[day * 24 + 7], 10e6F);
    EXPECT_EQ(p.request_w[day * 24 + 9], 10e6F);
    EXPECT_EQ(p.request_w[day * 24 + 10], 0.0F);
    EXPECT_EQ(p.request_w[day * 24 + 19], 10e6F);
  }
  EXPECT_EQ(p.request_w[11 * 24 + 8], 0.0F) << "a Sunday is not a weekday";
  double asked_h = 0;
  for (const float w : p.request_w) asked_h += w > 0 ? 1 : 0;
  EXPECT_EQ(asked_h, 12.0);
}

TEST(DemandResponsePlan, DatedEventsTakeTheLargerReductionWhereTheyOverlap) {
  scenario::DemandResponseSpec spec;
  spec.reduction = core::megawatts(10);
  spec.events = {{kWednesday, 8, 3, core::Power{}}, {kWednesday, 10, 2, core::megawatts(25)}};
  const auto p = plan::plan_demand_response(spec, kWednesday, 48, {});
  EXPECT_EQ(p.events, 1U);
  EXPECT_EQ(p.request_w[8], 10e6F);
  EXPECT_EQ(p.request_w[10], 25e6F);
  EXPECT_EQ(p.request_w[11], 25e6F);
  EXPECT_EQ(p.request_w[12], 0.0F);
}

// 40 DGX H100 with a pretraining run and a batch job on half the fleet each, asked for
// 100 kW from 10:00 to 13:00 on the first day.
std::string campus(const std::string& answer, const std::string& supply_extra = "") {
  return fmt::format(R"(name: t
start: 2025-01-15
horizon: 2 days
sites:
  - name: campus
    location: lyon
    grid_connection: 2 MW
    fleet: [{{system: dgx-h100, count: 40}}]
    supply:
      - {{type: grid}}
{}
    workload:
      jobs:
        - {{name: train, class: pretraining, accelerators: 160, duration: 30 h, submit: 1 h, activity: 0.9}}
        - {{name: sweep, class: batch, accelerators: 160, duration: 30 h, submit: 1 h, activity: 0.9}}
    demand_response:
      reduction: 100 kW
      capacity_payment: 30000 EUR/MW
      energy_payment: 150 EUR/MWh
      answer: {}
      events: [{{date: 2025-01-15, from: "10:00", hours: 3}}]
)",
                     supply_extra, answer);
}

double job_end_h(const sim::Results& r, std::size_t job) {
  return r.sites[0].job_states[job].end.in_hours();
}

TEST(DemandResponse, ABatteryDeliversTheReductionAndTheJobsRunOn) {
  const sim::Results r = run(load(campus("[storage]", R"(      - type: battery
        power: 300 kW
        energy: 1 MWh
        soc_initial: 1
        strategies: [backup])")),
                             1);
  const auto& s = r.sites[0];
  for (std::size_t h = 10; h < 13; ++h) {
    EXPECT_FLOAT_EQ(s.rows[h].dr_requested_mw, 0.1F) << h;
    EXPECT_NEAR(s.rows[h].dr_delivered_mw, 0.1, 1e-6) << h;
    EXPECT_GT(s.rows[h].supply_mw[energy::index_of(energy::SourceKind::battery)], 0.09F);
  }
  EXPECT_EQ(s.rows[9].dr_requested_mw, 0.0F);
  const auto& dr = s.totals.demand_response;
  EXPECT_EQ(dr.events, 1.0);
  EXPECT_NEAR(dr.requested_mwh, 0.3, 1e-9);
  EXPECT_NEAR(dr.delivered_mwh, 0.3, 1e-6);
  EXPECT_EQ(dr.gpu_hours_deferred, 0.0);
  EXPECT_EQ(dr.gpu_hours_capped, 0.0);
  EXPECT_NEAR(job_end_h(r, 0), 31.0, 1e-6) << "no job slowed or stopped";
  EXPECT_NEAR(job_end_h(r, 1), 31.0, 1e-6);
  // 30 kEUR/MW-year × 0.1 MW × 2/365 year + 150 EUR/MWh × 0.3 MWh.
  const double revenue = 30000 * 0.1 * 2 / 365 + 150 * 0.3;
  EXPECT_NEAR(dr.revenue_eur, revenue, 1e-3);
  EXPECT_NEAR(s.economics.cost_breakdown_eur.at("demand_response"), -revenue, 1e-3);
}

TEST(DemandResponse, DeferralStopsDeferrableJobsOnlyAndHoldsThemToTheEventsEnd) {
  const sim::Results r = run(load(campus("[defer]")), 1);
  const auto& s = r.sites[0];
  const auto& dr = s.totals.demand_response;
  EXPECT_NEAR(dr.delivered_mwh, 0.3, 1e-6) << "the batch job's power covers 100 kW";
  EXPECT_NEAR(dr.gpu_hours_deferred, 160 * 3, 1e-6);
  EXPECT_NEAR(job_end_h(r, 0), 31.0, 1e-6) << "pretraining is not deferrable";
  EXPECT_NEAR(job_end_h(r, 1), 34.0, 1e-6) << "the batch job waits out the event";
  EXPECT_EQ(s.rows[11].power_cap, 1.0F);
}

TEST(DemandResponse, CappingSlowsEveryJobForTheEventOnly) {
  const sim::Results r = run(load(campus("[cap]")), 1);
  const auto& s = r.sites[0];
  const auto& dr = s.totals.demand_response;
  for (std::size_t h = 10; h < 13; ++h) EXPECT_LT(s.rows[h].power_cap, 1.0F) << h;
  EXPECT_EQ(s.rows[14].power_cap, 1.0F);
  EXPECT_GT(dr.delivered_mwh, 0.9 * 0.3) << "the cap follows the last hour's PUE";
  EXPECT_GT(dr.gpu_hours_capped, 0.0);
  EXPECT_EQ(dr.gpu_hours_deferred, 0.0);
  EXPECT_GT(job_end_h(r, 0), 31.0);
  EXPECT_GT(job_end_h(r, 1), 31.0);
}

TEST(DemandResponse, WithoutAnAnswerThePenaltyIsPaid) {
  std::string yaml = campus("[storage]");  // no battery: nothing answers
  yaml.replace(yaml.find("energy_payment"), 14,
               "shortfall_penalty: 500 EUR/MWh\n      energy_payment");
  const sim::Results r = run(load(yaml), 1);
  const auto& dr = r.sites[0].totals.demand_response;
  EXPECT_NEAR(dr.delivered_mwh, 0.0, 1e-9);
  EXPECT_NEAR(dr.revenue_eur, 30000 * 0.1 * 2 / 365 - 500 * 0.3, 1e-3);
}

std::string first_error(const std::string& yaml) {
  try {
    (void)load(yaml, "dr.yaml");
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(DemandResponse, BadInputIsRefusedWithItsPlace) {
  const std::string base = campus("[storage]");
  const auto with = [&](const std::string& from, const std::string& to) {
    std::string y = base;
    y.replace(y.find(from), from.size(), to);
    return first_error(y);
  };
  EXPECT_NE(with("answer: [storage]", "answer: [pray]").find("sites[0].demand_response.answer[0]"),
            std::string::npos);
  EXPECT_NE(with("reduction: 100 kW", "reduction: 3 MW").find("grid connection"),
            std::string::npos);
  const std::string window = with("events: [{date: 2025-01-15, from: \"10:00\", hours: 3}]",
                                  "rules: [{months: [1], windows: [\"10:00-07:00\"]}]");
  EXPECT_NE(window.find("sites[0].demand_response.rules[0].windows[0]"), std::string::npos)
      << window;
  EXPECT_NE(window.find("dr.yaml:"), std::string::npos) << window;
  EXPECT_NE(with("hours: 3", "hours: 0.5").find("demand_response.events[0].hours"),
            std::string::npos);
  EXPECT_NE(
      with("events: [{date: 2025-01-15, from: \"10:00\", hours: 3}]", "answer2: 1").find("events"),
      std::string::npos);
  // A CSV names its own line and column.
  const auto dir =
      std::filesystem::temp_directory_path() / ("gigasim-dr-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "events.csv")
        << "date,from,hours\n2025-01-15,10:00,3\n2025-13-01,10:00,2\n";
  }
  const std::string csv = with("events: [{date: 2025-01-15, from: \"10:00\", hours: 3}]",
                               "events_csv: " + (dir / "events.csv").string());
  EXPECT_NE(csv.find("events.csv:3:1"), std::string::npos) << csv;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gigasim
