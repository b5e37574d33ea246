// The waiting jobs of a partition in the order of a queue policy: by tenant rank (the
// policy's), then first come first served (submission time, then index). Kept as one ordered
// set per tenant, so that a job joins or leaves in O(log q) and a scheduling pass walks the
// queue from its front, merging the tenants' sets, and stops as soon as it has decided (the
// first job that cannot start without backfilling, or EASY's depth): a pass never costs in
// proportion to the length of the queue (docs/models/scheduling.md, "Cost of a pass").
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <span>
#include <tuple>
#include <utility>
#include <vector>

#include "gigasim/core/time.hpp"

namespace gigasim::sched {

class JobQueue {
 public:
  explicit JobQueue(std::size_t tenants) : by_tenant_(tenants) {}

  void push(std::uint32_t job, std::uint16_t tenant, core::Time submit, std::int64_t size) {
    if (!by_tenant_[tenant].emplace(submit, job).second) return;
    ++size_;
    auto it = std::lower_bound(sizes_.begin(), sizes_.end(), std::pair{size, std::int64_t{0}});
    if (it != sizes_.end() && it->first == size) {
      ++it->second;
    } else {
      sizes_.insert(it, {size, 1});
    }
  }
  void erase(std::uint32_t job, std::uint16_t tenant, core::Time submit, std::int64_t size) {
    if (by_tenant_[tenant].erase({submit, job}) == 0) return;
    --size_;
    auto it = std::lower_bound(sizes_.begin(), sizes_.end(), std::pair{size, std::int64_t{0}});
    if (it != sizes_.end() && it->first == size && --it->second == 0) sizes_.erase(it);
  }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  /// The fewest accelerators any waiting job asks for (0 when none waits): with fewer free,
  /// no waiting job can start.
  [[nodiscard]] std::int64_t smallest() const { return sizes_.empty() ? 0 : sizes_.front().first; }

  /// Calls `visit(job)` for the waiting jobs in order of (rank of their tenant, submission,
  /// index), lower first, until it returns false. `visit` may erase the job it is given.
  template <class Visit>
  void walk(std::span<const double> rank, Visit&& visit) {
    heads_.clear();
    for (std::size_t t = 0; t < by_tenant_.size(); ++t) {
      const Set& set = by_tenant_[t];
      if (!set.empty())
        heads_.push_back({rank[t], set.begin()->first, set.begin()->second,
                          static_cast<std::uint16_t>(t), set.begin()});
    }
    if (heads_.size() == 1) {  // one tenant waits: its set is the order
      const Set& set = by_tenant_[heads_.front().tenant];
      for (auto it = set.begin(); it != set.end();) {
        const std::uint32_t job = it->second;
        ++it;  // step past the job before visiting it: visiting may erase it
        if (!visit(job)) return;
      }
      return;
    }
    // Several tenants: a k-way merge of their sets, with a heap of their fronts kept in a
    // buffer that lives as long as the queue (no allocation per pass).
    std::make_heap(heads_.begin(), heads_.end(), later);
    while (!heads_.empty()) {
      std::pop_heap(heads_.begin(), heads_.end(), later);
      const Cursor c = heads_.back();
      heads_.pop_back();
      const auto next = std::next(c.at);
      if (next != by_tenant_[c.tenant].end()) {
        heads_.push_back({c.rank, next->first, next->second, c.tenant, next});
        std::push_heap(heads_.begin(), heads_.end(), later);
      }
      if (!visit(c.job)) return;
    }
  }

 private:
  using Set = std::set<std::pair<core::Time, std::uint32_t>>;
  struct Cursor {
    double rank;
    core::Time submit;
    std::uint32_t job;
    std::uint16_t tenant;
    Set::const_iterator at;
  };
  static bool later(const Cursor& a, const Cursor& b) {
    return std::tie(a.rank, a.submit, a.job) > std::tie(b.rank, b.submit, b.job);
  }

  std::vector<Set> by_tenant_;
  std::vector<Cursor> heads_;
  std::vector<std::pair<std::int64_t, std::int64_t>> sizes_;  ///< (accelerators, jobs), sorted
  std::size_t size_ = 0;
};

}  // namespace gigasim::sched
