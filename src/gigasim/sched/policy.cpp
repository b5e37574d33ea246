#include "gigasim/sched/policy.hpp"

#include <algorithm>

namespace gigasim::sched {
namespace {

// First come, first served: every tenant ranks alike.
class Fifo final : public QueuePolicy {
 public:
  double tenant_rank(std::uint16_t, const QueueView&) const override { return 0; }
};

// Higher tenant priority first.
class Priority final : public QueuePolicy {
 public:
  double tenant_rank(std::uint16_t t, const QueueView& v) const override {
    return -static_cast<double>(v.tenants[t].priority);
  }
};

// Fair share: the tenant furthest below its share goes first, ranked by delivered
// accelerator-time divided by its share (Kay & Lauder 1988, "A fair share scheduler", CACM
// 31(1), without decay).
class FairShare final : public QueuePolicy {
 public:
  double tenant_rank(std::uint16_t t, const QueueView& v) const override {
    return v.tenant_usage[t] / std::max(1e-9, v.tenants[t].share);
  }
};

}  // namespace

std::string_view to_string(PolicyKind k) {
  switch (k) {
    case PolicyKind::fifo:
      return "fifo";
    case PolicyKind::priority:
      return "priority";
    case PolicyKind::fair_share:
      return "fair_share";
  }
  return "?";
}

std::unique_ptr<QueuePolicy> make_policy(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::fifo:
      return std::make_unique<Fifo>();
    case PolicyKind::priority:
      return std::make_unique<Priority>();
    case PolicyKind::fair_share:
      return std::make_unique<FairShare>();
  }
  return std::make_unique<Fifo>();
}

}  // namespace gigasim::sched
