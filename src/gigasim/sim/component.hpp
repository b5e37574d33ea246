// The tick protocol of a site's components (docs/architecture.md, "run"). Every tick closes
// the interval since the previous one, each component in turn adding what it computes to
// the Tick (the IT meter its mean IT power, the facility its physics, the supply its
// dispatch, the workload its utilization), then opens the next (the facility's PUE
// estimate, the supply's available power, the workload's power cap). Between ticks,
// components act on their own events.
#pragma once

#include <cstddef>
#include <cstdint>

#include "gigasim/core/time.hpp"
#include "gigasim/facility/facility.hpp"
#include "gigasim/sim/results.hpp"

namespace gigasim::sim {

/// The interval a tick closes or opens, and what components tell one another about it.
struct Tick {
  core::Time start;
  core::Time end;          ///< closing: end of the interval
  double seconds = 0;      ///< closing: its length
  std::size_t hour = 0;    ///< hour of the run in which the interval starts
  double hour_of_day = 0;  ///< opening: local hour of `start`
  // Closing, filled in component order.
  double it_w = 0;                  ///< IT meter: mean IT power over the interval
  facility::FacilityLoad facility;  ///< facility: its physics at that power
  double unserved_w = 0;            ///< supply: demand no source met
  SiteTickRow* row = nullptr;       ///< each component its own columns (the site's new row)
  // Opening, filled in component order.
  double pue_estimate = 1;  ///< facility: facility / IT power of the last interval
  double available_w = 0;   ///< supply: what the sources can deliver this hour
  double backup_w = 0;      ///< supply: the part of it a battery kept for backup gives
  /// Supply, in a demand-response event: the reduction asked (0: no event), what the sources
  /// can deliver under the event's import limit, and when the event ends.
  double dr_requested_w = 0;
  double dr_available_w = 0;
  core::Time dr_until;
};

class SiteComponent {
 public:
  virtual ~SiteComponent() = default;
  /// Ends the interval [tick.start, tick.end): adds this component's results.
  virtual void close_tick(Tick& tick, SiteResult& out) { (void)tick, (void)out; }
  /// Starts the interval at tick.start.
  virtual void open_tick(Tick& tick) { (void)tick; }
  /// One of this component's own events fired at `now` (before the horizon's end).
  virtual void on_event(std::uint8_t kind, std::uint32_t a, std::uint32_t b, core::Time now) {
    (void)kind, (void)a, (void)b, (void)now;
  }
  /// The end of the horizon: this component's totals.
  virtual void finish(core::Time end, SiteResult& out) { (void)end, (void)out; }
};

/// What draws the site's IT power: the workload, or a utilization profile without one.
class ItLoad {
 public:
  virtual ~ItLoad() = default;
  [[nodiscard]] virtual double it_power_w() const = 0;
  /// Integrates what the load keeps track of over time up to `now`, before a change.
  virtual void advance(core::Time now) { (void)now; }
};

}  // namespace gigasim::sim
