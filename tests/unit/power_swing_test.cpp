// Power swings of synchronous training at the grid (issue 13, item 7): the in-band
// oscillation of a job's rectangular power wave, and what the power floor and smoothing
// storage leave of it at what energy cost.
#include "gigasim/energy/power_swing.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "run_fixtures.hpp"

namespace gigasim {
namespace {

using testing::load;
using testing::run;
constexpr double kPi = std::numbers::pi;

TEST(PowerSwing, TheStrongestHarmonicInTheBandSetsTheOscillation) {
  const energy::FrequencyBand band{0.1, 20};
  EXPECT_NEAR(energy::band_oscillation(2.0, 0.5, band), 4 / kPi, 1e-12) << "a square wave";
  EXPECT_NEAR(energy::band_oscillation(2.0, 0.75, band), 4 / kPi * std::sin(0.75 * kPi), 1e-12);
  // A 100 s period lies below the band: its 11th harmonic (0.11 Hz) is the strongest in it,
  // the 10th being zero for a square wave.
  EXPECT_NEAR(energy::band_oscillation(100.0, 0.5, band), 4 / (11 * kPi), 1e-12);
  EXPECT_EQ(energy::band_oscillation(0.01, 0.5, band), 0.0) << "100 Hz lies above the band";
  EXPECT_EQ(energy::band_oscillation(2.0, 1.0, band), 0.0) << "no communication, no swing";
}

TEST(PowerSwing, AFloorTradesSwingForEnergy) {
  const energy::IterationPower p{2.0, 0.7, 700, 200};
  const auto none = energy::apply_floor(p, 0);
  EXPECT_DOUBLE_EQ(none.swing_w, 500);
  EXPECT_DOUBLE_EQ(none.extra_w, 0);
  const auto half = energy::apply_floor(p, 500);
  EXPECT_DOUBLE_EQ(half.swing_w, 200);
  EXPECT_NEAR(half.extra_w, 300 * 0.3, 1e-12) << "held 300 W higher for 30 % of the step";
  const auto full = energy::apply_floor(p, 900);
  EXPECT_DOUBLE_EQ(full.swing_w, 0) << "a floor above the compute power flattens the wave";
  EXPECT_NEAR(full.extra_w, 500 * 0.3, 1e-12);
}

// A Llama 3 8B run on 64 H100 for 10 days, with the site's power_swings block `extra`.
sim::Results campus(const std::string& extra) {
  return run(load(R"(name: t
horizon: 4 days
sites:
  - name: campus
    location: lyon
    grid_connection: 2 MW
    fleet: [{system: dgx-h100, count: 16}]
    supply: [{type: grid}]
)" + extra + R"(
    workload:
      jobs:
        - name: train
          model: llama-3-8b
          parallelism: {tp: 8, pp: 1, dp: 8, global_batch: 512}
          tokens: 3e10
          submit: 2 h
)"),
             1);
}

TEST(PowerSwing, ATrainingJobSwingsWhileItRunsAndMitigationsCutIt) {
  const sim::Results plain = campus("");
  const auto& s = plain.sites[0];
  const double end_h = s.job_states[0].end.in_hours();
  ASSERT_GT(end_h, 10.0);
  ASSERT_LT(end_h, 90.0);
  EXPECT_EQ(s.rows[1].power_swing_mw, 0.0F) << "before the job";
  EXPECT_GT(s.rows[5].power_swing_mw, 0.0F) << "while it runs";
  EXPECT_EQ(s.rows[static_cast<std::size_t>(end_h) + 2].power_swing_mw, 0.0F) << "after it";
  const auto& t = s.totals.power_swings;
  EXPECT_DOUBLE_EQ(t.limit_mw, 0.2) << "10 % of the connection by default";
  EXPECT_GT(t.peak_mw, 0.0);
  // 64 accelerators swing by at most their dynamic range, seen through the power chain.
  EXPECT_LT(t.peak_mw, 64 * 700e-6 * 4 / kPi * 1.1);
  EXPECT_EQ(t.floor_mwh, 0.0);

  const sim::Results floored = campus("    power_swings: {power_floor: 0.8, limit: 1 kW}");
  const auto& f = floored.sites[0].totals;
  EXPECT_LT(f.power_swings.peak_mw, 0.5 * t.peak_mw);
  EXPECT_GT(f.power_swings.floor_mwh, 0.0);
  // The floor's energy is in the IT energy: the job runs as long, at a higher power.
  EXPECT_NEAR(floored.sites[0].job_states[0].end.in_hours(), end_h, 1e-6);
  const double added = f.energy_it_mwh - s.totals.energy_it_mwh;
  EXPECT_NEAR(added / f.power_swings.floor_mwh, 1.0, 0.15);
  EXPECT_GT(f.power_swings.hours_over_limit, 5.0) << "a 1 kW limit is passed while it runs";

  const sim::Results smoothed = campus("    power_swings: {smoothing: {power: 1 MW}}");
  const auto& m = smoothed.sites[0].totals.power_swings;
  EXPECT_EQ(m.peak_mw, 0.0) << "1 MW of storage absorbs the swing";
  EXPECT_GT(m.smoothing_loss_mwh, 0.0);
  EXPECT_EQ(m.hours_over_limit, 0.0);
}

TEST(PowerSwing, BadInputIsRefusedWithItsPlace) {
  const auto error = [](const std::string& block) {
    try {
      (void)campus("    power_swings: " + block);
    } catch (const core::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error("{band_hz: [20, 0.1]}").find("sites[0].power_swings.band_hz"), std::string::npos);
  EXPECT_NE(error("{power_floor: 1.5}").find("sites[0].power_swings.power_floor"),
            std::string::npos);
  EXPECT_NE(error("{smoothing: {}}").find("sites[0].power_swings.smoothing"), std::string::npos);
  EXPECT_NE(error("{limt: 5 MW}").find("limit"), std::string::npos) << "a suggestion";
}

}  // namespace
}  // namespace gigasim
