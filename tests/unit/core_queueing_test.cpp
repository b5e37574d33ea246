// Waiting for a server under Poisson arrivals (core/queueing.hpp) against Erlang's formulas
// and values worked by hand from them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "gigasim/core/queueing.hpp"

namespace gigasim::core {
namespace {

// Erlang's C formula, the reference the chain is checked against: the probability that an
// arrival waits with `servers` servers and `offered` Erlangs of load, from Erlang's B by its
// recurrence B(k) = a B(k−1) / (k + a B(k−1)), B(0) = 1, then C = c B / (c − a (1 − B)).
double erlang_c(int servers, double offered) {
  if (offered <= 0) return 0.0;
  const double c = servers;
  if (offered >= c) return 1.0;
  double b = 1.0;
  for (int k = 1; k <= servers; ++k) b = offered * b / (static_cast<double>(k) + offered * b);
  return c * b / (c - offered * (1.0 - b));
}

// The departure rates of an M/M/c queue: k busy servers finish k μ customers a unit of time.
std::vector<double> mmc_rates(int servers, double mu) {
  std::vector<double> rates;
  for (int k = 1; k <= servers; ++k) rates.push_back(k * mu);
  return rates;
}

// The queue of all of `rates`' servers at `arrivals`.
BirthDeathQueue birth_death_queue(double arrivals, const std::vector<double>& rates) {
  return BirthDeathChain(rates).at(arrivals, rates.size());
}

// The stationary queue summed state by state, every state visited (π_k ∝ Π λ / μ_i, the
// states past c a geometric series), in long double: the reference for chains whose rates
// have no closed form.
BirthDeathQueue summed_state_by_state(double arrivals, const std::vector<double>& rates) {
  const std::size_t c = rates.size();
  long double weight = 1, total = 0, busy = 0;
  for (std::size_t k = 0; k < c; ++k) {
    if (k > 0) weight *= arrivals / rates[k - 1];
    total += weight;
    busy += static_cast<long double>(k) * weight;
  }
  weight *= arrivals / rates[c - 1];
  const long double waiting = weight / (1 - arrivals / rates[c - 1]);
  total += waiting;
  busy += static_cast<long double>(c) * waiting;
  BirthDeathQueue q;
  q.waits = static_cast<double>(waiting / total);
  q.busy = static_cast<double>(busy / total);
  q.tail_rate = rates[c - 1] - arrivals;
  return q;
}

TEST(Queueing, ErlangCMatchesTheClosedFormForFewServers) {
  // One server: an arrival waits when it is busy, with probability ρ.
  EXPECT_NEAR(erlang_c(1, 0.5), 0.5, 1e-12);
  // Two servers, one Erlang: B = (1/2) / (1 + 1 + 1/2) = 0.2, C = 2·0.2 / (2 − 0.8) = 1/3.
  EXPECT_NEAR(erlang_c(2, 1.0), 1.0 / 3.0, 1e-12);
  // Ten servers at 80 %: B(10, 8) = 0.12166, C = 10 B / (10 − 8 (1 − B)) = 0.40918.
  EXPECT_NEAR(erlang_c(10, 8.0), 0.40918, 1e-4);
  EXPECT_EQ(erlang_c(4, 0.0), 0.0);
  EXPECT_EQ(erlang_c(4, 4.0), 1.0);  // saturated: every arrival waits
}

TEST(Queueing, ABirthDeathQueueWithLinearRatesIsTheMmcQueue) {
  for (const auto& [c, a] :
       {std::pair{1, 0.5}, std::pair{2, 1.0}, std::pair{10, 8.0}, std::pair{200, 180.0}}) {
    const BirthDeathQueue q = birth_death_queue(a, mmc_rates(c, 1.0));
    EXPECT_NEAR(q.waits, erlang_c(c, a), 1e-9) << c;
    EXPECT_NEAR(q.busy, a, 1e-9 * c) << c;  // each customer keeps a server busy 1/μ
    EXPECT_NEAR(q.tail_rate, c - a, 1e-12) << c;
  }
}

TEST(Queueing, ManyServersWaitLessAtTheSameUtilisation) {
  // At 80 % busy, 1,000 servers almost never make an arrival wait; 10 often do.
  EXPECT_LT(birth_death_queue(800.0, mmc_rates(1000, 1.0)).waits, 1e-6);
  // Thousands of servers near saturation: no overflow, a probability.
  const BirthDeathQueue q = birth_death_queue(19900.0, mmc_rates(20000, 1.0));
  EXPECT_GT(q.waits, 0.0);
  EXPECT_LT(q.waits, 1.0);
}

TEST(Queueing, WaitQuantiles) {
  // M/M/1 at ρ = 0.5, mean service 1: P(W > t) = 0.5 e^{−0.5 t}, so the 99th percentile is
  // ln(50) / 0.5.
  const BirthDeathQueue one = birth_death_queue(0.5, mmc_rates(1, 1.0));
  EXPECT_NEAR(wait_quantile(one, 0.99), std::log(50.0) / 0.5, 1e-9);
  EXPECT_EQ(wait_quantile(one, 0.5), 0.0);  // half of the arrivals never wait
  // M/M/2 at one Erlang: C = 1/3, P(W > t) = e^{−t} / 3, the 99th percentile ln(100/3).
  EXPECT_NEAR(wait_quantile(birth_death_queue(1.0, mmc_rates(2, 1.0)), 0.99), std::log(100.0 / 3.0),
              1e-9);
  // At or beyond the servers' rate the queue grows without bound.
  EXPECT_TRUE(std::isinf(wait_quantile(birth_death_queue(1.0, mmc_rates(1, 1.0)), 0.99)));
  EXPECT_EQ(wait_quantile(birth_death_queue(0.0, mmc_rates(1, 1.0)), 0.99), 0.0);
}

TEST(Queueing, AChainServesEveryServerCountUpToItsOwn) {
  // The first 2 servers of a 10-server M/M/c chain are the M/M/2 queue.
  const BirthDeathChain chain(mmc_rates(10, 1.0));
  EXPECT_NEAR(chain.at(1.0, 2).waits, erlang_c(2, 1.0), 1e-12);
  EXPECT_DOUBLE_EQ(chain.capacity(2), 2.0);
  EXPECT_NEAR(chain.at(8.0, 10).waits, erlang_c(10, 8.0), 1e-12);
}

TEST(Queueing, ServersThatSlowDownWhenBusyMakeArrivalsWaitLonger) {
  // Each server works at 1 alone but at 0.8 when all four are busy (a batch iterates more
  // slowly as it fills): at the same arrivals, more wait, and for longer.
  const std::vector<double> slowing = {1.0, 1.9, 2.7, 3.2};
  const BirthDeathQueue fixed = birth_death_queue(2.5, mmc_rates(4, 0.8));
  const BirthDeathQueue faster_when_empty = birth_death_queue(2.5, slowing);
  EXPECT_NEAR(faster_when_empty.tail_rate, fixed.tail_rate, 1e-12);  // same full-batch rate
  EXPECT_LT(faster_when_empty.waits, fixed.waits);                   // but it empties faster
  const BirthDeathQueue plain = birth_death_queue(2.5, mmc_rates(4, 1.0));
  EXPECT_GT(wait_quantile(faster_when_empty, 0.99), wait_quantile(plain, 0.99));
}

TEST(Queueing, RisingAndIrregularRatesGiveTheQueueSummedStateByState) {
  // Rates that rise ever more slowly with the busy servers (a batch's departures, whose
  // iteration lengthens as it fills) are solved from the distribution's mode outwards;
  // rates that dip are solved over every state. Both match the sum over all states, at
  // light, middling and heavy loads.
  std::vector<double> rising, dipping;
  for (int k = 1; k <= 300; ++k) {
    rising.push_back(k / (1.0 + 0.004 * k));
    dipping.push_back(k == 150 ? 100.0 : k / (1.0 + 0.004 * k));
  }
  // Two humps parted by a valley far below e^−40 (one slot that frees almost at once): a
  // walk from the first mode would stop in the valley and miss the second, larger one.
  std::vector<double> two_humps;
  for (int k = 1; k <= 50; ++k) two_humps.push_back(k);
  two_humps.push_back(1e30);
  for (int k = 52; k < 100; ++k) two_humps.push_back(1.0);
  two_humps.push_back(100.0);
  const BirthDeathQueue humps = birth_death_queue(50.0, two_humps);
  const BirthDeathQueue humps_summed = summed_state_by_state(50.0, two_humps);
  EXPECT_NEAR(humps.busy, humps_summed.busy, 1e-9 * humps_summed.busy);
  EXPECT_GT(humps.busy, 90.0);  // the second hump holds the queue
  EXPECT_NEAR(humps.waits, humps_summed.waits, 1e-9 * humps_summed.waits);
  for (const std::vector<double>* rates : {&rising, &dipping}) {
    for (double load : {0.2, 0.7, 0.98}) {
      const double arrivals = load * rates->back();
      const BirthDeathQueue got = birth_death_queue(arrivals, *rates);
      const BirthDeathQueue want = summed_state_by_state(arrivals, *rates);
      EXPECT_NEAR(got.waits, want.waits, 1e-9 * std::max(1e-300, want.waits)) << load;
      EXPECT_NEAR(got.busy, want.busy, 1e-9 * want.busy) << load;
      EXPECT_DOUBLE_EQ(got.tail_rate, want.tail_rate) << load;
    }
  }
}

TEST(Queueing, TheWaitsOfTwoQueuesInTurnAddAsIndependentTimes) {
  // Two M/M/1 queues at the same load: an arrival waits in each with probability ρ = 0.5,
  // then an exponential time at rate μ − λ = 1 (as `at` gives them).
  const BirthDeathQueue one = birth_death_queue(1.0, mmc_rates(1, 2.0));
  ASSERT_NEAR(one.waits, 0.5, 1e-12);
  ASSERT_NEAR(one.tail_rate, 1.0, 1e-12);
  // P(W₁ + W₂ > t) = 2 · 0.25 e^{−t} + 0.25 (1 + t) e^{−t}: 1 % at the 99th percentile.
  const double t = wait_quantile(one, one, 0.99);
  EXPECT_NEAR(0.5 * std::exp(-t) + 0.25 * (1.0 + t) * std::exp(-t), 0.01, 1e-8);
  // More than either wait alone, less than their quantiles added.
  EXPECT_GT(t, wait_quantile(one, 0.99));
  EXPECT_LT(t, 2.0 * wait_quantile(one, 0.99));
  // Different rates: the hypoexponential tail (s e^{−r t} − r e^{−s t}) / (s − r).
  const BirthDeathQueue slow = birth_death_queue(1.0, mmc_rates(1, 1.5));  // ρ = 2/3, rate 0.5
  const double u = wait_quantile(one, slow, 0.99);
  const double both = (0.5 * std::exp(-u) - std::exp(-0.5 * u)) / (0.5 - 1.0);
  EXPECT_NEAR(
      0.5 / 3.0 * std::exp(-u) + 0.5 * 2.0 / 3.0 * std::exp(-0.5 * u) + 0.5 * 2.0 / 3.0 * both,
      0.01, 1e-8);
  // A queue nobody waits in adds nothing; an unstable one makes the wait unbounded.
  // Rates a hair apart give the equal rates' quantile (no cancellation between the two).
  BirthDeathQueue near = one;
  near.tail_rate = 1.0 + 1e-7;
  EXPECT_NEAR(wait_quantile(one, near, 0.99), t, 1e-6 * t);
  const BirthDeathQueue idle = birth_death_queue(0.0, mmc_rates(1, 2.0));
  EXPECT_DOUBLE_EQ(wait_quantile(one, idle, 0.99), wait_quantile(one, 0.99));
  EXPECT_DOUBLE_EQ(wait_quantile(idle, one, 0.99), wait_quantile(one, 0.99));
  EXPECT_TRUE(std::isinf(wait_quantile(one, birth_death_queue(3.0, mmc_rates(1, 2.0)), 0.99)));
  // Both rarely wait: fewer than 1 % of arrivals wait at all.
  const BirthDeathQueue light = birth_death_queue(0.004, mmc_rates(1, 1.0));
  EXPECT_EQ(wait_quantile(light, light, 0.99), 0.0);
}

}  // namespace
}  // namespace gigasim::core
