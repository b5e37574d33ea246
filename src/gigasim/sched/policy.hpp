// Queue-ordering policies (docs/models/scheduling.md). A policy ranks waiting jobs; the
// site scheduler starts them in that order, with or without EASY backfilling.
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "gigasim/sched/job_table.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::sched {

enum class PolicyKind { fifo, priority, fair_share };
std::string_view to_string(PolicyKind k);

struct SchedulerSpec {
  PolicyKind policy = PolicyKind::fifo;
  bool backfill = true;      ///< EASY backfilling (Lifka 1995; Mu'alem & Feitelson 2001)
  bool preemption = false;   ///< higher priority may preempt preemptible tenants' jobs
  int backfill_depth = 256;  ///< jobs examined behind the reserved one (Slurm's bf_max_job_test)
};

/// What a policy may look at.
struct QueueView {
  const JobTable& jobs;
  std::span<const workload::Tenant> tenants;
  std::span<const double> tenant_usage;  ///< accelerator-seconds delivered so far, per tenant
};

class QueuePolicy {
 public:
  virtual ~QueuePolicy() = default;
  /// Whether job `a` goes before job `b`: a strict weak order, deterministic (ties fall back
  /// to submission time and index).
  [[nodiscard]] virtual bool before(std::uint32_t a, std::uint32_t b,
                                    const QueueView& view) const = 0;
  /// Whether the order of waiting jobs can change while none joins (fair share: yes).
  [[nodiscard]] virtual bool order_drifts() const { return false; }
};

std::unique_ptr<QueuePolicy> make_policy(PolicyKind kind);

}  // namespace gigasim::sched
