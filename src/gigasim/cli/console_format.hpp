// How the console writes figures (docs/outputs.md#command-line): three significant digits,
// SI prefixes on unit symbols (33.1 GEUR, 411 GWh, 15.1 kt), number words on counted things
// (1.51 million GPU-hours), separators in whole numbers (153,648). One way for every line,
// so that a reader compares like with like.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gigasim::cli {

/// 153648 → "153,648".
std::string thousands(std::int64_t n);

/// A figure in a unit symbol that takes SI prefixes, from k to Y: (3.31e10, "EUR") →
/// "33.1 GEUR", (0.241, "EUR") → "0.241 EUR", (1.51e28, "FLOP") → "15,100 YFLOP" (beyond
/// yotta, the figure grows rather than use prefixes few readers know).
std::string si(double value, std::string_view unit);

/// A count of things with the short-scale word for its size: (1.51e6, "GPU-hours") → "1.51
/// million GPU-hours", (3.3e13, "tokens") → "33.0 trillion tokens", (512, "jobs") → "512 jobs".
std::string count(double value, std::string_view things);

/// A figure with three significant digits and no prefix: 1.1346 → "1.13", 0.02 → "0.0200".
std::string digits3(double value);

}  // namespace gigasim::cli
