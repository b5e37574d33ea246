#include "gigasim/core/units.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

namespace gigasim::core {
namespace {

struct Unit {
  std::string_view symbol;
  Dimension dimension;
  double scale;   // base value = number * scale + offset
  double offset;  // only temperatures have one
};

constexpr double kWh = 3.6e6;  // J
constexpr double kDay = 86'400'000.0;

// Symbols are matched exactly (case-sensitive: "MW" is not "mW").
constexpr std::array kUnits = {
    Unit{"W", Dimension::power, 1.0, 0},
    Unit{"kW", Dimension::power, 1e3, 0},
    Unit{"MW", Dimension::power, 1e6, 0},
    Unit{"GW", Dimension::power, 1e9, 0},
    Unit{"TW", Dimension::power, 1e12, 0},
    Unit{"J", Dimension::energy, 1.0, 0},
    Unit{"kJ", Dimension::energy, 1e3, 0},
    Unit{"MJ", Dimension::energy, 1e6, 0},
    Unit{"GJ", Dimension::energy, 1e9, 0},
    Unit{"TJ", Dimension::energy, 1e12, 0},
    Unit{"Wh", Dimension::energy, 3600.0, 0},
    Unit{"kWh", Dimension::energy, kWh, 0},
    Unit{"MWh", Dimension::energy, kWh * 1e3, 0},
    Unit{"GWh", Dimension::energy, kWh * 1e6, 0},
    Unit{"TWh", Dimension::energy, kWh * 1e9, 0},
    Unit{"ms", Dimension::duration, 1.0, 0},
    Unit{"s", Dimension::duration, 1e3, 0},
    Unit{"min", Dimension::duration, 6e4, 0},
    Unit{"h", Dimension::duration, 3.6e6, 0},
    Unit{"hour", Dimension::duration, 3.6e6, 0},
    Unit{"hours", Dimension::duration, 3.6e6, 0},
    Unit{"d", Dimension::duration, kDay, 0},
    Unit{"day", Dimension::duration, kDay, 0},
    Unit{"days", Dimension::duration, kDay, 0},
    Unit{"week", Dimension::duration, 7 * kDay, 0},
    Unit{"weeks", Dimension::duration, 7 * kDay, 0},
    Unit{"year", Dimension::duration, 365 * kDay, 0},  // a calendar year of 365 days
    Unit{"years", Dimension::duration, 365 * kDay, 0},
    Unit{"C", Dimension::temperature, 1.0, 0},
    Unit{"°C", Dimension::temperature, 1.0, 0},
    Unit{"degC", Dimension::temperature, 1.0, 0},
    Unit{"K", Dimension::temperature, 1.0, -273.15},
    Unit{"F", Dimension::temperature, 5.0 / 9.0, -32.0 * 5.0 / 9.0},
    Unit{"°F", Dimension::temperature, 5.0 / 9.0, -32.0 * 5.0 / 9.0},
    Unit{"K", Dimension::temperature_delta, 1.0, 0},
    Unit{"EUR", Dimension::money, 1.0, 0},
    Unit{"€", Dimension::money, 1.0, 0},
    Unit{"kEUR", Dimension::money, 1e3, 0},
    Unit{"MEUR", Dimension::money, 1e6, 0},
    Unit{"GEUR", Dimension::money, 1e9, 0},
    Unit{"g", Dimension::carbon_mass, 1e-3, 0},
    Unit{"kg", Dimension::carbon_mass, 1.0, 0},
    Unit{"t", Dimension::carbon_mass, 1e3, 0},
    Unit{"kt", Dimension::carbon_mass, 1e6, 0},
    Unit{"Mt", Dimension::carbon_mass, 1e9, 0},
    Unit{"tCO2", Dimension::carbon_mass, 1e3, 0},
    Unit{"tCO2e", Dimension::carbon_mass, 1e3, 0},
    Unit{"L", Dimension::water_volume, 1e-3, 0},
    Unit{"l", Dimension::water_volume, 1e-3, 0},
    Unit{"m3", Dimension::water_volume, 1.0, 0},
    Unit{"m³", Dimension::water_volume, 1.0, 0},
    Unit{"ML", Dimension::water_volume, 1e3, 0},
    Unit{"g/kWh", Dimension::carbon_intensity, 1e-3 / kWh, 0},
    Unit{"gCO2/kWh", Dimension::carbon_intensity, 1e-3 / kWh, 0},
    Unit{"gCO2e/kWh", Dimension::carbon_intensity, 1e-3 / kWh, 0},
    Unit{"kg/kWh", Dimension::carbon_intensity, 1.0 / kWh, 0},
    Unit{"kg/MWh", Dimension::carbon_intensity, 1.0 / (kWh * 1e3), 0},
    Unit{"t/MWh", Dimension::carbon_intensity, 1e3 / (kWh * 1e3), 0},
    Unit{"EUR/MWh", Dimension::energy_price, 1.0 / (kWh * 1e3), 0},
    Unit{"€/MWh", Dimension::energy_price, 1.0 / (kWh * 1e3), 0},
    Unit{"EUR/kWh", Dimension::energy_price, 1.0 / kWh, 0},
    Unit{"€/kWh", Dimension::energy_price, 1.0 / kWh, 0},
    Unit{"FLOP/s", Dimension::compute_rate, 1.0, 0},
    Unit{"GFLOP/s", Dimension::compute_rate, 1e9, 0},
    Unit{"TFLOP/s", Dimension::compute_rate, 1e12, 0},
    Unit{"PFLOP/s", Dimension::compute_rate, 1e15, 0},
    Unit{"EFLOP/s", Dimension::compute_rate, 1e18, 0},
    Unit{"B", Dimension::data_size, 1.0, 0},
    Unit{"kB", Dimension::data_size, 1e3, 0},
    Unit{"MB", Dimension::data_size, 1e6, 0},
    Unit{"GB", Dimension::data_size, 1e9, 0},
    Unit{"TB", Dimension::data_size, 1e12, 0},
    Unit{"PB", Dimension::data_size, 1e15, 0},
    Unit{"KiB", Dimension::data_size, 1024.0, 0},
    Unit{"MiB", Dimension::data_size, 1048576.0, 0},
    Unit{"GiB", Dimension::data_size, 1073741824.0, 0},
    Unit{"TiB", Dimension::data_size, 1099511627776.0, 0},
    Unit{"B/s", Dimension::bandwidth, 1.0, 0},
    Unit{"MB/s", Dimension::bandwidth, 1e6, 0},
    Unit{"GB/s", Dimension::bandwidth, 1e9, 0},
    Unit{"TB/s", Dimension::bandwidth, 1e12, 0},
    Unit{"bit/s", Dimension::bandwidth, 1.0 / 8, 0},
    Unit{"Mbit/s", Dimension::bandwidth, 1e6 / 8, 0},
    Unit{"Gbit/s", Dimension::bandwidth, 1e9 / 8, 0},
    Unit{"Tbit/s", Dimension::bandwidth, 1e12 / 8, 0},
    Unit{"m", Dimension::length, 1.0, 0},
    Unit{"km", Dimension::length, 1e3, 0},
    Unit{"W/K", Dimension::power_per_kelvin, 1.0, 0},
    Unit{"kW/K", Dimension::power_per_kelvin, 1e3, 0},
    Unit{"MW/K", Dimension::power_per_kelvin, 1e6, 0},
    Unit{"ns", Dimension::latency, 1e-9, 0},
    Unit{"us", Dimension::latency, 1e-6, 0},
    Unit{"µs", Dimension::latency, 1e-6, 0},
    Unit{"ms", Dimension::latency, 1e-3, 0},
    Unit{"s", Dimension::latency, 1.0, 0},
    Unit{"EUR/W", Dimension::money_per_power, 1.0, 0},
    Unit{"EUR/kW", Dimension::money_per_power, 1e-3, 0},
    Unit{"EUR/MW", Dimension::money_per_power, 1e-6, 0},
    Unit{"kEUR/MW", Dimension::money_per_power, 1e-3, 0},
    Unit{"MEUR/MW", Dimension::money_per_power, 1.0, 0},
    Unit{"EUR/m3", Dimension::money_per_volume, 1.0, 0},
    Unit{"EUR/m³", Dimension::money_per_volume, 1.0, 0},
    Unit{"kg/kW", Dimension::carbon_per_power, 1e-3, 0},
    Unit{"t/MW", Dimension::carbon_per_power, 1e-3, 0},
    Unit{"kt/GW", Dimension::carbon_per_power, 1e-3, 0},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The currency code of a unit such as "USD/MWh", "kUSD" or "£/kWh" that is not the euro;
// empty for any other unit.
std::string_view foreign_currency(std::string_view unit) {
  const std::string_view head = unit.substr(0, unit.find('/'));
  for (const std::string_view symbol : {"$", "£", "¥"}) {
    if (head.ends_with(symbol)) return head;
  }
  std::string_view code = head;
  if (code.size() == 4 && (code[0] == 'k' || code[0] == 'M' || code[0] == 'G'))
    code.remove_prefix(1);
  if (code.size() != 3 || code == "EUR") return {};
  for (char c : code) {
    if (c < 'A' || c > 'Z') return {};
  }
  return head;
}

std::string units_of(Dimension d) {
  std::string out;
  for (const auto& u : kUnits) {
    if (u.dimension != d) continue;
    if (!out.empty()) out += ", ";
    out += u.symbol;
  }
  return out;
}

struct Split {
  double number;
  std::string_view unit;
};

// Splits "1.5 GW" into 1.5 and "GW"; the space is optional ("700W").
Split split_number(std::string_view text, std::string_view original, Dimension expected) {
  const char* first = text.data();
  const char* last = first + text.size();
  if (first != last && *first == '+') ++first;  // from_chars refuses a leading '+'
  double number = 0;
  auto [ptr, ec] = std::from_chars(first, last, number);
  if (ec != std::errc() || !std::isfinite(number)) {
    throw UnitParseError(fmt::format("expected {} like \"{}\", got \"{}\"",
                                     dimension_name(expected), dimension_example(expected),
                                     original));
  }
  return {number, trim(std::string_view(ptr, static_cast<std::size_t>(last - ptr)))};
}

// The magnitudes beyond which no quantity of a dimension describes a real data centre, its
// supply or its hardware, in base units: a finite but absurd value ("1e300 W") would
// otherwise overflow a product or a cast downstream (docs/robustness.md, "Bounds"). Each is
// far above the largest real value: the largest power plant is 22.5 GW (Three Gorges), a
// year is 3.2e10 ms, a spot price has never passed 10,000 EUR/MWh (2.8e-6 EUR/J).
struct Plausible {
  double lowest;
  double highest;
  const char* highest_text;
};

Plausible plausible(Dimension d) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  switch (d) {
    case Dimension::dimensionless:
      return {-1e15, 1e15, "1e15"};
    case Dimension::power:
      return {-1e12, 1e12, "1 TW"};
    case Dimension::energy:
      return {-1e19, 1e19, "2,778 TWh"};
    case Dimension::duration:
      return {-3.2e13, 3.2e13, "1,000 years"};
    case Dimension::temperature:
      // Absolute zero is a law, not a convention; 1,000 °C is far above any coolant.
      return {-273.15, 1000, "1000 °C"};
    case Dimension::temperature_delta:
      return {-1000, 1000, "1000 K"};
    case Dimension::money:
      return {-1e15, 1e15, "1e15 EUR"};
    case Dimension::carbon_mass:
      return {-1e15, 1e15, "1e12 t"};
    case Dimension::water_volume:
      return {-1e13, 1e13, "1e13 m³"};
    case Dimension::carbon_intensity:
      return {-1e-5, 1e-5, "36 kg/kWh"};
    case Dimension::energy_price:
      return {-1e-3, 1e-3, "3.6e6 EUR/MWh"};
    case Dimension::compute_rate:
      return {0, 1e24, "1e24 FLOP/s"};
    case Dimension::data_size:
      return {0, 1e21, "1 ZB"};
    case Dimension::bandwidth:
      return {0, 1e16, "10 PB/s"};
    case Dimension::length:
      return {0, 4e7, "40,000 km"};
    case Dimension::power_per_kelvin:
      return {-1e12, 1e12, "1 TW/K"};
    case Dimension::latency:
      return {0, 3600, "1 hour"};
    case Dimension::money_per_power:
      return {-1e6, 1e6, "1e6 EUR/W"};
    case Dimension::money_per_volume:
      return {-1e9, 1e9, "1e9 EUR/m³"};
    case Dimension::carbon_per_power:
      return {-1e6, 1e6, "1e6 kg/W"};
  }
  return {-kInf, kInf, ""};
}

double plausible_or_throw(double value, Dimension d, std::string_view text) {
  const Plausible p = plausible(d);
  if (d == Dimension::temperature && value < p.lowest) {
    throw UnitParseError(fmt::format("\"{}\" is below absolute zero (-273.15 °C)", text));
  }
  if (!(value >= p.lowest && value <= p.highest)) {
    throw UnitParseError(fmt::format("\"{}\" is beyond any plausible {} (at most {} in size)", text,
                                     dimension_name(d).substr(dimension_name(d).find(' ') + 1),
                                     p.highest_text));
  }
  return value;
}

}  // namespace

std::string_view dimension_name(Dimension d) {
  switch (d) {
    case Dimension::dimensionless:
      return "a number";
    case Dimension::power:
      return "a power";
    case Dimension::energy:
      return "an energy";
    case Dimension::duration:
      return "a duration";
    case Dimension::temperature:
      return "a temperature";
    case Dimension::temperature_delta:
      return "a temperature difference";
    case Dimension::money:
      return "an amount of money";
    case Dimension::carbon_mass:
      return "a carbon mass";
    case Dimension::water_volume:
      return "a water volume";
    case Dimension::carbon_intensity:
      return "a carbon intensity";
    case Dimension::energy_price:
      return "an energy price";
    case Dimension::compute_rate:
      return "a compute rate";
    case Dimension::data_size:
      return "a data size";
    case Dimension::bandwidth:
      return "a bandwidth";
    case Dimension::length:
      return "a length";
    case Dimension::power_per_kelvin:
      return "a power per kelvin";
    case Dimension::latency:
      return "a latency";
    case Dimension::money_per_power:
      return "an amount of money per power";
    case Dimension::money_per_volume:
      return "an amount of money per volume";
    case Dimension::carbon_per_power:
      return "a carbon mass per power";
  }
  return "a quantity";
}

std::string_view dimension_example(Dimension d) {
  switch (d) {
    case Dimension::dimensionless:
      return "0.85";
    case Dimension::power:
      return "1 GW";
    case Dimension::energy:
      return "250 MWh";
    case Dimension::duration:
      return "35 days";
    case Dimension::temperature:
      return "32 C";
    case Dimension::temperature_delta:
      return "5 K";
    case Dimension::money:
      return "10e9 EUR";
    case Dimension::carbon_mass:
      return "12 t";
    case Dimension::water_volume:
      return "1000 m3";
    case Dimension::carbon_intensity:
      return "21.7 g/kWh";
    case Dimension::energy_price:
      return "60 EUR/MWh";
    case Dimension::compute_rate:
      return "989 TFLOP/s";
    case Dimension::data_size:
      return "80 GB";
    case Dimension::bandwidth:
      return "900 GB/s";
    case Dimension::length:
      return "150 m";
    case Dimension::power_per_kelvin:
      return "2.5 MW/K";
    case Dimension::latency:
      return "5 us";
    case Dimension::money_per_power:
      return "8 MEUR/MW";
    case Dimension::money_per_volume:
      return "3.5 EUR/m3";
    case Dimension::carbon_per_power:
      return "500 t/MW";
  }
  return "";
}

double parse_in_base_unit(std::string_view text, Dimension expected) {
  const std::string_view trimmed = trim(text);
  const Split split = split_number(trimmed, text, expected);
  if (split.unit.empty()) {
    if (expected == Dimension::dimensionless)
      return plausible_or_throw(split.number, expected, text);
    throw UnitParseError(fmt::format("missing unit: expected {} like \"{}\", got \"{}\"",
                                     dimension_name(expected), dimension_example(expected), text));
  }
  const Unit* other = nullptr;
  for (const auto& u : kUnits) {
    if (u.symbol != split.unit) continue;
    if (u.dimension == expected)
      return plausible_or_throw(split.number * u.scale + u.offset, expected, text);
    other = &u;
  }
  if (other != nullptr) {
    throw UnitParseError(fmt::format("expected {} like \"{}\", got \"{}\", which is {}",
                                     dimension_name(expected), dimension_example(expected), text,
                                     dimension_name(other->dimension)));
  }
  if (expected == Dimension::dimensionless) {
    throw UnitParseError(fmt::format("expected a plain number, got \"{}\"", text));
  }
  const bool monetary = expected == Dimension::money || expected == Dimension::energy_price ||
                        expected == Dimension::money_per_power ||
                        expected == Dimension::money_per_volume;
  if (const auto currency = foreign_currency(split.unit); monetary && !currency.empty()) {
    throw UnitParseError(fmt::format(
        "unknown currency \"{}\" in \"{}\": gigasim counts money in EUR (convert at a rate "
        "you state beside the figure); expected {} in {}",
        currency, text, dimension_name(expected), units_of(expected)));
  }
  throw UnitParseError(fmt::format("unknown unit \"{}\" in \"{}\": expected {} in {}", split.unit,
                                   text, dimension_name(expected), units_of(expected)));
}

double parse_fraction(std::string_view text) {
  const std::string_view trimmed = trim(text);
  const Split split = split_number(trimmed, text, Dimension::dimensionless);
  if (split.unit.empty()) return plausible_or_throw(split.number, Dimension::dimensionless, text);
  if (split.unit == "%")
    return plausible_or_throw(split.number / 100.0, Dimension::dimensionless, text);
  throw UnitParseError(
      fmt::format("expected a fraction like \"0.85\" or \"85 %\", got \"{}\"", text));
}

double parse_number(std::string_view text) {
  return parse_in_base_unit(text, Dimension::dimensionless);
}

Duration QuantityTraits<Duration>::from_base(double ms) {
  constexpr double kLimit = 9.0e15;  // far beyond any horizon, well inside int64
  if (std::fabs(ms) > kLimit) throw UnitParseError("duration out of range");
  return Duration::milliseconds(std::llround(ms));
}

}  // namespace gigasim::core
