#include "gigasim/sched/policy.hpp"

#include <algorithm>

namespace gigasim::sched {
namespace {

// Ties always fall back to (submit time, job index): runs are reproducible.
bool earlier(const QueueView& v, std::uint32_t a, std::uint32_t b) {
  const auto& ja = v.jobs.spec(a);
  const auto& jb = v.jobs.spec(b);
  if (ja.submit != jb.submit) return ja.submit < jb.submit;
  return a < b;
}

class Fifo final : public QueuePolicy {
 public:
  bool before(std::uint32_t a, std::uint32_t b, const QueueView& v) const override {
    return earlier(v, a, b);
  }
};

class Priority final : public QueuePolicy {
 public:
  bool before(std::uint32_t a, std::uint32_t b, const QueueView& v) const override {
    const int pa = v.tenants[v.jobs.spec(a).tenant].priority;
    const int pb = v.tenants[v.jobs.spec(b).tenant].priority;
    if (pa != pb) return pa > pb;
    return earlier(v, a, b);
  }
};

// Fair share: the tenant furthest below its share goes first, ranked by delivered
// accelerator-time divided by its share (Kay & Lauder 1988, "A fair share scheduler", CACM
// 31(1), without decay).
class FairShare final : public QueuePolicy {
 public:
  bool before(std::uint32_t a, std::uint32_t b, const QueueView& v) const override {
    const auto ta = v.jobs.spec(a).tenant, tb = v.jobs.spec(b).tenant;
    const double la = v.tenant_usage[ta] / std::max(1e-9, v.tenants[ta].share);
    const double lb = v.tenant_usage[tb] / std::max(1e-9, v.tenants[tb].share);
    if (la != lb) return la < lb;
    return earlier(v, a, b);
  }
  bool order_drifts() const override { return true; }
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
