#include "gigasim/core/queueing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gigasim::core {

BirthDeathChain::BirthDeathChain(std::span<const double> rates)
    : rates_(rates.begin(), rates.end()), log_product_(rates.size() + 1, 0.0) {
  for (std::size_t k = 1; k <= rates_.size(); ++k) {
    log_product_[k] = log_product_[k - 1] + std::log(rates_[k - 1]);
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
  double top = 0;
  for (std::size_t k = 1; k <= c; ++k) top = std::max(top, log_weight(k));
  // States below e^−40 of the most likely add nothing a double holds to the sums: their
  // exponentials are skipped (with thousands of servers, most of them).
  double total = 0, busy = 0;
  for (std::size_t k = 0; k < c; ++k) {
    const double x = log_weight(k) - top;
    if (x < -40.0) continue;
    const double w = std::exp(x);
    total += w;
    busy += static_cast<double>(k) * w;
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

}  // namespace gigasim::core
