#include "gigasim/sim/site_workload.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "gigasim/core/errors.hpp"
#include "gigasim/core/statistics.hpp"
#include "gigasim/sim/federation_router.hpp"

namespace gigasim::sim {
namespace {

constexpr core::Time kNever = core::Time::from_ms(std::numeric_limits<std::int64_t>::max());

NamedJob named_job(const workload::JobSpec& spec, const sched::JobState& st,
                   const sched::JobAccount& a) {
  const auto hours = [](core::Time t) { return (t - core::Time::start()).in_seconds() / 3600.0; };
  NamedJob n;
  n.accelerators = spec.accelerators;
  n.submit_h = hours(spec.submit);
  if (st.started()) n.start_h = hours(st.first_start);
  if (st.status == sched::JobStatus::done) n.end_h = hours(st.end);
  n.done = a.done;
  n.held_gpu_hours = a.held_accelerator_h;
  n.energy_mwh = st.energy_j / 3.6e9;
  return n;
}

}  // namespace

std::unique_ptr<sched::SiteScheduler> make_scheduler(const plan::WorkloadPlan& w) {
  auto s = std::make_unique<sched::SiteScheduler>(w.partitions, w.tenants, w.scheduler,
                                                  sched::JobTable::over(w.jobs));
  for (const auto& pool : w.inference) {
    const bool placed = s->reserve(
        pool.service.partition, pool.service.accelerators_per_replica * pool.service.max_replicas);
    core::ensure(placed, "an inference pool prepared to fit does not fit");
  }
  for (std::size_t p = 0; p < w.spares.size(); ++p) {
    if (w.spares[p] > 0) s->reserve_spares(p, w.spares[p]);
  }
  return s;
}

SiteWorkload::SiteWorkload(const plan::SitePlan& plan, Events events, core::Time end)
    : workload_(*plan.workload),
      events_(events),
      end_(end),
      scheduler_(make_scheduler(*plan.workload)),
      wake_(kNever),
      pass_due_(kNever) {
  if (plan.spec->demand_response) dr_ = &*plan.spec->demand_response;
  swing_spec_ = &plan.spec->power_swings;
  // No general published limit exists: 10 % of the connection by default (docs).
  swing_limit_w_ = swing_spec_->limit.value() > 0 ? swing_spec_->limit.value()
                                                  : 0.1 * plan.spec->grid_connection.value();
}

void SiteWorkload::start() {
  const auto& jobs = workload_.jobs;
  if (!jobs.empty() && jobs.front().submit < end_) events_.at(jobs.front().submit, arrival);
}

std::uint32_t SiteWorkload::submit(const workload::JobSpec& job, std::string name, core::Time now) {
  const std::uint32_t index = scheduler_->add(job);
  added_names_.push_back(std::move(name));
  events_.at(std::max(job.submit, now), submitted, index);
  return index;
}

double SiteWorkload::it_power_w() const {
  const auto& s = *scheduler_;
  return s.idle_w() + s.cap() * (s.dynamic_w() + inference_dynamic_w_);
}

void SiteWorkload::advance(core::Time now) {
  const double dt = (now - last_change_).in_seconds();
  if (dt <= 0) return;
  const auto& s = *scheduler_;
  const double busy = static_cast<double>(s.busy_accelerators());
  busy_acc_s_ += busy * dt;
  inference_useful_acc_s_ += inference_active_acc_ * s.speed() * dt;
  inference_dynamic_j_ += s.cap() * inference_dynamic_w_ * dt;
  if (s.cap() < 1.0) {
    capped_s_ += dt;
    lost_acc_s_ += busy * (1.0 - s.speed()) * dt;
    if (in_event_) dr_capped_acc_s_ += busy * (1.0 - s.speed()) * dt;
  }
  if (cap_without_backup_ < s.cap())
    backup_avoided_acc_s_ += busy * (s.speed() - std::cbrt(cap_without_backup_)) * dt;
  last_change_ = now;
}

void SiteWorkload::push_ends() {
  for (const auto& e : ends_) events_.at(e.end, e.resume ? job_resume : job_end, e.job, e.version);
  ends_.clear();
}

// Jobs started or resumed within a capped interval are capped too: the DVFS cap tightens
// when the power passes the interval's budget by more than 1 % (a looser cap waits for the
// next tick).
void SiteWorkload::recap(core::Time now) {
  auto& s = *scheduler_;
  if (workload_.power_cap != scenario::PowerCapMode::dvfs || it_power_w() <= 1.01 * it_budget_w_)
    return;
  s.set_cap(std::min(s.cap(), cap_for(it_budget_w_)), now, ends_);
  push_ends();
}

double SiteWorkload::cap_for(double it_budget_w) const {
  const auto& s = *scheduler_;
  const double dynamic = s.dynamic_w() + inference_dynamic_w_;
  if (it_budget_w >= s.idle_w() + dynamic || dynamic <= 0) return 1.0;
  return std::max(0.05, (it_budget_w - s.idle_w()) / dynamic);
}

void SiteWorkload::schedule_pass(core::Time now) {
  const core::Time deferred = scheduler_->schedule(now, ends_);
  push_ends();
  recap(now);
  // A job an admission policy deferred is looked at again when it asked to be.
  if (deferred < end_ && (wake_ <= now || deferred < wake_)) {
    wake_ = deferred;
    events_.at(deferred, wake);
  }
}

void SiteWorkload::request_pass(core::Time now) {
  if (pass_due_ == now) return;  // one is already due at this instant
  pass_due_ = now;
  events_.at(now, pass);
}

void SiteWorkload::on_arrival(core::Time now) {
  const auto& jobs = workload_.jobs;
  // Every job submitted at this instant joins the queue before one scheduling pass.
  while (next_job_ < jobs.size() && jobs[next_job_].submit <= now) {
    const auto job = static_cast<std::uint32_t>(next_job_++);
    if (router_ == nullptr || !router_->route(site_, job, now)) scheduler_->submit(job, now);
  }
  request_pass(now);
  if (next_job_ < jobs.size() && jobs[next_job_].submit < end_)
    events_.at(jobs[next_job_].submit, arrival);
}

void SiteWorkload::on_event(std::uint8_t kind, std::uint32_t a, std::uint32_t b, core::Time now) {
  switch (static_cast<Kind>(kind)) {
    case arrival:
      on_arrival(now);
      break;
    case job_end:
      if (scheduler_->complete(a, b, now)) request_pass(now);  // else stale: preempted or slowed
      break;
    case job_resume:
      if (scheduler_->resume(a, b)) recap(now);
      break;
    case submitted:
      scheduler_->submit(a, now);
      request_pass(now);
      break;
    case pass:
      pass_due_ = kNever;
      schedule_pass(now);
      break;
    case wake:
      if (now == wake_) wake_ = kNever;
      schedule_pass(now);
      break;
  }
}

void SiteWorkload::open_tick(Tick& tick) {
  const core::Time now = tick.start;
  // Inference: replicas for this hour's demand.
  inference_dynamic_w_ = inference_active_acc_ = served_tokens_per_s_ = demanded_tokens_per_s_ = 0;
  for (const auto& pool : workload_.inference) {
    const auto h = pool.service.at(static_cast<int>(tick.hour_of_day));
    inference_dynamic_w_ += h.active_replicas * pool.dynamic_w_per_replica;
    inference_active_acc_ += static_cast<double>(h.active_replicas) *
                             static_cast<double>(pool.service.accelerators_per_replica);
    served_tokens_per_s_ += h.served_tokens_per_s;
    demanded_tokens_per_s_ += h.demand_tokens_per_s;
  }
  // Power cap for the interval from the supply this hour can deliver (profiles are known
  // ahead) and the facility overhead of the last interval.
  auto& s = *scheduler_;
  double it_budget = tick.available_w / tick.pue_estimate;
  in_event_ = tick.dr_requested_w > 0 && dr_ != nullptr;
  if (in_event_) {
    // Demand response: the battery has answered in the supply's budget; then deferral, then
    // capping (docs/models/energy.md, "Demand response").
    const double event_budget = tick.dr_available_w / tick.pue_estimate;
    if (dr_->by_deferral) defer_for_event(tick, event_budget);
    if (dr_->by_capping) it_budget = std::min(it_budget, event_budget);
  }
  it_budget_w_ = it_budget;
  // A federation may move running jobs to sites that can power them (migrate: true).
  if (router_ != nullptr) {
    const double deficit_w = s.dynamic_w() - (it_budget - s.idle_w() - inference_dynamic_w_);
    if (deficit_w > 0) router_->migrate(site_, deficit_w, now);
  }
  switch (workload_.power_cap) {
    case scenario::PowerCapMode::dvfs:
      s.set_cap(cap_for(it_budget), now, ends_);
      push_ends();
      // The cap without the battery's backup: the work it saves (a first-order estimate).
      cap_without_backup_ =
          tick.backup_w > 0
              ? cap_for(std::min(it_budget, (tick.available_w - tick.backup_w) / tick.pue_estimate))
              : 1.0;
      break;
    case scenario::PowerCapMode::preempt:
      s.limit_power(std::max(0.0, it_budget - s.idle_w() - inference_dynamic_w_), now);
      schedule_pass(now);
      break;
    case scenario::PowerCapMode::off:
      break;
  }
  // Replicas slowed by the cap serve in proportion to their speed.
  if (s.speed() < 1.0) {
    served_tokens_per_s_ = 0;
    for (const auto& pool : workload_.inference)
      served_tokens_per_s_ +=
          pool.service.at(static_cast<int>(tick.hour_of_day), s.speed()).served_tokens_per_s;
  }
}

void SiteWorkload::defer_for_event(const Tick& tick, double it_budget_w) {
  auto& s = *scheduler_;
  const double target = std::max(0.0, it_budget_w - s.idle_w() - inference_dynamic_w_);
  const std::int64_t stopped = s.hold_classes(dr_->deferrable, target, tick.dr_until, tick.start);
  if (stopped == 0) return;
  dr_deferred_acc_s_ += static_cast<double>(stopped) * (tick.dr_until - tick.start).in_seconds();
  // The stopped jobs are deferred to the event's end: a pass schedules their wake.
  schedule_pass(tick.start);
}

// The swings of the jobs running at the tick's end add up (the worst case: their phases may
// align); they reach the grid through the power chain, whose losses follow the load, and
// the smoothing storage absorbs up to its power (docs/models/energy.md, "Power swings").
void SiteWorkload::record_swing(const Tick& tick, SiteResult& out) {
  const auto& s = *scheduler_;
  double swing = 0, cycled = 0, floor = 0;
  for (const plan::JobSwing& j : workload_.swings) {
    const sched::JobState& st = s.states()[j.job];
    if (st.status != sched::JobStatus::running || !st.powered) continue;
    const double acc = static_cast<double>(s.jobs().spec(j.job).accelerators) * s.cap();
    swing += acc * j.swing_w * j.band_share;
    cycled += acc * j.swing_w * j.duty * (1.0 - j.duty);
    const auto& spec = s.jobs().spec(j.job);
    floor +=
        acc * j.floor_activity * workload_.partitions[spec.partition].dynamic_w_per_accelerator;
  }
  PowerSwingTotals& t = out.totals.power_swings;
  t.limit_mw = swing_limit_w_ / 1e6;
  t.floor_mwh += floor * tick.seconds / 3.6e9;
  if (swing <= 0) return;
  const facility::FacilityLoad& f = tick.facility;
  const double chain = f.it_w > 0 ? (f.it_w + f.power_chain_loss_w) / f.it_w : 1.0;
  swing *= chain;
  const double absorbed = std::min(swing, swing_spec_->smoothing_power.value());
  const double residual = swing - absorbed;
  t.smoothing_loss_mwh += (1.0 - swing_spec_->smoothing_efficiency) * cycled * chain *
                          (absorbed / swing) * tick.seconds / 3.6e9;
  tick.row->power_swing_mw = static_cast<float>(residual / 1e6);
  t.peak_mw = std::max(t.peak_mw, residual / 1e6);
  if (residual > swing_limit_w_) t.hours_over_limit += tick.seconds / 3600.0;
}

void SiteWorkload::close_tick(Tick& tick, SiteResult& out) {
  record_swing(tick, out);
  const auto& s = *scheduler_;
  const double dt_s = tick.seconds;
  SiteTickRow& row = *tick.row;
  row.utilization =
      static_cast<float>(busy_acc_s_ / (static_cast<double>(s.total_accelerators()) * dt_s));
  row.queue_length = static_cast<float>(s.queue_length());
  row.power_cap = static_cast<float>(s.cap());
  row.tokens_served_per_s = static_cast<float>(served_tokens_per_s_);
  tokens_served_ += served_tokens_per_s_ * dt_s;
  tokens_demanded_ += demanded_tokens_per_s_ * dt_s;
  busy_total_s_ += busy_acc_s_;
  busy_acc_s_ = 0;
}

void SiteWorkload::finish(core::Time end, SiteResult& out) {
  auto& s = *scheduler_;
  s.finish(end);  // progress and energy of the jobs still running
  const double horizon_s = (end - core::Time::start()).in_seconds();
  WorkloadTotals& w = out.workload;
  w.present = true;
  w.preemptions = s.preemptions();
  w.utilization = busy_total_s_ / (static_cast<double>(s.total_accelerators()) * horizon_s);
  w.tokens_served = tokens_served_;
  w.gpu_hours_busy = busy_total_s_ / 3600.0;
  for (const auto& pool : workload_.inference) {
    w.gpu_hours_inference_pools += static_cast<double>(pool.service.max_replicas) *
                                   static_cast<double>(pool.service.accelerators_per_replica) *
                                   horizon_s / 3600.0;
  }
  // The pools' reserved accelerators draw idle power all along, their serving replicas the
  // capped dynamic power (the site's mean idle power per accelerator).
  constexpr double kJPerMWh = 3.6e9;
  const double idle_w_per_accelerator =
      s.total_accelerators() > 0 ? s.idle_w() / static_cast<double>(s.total_accelerators()) : 0.0;
  w.energy_inference_pools_mwh =
      (w.gpu_hours_inference_pools * 3600.0 * idle_w_per_accelerator + inference_dynamic_j_) /
      kJPerMWh;
  w.gpu_hours_useful = inference_useful_acc_s_ / 3600.0;
  w.tokens_demanded = tokens_demanded_;
  w.power_capped_hours = capped_s_ / 3600.0;
  out.totals.demand_response.gpu_hours_deferred += dr_deferred_acc_s_ / 3600.0;
  out.totals.demand_response.gpu_hours_capped += dr_capped_acc_s_ / 3600.0;
  out.totals.battery_cap_avoided_gpu_hours += backup_avoided_acc_s_ / 3600.0;
  w.gpu_hours_lost_to_power_caps = lost_acc_s_ / 3600.0;
  DelayAccumulator delays;
  for (std::size_t j = 0; j < s.jobs().size(); ++j) {
    const auto& spec = s.jobs().spec(static_cast<std::uint32_t>(j));
    const auto& st = s.states()[j];
    if (st.status == sched::JobStatus::pending) continue;
    ++w.jobs_submitted;
    if (st.status == sched::JobStatus::done) ++w.jobs_completed;
    const sched::JobAccount a = sched::account_of(spec, st);
    w.gpu_hours_delivered += a.useful_accelerator_h;
    w.gpu_hours_by_tenant[s.tenants()[spec.tenant].name] += a.useful_accelerator_h;
    w.gpu_hours_useful += a.net_useful_accelerator_h;
    // Held while it ran: useful work, slowed work, work lost to interruptions and restarts.
    if (spec.model_flops > 0) {
      w.gpu_hours_model_jobs += a.held_accelerator_h;
      w.energy_model_jobs_mwh += st.energy_j / kJPerMWh;
    } else {
      w.gpu_hours_other_jobs += a.held_accelerator_h;
      w.energy_other_jobs_mwh += st.energy_j / kJPerMWh;
    }
    const auto deadline = workload_.deadlines_h.find(static_cast<std::uint32_t>(j));
    if (deadline != workload_.deadlines_h.end()) {
      ++w.jobs_with_deadline;
      const double end_h = (st.end - core::Time::start()).in_hours();
      const bool done = st.status == sched::JobStatus::done;
      if ((done && end_h > deadline->second) || (!done && deadline->second <= horizon_s / 3600.0))
        ++w.deadlines_missed;
    }
    if (j < workload_.job_names.size() && !workload_.job_names[j].empty()) {
      NamedJob n = named_job(spec, st, a);
      if (deadline != workload_.deadlines_h.end()) n.deadline_h = deadline->second;
      w.named_jobs.emplace(workload_.job_names[j], n);
    }
    w.tokens_trained += a.tokens;
    w.model_flops_delivered += a.model_flops;
    delays.add(spec, st, a);
  }
  set_delays(w, delays);
  out.jobs = s.jobs().specs();
  out.job_states = s.states();
  out.job_names = workload_.job_names;
  out.job_names.insert(out.job_names.end(), added_names_.begin(), added_names_.end());
  for (const auto& t : s.tenants()) out.tenant_names.push_back(t.name);
}

}  // namespace gigasim::sim
