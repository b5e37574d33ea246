#include "gigasim/cli/console_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace gigasim::cli {

std::string thousands(std::int64_t n) {
  const std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string digits3(double value) {
  if (!std::isfinite(value)) return "n/a";
  if (value == 0) return "0";
  int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value))));
  // 9.9996 shows as 10.0, with one decimal fewer.
  if (std::fabs(value) >= 0.9995 * std::pow(10.0, magnitude + 1)) ++magnitude;
  if (magnitude >= 4) {  // 15,107 → 15,100: the digits past the third are noise to a reader
    const double unit = std::pow(10.0, magnitude - 2);
    return thousands(std::llround(std::round(value / unit) * unit));
  }
  return fmt::format("{:.{}f}", value, std::max(0, 2 - magnitude));
}

namespace {

/// The value scaled by the largest power of 1000 (at most `steps`) that leaves it ≥ 1, and
/// that power's index.
std::pair<double, std::size_t> scaled(double value, std::size_t steps) {
  std::size_t k = 0;
  double v = value;
  while (k < steps && std::fabs(v) >= 999.5) {
    v /= 1000;
    ++k;
  }
  return {v, k};
}

}  // namespace

std::string si(double value, std::string_view unit) {
  static constexpr std::array<const char*, 9> kPrefixes{"", "k", "M", "G", "T", "P", "E", "Z", "Y"};
  if (!std::isfinite(value)) return fmt::format("n/a {}", unit);
  const auto [v, k] = scaled(value, kPrefixes.size() - 1);
  return fmt::format("{} {}{}", digits3(v), kPrefixes[k], unit);
}

std::string count(double value, std::string_view things) {
  static constexpr std::array<const char*, 6> kWords{"",         " thousand", " million",
                                                     " billion", " trillion", " quadrillion"};
  if (!std::isfinite(value)) return fmt::format("n/a {}", things);
  const auto [v, k] = scaled(value, kWords.size() - 1);
  // A whole count below a thousand is written whole.
  const std::string number =
      k == 0 && value == std::round(value) ? thousands(std::llround(value)) : digits3(v);
  return fmt::format("{}{} {}", number, kWords[k], things);
}

}  // namespace gigasim::cli
