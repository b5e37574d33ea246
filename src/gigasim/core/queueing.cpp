#include "gigasim/core/queueing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gigasim::core {

BirthDeathChain::BirthDeathChain(std::span<const double> rates)
    : rates_(rates.begin(), rates.end()), log_product_(rates.size() + 1, 0.0) {
  for (std::size_t k = 1; k <= rates_.size(); ++k) {
    log_product_[k] = log_product_[k - 1] + std::log(rates_[k - 1]);
    if (k > 1 && rates_[k - 1] < rates_[k - 2]) rising_ = false;
  }
}

BirthDeathQueue BirthDeathChain::at(double arrival_rate, std::size_t servers) const {
  BirthDeathQueue q;
  const std::size_t c = std::min(servers, rates_.size());
  if (c == 0 || arrival_rate <= 0) return q;
  const double full = rates_[c - 1];
  q.tail_rate = full - arrival_rate;
  if (!q.stable()) {
    q.waits = 1.0;
    q.busy = static_cast<double>(c);
    return q;
  }
  // π_k ∝ Π_{i ≤ k} λ / μ_i (balance between neighbouring states), in logarithms so that
  // thousands of servers neither overflow nor underflow; beyond c the states form a
  // geometric series of ratio λ / μ_c, whose sum is π_c / (1 − λ / μ_c).
  const double log_arrivals = std::log(arrival_rate);
  const auto log_weight = [&](std::size_t k) {
    return static_cast<double>(k) * log_arrivals - log_product_[k];
  };
  // States below e^−40 of the most likely add nothing a double holds to the sums: they are
  // skipped (with thousands of servers, most of them). With rising rates the weights climb
  // while λ > μ_k and fall after: the sums start at that mode and stop on either side at the
  // first negligible state, each neighbour's weight the last one's times μ_k / λ going down
  // and λ / μ_{k+1} going up (the balance equations). Otherwise every state is visited.
  const double negligible = std::exp(-40.0);
  double total = 0, busy = 0, top = 0;
  const auto add = [&](std::size_t k, double w) {
    total += w;
    busy += static_cast<double>(k) * w;
  };
  if (rising_) {
    const auto climbing = std::lower_bound(rates_.begin(), rates_.begin() + c, arrival_rate);
    const std::size_t mode = std::min(static_cast<std::size_t>(climbing - rates_.begin()), c - 1);
    top = log_weight(mode);
    const double per_arrival = 1.0 / arrival_rate;
    double w = 1.0;
    for (std::size_t k = mode; w >= negligible; w *= rates_[k - 1] * per_arrival, --k) {
      add(k, w);
      if (k == 0) break;
    }
    w = 1.0;
    for (std::size_t k = mode + 1; k < c; ++k) {
      w *= arrival_rate / rates_[k - 1];
      if (w < negligible) break;
      add(k, w);
    }
  } else {
    for (std::size_t k = 1; k <= c; ++k) top = std::max(top, log_weight(k));
    for (std::size_t k = 0; k < c; ++k) {
      const double x = log_weight(k) - top;
      if (x >= -40.0) add(k, std::exp(x));
    }
  }
  const double waiting = std::exp(log_weight(c) - top) / (1.0 - arrival_rate / full);
  total += waiting;
  busy += static_cast<double>(c) * waiting;
  q.waits = waiting / total;
  q.busy = busy / total;
  return q;
}

double wait_quantile(const BirthDeathQueue& q, double p) {
  if (!q.stable()) return q.waits > 0 ? std::numeric_limits<double>::infinity() : 0.0;
  if (q.waits <= 1.0 - p) return 0.0;
  return std::log(q.waits / (1.0 - p)) / q.tail_rate;
}

namespace {

// P(W₁ + W₂ > t) for independent waits with P(Wᵢ > t) = aᵢ e^(−rᵢ t): one waits and not the
// other, or both, whose exponential times sum to a hypoexponential time (Ross, "Introduction
// to Probability Models", §5.2.4), Erlang's of two stages when the rates are equal.
double sum_exceeds(const BirthDeathQueue& x, const BirthDeathQueue& y, double t) {
  const double a = x.waits, b = y.waits, r = x.tail_rate, s = y.tail_rate;
  // (s e^(−rt) − r e^(−st)) / (s − r), written so that close rates do not cancel.
  const double apart = s - r;
  const double both =
      std::exp(-r * t) * (apart == 0 ? 1.0 + r * t : 1.0 - r * std::expm1(-apart * t) / apart);
  return a * (1.0 - b) * std::exp(-r * t) + b * (1.0 - a) * std::exp(-s * t) + a * b * both;
}

}  // namespace

double wait_quantile(const BirthDeathQueue& first, const BirthDeathQueue& second, double p) {
  if (first.waits <= 0) return wait_quantile(second, p);
  if (second.waits <= 0) return wait_quantile(first, p);
  if (!first.stable() || !second.stable()) {
    return std::numeric_limits<double>::infinity();
  }
  const double tail = 1.0 - p;
  if (sum_exceeds(first, second, 0.0) <= tail) return 0.0;
  // The sum exceeds each wait, and exceeds a + b less often than W₁ > a or W₂ > b (each at
  // half the tail): the quantile lies between the larger single one and the sum of those.
  const double half = 1.0 - tail / 2.0;
  double lo = std::max(wait_quantile(first, p), wait_quantile(second, p));
  double hi = wait_quantile(first, half) + wait_quantile(second, half);
  // The log of the tail is smooth and falls with t: regula falsi with the Illinois
  // modification (Dowell & Jarratt 1971) finds its crossing in a few steps.
  const auto excess = [&](double t) { return std::log(sum_exceeds(first, second, t) / tail); };
  double at_lo = excess(lo), at_hi = excess(hi);  // ≥ 0 at lo, ≤ 0 at hi
  int kept = 0;                                   // the end kept by the last step: −1 lo, +1 hi
  for (int step = 0; step < 200 && hi - lo > 1e-9 * hi; ++step) {
    const double t = at_lo == at_hi ? (lo + hi) / 2 : (lo * at_hi - hi * at_lo) / (at_hi - at_lo);
    const double at_t = excess(t);
    if (at_t > 0) {
      lo = t;
      at_lo = at_t;
      if (kept == +1) at_hi /= 2;
      kept = +1;
    } else {
      hi = t;
      at_hi = at_t;
      if (kept == -1) at_lo /= 2;
      kept = -1;
    }
    if (std::fabs(at_t) < 1e-12) return t;
  }
  return hi;
}

}  // namespace gigasim::core
