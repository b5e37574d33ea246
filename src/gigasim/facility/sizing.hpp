// Sizing a fleet to a site's power envelope.
#pragma once

#include <cstdint>

#include "gigasim/climate/weather.hpp"
#include "gigasim/facility/facility.hpp"

namespace gigasim::facility {

struct SizingResult {
  std::int64_t systems = 0;        ///< systems of the sized kind that fit
  double it_design_w = 0.0;        ///< IT power at full load, all fleet entries
  double facility_design_w = 0.0;  ///< facility power at the design hour
  double design_pue = 0.0;         ///< PUE at the design hour at full load
  std::size_t design_hour = 0;     ///< hour of the weather year with the worst PUE
};

/// Largest number of systems, each drawing `per_system_it_w` at full load (network and
/// storage share included), that together with `fixed_it_w` of other equipment keeps the
/// facility power at or below `envelope_w` in the worst hour of `weather` (the hour of the
/// highest PUE at full load, heat reuse included). Facility power grows monotonically with
/// IT power, so a bisection on the count finds it; the worst hour is searched again at the
/// result, as a larger load can move it, until the fleet fits in every hour.
SizingResult size_to_envelope(const FacilitySpec& spec, double liquid_share,
                              const climate::WeatherYear& weather, double per_system_it_w,
                              double fixed_it_w, double envelope_w);

/// Facility power at full load `it_w` in hour `h` of the weather year.
double facility_at_hour(const FacilitySpec& spec, double liquid_share,
                        const climate::WeatherYear& weather, std::size_t h, double it_w);

}  // namespace gigasim::facility
