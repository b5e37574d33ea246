// Demand response as the scenario describes it: the grid's requests to reduce the site's
// import, when they come, what they pay and how the site may answer
// (docs/models/energy.md, "Demand response"). The hourly requests are derived by
// plan::prepare (plan/demand_response_plan.hpp), never stored here.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <vector>

#include "gigasim/core/quantity.hpp"
#include "gigasim/workload/job.hpp"

namespace gigasim::scenario {

/// Local clock hours [from, to) of a day.
struct HourWindow {
  int from = 0;
  int to = 0;
};

/// Events by rule: the windows of every matching day (its month listed, a weekday when
/// `weekdays_only`), or of the `days` coldest matching days of each year of the run when
/// `days` > 0 (grid stress follows cold spells where heating is electric, as RTE's winter
/// peak days do).
struct DemandResponseRule {
  std::array<bool, 12> months{};
  bool weekdays_only = true;
  std::vector<HourWindow> windows;
  int days = 0;
};

/// One event on a date: from local hour `from_h` for `hours` hours.
struct DemandResponseEvent {
  std::chrono::sys_days day;
  int from_h = 0;
  int hours = 1;
  core::Power reduction;  ///< 0: the programme's
};

/// The classes whose jobs may be stopped and held for an event by default: every class but
/// pretraining (a synchronous run of thousands of accelerators is the last thing an operator
/// stops).
inline constexpr std::uint8_t kDefaultDeferrable =
    (1U << static_cast<unsigned>(workload::JobClass::finetuning)) |
    (1U << static_cast<unsigned>(workload::JobClass::evaluation)) |
    (1U << static_cast<unsigned>(workload::JobClass::debugging)) |
    (1U << static_cast<unsigned>(workload::JobClass::batch));

struct DemandResponseSpec {
  core::Power reduction;                 ///< asked of the import in each event
  core::MoneyPerPower capacity_payment;  ///< per year, on `reduction` (availability)
  core::EnergyPrice energy_payment;      ///< per unit of energy delivered
  core::EnergyPrice shortfall_penalty;   ///< per unit of energy asked and not delivered
  /// How the site answers, always in this order: storage, then deferral, then capping.
  bool by_storage = true;
  bool by_deferral = true;
  bool by_capping = true;
  std::uint8_t deferrable = kDefaultDeferrable;  ///< bit per workload::JobClass
  std::vector<DemandResponseEvent> events;       ///< on dates (a CSV or a list)
  std::vector<DemandResponseRule> rules;
};

}  // namespace gigasim::scenario
