// The federation: its scenario keys and their places, and what each routing policy does on
// two sites, one on a coal-heavy grid and one with a wind contract (docs/models/federation.md).
#include <gtest/gtest.h>

#include <string>

#include "gigasim/sim/federation_router.hpp"
#include "run_fixtures.hpp"

namespace gigasim {
namespace {

// Warsaw (grid only, Poland's carbon) submits most of the work; Lyon has a wind contract
// larger than its load, the same fleet of H100 (or `lyon_system`) and little work of its own.
std::string two_sites(const std::string& federation, const std::string& lyon_system = "dgx-h100") {
  return R"(name: fed
horizon: 20 days
seed: 3
sites:
  - name: warsaw
    location: warsaw
    grid_connection: 20 MW
    fleet: [{system: dgx-h100, count: 250}]
    supply: [{type: grid}]
    workload:
      tenants: [{name: research}, {name: bank}]
      generators:
        - {class: finetuning, jobs_per_day: 60}
        - {class: evaluation, jobs_per_day: 100}
  - name: lyon
    location: lyon
    grid_connection: 20 MW
    fleet: [{system: )" +
         lyon_system + R"(, count: 250}]
    supply: [{type: wind, capacity: 30 MW, price: 55 EUR/MWh}, {type: grid}]
    workload:
      tenants: [{name: research}, {name: bank}]
      generators:
        - {class: evaluation, jobs_per_day: 20}
)" + federation;
}

sim::Results run(const std::string& yaml) {
  return testing::run(testing::load(yaml), 3);
}

double tenant_hours(const sim::SiteResult& s, const std::string& tenant) {
  const auto it = s.workload.gpu_hours_by_tenant.find(tenant);
  return it == s.workload.gpu_hours_by_tenant.end() ? 0.0 : it->second;
}

TEST(Federation, NoRoutingChangesNothingButCountsTheJobs) {
  const sim::Results alone = run(two_sites(""));
  const sim::Results none = run(two_sites("federation: {policy: none}\n"));
  EXPECT_FALSE(alone.federation.present);
  ASSERT_TRUE(none.federation.present);
  EXPECT_EQ(none.federation.policy, "none");
  EXPECT_EQ(none.federation.jobs_seen, alone.workload_total.jobs_submitted);
  EXPECT_EQ(none.federation.jobs_routed, 0);
  EXPECT_DOUBLE_EQ(none.total.carbon_t, alone.total.carbon_t);
  EXPECT_DOUBLE_EQ(none.workload_total.gpu_hours_delivered,
                   alone.workload_total.gpu_hours_delivered);
}

TEST(Federation, LowestCarbonMovesWorkToTheWindAndPaysTheTransfers) {
  const sim::Results none = run(two_sites("federation: {policy: none}\n"));
  const sim::Results green = run(two_sites("federation: {policy: lowest_carbon}\n"));
  const sim::FederationTotals& f = green.federation;
  EXPECT_GT(f.jobs_routed, 0);
  EXPECT_LT(green.total.carbon_t, none.total.carbon_t);
  EXPECT_GT(green.sites[1].workload.gpu_hours_delivered,
            none.sites[1].workload.gpu_hours_delivered);
  EXPECT_EQ(f.sent_by_site.at("warsaw"), f.jobs_routed);
  EXPECT_EQ(f.received_by_site.at("lyon"), f.jobs_routed);
  // Every routed job moved 5 GB per accelerator (the default) at 0.02 EUR/GB.
  EXPECT_NEAR(f.transfer_cost_eur, f.data_moved_tb * 1000.0 * 0.02, 1e-6 * f.transfer_cost_eur);
  EXPECT_GT(f.transfer_hours, 0.0);
  // The jobs still all run: none is lost by moving.
  EXPECT_EQ(green.workload_total.jobs_submitted, none.workload_total.jobs_submitted);
}

TEST(Federation, ResidencyKeepsATenantInItsMemberStates) {
  const sim::Results none = run(two_sites("federation: {policy: none}\n"));
  const sim::Results r = run(two_sites(R"(federation:
  policy: lowest_carbon
  residency: [{tenant: bank, countries: [PL]}]
)"));
  EXPECT_GT(r.federation.jobs_routed, 0);
  // The bank's work in Poland stays there; in Lyon it is Lyon's own, as without routing.
  EXPECT_NEAR(tenant_hours(r.sites[0], "bank"), tenant_hours(none.sites[0], "bank"),
              0.01 * tenant_hours(none.sites[0], "bank"));
  EXPECT_NEAR(tenant_hours(r.sites[1], "bank"), tenant_hours(none.sites[1], "bank"),
              0.01 * tenant_hours(none.sites[1], "bank") + 1.0);
  EXPECT_GT(tenant_hours(r.sites[1], "research"), 2.0 * tenant_hours(none.sites[1], "research"));
}

TEST(Federation, AReservedShareKeepsRoomForTheHostCountry) {
  const sim::Results open = run(two_sites("federation: {policy: lowest_carbon}\n"));
  const sim::Results kept = run(two_sites(R"(federation:
  policy: lowest_carbon
  reserved_shares: {FR: 0.99}
)"));
  // 1 % of Lyon's 2,000 accelerators is open to Polish jobs: only the smallest still move.
  EXPECT_LT(kept.federation.routed_accelerator_hours,
            0.2 * open.federation.routed_accelerator_hours);
}

TEST(Federation, AJobRunsAtTheSpeedOfTheHardwareItIsSentTo) {
  // The same work on B200 takes less accelerator time than on H100.
  const sim::Results h100 = run(two_sites("federation: {policy: lowest_carbon}\n"));
  const sim::Results b200 = run(two_sites("federation: {policy: lowest_carbon}\n", "dgx-b200"));
  ASSERT_GT(b200.federation.jobs_routed, 0);
  EXPECT_LT(b200.sites[1].workload.gpu_hours_delivered,
            0.8 * h100.sites[1].workload.gpu_hours_delivered);
}

TEST(Federation, TheSpeedIsThatOfTheSustainedMatrixClock) {
  // MI300X and MI325X share their datasheet peaks and generation; MI325X's larger board
  // power holds a 19 % higher clock in long products (data/accelerators.yaml), so the work
  // routed to it takes less accelerator time.
  const std::string policy = "federation: {policy: lowest_carbon}\n";
  const sim::Results mi300x = run(two_sites(policy, "mi300x-platform"));
  const sim::Results mi325x = run(two_sites(policy, "mi325x-platform"));
  ASSERT_GT(mi325x.federation.jobs_routed, 0);
  // Routed work scales by the ratio of the clocks; Lyon's own evaluations do not.
  const auto& catalog_entries = testing::catalog().accelerators;
  const double clocks =
      catalog_entries.at("mi300x").matrix_clock / catalog_entries.at("mi325x").matrix_clock;
  const double hours_300 = mi300x.sites[1].workload.gpu_hours_delivered;
  const double hours_325 = mi325x.sites[1].workload.gpu_hours_delivered;
  EXPECT_LT(hours_325, 0.9 * hours_300);
  EXPECT_GT(hours_325, clocks * hours_300);
}

TEST(Federation, FollowTheRenewablesDefersOnlyDeferrableClasses) {
  const sim::Results none = run(two_sites(R"(federation:
  policy: follow_renewables
  deferrable: []
)"));
  EXPECT_EQ(none.federation.jobs_routed + none.federation.jobs_deferred, 0);
  const sim::Results eval = run(two_sites(R"(federation:
  policy: follow_renewables
  deferrable: [evaluation]
  max_delay: 12 h
)"));
  EXPECT_GT(eval.federation.jobs_deferred, 0);
  EXPECT_LE(eval.federation.deferral_hours,
            12.0 * static_cast<double>(eval.federation.jobs_deferred));
  EXPECT_LT(eval.total.carbon_t, none.total.carbon_t);
}

TEST(Federation, EarliestStartSendsWhatAFullSiteCannotStart) {
  // Warsaw gets more work than it holds (1.5 jobs of half the site a day, 36 h each); Lyon idles.
  const std::string busy = R"(name: busy
horizon: 10 days
sites:
  - name: warsaw
    location: warsaw
    grid_connection: 20 MW
    fleet: [{system: dgx-h100, count: 250}]
    supply: [{type: grid}]
    workload:
      generators:
        - {class: pretraining, jobs_per_day: 1.5, size: {values: [1000], weights: [1]}, duration: {median: 36 h, sigma: 0.1, max: 3 days}}
  - name: lyon
    location: lyon
    grid_connection: 20 MW
    fleet: [{system: dgx-h100, count: 250}]
    supply: [{type: grid}]
    workload:
      generators:
        - {class: evaluation, jobs_per_day: 1}
)";
  const sim::Results none = run(busy + "federation: {policy: none}\n");
  const sim::Results early = run(busy + "federation: {policy: earliest_start}\n");
  EXPECT_GT(early.federation.jobs_routed, 0);
  EXPECT_LT(early.workload_total.mean_wait_h, 0.5 * none.workload_total.mean_wait_h);
}

TEST(Federation, RunningJobsLeaveASiteItsSupplyCannotPower) {
  // A site on wind alone (no grid) caps its jobs when the wind drops; with migration, the
  // jobs running then move to Lyon and go on at full speed there.
  const std::string windy = R"(name: windy
horizon: 20 days
seed: 5
sites:
  - name: windy
    location: amsterdam
    grid_connection: 20 MW
    fleet: [{system: dgx-h100, count: 250}]
    supply: [{type: wind, capacity: 25 MW, price: 50 EUR/MWh}]
    workload:
      generators:
        - {class: finetuning, jobs_per_day: 40}
  - name: lyon
    location: lyon
    grid_connection: 20 MW
    fleet: [{system: dgx-h100, count: 250}]
    supply: [{type: grid}]
    workload:
      generators:
        - {class: evaluation, jobs_per_day: 5}
)";
  const sim::Results stay = run(windy + "federation: {policy: earliest_start}\n");
  const sim::Results move = run(windy + "federation: {policy: earliest_start, migrate: true}\n");
  EXPECT_EQ(stay.federation.jobs_migrated, 0);
  ASSERT_GT(move.federation.jobs_migrated, 0);
  EXPECT_GT(stay.sites[0].workload.gpu_hours_lost_to_power_caps, 0.0) << "the wind must drop";
  EXPECT_LT(move.sites[0].workload.gpu_hours_lost_to_power_caps,
            stay.sites[0].workload.gpu_hours_lost_to_power_caps);
  EXPECT_GT(move.sites[1].workload.gpu_hours_delivered, stay.sites[1].workload.gpu_hours_delivered);
  // Each migration moved the rest of a job: a job of the new site, counted there.
  EXPECT_GE(move.federation.received_by_site.at("lyon"), move.federation.jobs_migrated);
}

TEST(Federation, BadKeysAreRefusedWithTheirPlaces) {
  const std::string e = testing::load_error(two_sites(R"(federation:
  policy: greenest
  link: {bandwidth: fast}
  residency: [{tenant: nobody, countries: [XX]}]
  reserved_shares: {FR: 1.5, DE: 0.1}
  deferrable: [training]
  colour: blue
)"));
  EXPECT_NE(e.find("federation.policy: unknown routing policy \"greenest\"; known: none, "
                   "earliest_start, lowest_cost, lowest_carbon, follow_renewables (t.yaml:"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("federation.link.bandwidth:"), std::string::npos) << e;
  EXPECT_NE(e.find("federation.residency[0].tenant: no site has a tenant \"nobody\""),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("federation.residency[0].countries[0]: no site is in \"XX\"; the sites' "
                   "countries: FR, PL"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("federation.reserved_shares.FR:"), std::string::npos) << e;
  EXPECT_NE(e.find("federation.reserved_shares.DE: no site is in \"DE\""), std::string::npos) << e;
  EXPECT_NE(e.find("federation.deferrable[0]: unknown job class \"training\""), std::string::npos)
      << e;
  EXPECT_NE(e.find("federation.colour: unknown key"), std::string::npos) << e;
}

}  // namespace
}  // namespace gigasim
