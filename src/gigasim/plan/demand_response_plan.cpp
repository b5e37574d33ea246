#include "gigasim/plan/demand_response_plan.hpp"

#include <algorithm>
#include <numeric>

namespace gigasim::plan {
namespace {

constexpr std::size_t kDaysPerYear = 365;

// Asks `w` over hours [first, first + count) of the run, within the horizon.
void ask(std::vector<float>& request, std::int64_t first, std::int64_t count, double w) {
  const auto n = static_cast<std::int64_t>(request.size());
  for (std::int64_t h = std::max<std::int64_t>(0, first); h < std::min(n, first + count); ++h)
    request[static_cast<std::size_t>(h)] =
        std::max(request[static_cast<std::size_t>(h)], static_cast<float>(w));
}

bool matches(const scenario::DemandResponseRule& rule, std::chrono::sys_days day) {
  const std::chrono::year_month_day date(day);
  const auto month = static_cast<unsigned>(date.month()) - 1;
  if (!rule.months[month]) return false;
  const std::chrono::weekday weekday(day);
  return !rule.weekdays_only ||
         (weekday != std::chrono::Saturday && weekday != std::chrono::Sunday);
}

// The days of the run a rule calls events on: every matching day, or the coldest `days` of
// them in each year (365-day block) of the run.
std::vector<std::size_t> rule_days(const scenario::DemandResponseRule& rule,
                                   std::chrono::sys_days start, std::size_t days,
                                   const std::vector<double>& dry_bulb_c) {
  std::vector<std::size_t> chosen;
  for (std::size_t first = 0; first < days; first += kDaysPerYear) {
    std::vector<std::size_t> candidates;
    const std::size_t last = std::min(days, first + kDaysPerYear);
    for (std::size_t d = first; d < last; ++d)
      if (matches(rule, start + std::chrono::days(d))) candidates.push_back(d);
    if (rule.days > 0 && static_cast<std::size_t>(rule.days) < candidates.size()) {
      std::vector<double> mean(candidates.size(), 0.0);
      for (std::size_t k = 0; k < candidates.size(); ++k) {
        const std::size_t h0 = candidates[k] * 24;
        const std::size_t h1 = std::min(dry_bulb_c.size(), h0 + 24);
        double sum = 0;
        for (std::size_t h = h0; h < h1; ++h) sum += dry_bulb_c[h];
        mean[k] = h1 > h0 ? sum / static_cast<double>(h1 - h0) : 0.0;
      }
      std::vector<std::size_t> order(candidates.size());
      std::iota(order.begin(), order.end(), std::size_t{0});
      // Coldest first; ties by date, so the choice does not depend on the sort.
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return mean[a] < mean[b]; });
      order.resize(static_cast<std::size_t>(rule.days));
      std::sort(order.begin(), order.end());
      for (const std::size_t k : order) chosen.push_back(candidates[k]);
    } else {
      chosen.insert(chosen.end(), candidates.begin(), candidates.end());
    }
  }
  return chosen;
}

}  // namespace

DemandResponsePlan plan_demand_response(const scenario::DemandResponseSpec& spec,
                                        std::chrono::sys_days start, std::size_t hours,
                                        const std::vector<double>& dry_bulb_c) {
  DemandResponsePlan p;
  p.request_w.assign(hours, 0.0F);
  const double reduction = spec.reduction.value();
  for (const auto& e : spec.events) {
    const std::int64_t first = (e.day - start).count() * 24 + e.from_h;
    const double w = e.reduction.value() > 0 ? e.reduction.value() : reduction;
    ask(p.request_w, first, e.hours, w);
  }
  const std::size_t days = (hours + 23) / 24;
  for (const auto& rule : spec.rules) {
    for (const std::size_t d : rule_days(rule, start, days, dry_bulb_c)) {
      for (const auto& window : rule.windows)
        ask(p.request_w, static_cast<std::int64_t>(d * 24) + window.from, window.to - window.from,
            reduction);
    }
  }
  for (std::size_t h = 0; h < hours; ++h)
    if (p.request_w[h] > 0 && (h == 0 || p.request_w[h - 1] <= 0)) ++p.events;
  return p;
}

}  // namespace gigasim::plan
