// Reader of EnergyPlus Weather (EPW) files, the standard format of typical meteorological
// years (EnergyPlus "Auxiliary Programs" documentation, chapter "Weather Converter Program",
// section "EnergyPlus Weather File (EPW) Data Dictionary"). The caller opens the file; this
// code parses text, so that the domain never touches the file system.
#pragma once

#include <istream>
#include <string>

#include "gigasim/climate/weather.hpp"

namespace gigasim::io {

struct EpwHeader {
  std::string city;
  std::string country;
  double latitude = 0.0;
  double longitude = 0.0;
  double elevation_m = 0.0;
};

struct EpwData {
  EpwHeader header;
  climate::WeatherYear weather;
};

/// Parses an EPW year: 8 header lines, then 8760 hourly records (8784 for a leap year; the
/// 29th of February is dropped so that every year has 365 days). Reads dry bulb (field 7),
/// dew point (8) and relative humidity (9); the wet bulb is psychrometric at the standard
/// pressure of the LOCATION line's elevation (climate::wet_bulb_c).
/// A truncated or malformed file raises core::InputError naming `file_name` and the line.
EpwData parse_epw(std::istream& in, const std::string& file_name);

}  // namespace gigasim::io
