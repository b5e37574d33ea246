// The design conditions of a weather year, as the ASHRAE Handbook — Fundamentals (2017,
// chapter 14, "Climatic design information") defines them from hourly records: values that
// the hours of a year exceed (cooling, evaporation) or fall below (heating) for a given share
// of the hours.
#pragma once

#include "gigasim/climate/weather.hpp"

namespace gigasim::climate {

struct DesignConditions {
  double cooling_dry_bulb_0_4_c = 0.0;      ///< dry bulb exceeded 0.4 % of the hours (35 h)
  double cooling_dry_bulb_1_c = 0.0;        ///< exceeded 1 % of the hours
  double evaporation_wet_bulb_0_4_c = 0.0;  ///< wet bulb exceeded 0.4 % of the hours
  double evaporation_wet_bulb_1_c = 0.0;    ///< wet bulb exceeded 1 % of the hours
  double heating_dry_bulb_99_6_c = 0.0;     ///< dry bulb that 99.6 % of the hours exceed
};

/// Design conditions of one year of hourly values (empirical quantiles, linear between the
/// ranked hours).
DesignConditions design_conditions(const WeatherYear& year);

}  // namespace gigasim::climate
