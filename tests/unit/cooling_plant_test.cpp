// Plant capacities and controls of a cooling loop (issue 14, item 2): rated free coolers with
// fans on the affinity law, adiabatic assist when hot, staged chillers at part load, and a
// direct air-side economiser within humidity limits.
#include <gtest/gtest.h>

#include "gigasim/facility/chiller_plant.hpp"
#include "gigasim/facility/cooling.hpp"
#include "gigasim/facility/facility.hpp"
#include "gigasim/facility/free_cooling.hpp"
#include "run_fixtures.hpp"

namespace gigasim::facility {
namespace {

const FacilitySpec& defaults() {
  return testing::catalog().defaults.site.facility;
}

// A small Lyon site whose `cooling:` block is `cooling` (indented under it).
std::string site_with_cooling(const std::string& cooling) {
  return testing::small_site("    cooling:\n" + cooling);
}

io::ScenarioFile load(const std::string& cooling) {
  return testing::load(site_with_cooling(cooling));
}

std::string error(const std::string& cooling) {
  return testing::load_error(site_with_cooling(cooling));
}

TEST(FreeCooling, ARatedCoolerRunsItsFansOnTheCubeOfTheAirflow) {
  // Loop 42 -> 32 C, approach 6 K, rated 10 MW with air at 26 C.
  const FreeCooling at_rating = free_cool(42, 32, 26, 6, 5e6, 0.0, 10e6, 0.02);
  EXPECT_DOUBLE_EQ(at_rating.heat_w, 5e6);
  EXPECT_NEAR(at_rating.fan_w, 0.02 * 10e6 * 0.125, 1e-6) << "half the airflow, 1/8 the power";
  // At 10 C the same coil takes twice the heat per unit airflow (32 K against 16 K).
  const FreeCooling cold = free_cool(42, 32, 10, 6, 5e6, 0.0, 10e6, 0.02);
  EXPECT_DOUBLE_EQ(cold.heat_w, 5e6);
  EXPECT_NEAR(cold.fan_w, 0.02 * 10e6 / 64.0, 1e-6);
  // Undersized: 4 MW rated cannot take 5 MW at its rating air.
  EXPECT_DOUBLE_EQ(free_cool(42, 32, 26, 6, 5e6, 0.0, 4e6, 0.02).heat_w, 4e6);
  // Unrated: unlimited, fans in proportion to the heat.
  const FreeCooling unrated = free_cool(42, 32, 26, 6, 5e6, 0.0, 0.0, 0.02);
  EXPECT_DOUBLE_EQ(unrated.heat_w, 5e6);
  EXPECT_DOUBLE_EQ(unrated.fan_w, 0.02 * 5e6);
  // A cooler downstream takes only what is left beyond the upstream share.
  EXPECT_DOUBLE_EQ(free_cool(42, 32, 26, 6, 5e6, 0.4, 0.0, 0.02).heat_w, 3e6);
}

TEST(Cooling, DryCoolerFansCostLessInColdAirThanAtTheirRating) {
  const auto loop = defaults().liquid;  // dry coolers rated for the design heat
  const double cold = reject_heat(loop, 8e6, -5, -6, 8e6, 10e6).rejection_fan_w;
  const double mild = reject_heat(loop, 8e6, 20, 14, 8e6, 10e6).rejection_fan_w;
  EXPECT_GT(cold, 0.0);
  EXPECT_LT(cold, 0.2 * mild);
}

TEST(Cooling, UndersizedDryCoolersLeaveHeatToTheChillers) {
  auto loop = defaults().liquid;
  const auto full = reject_heat(loop, 10e6, 20, 14, 10e6, 10e6);
  EXPECT_EQ(full.mode, CoolingMode::dry);
  loop.rejection.dry_capacity = 0.3;
  const auto small = reject_heat(loop, 10e6, 20, 14, 10e6, 10e6);
  EXPECT_EQ(small.mode, CoolingMode::partial_mechanical);
  EXPECT_GT(small.chiller_w, 0.0);
  EXPECT_LT(small.free_fraction, 0.8);
}

TEST(Chillers, TheFewestUnitsRunAndShareTheLoad) {
  HeatRejectionSpec rej = defaults().liquid.rejection;  // 3 units of half the design heat
  rej.chiller_no_load = 0.3;
  rej.chiller_min_part_load = 0.1;
  const double design = 10e6;  // units of 5 MW
  const ChillerOutcome one = run_chillers(rej, 4e6, design, 20, 30);
  EXPECT_EQ(one.units_on, 1);
  EXPECT_DOUBLE_EQ(one.carried_w, 4e6);
  EXPECT_NEAR(one.power_w, 5e6 / chiller_cop(rej, 0.8, 20, 30) * (0.3 + 0.7 * 0.8), 1e-6);
  const ChillerOutcome two = run_chillers(rej, 6e6, design, 20, 30);
  EXPECT_EQ(two.units_on, 2);
  EXPECT_NEAR(two.power_w, 10e6 / chiller_cop(rej, 0.6, 20, 30) * (0.3 + 0.7 * 0.6), 1e-6);
  // Beyond the three units, the rest is not carried.
  const ChillerOutcome over = run_chillers(rej, 16e6, design, 20, 30);
  EXPECT_EQ(over.units_on, 3);
  EXPECT_DOUBLE_EQ(over.carried_w, 15e6);
  // Below the minimum part load, a unit false-loads: power as at 10 %.
  const ChillerOutcome tiny = run_chillers(rej, 0.1e6, design, 20, 30);
  EXPECT_NEAR(tiny.power_w, 5e6 / chiller_cop(rej, 0.02, 20, 30) * (0.3 + 0.7 * 0.1), 1e-6);
}

TEST(Chillers, PartLoadCostsMorePerUnitOfHeatThanNearFullLoad) {
  const HeatRejectionSpec rej = defaults().air.rejection;
  const auto per_heat = [&](double load) {
    return run_chillers(rej, load, 10e6, 20, 30).power_w / load;
  };
  EXPECT_GT(per_heat(0.3e6), 1.5 * per_heat(4.5e6));
  // One machine of unlimited capacity (no units): Q / COP at full load, the first model.
  HeatRejectionSpec single = rej;
  single.chiller_units = 0;
  EXPECT_NEAR(run_chillers(single, 0.3e6, 10e6, 20, 30).power_w,
              0.3e6 / chiller_cop(single, 1.0, 20, 30), 1e-6);
}

TEST(Cooling, TooFewChillersFlagTheHourOverTemperature) {
  auto loop = defaults().air;
  loop.rejection.chiller_units = 1;  // half the design heat
  const auto r = reject_heat(loop, 10e6, 35, 22, 10e6, 10e6);
  EXPECT_TRUE(r.over_temperature);
  loop.rejection.chiller_units = 3;
  EXPECT_FALSE(reject_heat(loop, 10e6, 35, 22, 10e6, 10e6).over_temperature);
}

TEST(Cooling, AdiabaticAssistWetsThePadsOnlyWhenHotAndNeeded) {
  auto loop = defaults().liquid;  // 42 -> 32 C, dry approach 6 K
  loop.rejection.adiabatic = true;
  loop.rejection.adiabatic_effectiveness = 0.8;
  loop.rejection.adiabatic_above = core::Temperature::celsius(25);
  // 30 C dry bulb, 18 C wet bulb: dry alone covers 60 %; the pads cool the air to 20.4 C.
  const auto hot = reject_heat(loop, 8e6, 30, 18, 8e6, 10e6);
  EXPECT_EQ(hot.mode, CoolingMode::evaporative);
  EXPECT_DOUBLE_EQ(hot.chiller_w, 0.0);
  const double q = 8e6 * (1 + loop.distribution_fraction);
  const double pads_kg_per_s = q / 10.0 * (30 - 20.4) / kLatentHeatJPerKg;
  EXPECT_NEAR(hot.water_m3_per_s, pads_kg_per_s / 1000.0, 1e-9);
  // Below the switch-on temperature the pads stay dry, even though the chiller trims.
  auto later = loop;
  later.rejection.adiabatic_above = core::Temperature::celsius(32);
  const auto warm = reject_heat(later, 8e6, 30, 18, 8e6, 10e6);
  EXPECT_DOUBLE_EQ(warm.water_m3_per_s, 0.0);
  EXPECT_GT(warm.chiller_w, 0.0);
  // When the dry coolers carry everything, no water even when hot.
  loop.supply = core::Temperature::celsius(45);
  loop.return_temp = core::Temperature::celsius(55);
  EXPECT_DOUBLE_EQ(reject_heat(loop, 8e6, 30, 18, 8e6, 10e6).water_m3_per_s, 0.0);
}

TEST(Cooling, OutdoorAirCoolsTheHallWithinItsHumidityLimits) {
  auto loop = defaults().air;
  loop.economiser.enabled = true;  // 22 C inlet, 34 C return, dew point -9..15 C, 60 % RH
  // Cool, moderately dry air (10 C, wet bulb 6 C: dew point about 1 C): outdoor air only.
  const auto cool = reject_heat(loop, 1e6, 10, 6, 1e6, 1e6);
  EXPECT_DOUBLE_EQ(cool.free_fraction, 1.0);
  EXPECT_DOUBLE_EQ(cool.chiller_w, 0.0);
  EXPECT_DOUBLE_EQ(cool.water_m3_per_s, 0.0);
  EXPECT_LT(cool.rejection_fan_w, 1e-9) << "no dry-cooler fans: the water plant is idle";
  // 28 C with a dew point above 15 C (wet bulb 22 C): too humid, the chillers run.
  const auto humid = reject_heat(loop, 1e6, 28, 22, 1e6, 1e6);
  EXPECT_GT(humid.chiller_w, 0.0);
  EXPECT_EQ(humid.mode, CoolingMode::mechanical);
  // 28 C and dry (wet bulb 14 C): outdoor air takes half the hall's drop (34 -> 22 C).
  const auto dry_warm = reject_heat(loop, 1e6, 28, 14, 1e6, 1e6);
  EXPECT_NEAR(dry_warm.free_fraction, 0.5, 1e-9);
  // −20 C arctic air is below the lowest dew point: humidified, with water.
  EXPECT_GT(reject_heat(loop, 1e6, -20, -21, 1e6, 1e6).water_m3_per_s, 0.0);
}

TEST(Cooling, PlantKeysAreReadAndCheckedWithTheirPlace) {
  const auto f = load(
      "      air: {chiller_units: 4, chiller_unit_capacity: 0.34, adiabatic: true,\n"
      "            dry_capacity: 0.8, economiser: {enabled: true, max_dew_point: 14 C}}\n");
  const FacilitySpec& spec = f.scenario.sites[0].facility;
  EXPECT_EQ(spec.air.rejection.chiller_units, 4);
  EXPECT_DOUBLE_EQ(spec.air.rejection.chiller_unit_capacity, 0.34);
  EXPECT_TRUE(spec.air.rejection.adiabatic);
  EXPECT_DOUBLE_EQ(spec.air.rejection.dry_capacity, 0.8);
  EXPECT_TRUE(spec.air.economiser.enabled);
  EXPECT_DOUBLE_EQ(spec.air.economiser.max_dew_point.in_celsius(), 14.0);
  EXPECT_DOUBLE_EQ(spec.air.economiser.min_dew_point.in_celsius(), -9.0) << "default kept";
  const std::string liquid_air = error("      liquid: {economiser: {enabled: true}}\n");
  EXPECT_NE(liquid_air.find("sites[0].cooling.liquid.economiser"), std::string::npos);
  EXPECT_EQ(liquid_air.find("return_air"), std::string::npos) << "one error, not its keys'";
  EXPECT_NE(error("      air: {chiller_no_load: 1}\n").find("sites[0].cooling.air.chiller_no_load"),
            std::string::npos);
  EXPECT_NE(error("      air: {economiser: {supply_air: 40 C}}\n")
                .find("sites[0].cooling.air.economiser.return_air"),
            std::string::npos);
  EXPECT_NE(error("      air: {chiller_units: -1}\n").find("sites[0].cooling.air.chiller_units"),
            std::string::npos);
}

TEST(Cooling, FormsReplaceTheLoopsBeforeTheSitesOwnKeys) {
  const auto rear = load("      form: rear_door\n      air: {return_temp: 27 C}\n");
  const auto& site = rear.scenario.sites[0];
  EXPECT_DOUBLE_EQ(site.facility.air.supply.in_celsius(), 18.0);
  EXPECT_DOUBLE_EQ(site.facility.air.return_temp.in_celsius(), 27.0) << "the site's key wins";
  EXPECT_DOUBLE_EQ(site.facility.air.distribution_fraction, 0.025);
  EXPECT_FALSE(site.liquid_share.has_value()) << "the fleet's own share";
  const auto tank = load("      form: immersion\n");
  EXPECT_DOUBLE_EQ(tank.scenario.sites[0].liquid_share.value_or(-1), 1.0);
  EXPECT_DOUBLE_EQ(tank.scenario.sites[0].facility.liquid.supply.in_celsius(), 35.0);
  EXPECT_NE(error("      form: submarine\n").find("sites[0].cooling.form"), std::string::npos);
}

TEST(Facility, AHeatDrivenChillerCoolsTheAirLoopWithTheLiquidLoopsHeat) {
  FacilitySpec spec = defaults();
  spec.liquid.supply = core::Temperature::celsius(50);  // hot-water cooling, 50 -> 60 C
  spec.liquid.return_temp = core::Temperature::celsius(60);
  const auto at_30 = [&](const FacilitySpec& s) {
    return evaluate_facility(s, 0.8, 10e6, 10e6, 30, 20, 0.0);
  };
  const FacilityLoad plain = at_30(spec);
  spec.thermal_chiller = {true, 0.55, core::Temperature::celsius(50), 0.5};
  const FacilityLoad driven = at_30(spec);
  EXPECT_LT(driven.cooling_w, plain.cooling_w) << "less electric chiller power";
  EXPECT_DOUBLE_EQ(driven.it_w, plain.it_w);
  // Below its driving temperature it stays off.
  spec.liquid.return_temp = core::Temperature::celsius(45);
  spec.liquid.supply = core::Temperature::celsius(35);
  FacilitySpec off = spec;
  off.thermal_chiller.enabled = false;
  EXPECT_DOUBLE_EQ(at_30(spec).cooling_w, at_30(off).cooling_w);
}

TEST(Water, ScarcityWeighsTheSitesWaterByItsCountrysFactor) {
  const auto site_yaml = [](const std::string& location, const std::string& extra) {
    return std::string(R"(name: t
horizon: 30 days
start: 2025-07-01
sites:
  - name: s
    location: )" + location +
                       R"(
    grid_connection: 10 MW
    fleet: [{system: dgx-h100, count: 100}]
    supply: [{type: grid}]
    cooling: {air: {evaporative: true}}
)") + extra;
  };
  const auto site = [&](const std::string& location, const std::string& extra) {
    return testing::load(site_yaml(location, extra));
  };
  // AWARE 2.0 (data/water.yaml): Spain 73.5, Sweden 2.37 m³ world-eq per m³.
  EXPECT_DOUBLE_EQ(site("madrid", "").scenario.sites[0].water_scarcity_factor, 73.5);
  EXPECT_DOUBLE_EQ(site("lulea", "").scenario.sites[0].water_scarcity_factor, 2.37);
  EXPECT_DOUBLE_EQ(
      site("madrid", "    water_source: reclaimed\n").scenario.sites[0].water_scarcity_factor, 0.0);
  EXPECT_DOUBLE_EQ(
      site("madrid", "    water_scarcity_factor: 20\n").scenario.sites[0].water_scarcity_factor,
      20.0);
  const sim::Results r = testing::run(site("madrid", ""), 1);
  EXPECT_GT(r.total.water_m3, 0.0);
  EXPECT_NEAR(r.total.water_scarcity_m3, 73.5 * r.total.water_m3, 1e-6 * r.total.water_m3);
  EXPECT_NE(testing::load_error(site_yaml("madrid", "    water_source: well\n"))
                .find("sites[0].water_source"),
            std::string::npos);
}

}  // namespace
}  // namespace gigasim::facility
