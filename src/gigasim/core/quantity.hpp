// Strong unit types. Each physical quantity is a distinct type holding its value in one
// SI-style base unit (named in its tag), so that adding a power to an energy, or passing a
// temperature where a price is expected, does not compile. Only the products the models
// need are defined (power × time = energy, energy × intensity = carbon mass, ...).
#pragma once

#include <compare>

#include "gigasim/core/time.hpp"

namespace gigasim::core {

template <class Tag>
class Quantity {
 public:
  constexpr Quantity() = default;
  /// Builds from a value in the tag's base unit (W, J, EUR, ...).
  static constexpr Quantity base(double v) { return Quantity(v); }
  [[nodiscard]] constexpr double value() const { return v_; }

  constexpr auto operator<=>(const Quantity&) const = default;
  constexpr Quantity operator+(Quantity o) const { return Quantity(v_ + o.v_); }
  constexpr Quantity operator-(Quantity o) const { return Quantity(v_ - o.v_); }
  constexpr Quantity operator-() const { return Quantity(-v_); }
  constexpr Quantity operator*(double k) const { return Quantity(v_ * k); }
  constexpr Quantity operator/(double k) const { return Quantity(v_ / k); }
  constexpr double operator/(Quantity o) const { return v_ / o.v_; }
  constexpr Quantity& operator+=(Quantity o) {
    v_ += o.v_;
    return *this;
  }
  constexpr Quantity& operator-=(Quantity o) {
    v_ -= o.v_;
    return *this;
  }
  friend constexpr Quantity operator*(double k, Quantity q) { return Quantity(k * q.v_); }

 private:
  constexpr explicit Quantity(double v) : v_(v) {}
  double v_ = 0.0;
};

struct PowerTag {};             // W
struct EnergyTag {};            // J
struct TemperatureDeltaTag {};  // K
struct MoneyTag {};             // EUR
struct CarbonMassTag {};        // kg CO2-equivalent
struct WaterVolumeTag {};       // m^3
struct CarbonIntensityTag {};   // kg CO2e per J
struct EnergyPriceTag {};       // EUR per J
struct ComputeRateTag {};       // FLOP/s
struct DataSizeTag {};          // byte
struct BandwidthTag {};         // byte/s
struct LengthTag {};            // m
struct PowerPerKelvinTag {};    // W/K
struct LatencyTag {};
struct MoneyPerPowerTag {};   // EUR per W (capital per MW, capacity tariffs)
struct MoneyPerVolumeTag {};  // EUR per m^3 (water)
struct CarbonPerPowerTag {};  // kg CO2e per W (embodied carbon of a building per MW)           // s
                              // (sub-millisecond spans of the performance model)

using Power = Quantity<PowerTag>;
using Energy = Quantity<EnergyTag>;
using TemperatureDelta = Quantity<TemperatureDeltaTag>;
using Money = Quantity<MoneyTag>;
using CarbonMass = Quantity<CarbonMassTag>;
using WaterVolume = Quantity<WaterVolumeTag>;
using CarbonIntensity = Quantity<CarbonIntensityTag>;
using EnergyPrice = Quantity<EnergyPriceTag>;
using ComputeRate = Quantity<ComputeRateTag>;
using DataSize = Quantity<DataSizeTag>;
using Bandwidth = Quantity<BandwidthTag>;
using Length = Quantity<LengthTag>;
using PowerPerKelvin = Quantity<PowerPerKelvinTag>;  // W/K
/// Short spans in seconds (latencies, step times). Simulation time is core::Time, never this.
using Latency = Quantity<LatencyTag>;
using MoneyPerPower = Quantity<MoneyPerPowerTag>;
using MoneyPerVolume = Quantity<MoneyPerVolumeTag>;
using CarbonPerPower = Quantity<CarbonPerPowerTag>;

/// An absolute temperature, held in degrees Celsius. Affine: the difference of two
/// temperatures is a TemperatureDelta, and two temperatures cannot be added.
class Temperature {
 public:
  constexpr Temperature() = default;
  static constexpr Temperature celsius(double c) { return Temperature(c); }
  static constexpr Temperature kelvin(double k) { return Temperature(k - 273.15); }
  [[nodiscard]] constexpr double in_celsius() const { return c_; }
  [[nodiscard]] constexpr double in_kelvin() const { return c_ + 273.15; }

  constexpr auto operator<=>(const Temperature&) const = default;
  constexpr Temperature operator+(TemperatureDelta d) const { return Temperature(c_ + d.value()); }
  constexpr Temperature operator-(TemperatureDelta d) const { return Temperature(c_ - d.value()); }
  constexpr TemperatureDelta operator-(Temperature o) const {
    return TemperatureDelta::base(c_ - o.c_);
  }

 private:
  constexpr explicit Temperature(double c) : c_(c) {}
  double c_ = 0.0;
};

// Convenience constructors in the units people read.
constexpr Power watts(double w) {
  return Power::base(w);
}
constexpr Power kilowatts(double kw) {
  return Power::base(kw * 1e3);
}
constexpr Power megawatts(double mw) {
  return Power::base(mw * 1e6);
}
constexpr Energy joules(double j) {
  return Energy::base(j);
}
constexpr Energy megawatt_hours(double mwh) {
  return Energy::base(mwh * 3.6e9);
}
constexpr Energy kilowatt_hours(double kwh) {
  return Energy::base(kwh * 3.6e6);
}
constexpr TemperatureDelta kelvins(double k) {
  return TemperatureDelta::base(k);
}
constexpr Length metres(double m) {
  return Length::base(m);
}
constexpr Money euros(double e) {
  return Money::base(e);
}
constexpr CarbonMass kilograms_co2(double kg) {
  return CarbonMass::base(kg);
}
constexpr WaterVolume litres(double l) {
  return WaterVolume::base(l * 1e-3);
}
constexpr CarbonIntensity grams_per_kwh(double g) {
  return CarbonIntensity::base(g * 1e-3 / 3.6e6);
}
constexpr EnergyPrice euros_per_mwh(double e) {
  return EnergyPrice::base(e / 3.6e9);
}
constexpr MoneyPerPower euros_per_mw(double e) {
  return MoneyPerPower::base(e / 1e6);
}
constexpr MoneyPerVolume euros_per_m3(double e) {
  return MoneyPerVolume::base(e);
}
constexpr CarbonPerPower tonnes_per_mw(double t) {
  return CarbonPerPower::base(t * 1e3 / 1e6);
}
constexpr CarbonMass tonnes_co2(double t) {
  return CarbonMass::base(t * 1e3);
}

constexpr double in_megawatts(Power p) {
  return p.value() / 1e6;
}
constexpr double in_megawatt_hours(Energy e) {
  return e.value() / 3.6e9;
}
constexpr double in_kilowatt_hours(Energy e) {
  return e.value() / 3.6e6;
}
constexpr double in_tonnes(CarbonMass m) {
  return m.value() / 1e3;
}
constexpr double in_litres(WaterVolume v) {
  return v.value() * 1e3;
}
constexpr double in_grams_per_kwh(CarbonIntensity c) {
  return c.value() * 3.6e6 * 1e3;
}
constexpr double in_euros_per_mwh(EnergyPrice p) {
  return p.value() * 3.6e9;
}

// The products the models need; anything else is a compile error.
constexpr Energy operator*(Power p, Duration d) {
  return Energy::base(p.value() * d.in_seconds());
}
constexpr Energy operator*(Duration d, Power p) {
  return p * d;
}
constexpr Power operator/(Energy e, Duration d) {
  return Power::base(e.value() / d.in_seconds());
}
constexpr CarbonMass operator*(Energy e, CarbonIntensity c) {
  return CarbonMass::base(e.value() * c.value());
}
constexpr Money operator*(Energy e, EnergyPrice p) {
  return Money::base(e.value() * p.value());
}
constexpr Money operator*(Power p, MoneyPerPower c) {
  return Money::base(p.value() * c.value());
}
constexpr Money operator*(WaterVolume v, MoneyPerVolume c) {
  return Money::base(v.value() * c.value());
}
constexpr CarbonMass operator*(Power p, CarbonPerPower c) {
  return CarbonMass::base(p.value() * c.value());
}

}  // namespace gigasim::core
