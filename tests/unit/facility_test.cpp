#include "gigasim/facility/facility.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "gigasim/climate/synthetic.hpp"
#include "gigasim/climate/weather.hpp"
#include "gigasim/facility/sizing.hpp"
#include "run_fixtures.hpp"

namespace gigasim::facility {
namespace {

// The defaults of data/defaults.yaml, as every scenario starts from them.
const FacilitySpec& defaults() {
  return testing::catalog().defaults.site.facility;
}

TEST(PowerChain, LossStageFollowsTheThreeTermModel) {
  const LossStage s{0.01, 0.02, 0.03};
  // loss = 0.01·R + 0.02·P + 0.03·P²/R at P = 50, R = 100: 1 + 1 + 0.75
  EXPECT_DOUBLE_EQ(s.loss(50, 100), 2.75);
  EXPECT_DOUBLE_EQ(s.loss(0, 100), 1.0);  // no-load loss is paid at zero load
}

TEST(PowerChain, DefaultUpsEfficiencyAtHalfLoad) {
  const PowerChainSpec& spec = defaults().power_chain;
  const double loss = spec.ups.loss(50, 100);
  EXPECT_NEAR(50.0 / (50.0 + loss), 0.968, 0.002);
}

// Issue 14, item 1: redundancy shares the load among more installed capacity: no-load
// losses grow with it, square-law losses shrink.
TEST(PowerChain, RedundancyRaisesNoLoadAndLowersSquareLosses) {
  LossStage n{0.005, 0.02, 0.005};
  LossStage two_n = n;
  two_n.installed = 2.0;
  // At 50 MW of 100 MW: N 0.5 + 1 + 0.125; 2N (two systems at 25 MW each) 1.0 + 1 + 0.0625.
  EXPECT_DOUBLE_EQ(n.loss(50, 100), 1.625);
  EXPECT_DOUBLE_EQ(two_n.loss(50, 100), 2.0625);
  EXPECT_DOUBLE_EQ(two_n.loss(50, 100), 2 * n.loss(25, 100)) << "two units at half the load";
}

TEST(PowerChain, RedundancyAndFixedLoadsAreReadFromASite) {
  const auto load = [](const std::string& extra) {
    return testing::load(testing::small_site(extra));
  };
  const auto error = [](const std::string& extra) {
    return testing::load_error(testing::small_site(extra));
  };
  const auto two_n = load(
      "    power_chain: {ups: {redundancy: 2N}, transformer: {redundancy: N+1, units: 2}}\n"
      "    fixed_load: 150 kW\n    fixed_load_share: 1 %\n");
  const FacilitySpec& f = two_n.scenario.sites[0].facility;
  EXPECT_DOUBLE_EQ(f.power_chain.ups.installed, 2.0);
  EXPECT_DOUBLE_EQ(f.power_chain.transformer.installed, 1.5);
  EXPECT_DOUBLE_EQ(f.power_chain.ups.no_load, defaults().power_chain.ups.no_load) << "kept";
  EXPECT_DOUBLE_EQ(f.fixed_load_w, 150e3);
  EXPECT_DOUBLE_EQ(f.fixed_load_share, 0.01);
  EXPECT_NE(error("    power_chain: {ups: {redundancy: 3N}}\n")
                .find("sites[0].power_chain.ups.redundancy"),
            std::string::npos);
  EXPECT_NE(
      error("    power_chain: {ups: {redundancy: 2N, units: 3}}\n").find("power_chain.ups.units"),
      std::string::npos);
  EXPECT_NE(error("    fixed_load: -1 MW\n").find("sites[0].fixed_load"), std::string::npos);
}

TEST(Facility, AFixedLoadIsPaidAtAnyItPowerThroughTheTransformer) {
  FacilitySpec spec = defaults();
  const FacilityLoad without = evaluate_facility(spec, 0.8, 30e6, 100e6, 10, 7, 0);
  spec.fixed_load_w = 1e6;
  spec.fixed_load_share = 0.01;  // + 1 MW of the 100 MW rated
  const FacilityLoad with = evaluate_facility(spec, 0.8, 30e6, 100e6, 10, 7, 0);
  EXPECT_DOUBLE_EQ(with.fixed_w, 2e6);
  EXPECT_GT(with.facility_w - without.facility_w, 2e6) << "plus its transformer losses";
  EXPECT_LT(with.facility_w - without.facility_w, 2.05e6);
  EXPECT_DOUBLE_EQ(with.cooling_w, without.cooling_w) << "the building's own HVAC is left out";
}

// Issue 14, item 1: variable-speed pumps and fans on the affinity law, with a minimum speed;
// a minimum speed of 1 is a constant-speed fan, a fixed load.
TEST(Cooling, PumpsAndFansFollowTheAffinityLawAboveTheirMinimumSpeed) {
  auto loop = defaults().liquid;  // distribution 1.5 % of the heat moved
  const double k = loop.distribution_fraction;
  EXPECT_DOUBLE_EQ(reject_heat(loop, 5e6, 5, 3, 5e6, 10e6).pump_or_fan_w, k * 5e6)
      << "no min_speed: in proportion to the heat, as before";
  loop.min_speed = 0.3;
  EXPECT_NEAR(reject_heat(loop, 5e6, 5, 3, 5e6, 10e6).pump_or_fan_w, k * 10e6 * 0.125, 1e-6);
  EXPECT_NEAR(reject_heat(loop, 2e6, 5, 3, 2e6, 10e6).pump_or_fan_w, k * 10e6 * 0.027, 1e-6)
      << "below 30 % of the design flow, the minimum speed";
  EXPECT_NEAR(reject_heat(loop, 10e6, 5, 3, 10e6, 10e6).pump_or_fan_w, k * 10e6, 1e-6)
      << "the design point is unchanged";
  loop.min_speed = 1.0;
  EXPECT_NEAR(reject_heat(loop, 1e6, 5, 3, 1e6, 10e6).pump_or_fan_w, k * 10e6, 1e-6)
      << "constant speed";
}

TEST(Cooling, AWiderCondenserApproachLowersTheChillersCop) {
  auto loop = defaults().air;
  const double close = reject_heat(loop, 1e6, 30, 20, 1e6).chiller_w;
  loop.rejection.condenser_approach =
      core::kelvins(9);  // an air-cooled condenser, 15 K over the air
  const double air_cooled = reject_heat(loop, 1e6, 30, 20, 1e6).chiller_w;
  // COP = 0.5 · T_evap / (T_cond − T_evap): T_evap = 18 C; T_cond = 30 + 6 + 3 or + 9. The
  // chiller carries the heat and the air handlers' own 4 %.
  const double t_evap = 18 + 273.15;
  const double q = 1e6 * (1 + loop.distribution_fraction);
  EXPECT_NEAR(q / close, 0.5 * t_evap / (39 - 18), 1e-9);
  EXPECT_NEAR(q / air_cooled, 0.5 * t_evap / (45 - 18), 1e-9);
}

TEST(Cooling, TheModeFollowsTheWeather) {
  const auto loop = defaults().air;  // chilled water at 20 C: dry coolers in winter only
  EXPECT_EQ(reject_heat(loop, 1e6, -5, -6, 1e6).mode, CoolingMode::dry);
  EXPECT_EQ(reject_heat(loop, 1e6, 35, 22, 1e6).mode, CoolingMode::mechanical);
  const auto mid = reject_heat(loop, 1e6, 18, 12, 1e6);
  EXPECT_EQ(mid.mode, CoolingMode::partial_mechanical) << mid.free_fraction;
  auto wet = loop;
  wet.rejection.evaporative = true;
  EXPECT_EQ(reject_heat(wet, 1e6, 16, 5, 1e6).mode, CoolingMode::evaporative);
}

TEST(Cooling, ColdWeatherIsFullyFreeCooled) {
  const auto loop = defaults().liquid;
  const auto r = reject_heat(loop, 1e6, 5.0, 3.0, 1e6);
  EXPECT_DOUBLE_EQ(r.free_fraction, 1.0);
  EXPECT_DOUBLE_EQ(r.chiller_w, 0.0);
  // Pumps 1.5 % of the heat; dry-cooler fans 2 % of the heat plus the pumps' own heat.
  EXPECT_NEAR(r.power_w(), 0.015e6 + 0.02 * 1.015e6, 1e-6);
  EXPECT_DOUBLE_EQ(r.water_m3_per_s, 0.0);
}

TEST(Cooling, HotWeatherNeedsTheChillerWithACarnotCop) {
  auto loop = defaults().liquid;  // 32 -> 42 C
  const double t_db = 40.0;       // dry cooler leaves at 46 C: no free cooling
  const auto r = reject_heat(loop, 1e6, t_db, 25.0, 0.0);
  EXPECT_DOUBLE_EQ(r.free_fraction, 0.0);
  const double t_evap = 30.0 + 273.15, t_cond = t_db + 6.0 + 3.0 + 273.15;
  const double cop = 0.5 * t_evap / (t_cond - t_evap);
  EXPECT_NEAR(r.chiller_w, 1e6 / cop, 1e-6);
}

TEST(Cooling, PartialFreeCoolingIsLinearInTheLeavingTemperature) {
  const auto loop = defaults().liquid;                     // 32 -> 42 C, dry approach 6 K
  const auto r = reject_heat(loop, 1e6, 31.0, 20.0, 0.0);  // leaves at 37 C: half the range
  EXPECT_NEAR(r.free_fraction, 0.5, 1e-12);
}

TEST(Cooling, EvaporativeWaterFollowsLatentHeatAndConcentration) {
  auto loop = defaults().liquid;
  loop.rejection.dry_cooler = false;
  loop.rejection.evaporative = true;
  loop.rejection.cycles_of_concentration = 4.0;
  const auto r = reject_heat(loop, 1e6, 30.0, 15.0, 0.0);  // wet bulb + 4 K = 19 C: all free
  EXPECT_DOUBLE_EQ(r.free_fraction, 1.0);
  const double evaporated = tower_evaporated_fraction(30.0, 15.0, 19.0, 10.0);
  const double expected = 1e6 * evaporated / kLatentHeatJPerKg * 4.0 / 3.0 / 1000.0;
  EXPECT_NEAR(r.water_m3_per_s, expected, 1e-12);
  // Hot, dry air (30 C, wet bulb 15 C) leaving at 24 C gives heat to the water: more is
  // evaporated than the load, above the 1.97 L per kWh of heat of a tower without it.
  EXPECT_GT(evaporated, 1.0);
  EXPECT_GT(r.water_m3_per_s * 1000.0 * 3600.0 / 1000.0, 1.97);
}

TEST(Cooling, WithoutAChillerHotHoursAreFlagged) {
  auto loop = defaults().liquid;
  loop.rejection.chiller = false;
  const auto r = reject_heat(loop, 1e6, 40.0, 25.0, 0.0);
  EXPECT_TRUE(r.over_temperature);
  EXPECT_DOUBLE_EQ(r.chiller_w, 0.0);
}

TEST(HeatReuse, DemandFollowsDegreeHours) {
  HeatReuseSpec h = defaults().heat_reuse;
  h.enabled = true;
  h.base_load = core::megawatts(10);
  h.peak_load = core::megawatts(50);
  EXPECT_DOUBLE_EQ(heat_demand_w(h, 20.0, 20.0, 0), 10e6);
  EXPECT_DOUBLE_EQ(heat_demand_w(h, -10.0, -10.0, 0), 50e6);
  EXPECT_DOUBLE_EQ(heat_demand_w(h, 5.0, 5.0, 0), 30e6);  // halfway between 15 C and -5 C
  h.enabled = false;
  EXPECT_DOUBLE_EQ(heat_demand_w(h, -10.0, -10.0, 0), 0.0);  // no network, no demand
}

TEST(HeatReuse, DailyDemandFollowsTheHeatingReferenceNotTheHour) {
  HeatReuseSpec h = defaults().heat_reuse;
  h.enabled = true;
  h.base_load = core::megawatts(10);
  h.peak_load = core::megawatts(50);
  ASSERT_EQ(h.demand_temperature, DemandTemperature::daily) << "data/defaults.yaml";
  // A cold night hour in a mild spell: the buildings still feel the mild days.
  EXPECT_DOUBLE_EQ(heat_demand_w(h, -5.0, 5.0, 0), 30e6);
  h.demand_temperature = DemandTemperature::hourly;
  EXPECT_DOUBLE_EQ(heat_demand_w(h, -5.0, 5.0, 0), 50e6);
}

TEST(HeatReuse, DemandTemperatureIsReadFromASiteWithItsPlace) {
  const auto site = [](const std::string& value) {
    return testing::small_site(
        "    heat_reuse: {base_load: 1 MW, peak_load: 5 MW, demand_temperature: " + value + "}\n");
  };
  EXPECT_EQ(testing::load(site("hourly")).scenario.sites[0].facility.heat_reuse.demand_temperature,
            DemandTemperature::hourly);
  const std::string error = testing::load_error(site("weekly"));
  EXPECT_NE(error.find("t.yaml:8:"), std::string::npos) << error;
  EXPECT_NE(error.find("sites[0].heat_reuse.demand_temperature"), std::string::npos) << error;
  EXPECT_NE(error.find("known: daily, hourly"), std::string::npos) << error;
}

TEST(HeatReuse, HeatingReferenceWeighsTheDaysBeforeAndIsFlatWithinADay) {
  // 10 days at 10 C, one day at -10 C (day 5), then 10 C again.
  climate::WeatherYear w;
  w.dry_bulb_c.assign(10 * 24, 10.0);
  for (std::size_t hour = 5 * 24; hour < 6 * 24; ++hour) w.dry_bulb_c[hour] = -10.0;
  const std::vector<double> ref = climate::heating_reference(w);
  ASSERT_EQ(ref.size(), w.dry_bulb_c.size());
  EXPECT_DOUBLE_EQ(ref[4 * 24], 10.0);
  EXPECT_NEAR(ref[5 * 24], 10.0 - 20.0 / 1.875, 1e-12) << "the cold day weighs 1 of 1.875";
  EXPECT_DOUBLE_EQ(ref[5 * 24 + 23], ref[5 * 24]) << "one value a day";
  EXPECT_NEAR(ref[6 * 24], 10.0 - 10.0 / 1.875, 1e-12) << "and half as much the day after";
  EXPECT_NEAR(ref[8 * 24], 10.0 - 2.5 / 1.875, 1e-12);
  EXPECT_DOUBLE_EQ(ref[9 * 24], 10.0) << "forgotten after three days";
  // The year is cyclic: day 0 looks back to the last days of the year.
  w.dry_bulb_c.assign(10 * 24, 0.0);
  for (std::size_t hour = 9 * 24; hour < 10 * 24; ++hour) w.dry_bulb_c[hour] = 15.0;
  EXPECT_NEAR(climate::heating_reference(w)[0], 0.5 * 15.0 / 1.875, 1e-12);
}

TEST(HeatReuse, DegreeCoefficientFormWithOptionalCap) {
  HeatReuseSpec h = defaults().heat_reuse;
  h.enabled = true;
  h.base_load = core::megawatts(10);
  h.degree_coefficient = core::PowerPerKelvin::base(2e6);  // 2 MW per kelvin below 15 C
  EXPECT_DOUBLE_EQ(heat_demand_w(h, 15.0, 15.0, 0), 10e6);
  EXPECT_DOUBLE_EQ(heat_demand_w(h, 5.0, 5.0, 0), 30e6);
  EXPECT_DOUBLE_EQ(heat_demand_w(h, -20.0, -20.0, 0), 80e6);  // no cap
  h.peak_load = core::megawatts(60);
  EXPECT_DOUBLE_EQ(heat_demand_w(h, -20.0, -20.0, 0), 60e6);
}

TEST(HeatReuse, DemandFromAnHourlySeries) {
  HeatReuseSpec h = defaults().heat_reuse;
  h.enabled = true;
  h.demand_series_w = {1e6, 2e6, 3e6};
  EXPECT_DOUBLE_EQ(heat_demand_w(h, -30.0, -30.0, 1), 2e6);
  EXPECT_DOUBLE_EQ(heat_demand_w(h, -30.0, -30.0, 4), 2e6);  // wraps around
}

constexpr double kNoLimit = std::numeric_limits<double>::infinity();

// reuse_heat with the spec's fixed network supply and no capacity left over from elsewhere.
HeatReuseResult reuse(const HeatReuseSpec& h, double available_w, core::Temperature ret,
                      double demand_w) {
  const double limit = h.capacity.value() > 0 ? h.capacity.value() : kNoLimit;
  return reuse_heat(h, available_w, ret, demand_w, h.network_supply, limit);
}

TEST(HeatReuse, HeatPumpBalanceAndCop) {
  HeatReuseSpec h = defaults().heat_reuse;
  h.enabled = true;
  const auto r = reuse(h, 100e6, core::Temperature::celsius(42), 30e6);
  const double t_hot = 70 + 273.15, t_cold = 39 + 273.15;
  EXPECT_NEAR(r.cop, 0.5 * t_hot / (t_hot - t_cold), 1e-12);
  EXPECT_DOUBLE_EQ(r.delivered_w, 30e6);
  EXPECT_NEAR(r.from_loop_w + r.heat_pump_w, r.delivered_w, 1e-6);
  EXPECT_NEAR(r.heat_pump_w, 30e6 / r.cop, 1e-6);
}

TEST(HeatReuse, LimitedBySourceHeatAndCapacity) {
  HeatReuseSpec h = defaults().heat_reuse;
  h.enabled = true;
  h.capacity = core::megawatts(20);
  EXPECT_DOUBLE_EQ(reuse(h, 100e6, core::Temperature::celsius(42), 30e6).delivered_w, 20e6);
  h.capacity = {};
  const auto r = reuse(h, 10e6, core::Temperature::celsius(42), 1e9);
  EXPECT_NEAR(r.from_loop_w, 10e6, 1e-3);  // all of the loop's heat, lifted
}

TEST(HeatReuse, DirectExchangeWhenTheLoopIsHotEnough) {
  HeatReuseSpec h = defaults().heat_reuse;
  h.enabled = true;
  h.network_supply = core::Temperature::celsius(35);
  const auto r = reuse(h, 50e6, core::Temperature::celsius(45), 20e6);
  EXPECT_DOUBLE_EQ(r.heat_pump_w, 0.0);
  EXPECT_DOUBLE_EQ(r.delivered_w, 20e6);
}

TEST(Cooling, TowerEvaporatesLessOfItsHeatInColdAir) {
  // Warm summer air takes little sensible heat; near freezing the air warms a lot.
  const double summer = tower_evaporated_fraction(30.0, 21.0, 25.0, 10.0);
  const double winter = tower_evaporated_fraction(0.0, -1.5, 10.0, 10.0);
  EXPECT_GT(summer, 0.85);
  EXPECT_LE(summer, 1.0);
  EXPECT_GT(winter, 0.5);
  EXPECT_LT(winter, 0.75);
  EXPECT_LT(winter, summer);
  // Hot dry air gives heat to the water: more evaporation than the load alone.
  EXPECT_GT(tower_evaporated_fraction(40.0, 20.0, 24.0, 6.0), 1.0);
}

TEST(HeatReuse, CaptureEfficiencyLimitsTheLoopsHeat) {
  HeatReuseSpec h = defaults().heat_reuse;
  h.enabled = true;
  h.capture_efficiency = 0.6;
  const auto r = reuse(h, 10e6, core::Temperature::celsius(42), 1e9);
  EXPECT_NEAR(r.from_loop_w, 6e6, 1e-3);
}

TEST(HeatReuse, OutdoorResetLowersTheNetworkInMildWeather) {
  HeatReuseSpec h = defaults().heat_reuse;
  h.enabled = true;
  h.network_supply = core::Temperature::celsius(60);
  h.network_supply_at_design = core::Temperature::celsius(90);
  // threshold 15 °C, design −5 °C (data/defaults.yaml)
  EXPECT_DOUBLE_EQ(network_supply_at(h, 20.0).in_celsius(), 60.0);
  EXPECT_DOUBLE_EQ(network_supply_at(h, 5.0).in_celsius(), 75.0);
  EXPECT_DOUBLE_EQ(network_supply_at(h, -20.0).in_celsius(), 90.0);
  // A hotter network needs a larger lift: a lower COP.
  const auto mild = reuse_heat(h, 100e6, core::Temperature::celsius(42), 10e6,
                               network_supply_at(h, 10.0), kNoLimit);
  const auto cold = reuse_heat(h, 100e6, core::Temperature::celsius(42), 10e6,
                               network_supply_at(h, -5.0), kNoLimit);
  EXPECT_GT(mild.cop, cold.cop);
}

TEST(Facility, HeatFromTheAirLoopNeedsALargerLift) {
  FacilitySpec spec = defaults();
  spec.heat_reuse.enabled = true;
  spec.heat_reuse.source = HeatSource::air;
  const auto air = evaluate_facility(spec, 0.0, 50e6, 50e6, 0.0, -2.0, 10e6);
  spec.heat_reuse.source = HeatSource::liquid;
  const auto liquid = evaluate_facility(spec, 1.0, 50e6, 50e6, 0.0, -2.0, 10e6);
  EXPECT_NEAR(air.heat_delivered_w, 10e6, 1.0);
  EXPECT_NEAR(liquid.heat_delivered_w, 10e6, 1.0);
  EXPECT_GT(air.heat_pump_w, liquid.heat_pump_w);  // chilled water is colder than DLC water
  // With both, the liquid loop goes first; an air-only fleet has no liquid heat to give.
  spec.heat_reuse.source = HeatSource::both;
  const auto both_air_only = evaluate_facility(spec, 0.0, 50e6, 50e6, 0.0, -2.0, 10e6);
  EXPECT_NEAR(both_air_only.heat_pump_w, air.heat_pump_w, 1e-6);
}

TEST(Facility, UtilityHeatPumpsStayOutsideTheFacility) {
  FacilitySpec spec = defaults();
  spec.heat_reuse.enabled = true;
  const auto site = evaluate_facility(spec, 0.85, 50e6, 50e6, 0.0, -2.0, 20e6);
  spec.heat_reuse.heat_pumps = HeatPumpBoundary::utility;
  const auto utility = evaluate_facility(spec, 0.85, 50e6, 50e6, 0.0, -2.0, 20e6);
  ASSERT_GT(site.heat_pump_w, 0.0);
  EXPECT_DOUBLE_EQ(utility.heat_pump_w, site.heat_pump_w);
  EXPECT_DOUBLE_EQ(utility.heat_pump_utility_w, utility.heat_pump_w);
  EXPECT_DOUBLE_EQ(site.heat_pump_utility_w, 0.0);
  EXPECT_LT(utility.facility_w, site.facility_w - 0.99 * site.heat_pump_w);
  EXPECT_NEAR(utility.facility_w,
              utility.it_w + utility.power_chain_loss_w + utility.cooling_w + utility.fixed_w,
              1e-6);
}

TEST(Facility, EnergyBalanceCloses) {
  FacilitySpec spec = defaults();
  spec.heat_reuse.enabled = true;
  spec.heat_reuse.peak_load = core::megawatts(40);
  for (double t : {-10.0, 5.0, 20.0, 35.0}) {
    const auto f = evaluate_facility(spec, 0.85, 80e6, 100e6, t, t - 5,
                                     heat_demand_w(spec.heat_reuse, t, t, 0));
    EXPECT_NEAR(f.facility_w, f.it_w + f.power_chain_loss_w + f.cooling_w + f.heat_pump_w, 1e-6);
    EXPECT_GT(f.facility_w / f.it_w, 1.0);
  }
}

TEST(Facility, HotterMeansHigherPue) {
  FacilitySpec spec = defaults();
  const auto cold = evaluate_facility(spec, 0.5, 50e6, 50e6, 0.0, -2.0, 0.0);
  const auto hot = evaluate_facility(spec, 0.5, 50e6, 50e6, 35.0, 24.0, 0.0);
  EXPECT_LT(cold.facility_w, hot.facility_w);
}

TEST(Sizing, TheSizedFleetFitsAndOneMoreDoesNot) {
  climate::Location place;
  climate::ClimateNormals& n = place.climate;
  n.dry_bulb_mean_c = {4, 5, 9, 12, 16, 20, 22, 22, 18, 13, 8, 5};
  n.diurnal_range_k.fill(9.0);
  n.relative_humidity_pct.fill(70.0);
  core::RandomStream rng(1, "w");
  const auto w =
      climate::synthesize_weather(place, rng, testing::catalog().defaults.site.synthetic);
  FacilitySpec spec = defaults();
  const double per = 126e3;  // one NVL72 rack with network share
  const auto r = size_to_envelope(spec, 0.85, w, per, 0.0, 1e9);
  ASSERT_GT(r.systems, 0);
  const double it = static_cast<double>(r.systems) * per;
  double worst = 0, worst_more = 0;
  for (std::size_t h = 0; h < w.hours(); ++h) {
    worst = std::max(worst, facility_at_hour(spec, 0.85, w, h, it));
    worst_more = std::max(worst_more, facility_at_hour(spec, 0.85, w, h, it + per));
  }
  EXPECT_LE(worst, 1e9);
  EXPECT_GT(worst_more, 1e9);
  EXPECT_NEAR(r.design_pue, worst / it, 1e-9);
}

}  // namespace
}  // namespace gigasim::facility

namespace gigasim::facility {
namespace {

// Issue 14, item 1: an air-cooled design in a cold and a hot climate, and the reason for
// the difference in its PUE: the hours its chillers run.
TEST(Facility, AColdClimateCoolsWithoutChillersForMoreHours) {
  const auto run_at = [](const std::string& location) {
    return testing::run(testing::load(R"(name: t
sites:
  - name: s
    location: )" + location + R"(
    grid_connection: 20 MW
    fleet: [{system: dgx-h100, count: 1000}]
    cooling: {liquid_share: 0}
    fixed_load_share: 1 %
    supply: [{type: grid}]
)"),
                        1)
        .sites[0]
        .totals;
  };
  const sim::Totals cold = run_at("lulea");
  const sim::Totals hot = run_at("madrid");
  const auto hours = [](const sim::Totals& t, CoolingMode m) {
    return t.cooling_mode_hours[static_cast<std::size_t>(m)];
  };
  double total = 0;
  for (const double h : cold.cooling_mode_hours) total += h;
  EXPECT_NEAR(total, 8760, 1e-6) << "every hour in one mode";
  EXPECT_GT(hours(cold, CoolingMode::dry), hours(hot, CoolingMode::dry) + 1000);
  EXPECT_GT(
      hours(hot, CoolingMode::mechanical) + hours(hot, CoolingMode::partial_mechanical),
      hours(cold, CoolingMode::mechanical) + hours(cold, CoolingMode::partial_mechanical) + 1000);
  EXPECT_LT(cold.pue(), hot.pue());
  EXPECT_GT(cold.energy_fixed_mwh, 0.0);
}

}  // namespace
}  // namespace gigasim::facility
