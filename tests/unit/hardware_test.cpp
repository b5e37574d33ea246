#include <gtest/gtest.h>

#include "gigasim/hardware/accelerator.hpp"

namespace gigasim::hardware {
namespace {

TEST(System, PowerIsLinearBetweenIdleAndFullLoad) {
  System s;
  s.power_idle = core::kilowatts(2.5);
  s.power_full = core::kilowatts(10.2);
  EXPECT_DOUBLE_EQ(s.power_at(0.0).value(), 2500.0);
  EXPECT_DOUBLE_EQ(s.power_at(1.0).value(), 10200.0);
  EXPECT_DOUBLE_EQ(s.power_at(0.5).value(), 6350.0);
}

}  // namespace
}  // namespace gigasim::hardware
