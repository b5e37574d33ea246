// Parsing of quantities written as text, such as "1 GW", "35 days", "32 C" or
// "21.7 g/kWh". A unit of the wrong dimension is refused with a message that says what was
// expected; the caller (io) adds the YAML path and file location.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "gigasim/core/quantity.hpp"
#include "gigasim/core/time.hpp"

namespace gigasim::core {

enum class Dimension {
  dimensionless,
  power,
  energy,
  duration,
  temperature,
  temperature_delta,
  money,
  carbon_mass,
  water_volume,
  carbon_intensity,
  energy_price,
  compute_rate,
  data_size,
  bandwidth,
  length,
  power_per_kelvin,
  latency,
  money_per_power,
  money_per_volume,
  carbon_per_power,
};

/// "a power", "a duration", ... for messages.
std::string_view dimension_name(Dimension d);
/// A valid example of that dimension, such as "1 GW".
std::string_view dimension_example(Dimension d);

/// The text is not a valid quantity of the expected dimension. The message names no place.
class UnitParseError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Parses `text` as a quantity of dimension `expected` and returns its value in the
/// dimension's base unit (W, J, ms, °C, K, EUR, kg, m³, kg/J, EUR/J, FLOP/s, B, B/s, m).
double parse_in_base_unit(std::string_view text, Dimension expected);

/// A number or a percentage ("0.85" or "85 %"), returned as a fraction.
double parse_fraction(std::string_view text);

/// A plain number with no unit.
double parse_number(std::string_view text);

template <class Q>
struct QuantityTraits;

#define GIGASIM_QUANTITY_TRAITS(Type, Dim)                              \
  template <>                                                           \
  struct QuantityTraits<Type> {                                         \
    static constexpr Dimension dimension = Dimension::Dim;              \
    static constexpr Type from_base(double v) { return Type::base(v); } \
  };
GIGASIM_QUANTITY_TRAITS(Power, power)
GIGASIM_QUANTITY_TRAITS(Energy, energy)
GIGASIM_QUANTITY_TRAITS(TemperatureDelta, temperature_delta)
GIGASIM_QUANTITY_TRAITS(Money, money)
GIGASIM_QUANTITY_TRAITS(CarbonMass, carbon_mass)
GIGASIM_QUANTITY_TRAITS(WaterVolume, water_volume)
GIGASIM_QUANTITY_TRAITS(CarbonIntensity, carbon_intensity)
GIGASIM_QUANTITY_TRAITS(EnergyPrice, energy_price)
GIGASIM_QUANTITY_TRAITS(ComputeRate, compute_rate)
GIGASIM_QUANTITY_TRAITS(DataSize, data_size)
GIGASIM_QUANTITY_TRAITS(Bandwidth, bandwidth)
GIGASIM_QUANTITY_TRAITS(Length, length)
GIGASIM_QUANTITY_TRAITS(PowerPerKelvin, power_per_kelvin)
GIGASIM_QUANTITY_TRAITS(Latency, latency)
GIGASIM_QUANTITY_TRAITS(MoneyPerPower, money_per_power)
GIGASIM_QUANTITY_TRAITS(MoneyPerVolume, money_per_volume)
GIGASIM_QUANTITY_TRAITS(CarbonPerPower, carbon_per_power)
#undef GIGASIM_QUANTITY_TRAITS

template <>
struct QuantityTraits<Temperature> {
  static constexpr Dimension dimension = Dimension::temperature;
  static constexpr Temperature from_base(double c) { return Temperature::celsius(c); }
};

template <>
struct QuantityTraits<Duration> {
  static constexpr Dimension dimension = Dimension::duration;
  static Duration from_base(double ms);
};

/// parse<Power>("1 GW") == megawatts(1000). Throws UnitParseError.
template <class Q>
Q parse(std::string_view text) {
  return QuantityTraits<Q>::from_base(parse_in_base_unit(text, QuantityTraits<Q>::dimension));
}

}  // namespace gigasim::core
