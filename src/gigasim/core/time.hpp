// Simulated time: an integer count of milliseconds, never a double, so that event order and
// sums of intervals are exact and runs are bit-for-bit reproducible.
#pragma once

#include <compare>
#include <cstdint>

namespace gigasim::core {

/// A span of simulated time in whole milliseconds.
class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration milliseconds(std::int64_t ms) { return Duration(ms); }
  static constexpr Duration seconds(std::int64_t s) { return Duration(s * 1000); }
  static constexpr Duration minutes(std::int64_t m) { return Duration(m * 60'000); }
  static constexpr Duration hours(std::int64_t h) { return Duration(h * 3'600'000); }
  static constexpr Duration days(std::int64_t d) { return Duration(d * 86'400'000); }

  [[nodiscard]] constexpr std::int64_t ms() const { return ms_; }
  [[nodiscard]] constexpr double in_seconds() const { return static_cast<double>(ms_) / 1e3; }
  [[nodiscard]] constexpr double in_hours() const { return static_cast<double>(ms_) / 3.6e6; }
  [[nodiscard]] constexpr double in_days() const { return static_cast<double>(ms_) / 8.64e7; }

  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return Duration(ms_ + o.ms_); }
  constexpr Duration operator-(Duration o) const { return Duration(ms_ - o.ms_); }
  constexpr Duration operator*(std::int64_t k) const { return Duration(ms_ * k); }
  constexpr std::int64_t operator/(Duration o) const { return ms_ / o.ms_; }
  constexpr Duration& operator+=(Duration o) {
    ms_ += o.ms_;
    return *this;
  }

 private:
  constexpr explicit Duration(std::int64_t ms) : ms_(ms) {}
  std::int64_t ms_ = 0;
};

/// A point of simulated time: milliseconds since the start of the horizon.
class Time {
 public:
  constexpr Time() = default;
  static constexpr Time from_ms(std::int64_t ms) { return Time(ms); }
  static constexpr Time start() { return Time(0); }

  [[nodiscard]] constexpr std::int64_t ms() const { return ms_; }
  [[nodiscard]] constexpr double in_hours() const { return static_cast<double>(ms_) / 3.6e6; }
  [[nodiscard]] constexpr double in_seconds() const { return static_cast<double>(ms_) / 1e3; }

  constexpr auto operator<=>(const Time&) const = default;
  constexpr Time operator+(Duration d) const { return Time(ms_ + d.ms()); }
  constexpr Duration operator-(Time o) const { return Duration::milliseconds(ms_ - o.ms_); }

 private:
  constexpr explicit Time(std::int64_t ms) : ms_(ms) {}
  std::int64_t ms_ = 0;
};

}  // namespace gigasim::core
