#include <gtest/gtest.h>

#include "gigasim/core/quantity.hpp"
#include "gigasim/core/units.hpp"

namespace gigasim::core {
namespace {

TEST(Units, ParsesPowersInEveryPrefix) {
  EXPECT_DOUBLE_EQ(parse<Power>("1 GW").value(), 1e9);
  EXPECT_DOUBLE_EQ(parse<Power>("700 W").value(), 700.0);
  EXPECT_DOUBLE_EQ(parse<Power>("10.2 kW").value(), 10'200.0);
  EXPECT_DOUBLE_EQ(parse<Power>("1.5MW").value(), 1.5e6);  // the space is optional
  EXPECT_DOUBLE_EQ(parse<Power>("  250 MW  ").value(), 250e6);
}

TEST(Units, ParsesTheIssueExamples) {
  EXPECT_EQ(parse<Duration>("35 days"), Duration::days(35));
  EXPECT_DOUBLE_EQ(parse<Temperature>("32 C").in_celsius(), 32.0);
  EXPECT_DOUBLE_EQ(parse<Money>("10e9 EUR").value(), 10e9);
  EXPECT_NEAR(in_grams_per_kwh(parse<CarbonIntensity>("21.7 g/kWh")), 21.7, 1e-12);
  EXPECT_NEAR(in_litres(parse<WaterVolume>("3 m3")), 3000.0, 1e-9);
}

TEST(Units, ConvertsTemperatureScales) {
  EXPECT_NEAR(parse<Temperature>("300 K").in_celsius(), 26.85, 1e-9);
  EXPECT_NEAR(parse<Temperature>("212 F").in_celsius(), 100.0, 1e-9);
  EXPECT_NEAR(parse<Temperature>("-40 °C").in_kelvin(), 233.15, 1e-9);
  // K is absolute for a temperature and a difference for a temperature difference.
  EXPECT_DOUBLE_EQ(parse<TemperatureDelta>("5 K").value(), 5.0);
}

TEST(Units, ConvertsEnergyPriceAndCarbon) {
  EXPECT_DOUBLE_EQ(parse<Energy>("1 MWh").value(), 3.6e9);
  EXPECT_NEAR(in_euros_per_mwh(parse<EnergyPrice>("0.05 EUR/kWh")), 50.0, 1e-9);
  EXPECT_NEAR(in_grams_per_kwh(parse<CarbonIntensity>("0.4 t/MWh")), 400.0, 1e-9);
  EXPECT_DOUBLE_EQ(parse<CarbonMass>("2 kt").value(), 2e6);
  EXPECT_DOUBLE_EQ(parse<ComputeRate>("989.4 TFLOP/s").value(), 989.4e12);
  EXPECT_DOUBLE_EQ(parse<DataSize>("80 GB").value(), 80e9);
  EXPECT_DOUBLE_EQ(parse<Bandwidth>("400 Gbit/s").value(), 50e9);
  EXPECT_EQ(parse<Duration>("1.5 h"), Duration::minutes(90));
  EXPECT_EQ(parse<Duration>("1 year"), Duration::days(365));
  EXPECT_DOUBLE_EQ(parse<PowerPerKelvin>("2.5 MW/K").value(), 2.5e6);
}

TEST(Units, RefusesTheWrongDimension) {
  try {
    (void)parse<Power>("35 days");
    FAIL() << "a duration was accepted as a power";
  } catch (const UnitParseError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("expected a power"), std::string::npos) << m;
    EXPECT_NE(m.find("which is a duration"), std::string::npos) << m;
  }
  EXPECT_THROW((void)parse<Temperature>("32 MW"), UnitParseError);
  EXPECT_THROW((void)parse<Money>("5 kWh"), UnitParseError);
}

TEST(Units, RefusesMissingUnknownAndMalformed) {
  EXPECT_THROW((void)parse<Power>("1000"), UnitParseError);   // missing unit
  EXPECT_THROW((void)parse<Power>("1 GWW"), UnitParseError);  // unknown unit
  EXPECT_THROW((void)parse<Power>("hot"), UnitParseError);    // no number
  EXPECT_THROW((void)parse<Power>(""), UnitParseError);
  EXPECT_THROW((void)parse<Power>("1 mw"), UnitParseError);  // case matters: milli-watt is not MW
  EXPECT_THROW((void)parse<Power>("nan W"), UnitParseError);
  try {
    (void)parse<Power>("1000");
  } catch (const UnitParseError& e) {
    EXPECT_NE(std::string(e.what()).find("missing unit"), std::string::npos);
  }
}

TEST(Units, ParsesCapitalWaterAndEmbodiedRates) {
  EXPECT_DOUBLE_EQ(parse<MoneyPerPower>("8 MEUR/MW").value(), 8.0);  // EUR per W
  EXPECT_DOUBLE_EQ(parse<MoneyPerPower>("30 EUR/kW").value(), 0.03);
  EXPECT_DOUBLE_EQ(parse<MoneyPerPower>("500 kEUR/MW").value(), 0.5);
  EXPECT_DOUBLE_EQ(parse<MoneyPerVolume>("3.5 EUR/m3").value(), 3.5);
  EXPECT_DOUBLE_EQ(parse<CarbonPerPower>("600 t/MW").value(), 0.6);  // kg per W
  EXPECT_DOUBLE_EQ(parse<CarbonPerPower>("600 kg/kW").value(), 0.6);
  EXPECT_DOUBLE_EQ((megawatts(2) * euros_per_mw(1e6)).value(), 2e6);
}

TEST(Units, NamesAForeignCurrency) {
  for (const char* text : {"42 USD/MWh", "3 M$/MW", "100 kGBP", "5 CHF/m3"}) {
    try {
      if (std::string(text).find("/MWh") != std::string::npos) {
        (void)parse<EnergyPrice>(text);
      } else if (std::string(text).find("/MW") != std::string::npos) {
        (void)parse<MoneyPerPower>(text);
      } else if (std::string(text).find("/m3") != std::string::npos) {
        (void)parse<MoneyPerVolume>(text);
      } else {
        (void)parse<Money>(text);
      }
      ADD_FAILURE() << text << " was accepted";
    } catch (const UnitParseError& e) {
      EXPECT_NE(std::string(e.what()).find("unknown currency"), std::string::npos) << e.what();
    }
  }
  // Outside money a three-letter unit is just unknown, not a currency.
  try {
    (void)parse<Power>("5 KWH");
    ADD_FAILURE();
  } catch (const UnitParseError& e) {
    EXPECT_EQ(std::string(e.what()).find("currency"), std::string::npos) << e.what();
  }
}

TEST(Units, ParsesFractionsAndNumbers) {
  EXPECT_DOUBLE_EQ(parse_fraction("85 %"), 0.85);
  EXPECT_DOUBLE_EQ(parse_fraction("0.85"), 0.85);
  EXPECT_DOUBLE_EQ(parse_number("-3.5"), -3.5);
  EXPECT_THROW((void)parse_fraction("85 MW"), UnitParseError);
  EXPECT_THROW((void)parse_number("3 W"), UnitParseError);
}

TEST(Quantity, ArithmeticAndProducts) {
  const Power p = megawatts(2.0);
  const Energy e = p * Duration::hours(3);
  EXPECT_DOUBLE_EQ(in_megawatt_hours(e), 6.0);
  EXPECT_DOUBLE_EQ((e / Duration::hours(2)).value(), 3e6);
  EXPECT_NEAR(in_tonnes(e * grams_per_kwh(100.0)), 0.6, 1e-12);
  EXPECT_NEAR((e * euros_per_mwh(50.0)).value(), 300.0, 1e-9);
  EXPECT_DOUBLE_EQ(p / megawatts(4.0), 0.5);
  const Temperature t = Temperature::celsius(30) + kelvins(5);
  EXPECT_DOUBLE_EQ((t - Temperature::celsius(20)).value(), 15.0);
}

TEST(Time, IntegerMillisecondsAreExact) {
  Duration sum;
  for (int i = 0; i < 3600; ++i) sum += Duration::seconds(1);
  EXPECT_EQ(sum, Duration::hours(1));
  EXPECT_EQ((Time::start() + Duration::days(365)).ms(), 31'536'000'000LL);
  EXPECT_DOUBLE_EQ(Duration::minutes(90).in_hours(), 1.5);
}

}  // namespace
}  // namespace gigasim::core
