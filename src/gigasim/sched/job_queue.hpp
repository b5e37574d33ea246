// The waiting jobs of a partition in the order of a queue policy: by tenant rank (the
// policy's), then first come first served (submission time, then index). Kept as one ordered
// set per tenant, so that a job joins or leaves in O(log q) and a scheduling pass walks the
// queue from its front, merging the tenants' sets, and stops as soon as it has decided (the
// first job that cannot start without backfilling, or EASY's depth): a pass never costs in
// proportion to the length of the queue (docs/models/scheduling.md, "Cost of a pass").
#pragma once

#include <cstddef>
#include <cstdint>
#include <queue>
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

  void push(std::uint32_t job, std::uint16_t tenant, core::Time submit) {
    if (by_tenant_[tenant].emplace(submit, job).second) ++size_;
  }
  void erase(std::uint32_t job, std::uint16_t tenant, core::Time submit) {
    size_ -= by_tenant_[tenant].erase({submit, job});
  }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }

  /// Calls `visit(job)` for the waiting jobs in order of (rank of their tenant, submission,
  /// index), lower first, until it returns false. `visit` may erase the job it is given.
  template <class Visit>
  void walk(std::span<const double> rank, Visit&& visit) const {
    using Set = std::set<std::pair<core::Time, std::uint32_t>>;
    using Cursor = std::tuple<double, core::Time, std::uint32_t, std::uint16_t, Set::const_iterator>;
    const auto later = [](const Cursor& a, const Cursor& b) {
      return std::tie(std::get<0>(a), std::get<1>(a), std::get<2>(a)) >
             std::tie(std::get<0>(b), std::get<1>(b), std::get<2>(b));
    };
    std::priority_queue<Cursor, std::vector<Cursor>, decltype(later)> heads(later);
    for (std::size_t t = 0; t < by_tenant_.size(); ++t) {
      const Set& set = by_tenant_[t];
      if (!set.empty()) {
        heads.emplace(rank[t], set.begin()->first, set.begin()->second,
                      static_cast<std::uint16_t>(t), set.begin());
      }
    }
    while (!heads.empty()) {
      const auto [r, submit, job, tenant, it] = heads.top();
      heads.pop();
      // Step past the job before visiting it: visiting may erase it.
      const auto next = std::next(it);
      if (next != by_tenant_[tenant].end())
        heads.emplace(r, next->first, next->second, tenant, next);
      if (!visit(job)) return;
    }
  }

 private:
  std::vector<std::set<std::pair<core::Time, std::uint32_t>>> by_tenant_;
  std::size_t size_ = 0;
};

}  // namespace gigasim::sched
