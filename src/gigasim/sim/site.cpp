#include "gigasim/sim/site.hpp"

#include <cmath>

#include "gigasim/sim/site_economics.hpp"

namespace gigasim::sim {
namespace {
constexpr std::int64_t kHourMs = 3'600'000;
}  // namespace

Site::Site(const plan::SitePlan& plan, const scenario::Scenario& scenario,
           const core::RandomStreams& streams, std::uint32_t index, EventQueue& queue,
           std::span<double> it_sum_w, std::span<double> facility_sum_w)
    : plan_(plan),
      scenario_(scenario),
      index_(index),
      queue_(queue),
      end_(core::Time::start() + scenario.horizon),
      meter_(index, plan.spec->power_step_threshold.value()),
      facility_(plan, it_sum_w, facility_sum_w, scenario.tick),
      supply_(plan, scenario.tick) {
  components_ = {&meter_, &facility_, &supply_};
  if (plan.workload) {
    // Reliability comes before the workload: its first events are scheduled first.
    const auto workload_index =
        static_cast<std::uint8_t>(components_.size() + (plan.spec->reliability ? 1 : 0));
    workload_.emplace(plan, Events(queue, index, workload_index), end_);
    if (plan.spec->reliability) {
      reliability_.emplace(plan, streams, index,
                           Events(queue, index, static_cast<std::uint8_t>(components_.size())),
                           end_, *workload_);
      components_.push_back(&*reliability_);
    }
    components_.push_back(&*workload_);
    load_ = &*workload_;
  } else {
    profile_.emplace(plan);
    components_.push_back(&*profile_);
    load_ = &*profile_;
  }
}

void Site::start(SiteResult& out) {
  const plan::SiteSizing& m = plan_.sizing;
  out.name = plan_.spec->name;
  out.location = plan_.spec->location.id;
  out.country = plan_.spec->location.country;
  out.weather_source = m.weather.source;
  out.tariff = plan_.spec->tariff ? plan_.spec->tariff->label : "generic";
  for (const auto& s : plan_.spec->supply)
    if (s.kind == energy::SourceKind::grid && out.grid_data.empty()) out.grid_data = s.data_source;
  for (const auto& s : plan_.spec->supply)
    if (s.kind != energy::SourceKind::grid && !s.data_source.empty())
      out.grid_data += (out.grid_data.empty() ? "" : "; ") + s.name + ": " + s.data_source;
  out.fleet = m.fleet;
  out.design_pue = m.design_pue;
  out.liquid_share = m.liquid_share;
  for (const auto& f : m.fleet) {
    out.totals.systems += f.systems;
    out.totals.accelerators += f.accelerators;
  }
  out.totals.grid_connection_mw = plan_.spec->grid_connection.value() / 1e6;
  queue_.schedule(core::Time::start(), Event{index_, kSiteTick, 0, 0, 0});
  if (reliability_) reliability_->start();
  if (workload_) workload_->start();
}

void Site::advance(core::Time now) {
  meter_.advance(now);
  load_->advance(now);
}

void Site::on_tick(core::Time now, SiteResult& out) {
  advance(now);
  // One Tick, reused: building a fresh one twice per tick cleared it twice (a block of a
  // few hundred bytes, a visible share of a year of 60 sites without a workload).
  Tick& tick = tick_;
  if (now > core::Time::start() && now > interval_start_) {
    tick.start = interval_start_;
    tick.end = now;
    tick.seconds = (now - interval_start_).in_seconds();
    tick.hour = static_cast<std::size_t>(interval_start_.ms() / kHourMs);
    tick.it_w = 0;
    tick.unserved_w = 0;
    SiteTickRow& row = out.rows.emplace_back();  // reserved for the horizon: no reallocation
    row.time_h = interval_start_.in_hours();
    tick.row = &row;
    for (SiteComponent* c : components_) c->close_tick(tick, out);
  }
  if (now < end_) {
    interval_start_ = now;
    tick.start = now;
    tick.hour = static_cast<std::size_t>(now.ms() / kHourMs);
    tick.hour_of_day = std::fmod(now.in_hours(), 24.0);
    tick.pue_estimate = 1;
    tick.available_w = 0;
    for (SiteComponent* c : components_) c->open_tick(tick);
    refresh_power(now);
    queue_.schedule(std::min(now + scenario_.tick, end_), Event{index_, kSiteTick, 0, 0, 0});
  }
}

void Site::on_event(const Event& e, core::Time now) {
  advance(now);
  components_[e.component]->on_event(e.kind, e.a, e.b, now);
  refresh_power(now);
}

void Site::finish(SiteResult& out) {
  // In reverse order: the workload brings its running jobs up to date before reliability
  // reads their states.
  for (auto c = components_.rbegin(); c != components_.rend(); ++c) (*c)->finish(end_, out);
  account(plan_, supply_.sums(), scenario_, out);
}

}  // namespace gigasim::sim
