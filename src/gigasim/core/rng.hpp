// Named, independent random streams. A stream's state is derived from (seed, name) only,
// so adding a new consumer never changes the draws of another. Sampling functions are our
// own: the standard library's distributions differ between implementations, which would
// break bit-for-bit reproducibility across compilers.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace gigasim::core {

/// 64-bit FNV-1a hash of a name (stable across platforms).
constexpr std::uint64_t fnv1a64(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// SplitMix64 step (Steele, Lea, Flood 2014): used to expand a seed into generator state.
constexpr std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// One stream: xoshiro256** (Blackman & Vigna 2021, "Scrambled linear pseudorandom number
/// generators", ACM TOMS 47(4)), with sampling functions written out here.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::string_view name);

  std::uint64_t next_u64();
  /// Uniform in [0, 1) with 53 random bits.
  double uniform();
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [0, n), unbiased (Lemire 2019, "Fast random integer generation in an
  /// interval", ACM TOMACS 29(1)). n must be > 0.
  std::uint64_t below(std::uint64_t n);
  /// Standard normal by the Marsaglia polar method (Marsaglia & Bray 1964).
  double normal();
  double normal(double mean, double sd) { return mean + sd * normal(); }
  /// Exponential with the given rate (> 0), by inversion.
  double exponential(double rate);
  /// Weibull with shape k and scale lambda, by inversion: lambda * (-ln U)^(1/k).
  double weibull(double shape, double scale);
  bool bernoulli(double p) { return uniform() < p; }

 private:
  std::array<std::uint64_t, 4> s_{};
  double spare_normal_ = 0.0;
  bool has_spare_ = false;
};

/// Draws an index with probability proportional to `weights[i]` (total = their sum > 0).
std::size_t draw_weighted(const std::vector<double>& weights, double total, RandomStream& rng);

/// The factory of streams for one run: a value, not a global.
class RandomStreams {
 public:
  explicit RandomStreams(std::uint64_t seed) : seed_(seed) {}
  [[nodiscard]] RandomStream stream(std::string_view name) const { return {seed_, name}; }
  [[nodiscard]] std::uint64_t seed() const { return seed_; }

 private:
  std::uint64_t seed_;
};

}  // namespace gigasim::core
