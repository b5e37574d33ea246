// The discrete-event queue: a value owned by one simulation (no singleton), ordered by
// (time, sequence number) so that events at the same instant fire in the order they were
// scheduled, as in ns-3's scheduler. Entries live in one vector-backed binary heap: pushing
// and popping allocate nothing once the heap has grown to its working size.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "gigasim/core/errors.hpp"
#include "gigasim/core/time.hpp"

namespace gigasim::core {

template <class Payload>
class EventQueue {
 public:
  struct Entry {
    Time time;
    std::uint64_t sequence;
    Payload payload;
  };

  void reserve(std::size_t n) { heap_.reserve(n); }
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  [[nodiscard]] Time now() const { return now_; }

  /// Schedules `payload` at `time`, which must not lie in the past.
  void schedule(Time time, Payload payload) {
    ensure(time >= now_, "event scheduled in the past");
    heap_.push_back(Entry{time, next_sequence_++, payload});
    std::push_heap(heap_.begin(), heap_.end(), later);
  }

  [[nodiscard]] const Entry& top() const {
    ensure(!heap_.empty(), "top() on an empty event queue");
    return heap_.front();
  }

  /// Removes the earliest event, advances the clock to it and returns it.
  Entry pop() {
    ensure(!heap_.empty(), "pop() on an empty event queue");
    std::pop_heap(heap_.begin(), heap_.end(), later);
    Entry e = heap_.back();
    heap_.pop_back();
    now_ = e.time;
    return e;
  }

 private:
  // std heap functions build a max-heap; "later" as the less-than makes the earliest the top.
  static bool later(const Entry& a, const Entry& b) {
    if (a.time != b.time) return a.time > b.time;
    return a.sequence > b.sequence;
  }

  std::vector<Entry> heap_;
  std::uint64_t next_sequence_ = 0;
  Time now_ = Time::start();
};

}  // namespace gigasim::core
