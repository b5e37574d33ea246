#include "gigasim/facility/sizing.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

namespace gigasim::facility {

double facility_at_hour(const FacilitySpec& spec, double liquid_share,
                        const climate::WeatherYear& weather, std::size_t h, double it_w) {
  const double t = weather.dry_bulb_c[h];
  const double demand = heat_demand_w(spec.heat_reuse, t, weather.heating_reference_at(h), h);
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

// The hours the worst one is likely among: the hottest by dry bulb and by wet bulb
// (chillers, fans, pads) and the coldest (heat pumps on the site's meter draw most then).
// Only a guess to start from: the sizing confirms its answer on every hour.
std::vector<std::size_t> likely_worst_hours(const climate::WeatherYear& weather) {
  constexpr std::size_t kEach = 24;
  std::vector<std::size_t> order(weather.hours());
  std::vector<std::size_t> picked;
  const std::size_t k = std::min(kEach, order.size());
  const auto take = [&](auto before) {
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                      before);
    picked.insert(picked.end(), order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k));
  };
  const auto& db = weather.dry_bulb_c;
  const auto& wb = weather.wet_bulb_c;
  take([&](std::size_t a, std::size_t b) { return db[a] > db[b] || (db[a] == db[b] && a < b); });
  take([&](std::size_t a, std::size_t b) { return wb[a] > wb[b] || (wb[a] == wb[b] && a < b); });
  take([&](std::size_t a, std::size_t b) { return db[a] < db[b] || (db[a] == db[b] && a < b); });
  std::sort(picked.begin(), picked.end());
  picked.erase(std::unique(picked.begin(), picked.end()), picked.end());
  return picked;
}

std::size_t worst_among(const FacilitySpec& spec, double liquid_share,
                        const climate::WeatherYear& weather, const std::vector<std::size_t>& hours,
                        double it_w) {
  if (hours.empty()) return 0;
  std::size_t worst = hours.front();
  double worst_power = -1.0;
  for (const std::size_t h : hours) {
    const double p = facility_at_hour(spec, liquid_share, weather, h, it_w);
    if (p > worst_power) {
      worst_power = p;
      worst = h;
    }
  }
  return worst;
}

// Largest n with facility(fixed + n · per) ≤ envelope at every hour of `hours`.
std::int64_t largest_fit(const FacilitySpec& spec, double liquid_share,
                         const climate::WeatherYear& weather, const std::vector<std::size_t>& hours,
                         double per, double fixed, double envelope) {
  auto fits = [&](std::int64_t n) {
    const double it = fixed + static_cast<double>(n) * per;
    return std::all_of(hours.begin(), hours.end(), [&](std::size_t h) {
      return facility_at_hour(spec, liquid_share, weather, h, it) <= envelope;
    });
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
  // First guess at a PUE of 1.2: the worst of a few likely hours at that load. Then the
  // count that fits every binding hour found so far; if some hour (a likely one first, then
  // a scan of every hour) does not take that count, it binds too, and the count is found
  // again. Facility power need not grow with the load the same way in every hour (chillers
  // stage, pumps keep a minimum speed), so an hour once binding stays binding: each pass adds
  // an hour not bound before, and the loop ends, with a fleet that fits every hour.
  std::vector<std::size_t> likely = likely_worst_hours(weather);
  std::vector<std::size_t> binding{
      worst_among(spec, liquid_share, weather, likely, std::max(fixed_it_w, envelope_w / 1.2))};
  std::size_t hour = binding.front();
  for (;;) {
    r.systems =
        largest_fit(spec, liquid_share, weather, binding, per_system_it_w, fixed_it_w, envelope_w);
    const double it = fixed_it_w + static_cast<double>(r.systems) * per_system_it_w;
    const std::size_t likely_worst = worst_among(spec, liquid_share, weather, likely, it);
    if (r.systems > 0 &&
        facility_at_hour(spec, liquid_share, weather, likely_worst, it) > envelope_w) {
      binding.push_back(likely_worst);
      continue;
    }
    hour = worst_hour(spec, liquid_share, weather, it);
    if (r.systems == 0 || facility_at_hour(spec, liquid_share, weather, hour, it) <= envelope_w)
      break;
    likely.push_back(hour);
    binding.push_back(hour);
  }
  r.design_hour = hour;
  r.it_design_w = fixed_it_w + static_cast<double>(r.systems) * per_system_it_w;
  r.facility_design_w = facility_at_hour(spec, liquid_share, weather, hour, r.it_design_w);
  r.design_pue = r.it_design_w > 0 ? r.facility_design_w / r.it_design_w : 0.0;
  return r;
}

}  // namespace gigasim::facility
