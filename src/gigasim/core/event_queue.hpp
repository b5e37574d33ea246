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
  [[nodiscard]] bool empty() const { return heap_.empty() && due_head_ == due_.size(); }
  [[nodiscard]] std::size_t size() const { return heap_.size() + (due_.size() - due_head_); }
  [[nodiscard]] Time now() const { return now_; }

  /// Schedules `payload` at `time`, which must not lie in the past.
  void schedule(Time time, Payload payload) {
    ensure(time >= now_, "event scheduled in the past");
    const Entry e{time, next_sequence_++, payload};
    // An event at the current instant comes after every event already scheduled (its
    // sequence is the largest) and before any later instant: a FIFO keeps it in order at
    // O(1), without a trip through the heap (a scheduling pass requested by an event is
    // one, and there is one per arrival or job end).
    if (time == now_) {
      due_.push_back(e);
      return;
    }
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), later);
  }

  [[nodiscard]] const Entry& top() const {
    ensure(!empty(), "top() on an empty event queue");
    return due_first() ? due_[due_head_] : heap_.front();
  }

  /// Removes the earliest event, advances the clock to it and returns it.
  Entry pop() {
    ensure(!empty(), "pop() on an empty event queue");
    Entry e;
    if (due_first()) {
      e = due_[due_head_++];
      if (due_head_ == due_.size()) {
        due_.clear();
        due_head_ = 0;
      }
    } else {
      std::pop_heap(heap_.begin(), heap_.end(), later);
      e = heap_.back();
      heap_.pop_back();
    }
    now_ = e.time;
    return e;
  }

 private:
  // std heap functions build a max-heap; "later" as the less-than makes the earliest the top.
  static bool later(const Entry& a, const Entry& b) {
    if (a.time != b.time) return a.time > b.time;
    return a.sequence > b.sequence;
  }

  // Whether the next event is the oldest of those due at the current instant.
  [[nodiscard]] bool due_first() const {
    return due_head_ < due_.size() && (heap_.empty() || !later(due_[due_head_], heap_.front()));
  }

  std::vector<Entry> heap_;
  std::vector<Entry> due_;  ///< events at now_, in the order scheduled, from due_head_ on
  std::size_t due_head_ = 0;
  std::uint64_t next_sequence_ = 0;
  Time now_ = Time::start();
};

}  // namespace gigasim::core
