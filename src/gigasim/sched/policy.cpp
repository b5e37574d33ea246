#include "gigasim/sched/policy.hpp"

#include <algorithm>

namespace gigasim::sched {
namespace {

// Ties always fall back to (submit time, job index): runs are reproducible.
bool earlier(const QueueView& v, std::uint32_t a, std::uint32_t b) {
  const auto& ja = v.jobs[a];
  const auto& jb = v.jobs[b];
  if (ja.submit != jb.submit) return ja.submit < jb.submit;
  return a < b;
}

class Fifo final : public QueuePolicy {
 public:
  void order(std::vector<std::uint32_t>& q, const QueueView& v) const override {
    std::sort(q.begin(), q.end(), [&](auto a, auto b) { return earlier(v, a, b); });
  }
};

class Priority final : public QueuePolicy {
 public:
  void order(std::vector<std::uint32_t>& q, const QueueView& v) const override {
    std::sort(q.begin(), q.end(), [&](auto a, auto b) {
      const int pa = v.tenants[v.jobs[a].tenant].priority;
      const int pb = v.tenants[v.jobs[b].tenant].priority;
      if (pa != pb) return pa > pb;
      return earlier(v, a, b);
    });
  }
};

// Fair share: the tenant furthest below its share goes first, ranked by delivered
// accelerator-time divided by its share (Kay & Lauder 1988, "A fair share scheduler", CACM
// 31(1), without decay).
class FairShare final : public QueuePolicy {
 public:
  void order(std::vector<std::uint32_t>& q, const QueueView& v) const override {
    auto load = [&](std::uint32_t j) {
      const auto t = v.jobs[j].tenant;
      return v.tenant_usage[t] / std::max(1e-9, v.tenants[t].share);
    };
    std::sort(q.begin(), q.end(), [&](auto a, auto b) {
      const double la = load(a), lb = load(b);
      if (la != lb) return la < lb;
      return earlier(v, a, b);
    });
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
