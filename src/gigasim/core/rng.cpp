#include "gigasim/core/rng.hpp"

#include <cmath>

namespace gigasim::core {
namespace {
// __extension__ keeps -Wpedantic quiet about the GCC/Clang 128-bit integer.
__extension__ using Uint128 = unsigned __int128;

constexpr std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}
}  // namespace

RandomStream::RandomStream(std::uint64_t seed, std::string_view name) {
  std::uint64_t x = seed;
  const std::uint64_t mixed_seed = splitmix64(x);
  std::uint64_t state = mixed_seed ^ fnv1a64(name);
  for (auto& word : s_) word = splitmix64(state);
}

std::uint64_t RandomStream::next_u64() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double RandomStream::uniform() {
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

std::uint64_t RandomStream::below(std::uint64_t n) {
  Uint128 m = static_cast<Uint128>(next_u64()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<Uint128>(next_u64()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

double RandomStream::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_normal_;
  }
  double u = 0, v = 0, s = 0;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double factor = std::sqrt(-2.0 * std::log(s) / s);
  spare_normal_ = v * factor;
  has_spare_ = true;
  return u * factor;
}

double RandomStream::exponential(double rate) {
  // 1 - U lies in (0, 1], so the logarithm is finite.
  return -std::log(1.0 - uniform()) / rate;
}

std::size_t draw_weighted(const std::vector<double>& weights, double total, RandomStream& rng) {
  double x = rng.uniform() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.size() - 1;
}

double RandomStream::weibull(double shape, double scale) {
  return scale * std::pow(-std::log(1.0 - uniform()), 1.0 / shape);
}

}  // namespace gigasim::core
