// site.power_swings (docs/scenario.md, "power_swings"): the grid's limit on the site's
// oscillations and the mitigations the site uses.
#include <fmt/format.h>

#include "gigasim/io/catalog/defaults.hpp"
#include "gigasim/io/scenario/scenario_decoders.hpp"

namespace gigasim::io {

void decode_power_swings(MapView& site, scenario::SiteSpec& spec) {
  decode_block(site, "power_swings", Need::optional, [&](MapView& m) {
    scenario::PowerSwingSpec& s = spec.power_swings;
    m.quantity("limit", s.limit, Need::optional, Check::positive);
    const YAML::Node band = m.get("band_hz");
    if (band.IsDefined()) {
      double lo = -1, hi = -1;
      try {
        if (band.IsSequence() && band.size() == 2 && band[0].IsScalar() && band[1].IsScalar()) {
          lo = core::parse_number(band[0].Scalar());
          hi = core::parse_number(band[1].Scalar());
        }
      } catch (const core::UnitParseError&) {
      }
      if (lo <= 0 || hi <= lo || hi > 1000) {
        m.error("band_hz", "expected [low, high] in Hz, 0 < low < high ≤ 1000, like [0.1, 20]");
      } else {
        s.band = {lo, hi};
      }
    }
    m.fraction("power_floor", s.power_floor);
    decode_block(m, "smoothing", Need::optional, [&](MapView& sm) {
      sm.quantity("power", s.smoothing_power, Need::required, Check::positive);
      if (sm.fraction("round_trip_efficiency", s.smoothing_efficiency) &&
          s.smoothing_efficiency <= 0)
        sm.error("round_trip_efficiency", "must be above 0");
    });
  });
}

}  // namespace gigasim::io
