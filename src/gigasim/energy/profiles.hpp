// Hourly profiles of supply sources (docs/models/energy.md).
#pragma once

#include <cstddef>

#include "gigasim/core/rng.hpp"
#include "gigasim/energy/source.hpp"

namespace gigasim::energy {

/// Builds the hourly profile of `spec` for `hours` hours. Random draws come from `rng`
/// only, so each source of each site has its own stream.
SourceProfile build_profile(const SourceSpec& spec, const SourceContext& where, std::size_t hours,
                            core::RandomStream& rng);

/// Availability (0/1 per hour) of one nuclear unit: refuelling outages every
/// U(cycle_min, cycle_max) lasting U(outage_min, outage_max), at a random phase, plus forced
/// outages from a two-state Markov chain with the given unavailability and mean duration.
std::vector<double> nuclear_unit_availability(const NuclearOutages& outages, std::size_t hours,
                                              core::RandomStream& rng);

/// Wind capacity factor per hour: Φ(b + z_t) with z an AR(1) standard normal process of
/// decorrelation time `tau_h`; b = √2·Φ⁻¹(cf) makes the mean cf in expectation; the
/// realised series is then rescaled to mean cf exactly (capped at 1).
std::vector<double> wind_profile(double capacity_factor, std::size_t hours, core::RandomStream& rng,
                                 double tau_h = 20.0);

/// Solar capacity factor per hour: clear-sky sine of solar elevation (Cooper 1969
/// declination) times a daily clearness index, rescaled to mean cf exactly (capped at 1).
std::vector<double> solar_profile(double capacity_factor, const SourceContext& where,
                                  std::size_t hours, core::RandomStream& rng);

/// Standard normal CDF (through erfc) and its inverse (bisection to 1e-12; called once per
/// source, so speed does not matter).
double normal_cdf(double x);
double normal_quantile(double p);

}  // namespace gigasim::energy
