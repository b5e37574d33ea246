#include <gtest/gtest.h>

#include "gigasim/core/event_queue.hpp"

namespace gigasim::core {
namespace {

TEST(EventQueue, PopsByTimeThenBySchedulingOrder) {
  EventQueue<int> q;
  q.schedule(Time::from_ms(30), 1);
  q.schedule(Time::from_ms(10), 2);
  q.schedule(Time::from_ms(30), 3);
  q.schedule(Time::from_ms(10), 4);
  q.schedule(Time::from_ms(20), 5);
  const int expected[] = {2, 4, 5, 1, 3};
  for (int e : expected) EXPECT_EQ(q.pop().payload, e);
  EXPECT_TRUE(q.empty());
}

TEST(EventQueue, ClockAdvancesWithPops) {
  EventQueue<int> q;
  q.schedule(Time::from_ms(5), 0);
  EXPECT_EQ(q.now(), Time::start());
  (void)q.pop();
  EXPECT_EQ(q.now(), Time::from_ms(5));
}

TEST(EventQueue, RefusesThePastAndEmptyPops) {
  EventQueue<int> q;
  q.schedule(Time::from_ms(100), 0);
  (void)q.pop();
  EXPECT_THROW(q.schedule(Time::from_ms(99), 1), InternalError);
  EXPECT_THROW((void)q.pop(), InternalError);
}

TEST(EventQueue, ManySameTimeEventsKeepFifoOrder) {
  EventQueue<int> q;
  for (int i = 0; i < 1000; ++i) q.schedule(Time::from_ms(7), i);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(q.pop().payload, i);
}

}  // namespace
}  // namespace gigasim::core
