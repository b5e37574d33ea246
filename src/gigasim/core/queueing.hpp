// Waiting for a server under Poisson arrivals: the birth-death queue whose service rate
// depends on how many servers are busy (Kleinrock, "Queueing Systems, Volume 1", 1975,
// §3.1), Erlang's M/M/c queue (ibid., §3.5) when it grows with them in proportion. The serving
// model's slots are its servers (docs/models/serving.md, "Targets at a percentile").
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace gigasim::core {

/// The stationary state of a birth-death queue under Poisson arrivals (below).
struct BirthDeathQueue {
  double waits = 0;      ///< probability that an arrival finds every server busy
  double tail_rate = 0;  ///< P(W > t) = waits · exp(−tail_rate · t): μ_c − arrivals
  double busy = 0;       ///< mean busy servers
  [[nodiscard]] bool stable() const { return tail_rate > 0; }
};

/// Servers whose departure rate depends on how many are busy: μ_k per unit of time while
/// k are (`rates[k − 1]`), μ_c while customers wait with every one of c busy. With
/// μ_k = k μ it is the M/M/c queue. Built once, solved for many arrival rates and server
/// counts: each in time proportional to the states that weigh (the stationary distribution's
/// width) when the rates rise with k, as a batch's departures do; O(c) otherwise.
class BirthDeathChain {
 public:
  explicit BirthDeathChain(std::span<const double> rates);
  /// The queue of the first `servers` (1..rates.size()) servers at `arrival_rate`.
  [[nodiscard]] BirthDeathQueue at(double arrival_rate, std::size_t servers) const;
  /// μ_c of the first `servers` servers: the arrival rate at which the queue grows without
  /// bound.
  [[nodiscard]] double capacity(std::size_t servers) const { return rates_[servers - 1]; }

 private:
  std::vector<double> rates_;
  std::vector<double> log_product_;  // Σ_{i ≤ k} ln μ_i, k = 0..c
  bool rising_ = true;               // μ_k never falls as k grows: the distribution is unimodal
};

/// The `p`-quantile (0 < p < 1) of the wait before service: 0 when fewer than 1 − p of the
/// arrivals wait; infinite when the queue is not stable.
double wait_quantile(const BirthDeathQueue& q, double p);

/// The `p`-quantile of the sum of the waits in two queues passed one after the other, taken
/// as independent: each wait is 0 with probability 1 − waits and exponential at its
/// tail_rate otherwise, so the sum's tail is a mixture of exponentials and their
/// convolution; infinite when either queue is not stable.
double wait_quantile(const BirthDeathQueue& first, const BirthDeathQueue& second, double p);

}  // namespace gigasim::core
