// The console's figures (cli/console_format.hpp): three significant digits, SI prefixes on
// symbols, number words on counts, and never a bare exponent.
#include <gtest/gtest.h>

#include <limits>

#include "gigasim/cli/console_format.hpp"

namespace gigasim::cli {
namespace {

TEST(ConsoleFormat, ThreeSignificantDigits) {
  EXPECT_EQ(digits3(1.1346), "1.13");
  EXPECT_EQ(digits3(0.02), "0.0200");
  EXPECT_EQ(digits3(0.241), "0.241");
  EXPECT_EQ(digits3(42.0), "42.0");
  EXPECT_EQ(digits3(9.9996), "10.0");
  EXPECT_EQ(digits3(999.6), "1000");
  EXPECT_EQ(digits3(15'123.4), "15,100");
  EXPECT_EQ(digits3(-2.5), "-2.50");
  EXPECT_EQ(digits3(0), "0");
  EXPECT_EQ(digits3(std::numeric_limits<double>::quiet_NaN()), "n/a");
}

TEST(ConsoleFormat, PrefixesOnUnitSymbols) {
  EXPECT_EQ(si(3.31e10, "EUR"), "33.1 GEUR");
  EXPECT_EQ(si(0.241, "EUR"), "0.241 EUR");
  EXPECT_EQ(si(411e9, "Wh"), "411 GWh");
  EXPECT_EQ(si(999.6e6, "W"), "1.00 GW");
  EXPECT_EQ(si(117'839.2, "t"), "118 kt");
  EXPECT_EQ(si(-4.2e6, "EUR"), "-4.20 MEUR");
  // Beyond yotta the figure grows instead of using prefixes few readers know.
  EXPECT_EQ(si(1.51e28, "FLOP"), "15,100 YFLOP");
}

TEST(ConsoleFormat, NumberWordsOnCounts) {
  EXPECT_EQ(count(1.51e6, "GPU-hours"), "1.51 million GPU-hours");
  EXPECT_EQ(count(3.3e13, "tokens"), "33.0 trillion tokens");
  EXPECT_EQ(count(512, "jobs"), "512 jobs");
  EXPECT_EQ(count(12.5, "GPU-hours"), "12.5 GPU-hours");
  EXPECT_EQ(count(0, "tokens"), "0 tokens");
  EXPECT_EQ(count(398'384, "jobs"), "398 thousand jobs");
}

TEST(ConsoleFormat, ThousandsSeparators) {
  EXPECT_EQ(thousands(153'648), "153,648");
  EXPECT_EQ(thousands(-1'000), "-1,000");
  EXPECT_EQ(thousands(999), "999");
}

}  // namespace
}  // namespace gigasim::cli
