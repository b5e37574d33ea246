// Failures, repairs and planned maintenance of a site's systems in the run: one superposed
// failure process for the whole fleet (never a timer per accelerator), interruptions of the
// jobs on the struck domain, repairs and hot spares (docs/models/reliability.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "gigasim/core/rng.hpp"
#include "gigasim/plan/plan.hpp"
#include "gigasim/reliability/failure_process.hpp"
#include "gigasim/sim/component.hpp"
#include "gigasim/sim/event.hpp"
#include "gigasim/sim/site_workload.hpp"

namespace gigasim::sim {

class SiteReliability final : public SiteComponent {
 public:
  enum Kind : std::uint8_t { failure, repair, maintenance };

  /// Draws from stream "reliability/<site>".
  SiteReliability(const plan::SitePlan& plan, const core::RandomStreams& streams,
                  std::uint32_t site, Events events, core::Time end, SiteWorkload& workload);

  /// Draws the lemons and schedules the first failure and maintenance.
  void start();
  void on_event(std::uint8_t kind, std::uint32_t a, std::uint32_t b, core::Time now) override;
  void finish(core::Time end, SiteResult& out) override;

 private:
  void on_failure(core::Time now);
  void on_maintenance(core::Time now);
  std::pair<std::uint32_t, std::uint32_t> pick_domain(bool weight_lemons);
  void interrupt_and_record(std::uint32_t partition, std::uint32_t domain, core::Time now,
                            std::string_view component, bool planned, bool take_down,
                            core::Duration repair_time);

  const scenario::ReliabilitySpec& spec_;
  std::uint32_t site_;
  Events events_;
  core::Time end_;
  SiteWorkload& workload_;
  core::RandomStream rng_;
  reliability::FailureProcess process_;
  std::vector<double> component_weights_;
  double component_total_ = 0;
  std::vector<std::vector<std::uint32_t>> lemons_;  // per partition: lemon domains
  std::vector<std::uint8_t> is_lemon_;              // per partition offset + domain
  std::vector<std::size_t> lemon_offset_;
  std::vector<sched::Interruption> interruptions_;  // scratch
  std::vector<FailureRecord> records_;
};

}  // namespace gigasim::sim
