// Events of the simulation: plain values in one queue ordered by (time, sequence number),
// each addressed to one component of one site.
#pragma once

#include <cstdint>

#include "gigasim/core/event_queue.hpp"
#include "gigasim/core/time.hpp"

namespace gigasim::sim {

struct Event {
  std::uint32_t site = 0;
  std::uint8_t component = 0;  ///< index of the site's component, or kSiteTick
  std::uint8_t kind = 0;       ///< the component's own event kinds
  std::uint32_t a = 0;         ///< payload, per kind (a job, a domain...)
  std::uint32_t b = 0;         ///< payload, per kind (a version, a partition...)
};

/// The component index of a site's facility tick.
inline constexpr std::uint8_t kSiteTick = 0xff;

using EventQueue = core::EventQueue<Event>;

/// What a component uses to schedule its own events.
class Events {
 public:
  Events(EventQueue& queue, std::uint32_t site, std::uint8_t component)
      : queue_(&queue), site_(site), component_(component) {}
  void at(core::Time time, std::uint8_t kind, std::uint32_t a = 0, std::uint32_t b = 0) {
    queue_->schedule(time, Event{site_, component_, kind, a, b});
  }

 private:
  EventQueue* queue_;
  std::uint32_t site_;
  std::uint8_t component_;
};

}  // namespace gigasim::sim
