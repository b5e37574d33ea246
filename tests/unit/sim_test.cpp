#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "gigasim/sim/job_delays.hpp"
#include "gigasim/sim/simulation.hpp"
#include "run_fixtures.hpp"

namespace gigasim::sim {
namespace {

using testing::catalog;
using testing::load;
using testing::run;

io::ScenarioFile scenario(const std::string& extra_site_yaml = "", const std::string& top = "") {
  const std::string yaml = "name: t\nhorizon: 60 days\n" + top + R"(sites:
  - name: campus
    location: paris-saclay
    grid_connection: 200 MW
    fleet:
      - system: gb200-nvl72
        count: auto
    utilization: {mean: 0.8, daily_amplitude: 0.1}
    heat_reuse: {base_load: 5 MW, peak_load: 40 MW}
    supply:
      - {type: nuclear, units: [100 MW, 60 MW]}
      - {type: wind, capacity: 50 MW, price: 30 EUR/MWh}
      - {type: grid, import_cap: 40 MW}
)" + extra_site_yaml;
  return load(yaml);
}

const std::string kSecondSite = R"(  - name: second
    location: lulea
    grid_connection: 50 MW
    fleet: [{system: dgx-h100, count: 100}]
    supply: [{type: grid}]
)";

// A campus on the grid alone, or with a battery (issue 13): `supply` is the site's list.
io::ScenarioFile grid_campus(const std::string& supply) {
  return load(R"(name: t
horizon: 20 days
sites:
  - name: campus
    location: paris-saclay
    grid_connection: 200 MW
    fleet:
      - system: gb200-nvl72
        count: auto
    utilization: {mean: 0.7, daily_amplitude: 0.2}
    supply:
      - {type: grid}
)" + supply);
}

TEST(Simulation, ABatteryShavesThePeakWithinItsStateOfCharge) {
  const Results plain = run(grid_campus(""), 1);
  double peak = 0;
  for (const auto& row : plain.sites[0].rows) peak = std::max(peak, double{row.facility_mw});
  const double limit = peak - 4.0;  // MW: a few hours a day above it
  const Results r = run(grid_campus(fmt::format(R"(      - type: battery
        power: 20 MW
        energy: 80 MWh
        soc_initial: 1
        strategies: [peak_shaving]
        peak_limit: {} MW
)",
                                                limit)),
                        1);
  const auto grid = energy::index_of(energy::SourceKind::grid);
  double above_before = 0, above_after = 0;
  for (std::size_t k = 0; k < r.sites[0].rows.size(); ++k) {
    const SiteTickRow& row = r.sites[0].rows[k];
    above_before += std::max(0.0, double{plain.sites[0].rows[k].supply_mw[grid]} - limit);
    above_after += std::max(0.0, double{row.supply_mw[grid]} - limit);
    ASSERT_GE(row.battery_soc_mwh, 0.0F);
    ASSERT_LE(row.battery_soc_mwh, 80.0F + 1e-3F);
    // The balance holds with the charge counted as demand.
    double supplied = 0;
    for (const float mw : row.supply_mw) supplied += mw;
    ASSERT_NEAR(supplied, row.facility_mw + row.battery_charge_mw - row.unserved_mw,
                1e-3 * row.facility_mw);
  }
  const Totals& t = r.sites[0].totals;
  EXPECT_GT(above_before, 10.0);
  EXPECT_LT(above_after, 0.01 * above_before) << "the peaks above the limit are shaved";
  EXPECT_GT(t.battery_discharged_mwh, 0.0);
  EXPECT_GT(t.battery_charged_mwh, t.battery_discharged_mwh) << "the round trip loses energy";
  EXPECT_NEAR(r.sites[0].totals.energy_by_source_mwh.at("battery"), t.battery_discharged_mwh,
              1e-6 * t.battery_discharged_mwh);
}

// Issue 13: a battery smooths the import's hour-to-hour changes to a ramp limit.
TEST(Simulation, ABatteryHoldsTheImportWithinItsRampLimit) {
  const auto grid = energy::index_of(energy::SourceKind::grid);
  const auto largest_step = [&](const Results& r) {
    double step = 0;
    const auto& rows = r.sites[0].rows;
    for (std::size_t k = 2; k < rows.size(); ++k)
      step = std::max(
          step, std::fabs(double{rows[k].supply_mw[grid]} - double{rows[k - 1].supply_mw[grid]}));
    return step;
  };
  const Results plain = run(grid_campus(""), 1);
  const double before = largest_step(plain);
  ASSERT_GT(before, 2.0);
  const double limit = 0.6 * before;  // the daily swing, smoothed within what 400 MWh holds
  const Results r = run(grid_campus(fmt::format(R"(      - type: battery
        power: 40 MW
        energy: 400 MWh
        strategies: [ramp]
        ramp_limit: {} MW
)",
                                                limit)),
                        1);
  EXPECT_LE(largest_step(r), limit * 1.001) << "every step within the ramp limit";
  EXPECT_GT(r.sites[0].totals.battery_discharged_mwh, 0.0);
  try {
    (void)grid_campus(
        "      - {type: battery, power: 40 MW, energy: 400 MWh, strategies: [ramp]}\n");
    FAIL() << "ramp needs its limit";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("sites[0].supply[1].ramp_limit"), std::string::npos)
        << e.what();
  }
}

// Issue 13: the same campus in four countries pays four different prices per GPU-hour, for
// reasons the breakdown shows (docs/models/economics.md, "Network tariffs and taxes").
TEST(Simulation, CostPerGpuHourDiffersBetweenCountries) {
  std::map<std::string, Results> runs;
  for (const char* location : {"paris-saclay", "frankfurt", "lulea", "madrid"}) {
    runs.emplace(location, run(load(fmt::format(R"(name: t
horizon: 10 days
grid_data_year: 2024
sites:
  - name: campus
    location: {}
    grid_connection: 50 MW
    fleet: [{{system: dgx-h100, count: 2000}}]
    utilization: 0.8
    supply: [{{type: grid}}]
)",
                                                location)),
                               1));
  }
  std::set<long> cents;
  for (const auto& [location, r] : runs) {
    const auto& e = r.sites[0].economics;
    EXPECT_GT(e.cost_breakdown_eur.at("electricity_taxes"), 0.0) << location;
    EXPECT_GT(e.cost_breakdown_eur.at("grid_fees"), 0.0) << location;
    EXPECT_NE(r.sites[0].tariff.find("standard"), std::string::npos) << location;
    cents.insert(std::lround(*e.eur_per_gpu_hour_available() * 1000));
  }
  EXPECT_EQ(cents.size(), 4U) << "four countries, four costs per GPU-hour";
  const auto taxes = [&](const char* l) {
    return runs.at(l).sites[0].economics.cost_breakdown_eur.at("electricity_taxes");
  };
  EXPECT_GT(taxes("lulea"), taxes("paris-saclay")) << "Sweden's full excise for data centres";
  EXPECT_GT(taxes("paris-saclay"), taxes("madrid"));
  EXPECT_NE(runs.at("paris-saclay").sites[0].grid_data.find("FR 2024"), std::string::npos);
  EXPECT_NE(runs.at("lulea").sites[0].grid_data.find("synthetic"), std::string::npos);
}

// Issue 13: `economics:` per site. A site's own cost of capital changes its costs only; the
// other site keeps the scenario's.
TEST(Simulation, ASiteTakesItsOwnEconomicsOverTheScenarios) {
  const std::string site = R"(  - name: {}
    location: paris-saclay
    grid_connection: 50 MW
    fleet: [{{system: dgx-h100, count: 2000}}]
    utilization: 0.8
    supply: [{{type: grid}}]
{})";
  const auto yaml = [&](const std::string& own) {
    return "name: t\nhorizon: 10 days\neconomics: {discount_rate: 0.06}\nsites:\n" +
           fmt::format(fmt::runtime(site), "a", "") + fmt::format(fmt::runtime(site), "b", own);
  };
  const Results same = run(load(yaml("")), 1);
  const Results own = run(load(yaml("    economics: {discount_rate: 0.12}\n")), 1);
  const auto capital = [](const SiteResult& s) { return s.economics.annualised_capex_eur; };
  EXPECT_DOUBLE_EQ(capital(own.sites[0]), capital(same.sites[0])) << "site a keeps 6 %";
  EXPECT_DOUBLE_EQ(capital(same.sites[0]), capital(same.sites[1]));
  EXPECT_GT(capital(own.sites[1]), 1.2 * capital(same.sites[1])) << "site b pays 12 %";
  try {
    (void)load(yaml("    economics: {discount_rate: 1.5}\n"));
    FAIL() << "a cost of capital of 150 % is refused";
  } catch (const core::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("sites[1].economics.discount_rate"), std::string::npos)
        << e.what();
  }
}

TEST(UtilizationProfile, PeaksAtItsHourAndStaysInRange) {
  scenario::UtilizationProfile u{0.8, 0.3, 15.0};
  EXPECT_DOUBLE_EQ(u.at(15.0), 1.0);  // clamped
  EXPECT_NEAR(u.at(3.0), 0.5, 1e-12);
}

TEST(Simulation, SupplyMeetsFacilityLoadEveryTick) {
  const Results r = run(scenario(), 1);
  ASSERT_EQ(r.sites[0].rows.size(), 60U * 24U);
  bool some_unserved = false;
  for (const auto& row : r.sites[0].rows) {
    double supplied = 0;
    for (const float mw : row.supply_mw) supplied += mw;
    ASSERT_NEAR(supplied + row.unserved_mw, row.facility_mw, 1e-3 * row.facility_mw);
    ASSERT_NEAR(row.facility_mw,
                row.it_mw + row.power_chain_loss_mw + row.cooling_mw + row.heat_pump_mw,
                1e-4 * row.facility_mw);
    some_unserved = some_unserved || row.unserved_mw > 0;
  }
  const Totals& t = r.sites[0].totals;
  double by_source = 0;
  for (const auto& [name, mwh] : t.energy_by_source_mwh) by_source += mwh;
  EXPECT_NEAR(by_source + t.unserved_energy_mwh, t.energy_facility_mwh,
              1e-6 * t.energy_facility_mwh);
  EXPECT_NEAR(t.energy_facility_mwh,
              t.energy_it_mwh + t.energy_power_chain_loss_mwh + t.energy_cooling_mwh +
                  t.energy_heat_pump_mwh,
              1e-6 * t.energy_facility_mwh);
  EXPECT_TRUE(some_unserved) << "import cap 40 MW + 210 MW of plants cannot always meet ~200 MW";
  double carbon = 0, cost = 0;
  for (const auto& [name, t_co2] : t.carbon_by_source_t) carbon += t_co2;
  for (const auto& [name, eur] : t.cost_by_source_eur) cost += eur;
  EXPECT_NEAR(carbon, t.carbon_t, 1e-9 * t.carbon_t);
  EXPECT_NEAR(cost, t.energy_cost_eur, 1e-9 * t.energy_cost_eur);
}

TEST(Simulation, AutoFleetFitsTheEnvelopeAtFullLoad) {
  const auto s = scenario();
  const plan::Plan p = api::prepare(s, 1);
  const plan::SiteSizing& m = p.sites[0].sizing;
  ASSERT_TRUE(m.fleet[0].sized_automatically);
  EXPECT_GT(m.fleet[0].systems, 1000);
  EXPECT_LE(m.rated_it_w * m.design_pue, 200e6 * (1 + 1e-9));
  EXPECT_GT((m.rated_it_w + 120e3 * 1.05) * m.design_pue, 200e6 * 0.999);
}

TEST(Simulation, SameSeedSameResultsOtherSeedOtherWeather) {
  const auto s = scenario();
  const Results ra = run(s, 5), rb = run(s, 5), rc = run(s, 6);
  EXPECT_EQ(ra.sites[0].totals.energy_facility_mwh, rb.sites[0].totals.energy_facility_mwh);
  EXPECT_EQ(ra.sites[0].totals.carbon_t, rb.sites[0].totals.carbon_t);
  EXPECT_NE(ra.sites[0].totals.carbon_t, rc.sites[0].totals.carbon_t);
}

TEST(Simulation, AddingASiteDoesNotChangeAnother) {
  const auto one = scenario();
  const auto two = scenario(kSecondSite);
  EXPECT_EQ(run(one, 3).sites[0].totals.energy_facility_mwh,
            run(two, 3).sites[0].totals.energy_facility_mwh);
}

TEST(Simulation, IntegralIsExactWhateverTheTick) {
  const std::string flat = R"(sites:
  - name: flat
    location: lyon
    grid_connection: 20 MW
    fleet: [{system: dgx-h100, count: 500}]
    utilization: 0.7
    supply: [{type: grid}]
)";
  const std::string yaml_h = "name: t\nhorizon: 10 days\ntick: 1 h\n" + flat;
  const std::string yaml_q = "name: t\nhorizon: 10 days\ntick: 15 min\n" + flat;
  const Results rh = run(load(yaml_h, "h.yaml"), 1), rq = run(load(yaml_q, "q.yaml"), 1);
  EXPECT_EQ(rq.sites[0].rows.size(), 4 * rh.sites[0].rows.size());
  EXPECT_NEAR(rq.sites[0].totals.energy_it_mwh, rh.sites[0].totals.energy_it_mwh,
              1e-9 * rh.sites[0].totals.energy_it_mwh);
  EXPECT_NEAR(rh.sites[0].totals.energy_it_mwh, 500 * (2.5 + 0.7 * (10.2 - 2.5)) * 1.05 / 1e3 * 240,
              1e-6);
}

TEST(Simulation, TotalsAddUpOverSites) {
  const Results r = run(scenario(kSecondSite), 3);
  EXPECT_NEAR(r.total.energy_it_mwh,
              r.sites[0].totals.energy_it_mwh + r.sites[1].totals.energy_it_mwh, 1e-6);
  EXPECT_EQ(r.total.accelerators, r.sites[0].totals.accelerators + r.sites[1].totals.accelerators);
  EXPECT_LE(r.total.facility_power_peak_mw, r.sites[0].totals.facility_power_peak_mw +
                                                r.sites[1].totals.facility_power_peak_mw + 1e-6);
}

const std::string kJobSite = R"(name: t
horizon: 2 days
sites:
  - name: jobs
    location: lyon
    grid_connection: 20 MW
    fleet: [{system: dgx-h100, count: 4}]
    supply: [{type: grid}]
    workload:
      jobs:
        - {name: one, accelerators: 8, duration: 10 h, submit: 1 h, activity: 0.5}
)";

TEST(Simulation, ItPowerIsIdlePlusTheRunningJobsExactly) {
  const Results r = run(load(kJobSite, "j.yaml"), 1);
  const auto& dgx = catalog().systems.at("dgx-h100");
  const double idle = 4 * dgx.power_idle.value() * 1.05;
  const double job = 0.5 * (dgx.power_full - dgx.power_idle).value() * 1.05;
  const double expected_mwh = (idle * 48 + job * 10) / 1e6;
  EXPECT_NEAR(r.sites[0].totals.energy_it_mwh, expected_mwh, 1e-9 * expected_mwh);
  ASSERT_TRUE(r.sites[0].workload.present);
  EXPECT_EQ(r.sites[0].workload.jobs_completed, 1);
  EXPECT_NEAR(r.sites[0].workload.utilization, 8.0 * 10 / (32 * 48), 1e-9);
  EXPECT_NEAR(r.sites[0].job_states[0].end.in_hours(), 11.0, 1e-6);
  // Hour 1 to 11 carry the job's power; the hourly IT series shows it.
  EXPECT_NEAR(r.sites[0].rows[5].it_mw, (idle + job) / 1e6, 1e-6);
  EXPECT_NEAR(r.sites[0].rows[20].it_mw, idle / 1e6, 1e-6);
}

// kJobSite with a job on the whole fleet and an import capped at 35 kW, and `battery` (a
// flow-style supply entry) beside the grid.
std::string short_supply_site(const std::string& battery = "") {
  std::string yaml = kJobSite;
  yaml.replace(yaml.find("supply: [{type: grid}]"), 22,
               "supply: [{type: grid, import_cap: 35 kW}" + battery + "]");
  yaml.replace(yaml.find("accelerators: 8, duration: 10 h, submit: 1 h, activity: 0.5"), 58,
               "accelerators: 32, duration: 10 h, submit: 1 h, activity: 0.9");
  return yaml;
}

TEST(Simulation, SupplyShortfallCapsPowerInsteadOfLeavingItUnserved) {
  const std::string yaml = short_supply_site();
  const Results r = run(load(yaml, "c.yaml"), 1);
  const auto& w = r.sites[0].workload;
  EXPECT_GT(w.power_capped_hours, 5.0);
  EXPECT_GT(w.gpu_hours_lost_to_power_caps, 0.0);
  EXPECT_GT(r.sites[0].job_states[0].end.in_hours(), 11.5) << "the capped job runs slower";
  // The cap follows the previous interval's PUE, so a little may remain unserved.
  EXPECT_LT(r.sites[0].totals.unserved_energy_mwh, 0.05 * r.sites[0].totals.energy_facility_mwh);
  std::string off = yaml;
  off.replace(off.find("      jobs:"), 11, "      power_cap: off\n      jobs:");
  const Results r2 = run(load(off, "o.yaml"), 1);
  EXPECT_GT(r2.sites[0].totals.unserved_energy_mwh,
            5 * r.sites[0].totals.unserved_energy_mwh + 1e-3);
  EXPECT_NEAR(r2.sites[0].job_states[0].end.in_hours(), 11.0, 1e-6);
}

// Issue 13: a backup battery counts as available power, so the cap bites later; the work
// it saves is reported.
TEST(Simulation, ABackupBatteryReportsTheCappedWorkItAvoids) {
  const std::string yaml = short_supply_site(
      ", {type: battery, power: 20 kW, energy: 60 kWh, soc_initial: 1, strategies: [backup]}");
  const Results r = run(load(yaml, "b.yaml"), 1);
  const Totals& t = r.sites[0].totals;
  EXPECT_GT(t.battery_backup_mwh, 0.0);
  EXPECT_GT(t.battery_cap_avoided_gpu_hours, 0.0);
  // Less than what the cap lost without the battery at all.
  const std::string plain = short_supply_site();
  const Results p = run(load(plain, "p.yaml"), 1);
  EXPECT_EQ(p.sites[0].totals.battery_cap_avoided_gpu_hours, 0.0);
  EXPECT_LT(t.battery_cap_avoided_gpu_hours, p.sites[0].workload.gpu_hours_lost_to_power_caps);
  EXPECT_LT(r.sites[0].workload.gpu_hours_lost_to_power_caps,
            p.sites[0].workload.gpu_hours_lost_to_power_caps);
}

TEST(Simulation, InferenceUnderADvfsCapServesInProportionToItsSpeed) {
  // Four replicas that demand always exceeds; a supply too small for their full power.
  const std::string base = R"(name: t
horizon: 1 day
sites:
  - name: serving
    location: lyon
    grid_connection: 20 MW
    fleet: [{system: dgx-h100, count: 4}]
    supply: [{type: grid}]
    workload:
      inference:
        - {name: chat, model: llama-3-8b, accelerators_per_replica: 8, min_replicas: 4,
           max_replicas: 4, peak_tokens_per_s: 1e9}
)";
  std::string capped = base;
  capped.replace(capped.find("supply: [{type: grid}]"), 22,
                 "supply: [{type: grid, import_cap: 28 kW}]");
  const Results free = run(load(base, "f.yaml"), 1);
  const Results cut = run(load(capped, "c.yaml"), 1);
  int capped_hours = 0;
  for (std::size_t h = 0; h < cut.sites[0].rows.size(); ++h) {
    const SiteTickRow& row = cut.sites[0].rows[h];
    const double speed = std::cbrt(static_cast<double>(row.power_cap));
    EXPECT_NEAR(row.tokens_served_per_s, free.sites[0].rows[h].tokens_served_per_s * speed,
                1e-5 * free.sites[0].rows[h].tokens_served_per_s)
        << "hour " << h;
    if (row.power_cap < 1) ++capped_hours;
  }
  EXPECT_GT(capped_hours, 20);
  EXPECT_LT(cut.sites[0].workload.tokens_served, 0.95 * free.sites[0].workload.tokens_served);
}

TEST(Simulation, EventsOfOneInstantMakeOnePassAndOnePowerStep) {
  // Two jobs end at the same instant while a third, needing both their accelerators, waits:
  // one pass sees both ends and starts it; the IT power changes once at that instant.
  const std::string yaml = R"(name: t
horizon: 1 day
sites:
  - name: steps
    location: lyon
    grid_connection: 20 MW
    fleet: [{system: dgx-h100, count: 4}]
    supply: [{type: grid}]
    power_step_threshold: 1 kW
    workload:
      jobs:
        - {name: a, accelerators: 16, duration: 2 h, activity: 0.9}
        - {name: b, accelerators: 16, duration: 2 h, activity: 0.9}
        - {name: c, accelerators: 32, duration: 1 h, submit: 10 min, activity: 0.5}
)";
  const Results r = run(load(yaml, "s.yaml"), 1);
  const SiteResult& site = r.sites[0];
  EXPECT_NEAR(site.job_states[2].first_start.in_hours(), 2.0, 1e-9);
  int at_two = 0;
  for (const auto& step : site.power_steps) at_two += step.time_h == 2.0 ? 1 : 0;
  EXPECT_EQ(at_two, 1) << "one change of IT power at the instant, not one per event";
  const auto& dgx = catalog().systems.at("dgx-h100");
  const double per_acc = (dgx.power_full - dgx.power_idle).value() * 1.05 / 8;
  for (const auto& step : site.power_steps) {
    if (step.time_h != 2.0) continue;
    EXPECT_NEAR(step.after_mw - step.before_mw, 32 * (0.5 - 0.9) * per_acc / 1e6, 1e-9);
  }
}

TEST(Simulation, AJobLargerThanItsSizedPartitionIsAnInputError) {
  std::string yaml = kJobSite;
  yaml.replace(yaml.find("accelerators: 8,"), 16, "accelerators: 64,");
  try {
    (void)api::prepare(load(yaml, "big.yaml"), 1);
    FAIL();
  } catch (const core::InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].path, "sites[0].workload.jobs[0]");
    EXPECT_EQ(e.diagnostics()[0].location.file, "big.yaml");
    EXPECT_NE(e.diagnostics()[0].message.find("64"), std::string::npos);
  }
}

TEST(Simulation, JobsCanBeSubmittedWhileItRuns) {
  // An observer submits a job when the fifth hour closes; it runs like any other.
  const auto file = load(kJobSite, "j.yaml");
  const plan::Plan p = api::prepare(file, 1);
  struct Submitter final : Observer {
    void on_tick(Simulation& sim, std::size_t site, const SiteTickRow& row) override {
      if (site != 0 || row.time_h != 4.0) return;
      workload::JobSpec j;
      j.submit = sim.now();
      j.accelerators = 16;
      j.work_s = 7200;
      j.activity = 0.8F;
      sim.submit(0, j, "late");
    }
  } submitter;
  Simulation sim(p);
  const Results r = sim.run(&submitter);
  const SiteResult& site = r.sites[0];
  ASSERT_EQ(site.jobs.size(), 2U);
  EXPECT_EQ(site.job_names[1], "late");
  EXPECT_EQ(site.job_states[1].first_start.in_hours(), 5.0);
  EXPECT_EQ(site.job_states[1].end.in_hours(), 7.0);
  EXPECT_GT(site.job_states[1].energy_j, 0);
  EXPECT_EQ(site.workload.jobs_completed, 2);
  // A job too large for the site is refused at once, with the site's id.
  workload::JobSpec huge;
  huge.accelerators = 1000;
  huge.work_s = 1;
  EXPECT_THROW(sim.submit(0, huge), core::InputError);
}

TEST(Simulation, ReportsProgressUpToCompletion) {
  struct Count final : Observer {
    double last = 0;
    int calls = 0;
    void on_progress(double f) override {
      EXPECT_GE(f, last);
      last = f;
      ++calls;
    }
  } count;
  (void)run(scenario(), 1, &count);
  EXPECT_DOUBLE_EQ(count.last, 1.0);
  EXPECT_GT(count.calls, 10);
}

}  // namespace
}  // namespace gigasim::sim

namespace gigasim::sim {
namespace {

// Issue 14, item 4: a hot-water tank shifts recovered heat from mild hours, when the network
// wants less than the heat pumps can give, to cold hours, when it wants more.
TEST(Simulation, AHeatTankShiftsRecoveredHeatToColdHours) {
  // Demand by the hour's temperature: the tank fills in the mild afternoons and gives back
  // in the cold nights.
  const auto campus = [](const std::string& storage) {
    return testing::load(R"(name: t
horizon: 60 days
sites:
  - name: campus
    location: paris-saclay
    grid_connection: 20 MW
    fleet: [{system: gb200-nvl72, count: auto}]
    heat_reuse: {base_load: 2 MW, peak_load: 25 MW, capacity: 8 MW, demand_temperature: hourly)" +
                         storage + R"(}
    supply: [{type: grid}]
)");
  };
  const Results plain = testing::run(campus(""), 1);
  const Results tank =
      testing::run(campus(", storage: {capacity: 150 MWh, power: 8 MW, loss_per_day: 1 %}"), 1);
  const Totals& p = plain.sites[0].totals;
  const Totals& t = tank.sites[0].totals;
  EXPECT_EQ(p.heat_storage_delivered_mwh, 0.0);
  EXPECT_GT(t.heat_storage_delivered_mwh, 100.0);
  EXPECT_GT(t.heat_reused_mwh, p.heat_reused_mwh + 0.9 * t.heat_storage_delivered_mwh - 1.0)
      << "what the tank gives back is heat the network would not have had";
  EXPECT_GT(t.heat_storage_loss_mwh, 0.0);
  EXPECT_DOUBLE_EQ(t.heat_demand_mwh, p.heat_demand_mwh);
  for (const SiteTickRow& row : tank.sites[0].rows)
    EXPECT_LE(row.heat_reused_mw, row.heat_demand_mw * (1 + 1e-6) + 1e-6);
}

}  // namespace
}  // namespace gigasim::sim

namespace gigasim::sim {
namespace {

// Waits per class: a pretraining run that waited two days is not hidden by many short jobs.
TEST(JobDelays, PerClassWaitsSlowdownsAndUnfinishedWork) {
  using core::Duration;
  using core::Time;
  DelayAccumulator delays;
  auto job = [&](workload::JobClass cls, std::int64_t wait_h, bool done, double work_h) {
    workload::JobSpec spec;
    spec.cls = cls;
    spec.submit = Time::start() + Duration::hours(1);
    spec.accelerators = 8;
    spec.work_s = work_h * 3600;
    sched::JobState st;
    st.first_start = spec.submit + Duration::hours(wait_h);
    st.status = done ? sched::JobStatus::done : sched::JobStatus::running;
    st.end = st.first_start + Duration::hours(static_cast<std::int64_t>(work_h));
    sched::JobAccount account;
    account.useful_s = done ? spec.work_s : spec.work_s / 4;  // a quarter done
    delays.add(spec, st, account);
  };
  for (int i = 0; i < 19; ++i) job(workload::JobClass::debugging, 0, true, 1);
  job(workload::JobClass::pretraining, 48, false, 100);
  const JobDelays all = delays.overall();
  EXPECT_EQ(all.jobs, 20);
  EXPECT_DOUBLE_EQ(all.mean_wait_h, 48.0 / 20);
  EXPECT_DOUBLE_EQ(all.max_wait_h, 48.0);
  EXPECT_EQ(all.unfinished, 1);
  EXPECT_DOUBLE_EQ(all.unfinished_accelerator_h, 8 * 75.0);
  const auto by_class = delays.by_class();
  ASSERT_EQ(by_class.size(), 2U);
  EXPECT_DOUBLE_EQ(by_class.at("pretraining").mean_wait_h, 48.0);
  EXPECT_DOUBLE_EQ(by_class.at("pretraining").p95_wait_h, 48.0);
  EXPECT_EQ(by_class.at("pretraining").unfinished, 1);
  EXPECT_DOUBLE_EQ(by_class.at("debugging").mean_wait_h, 0.0);
  EXPECT_DOUBLE_EQ(by_class.at("debugging").mean_bounded_slowdown, 1.0);
  EXPECT_EQ(by_class.count("batch"), 0U);
}

}  // namespace
}  // namespace gigasim::sim
