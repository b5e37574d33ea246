#include "gigasim/facility/sizing.hpp"

namespace gigasim::facility {

double facility_at_hour(const FacilitySpec& spec, double liquid_share,
                        const climate::WeatherYear& weather, std::size_t h, double it_w) {
  const double t = weather.dry_bulb_c[h];
  const double demand = heat_demand_w(spec.heat_reuse, t, h);
  return evaluate_facility(spec, liquid_share, it_w, it_w, t, weather.wet_bulb_c[h], demand)
      .facility_w;
}

namespace {

std::size_t worst_hour(const FacilitySpec& spec, double liquid_share,
                       const climate::WeatherYear& weather, double it_w) {
  std::size_t worst = 0;
  double worst_power = -1.0;
  for (std::size_t h = 0; h < weather.hours(); ++h) {
    const double p = facility_at_hour(spec, liquid_share, weather, h, it_w);
    if (p > worst_power) {
      worst_power = p;
      worst = h;
    }
  }
  return worst;
}

// Largest n with facility(fixed + n · per) ≤ envelope at hour h.
std::int64_t largest_fit(const FacilitySpec& spec, double liquid_share,
                         const climate::WeatherYear& weather, std::size_t h, double per,
                         double fixed, double envelope) {
  auto fits = [&](std::int64_t n) {
    return facility_at_hour(spec, liquid_share, weather, h, fixed + static_cast<double>(n) * per) <=
           envelope;
  };
  if (!fits(0)) return 0;
  std::int64_t lo = 0;
  std::int64_t hi = static_cast<std::int64_t>(envelope / per) + 1;  // PUE ≥ 1
  while (hi - lo > 1) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    (fits(mid) ? lo : hi) = mid;
  }
  return lo;
}

}  // namespace

SizingResult size_to_envelope(const FacilitySpec& spec, double liquid_share,
                              const climate::WeatherYear& weather, double per_system_it_w,
                              double fixed_it_w, double envelope_w) {
  SizingResult r;
  // First guess at a PUE of 1.2, then refine: the worst hour at that load, the count that
  // fits there, and the worst hour again at the count found.
  // Each pass can only lower the count (the new worst hour is at least as demanding as the
  // hours already tried at that load), so the loop ends with a fleet that fits every hour.
  std::size_t hour =
      worst_hour(spec, liquid_share, weather, std::max(fixed_it_w, envelope_w / 1.2));
  for (;;) {
    r.systems =
        largest_fit(spec, liquid_share, weather, hour, per_system_it_w, fixed_it_w, envelope_w);
    const double it = fixed_it_w + static_cast<double>(r.systems) * per_system_it_w;
    hour = worst_hour(spec, liquid_share, weather, it);
    if (r.systems == 0 || facility_at_hour(spec, liquid_share, weather, hour, it) <= envelope_w)
      break;
  }
  r.design_hour = hour;
  r.it_design_w = fixed_it_w + static_cast<double>(r.systems) * per_system_it_w;
  r.facility_design_w = facility_at_hour(spec, liquid_share, weather, hour, r.it_design_w);
  r.design_pue = r.it_design_w > 0 ? r.facility_design_w / r.it_design_w : 0.0;
  return r;
}

}  // namespace gigasim::facility
