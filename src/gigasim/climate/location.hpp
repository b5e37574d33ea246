// A place on the map with its monthly climate normals, as in data/locations.yaml.
#pragma once

#include <array>
#include <string>

#include "gigasim/core/quantity.hpp"

namespace gigasim::climate {

/// Monthly climate normals, January to December.
struct ClimateNormals {
  std::array<double, 12> dry_bulb_mean_c{};        ///< monthly mean air temperature, °C
  std::array<double, 12> diurnal_range_k{};        ///< mean daily max − mean daily min, K
  std::array<double, 12> relative_humidity_pct{};  ///< monthly mean relative humidity, %
};

struct Location {
  std::string id;
  std::string name;
  std::string country;  ///< ISO 3166-1 alpha-2
  double latitude = 0.0;
  double longitude = 0.0;
  core::Length elevation;
  ClimateNormals climate;
};

}  // namespace gigasim::climate
