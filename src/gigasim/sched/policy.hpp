// Queue-ordering policies (docs/models/scheduling.md). A policy ranks the tenants, lower
// first; among equal ranks, and within a tenant, jobs are first come first served
// (submission time, then index). The site scheduler starts jobs in that order, with or
// without EASY backfilling.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "gigasim/workload/job.hpp"

namespace gigasim::sched {

enum class PolicyKind { fifo, priority, fair_share };
std::string_view to_string(PolicyKind k);

struct SchedulerSpec {
  PolicyKind policy = PolicyKind::fifo;
  bool backfill = true;      ///< EASY backfilling (Lifka 1995; Mu'alem & Feitelson 2001)
  bool preemption = false;   ///< higher priority may preempt preemptible tenants' jobs
  int backfill_depth = 256;  ///< jobs examined behind the reserved one (Slurm's bf_max_job_test)
  /// EASY plans with the time limits users requested (what a real scheduler knows); false:
  /// with the exact run times. Jobs without a requested limit are planned exactly either way.
  bool plan_with_requested_limits = true;
};

/// What a policy may look at.
struct QueueView {
  std::span<const workload::Tenant> tenants;
  std::span<const double> tenant_usage;  ///< accelerator-seconds delivered so far, per tenant
};

class QueuePolicy {
 public:
  virtual ~QueuePolicy() = default;
  /// The rank of a tenant's jobs now: lower goes first. Deterministic.
  [[nodiscard]] virtual double tenant_rank(std::uint16_t tenant, const QueueView& view) const = 0;
};

std::unique_ptr<QueuePolicy> make_policy(PolicyKind kind);

}  // namespace gigasim::sched
