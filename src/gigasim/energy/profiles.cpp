#include "gigasim/energy/profiles.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

#include "gigasim/climate/weather.hpp"
#include "gigasim/core/errors.hpp"

namespace gigasim::energy {
namespace {

constexpr double kPi = std::numbers::pi;

std::size_t hours_of(core::Duration d) {
  return static_cast<std::size_t>(std::max<std::int64_t>(1, d.ms() / 3'600'000));
}

// Scales a non-negative series so that its mean is `target`, with values capped at 1.
// Capping removes energy, so the scale is corrected a few times.
void rescale_to_mean(std::vector<double>& v, double target) {
  if (v.empty()) return;
  for (int pass = 0; pass < 8; ++pass) {
    double sum = 0;
    for (double x : v) sum += x;
    const double mean = sum / static_cast<double>(v.size());
    if (mean <= 0) return;
    const double k = target / mean;
    if (std::fabs(k - 1.0) < 1e-12) return;
    for (double& x : v) x = std::min(1.0, x * k);
  }
}

}  // namespace

std::string_view to_string(SourceKind kind) {
  switch (kind) {
    case SourceKind::nuclear:
      return "nuclear";
    case SourceKind::hydro:
      return "hydro";
    case SourceKind::wind:
      return "wind";
    case SourceKind::solar:
      return "solar";
    case SourceKind::grid:
      return "grid";
    case SourceKind::gas:
      return "gas";
    case SourceKind::fuel_cell:
      return "fuel_cell";
    case SourceKind::battery:
      return "battery";
  }
  return "unknown";
}

std::string_view to_string(Contract contract) {
  switch (contract) {
    case Contract::market:
      return "market";
    case Contract::capped:
      return "capped";
    case Contract::ppa:
      return "ppa";
    case Contract::baseload:
      return "baseload";
    case Contract::storage:
      return "storage";
  }
  return "unknown";
}

std::string_view to_string(StorageStrategy strategy) {
  switch (strategy) {
    case StorageStrategy::backup:
      return "backup";
    case StorageStrategy::peak_shaving:
      return "peak_shaving";
    case StorageStrategy::ramp:
      return "ramp";
    case StorageStrategy::arbitrage:
      return "arbitrage";
    case StorageStrategy::carbon:
      return "carbon";
  }
  return "unknown";
}

double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::numbers::sqrt2);
}

double normal_quantile(double p) {
  double lo = -12.0, hi = 12.0;
  for (int i = 0; i < 100 && hi - lo > 1e-12; ++i) {
    const double mid = 0.5 * (lo + hi);
    (normal_cdf(mid) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

std::vector<double> nuclear_unit_availability(const NuclearOutages& o, std::size_t hours,
                                              core::RandomStream& rng) {
  std::vector<double> available(hours, 1.0);
  // Refuelling outages: the first starts at a random phase of a first cycle.
  const auto cycle_min = static_cast<double>(hours_of(o.cycle_min));
  const auto cycle_max = static_cast<double>(hours_of(o.cycle_max));
  const auto outage_min = static_cast<double>(hours_of(o.outage_min));
  const auto outage_max = static_cast<double>(hours_of(o.outage_max));
  double start = rng.uniform(0.0, rng.uniform(cycle_min, cycle_max));
  while (start < static_cast<double>(hours)) {
    const double length = rng.uniform(outage_min, outage_max);
    const auto first = static_cast<std::size_t>(start);
    const auto last = std::min(hours, static_cast<std::size_t>(start + length));
    for (std::size_t h = first; h < last; ++h) available[h] = 0.0;
    start += rng.uniform(cycle_min, cycle_max);
  }
  // Forced outages: P(fail per hour) = 1/MTTF, P(repair per hour) = 1/MTTR, with
  // unavailability U = MTTR / (MTTF + MTTR), hence MTTF = MTTR (1 − U) / U.
  if (o.forced_outage_rate > 0.0) {
    const double mttr = static_cast<double>(hours_of(o.forced_outage_mean));
    const double mttf = mttr * (1.0 - o.forced_outage_rate) / o.forced_outage_rate;
    bool down = rng.bernoulli(o.forced_outage_rate);  // stationary start
    for (std::size_t h = 0; h < hours; ++h) {
      if (down) available[h] = 0.0;
      down = down ? !rng.bernoulli(1.0 / mttr) : rng.bernoulli(1.0 / mttf);
    }
  }
  return available;
}

std::vector<double> wind_profile(double cf, std::size_t hours, core::RandomStream& rng,
                                 double tau_h) {
  std::vector<double> v(hours);
  const double phi = std::exp(-1.0 / tau_h);
  const double innovation = std::sqrt(1.0 - phi * phi);
  const double b = std::numbers::sqrt2 * normal_quantile(std::clamp(cf, 1e-6, 1.0 - 1e-6));
  double z = rng.normal();
  for (std::size_t h = 0; h < hours; ++h) {
    v[h] = normal_cdf(b + z);
    z = phi * z + innovation * rng.normal();
  }
  rescale_to_mean(v, cf);
  return v;
}

std::vector<double> solar_profile(double cf, const SourceContext& where, std::size_t hours,
                                  core::RandomStream& rng) {
  std::vector<double> v(hours);
  const double lat = where.latitude * kPi / 180.0;
  // Clock time is the local standard time of the time-zone meridian nearest the site.
  const double zone_meridian = 15.0 * std::round(where.longitude / 15.0);
  const double solar_offset_h = (where.longitude - zone_meridian) / 15.0;
  // The hour angle's cosine repeats every day and the declination and clearness hold for a
  // day: computed 24 times and once a day rather than every hour.
  std::array<double, 24> cos_hour_angle{};
  for (std::size_t hour = 0; hour < 24; ++hour) {
    const double solar_hour = static_cast<double>(hour) + 0.5 + solar_offset_h;
    cos_hour_angle[hour] = std::cos((solar_hour - 12.0) * 15.0 * kPi / 180.0);
  }
  double z = rng.normal();
  double clearness = 0.0, sin_part = 0.0, cos_part = 0.0;
  for (std::size_t h = 0; h < hours; ++h) {
    if (h % 24 == 0) {
      const std::size_t day = h / 24;
      if (day > 0) z = 0.6 * z + 0.8 * rng.normal();  // daily clearness, AR(1)
      clearness = 0.25 + 0.75 * normal_cdf(z);
      const int doy =
          static_cast<int>((static_cast<std::size_t>(where.start_day_of_year) + day) % 365);
      const double declination =
          23.45 * kPi / 180.0 * std::sin(2.0 * kPi * (284.0 + doy + 1) / 365.0);
      sin_part = std::sin(lat) * std::sin(declination);
      cos_part = std::cos(lat) * std::cos(declination);
    }
    const double sin_elevation = sin_part + cos_part * cos_hour_angle[h % 24];
    v[h] = std::max(0.0, sin_elevation) * clearness;
  }
  rescale_to_mean(v, cf);
  return v;
}

namespace {

std::vector<double> shaped(double mean, double seasonal, double daily, std::size_t hours,
                           int start_day) {
  // The two cycles tabulated once (365 days, 24 hours) rather than two cosines an hour.
  struct Cycles {
    std::array<double, 365> season;
    std::array<double, 24> day;
  };
  static const Cycles cycles = [] {
    Cycles c{};
    for (std::size_t d = 0; d < 365; ++d)
      c.season[d] = std::cos(2.0 * kPi * (static_cast<double>(d) - 15.0) / 365.0);
    for (std::size_t h = 0; h < 24; ++h)
      c.day[h] = std::cos(2.0 * kPi * (static_cast<double>(h) - 19.0) / 24.0);
    return c;
  }();
  std::vector<double> v(hours);
  for (std::size_t h = 0; h < hours; ++h) {
    const std::size_t day = (static_cast<std::size_t>(start_day) + h / 24) % 365;
    v[h] = mean * (1.0 + seasonal * cycles.season[day] + daily * cycles.day[h % 24]);
  }
  return v;
}

// A series from hour `first` on, repeated when the run is longer.
// The hours [first, last) of the run that a dated outage covers, within the horizon.
std::pair<std::size_t, std::size_t> outage_hours(const DatedOutage& o, std::chrono::sys_days start,
                                                 std::size_t hours) {
  const auto clamp = [&](std::int64_t h) {
    return static_cast<std::size_t>(
        std::clamp<std::int64_t>(h, 0, static_cast<std::int64_t>(hours)));
  };
  return {clamp((o.from - start).count() * 24), clamp(((o.to - start).count() + 1) * 24)};
}

void apply_dated_outages(const SourceSpec& spec, const SourceContext& where, std::size_t unit,
                         std::vector<double>& available) {
  for (const DatedOutage& o : spec.dated_outages) {
    if (!o.units.empty() && std::find(o.units.begin(), o.units.end(), unit) == o.units.end())
      continue;
    const auto [first, last] = outage_hours(o, where.start, available.size());
    std::fill(available.begin() + static_cast<std::ptrdiff_t>(first),
              available.begin() + static_cast<std::ptrdiff_t>(last), 0.0);
  }
}

// Output kept by river-cooled units: 1 − per_kelvin · max(0, T_river − limit), T_river the
// trailing mean of the air temperature over the window (a proxy: rivers follow the air with
// a lag of days, Mohseni & Stefan 1999, J. Hydrology 218:128-141).
void apply_river_derating(const RiverDerating& r, const std::vector<double>& dry_bulb_c,
                          std::vector<double>& available) {
  if (r.per_kelvin <= 0 || dry_bulb_c.empty()) return;
  const std::size_t window = static_cast<std::size_t>(r.window_days) * 24;
  double sum = 0;
  for (std::size_t h = 0; h < available.size(); ++h) {
    sum += dry_bulb_c[h];
    if (h >= window) sum -= dry_bulb_c[h - window];
    const double river = sum / static_cast<double>(std::min(h + 1, window));
    available[h] *= std::clamp(1.0 - r.per_kelvin * (river - r.limit_c), 0.0, 1.0);
  }
}

std::vector<double> cyclic(const std::vector<double>& series, double scale, std::size_t hours,
                           std::size_t first = 0) {
  std::vector<double> v(hours);
  for (std::size_t h = 0; h < hours; ++h) v[h] = series[(first + h) % series.size()] * scale;
  return v;
}

}  // namespace

SourceProfile build_profile(const SourceSpec& spec, const SourceContext& where, std::size_t hours,
                            core::RandomStream& rng) {
  SourceProfile p;
  p.on_site = spec.on_site;
  p.price_constant = spec.price.value();
  p.carbon_constant = spec.carbon.value();
  p.available_w.assign(hours, spec.capacity.value());
  auto month_of_hour = [&](std::size_t h) {
    return static_cast<std::size_t>(
        climate::month_of_day(where.start_day_of_year + static_cast<int>(h / 24)));
  };
  switch (spec.kind) {
    case SourceKind::nuclear:
      if (!spec.units.empty()) {
        std::fill(p.available_w.begin(), p.available_w.end(), 0.0);
        for (std::size_t u = 0; u < spec.units.size(); ++u) {
          auto up = nuclear_unit_availability(spec.outages, hours, rng);
          apply_dated_outages(spec, where, u, up);
          for (std::size_t h = 0; h < hours; ++h) p.available_w[h] += up[h] * spec.units[u].value();
        }
      } else {
        for (std::size_t h = 0; h < hours; ++h)
          p.available_w[h] *= spec.monthly_factor[month_of_hour(h)];
        apply_dated_outages(spec, where, 0, p.available_w);
      }
      apply_river_derating(spec.river, where.dry_bulb_c, p.available_w);
      break;
    case SourceKind::hydro:
      for (std::size_t h = 0; h < hours; ++h)
        p.available_w[h] *= spec.monthly_factor[month_of_hour(h)];
      if (spec.reservoir_j.size() == 12) {
        const std::size_t days = (hours + 23) / 24;
        for (std::size_t d = 0; d < days; ++d) {
          const int day_of_year = where.start_day_of_year + static_cast<int>(d);
          const auto month = static_cast<std::size_t>(climate::month_of_day(day_of_year));
          p.day_month.push_back(static_cast<std::uint8_t>(month));
          const int m = static_cast<int>(month);
          const int length =
              (m == 11 ? 365 : climate::month_start_day(m + 1)) - climate::month_start_day(m);
          p.day_energy_j.push_back(spec.reservoir_j[month] / length);
        }
      }
      break;
    case SourceKind::wind:
    case SourceKind::solar: {
      std::vector<double> cf;
      if (!spec.cf_series.empty()) {
        // The year is rescaled to the source's mean, then the run's hours taken from it.
        std::vector<double> year = spec.cf_series;
        if (spec.rescale_cf) rescale_to_mean(year, spec.capacity_factor);
        cf = cyclic(year, 1.0, hours, static_cast<std::size_t>(where.start_day_of_year) * 24);
      } else {
        cf = spec.kind == SourceKind::wind ? wind_profile(spec.capacity_factor, hours, rng)
                                           : solar_profile(spec.capacity_factor, where, hours, rng);
      }
      for (std::size_t h = 0; h < hours; ++h) p.available_w[h] *= cf[h];
      break;
    }
    case SourceKind::grid: {
      if (spec.capacity.value() <= 0.0) {
        std::fill(p.available_w.begin(), p.available_w.end(),
                  std::numeric_limits<double>::infinity());
      }
      const double per_mwh = 1.0 / 3.6e9, per_g_kwh = 1e-3 / 3.6e6;
      const std::size_t calendar_hour = static_cast<std::size_t>(where.start_day_of_year) * 24;
      p.price = spec.price_series.empty()
                    ? shaped(spec.price.value(), spec.shape.price_seasonal, spec.shape.price_daily,
                             hours, where.start_day_of_year)
                    : cyclic(spec.price_series, per_mwh, hours,
                             spec.price_by_calendar ? calendar_hour : 0);
      p.carbon = spec.carbon_series.empty()
                     ? shaped(spec.carbon.value(), spec.shape.carbon_seasonal,
                              spec.shape.carbon_daily, hours, where.start_day_of_year)
                     : cyclic(spec.carbon_series, per_g_kwh, hours,
                              spec.carbon_by_calendar ? calendar_hour : 0);
      break;
    }
    case SourceKind::gas:
    case SourceKind::fuel_cell:
      for (std::size_t h = 0; h < hours; ++h)
        p.available_w[h] *= spec.monthly_factor[month_of_hour(h)];
      break;
    case SourceKind::battery:  // charged and discharged by energy::Battery, not a profile
      std::fill(p.available_w.begin(), p.available_w.end(), 0.0);
      break;
  }
  // A pay-as-produced contract buys a share of the plant's output.
  if (spec.contract == Contract::ppa && spec.share != 1.0)
    for (double& w : p.available_w) w *= spec.share;
  return p;
}

}  // namespace gigasim::energy
