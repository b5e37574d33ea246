// A place on the map with its monthly climate normals, as in data/locations.yaml.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "gigasim/core/quantity.hpp"

namespace gigasim::climate {

/// Monthly climate normals, January to December.
struct ClimateNormals {
  std::array<double, 12> dry_bulb_mean_c{};        ///< monthly mean air temperature, °C
  std::array<double, 12> diurnal_range_k{};        ///< mean daily max − mean daily min, K
  std::array<double, 12> relative_humidity_pct{};  ///< monthly mean relative humidity, %
};

/// Day-to-day variability fitted from a real record at or near the place, month by month
/// (tools/weather/fit_variability.py); where absent, the rule of data/defaults.yaml.
struct LocalVariability {
  std::optional<std::array<double, 12>> daily_sd_k;       ///< σ of each month, K
  std::optional<std::array<double, 12>> dew_point_slope;  ///< β of each month
};

struct Location {
  std::string id;
  std::string name;
  std::string country;  ///< ISO 3166-1 alpha-2
  double latitude = 0.0;
  double longitude = 0.0;
  core::Length elevation;
  ClimateNormals climate;
  LocalVariability variability;
};

}  // namespace gigasim::climate
