#include "gigasim/sim/federation_router.hpp"

#include <algorithm>
#include <cmath>

#include "gigasim/sim/site_workload.hpp"

namespace gigasim::sim {
namespace {

constexpr double kHourS = 3600.0;

bool is_renewable(energy::SourceKind k) {
  return k == energy::SourceKind::wind || k == energy::SourceKind::solar ||
         k == energy::SourceKind::hydro;
}

double window_mean(const std::vector<double>& sum, std::size_t from, std::size_t to) {
  const std::size_t hours = sum.size() - 1;
  to = std::min(to, hours);
  from = std::min(from, to > 0 ? to - 1 : 0);
  if (to <= from) return 0.0;
  return (sum[to] - sum[from]) / static_cast<double>(to - from);
}

// Index of a tenant by name in a site's plan; -1 if the site has none of that name.
int tenant_index(const plan::WorkloadPlan& w, const std::string& name) {
  for (std::size_t t = 0; t < w.tenants.size(); ++t)
    if (w.tenants[t].name == name) return static_cast<int>(t);
  return -1;
}

}  // namespace

SupplySignals SupplySignals::of(const plan::SitePlan& site, std::size_t hours) {
  SupplySignals s;
  s.price_sum.assign(hours + 1, 0.0);
  s.carbon_sum.assign(hours + 1, 0.0);
  s.renewable_sum.assign(hours + 1, 0.0);
  const double load_w = site.sizing.rated_it_w * site.sizing.design_pue;
  const auto& supply = site.spec->supply;
  for (std::size_t h = 0; h < hours; ++h) {
    double left = load_w, served = 0, price = 0, carbon = 0, green = 0;
    // The contracted and owned sources in the scenario's order, then the grid for the rest.
    const auto take = [&](std::size_t i, double w) {
      const energy::SourceProfile& p = site.profiles[i];
      served += w;
      left -= w;
      price += w * p.price_at(h);
      carbon += w * p.carbon_at(h);
      if (is_renewable(supply[i].kind)) green += w;
    };
    for (std::size_t i = 0; i < supply.size() && left > 0; ++i) {
      const energy::SourceKind k = supply[i].kind;
      if (k == energy::SourceKind::grid || k == energy::SourceKind::battery) continue;
      const auto& available = site.profiles[i].available_w;
      if (h < available.size()) take(i, std::min(available[h], left));
    }
    for (std::size_t i = 0; i < supply.size() && left > 0; ++i)
      if (supply[i].kind == energy::SourceKind::grid) take(i, left);
    const double n = served > 0 ? served : 1.0;
    s.price_sum[h + 1] = s.price_sum[h] + price / n;
    s.carbon_sum[h + 1] = s.carbon_sum[h] + carbon / n;
    s.renewable_sum[h + 1] = s.renewable_sum[h] + green / n;
  }
  return s;
}

double SupplySignals::price(std::size_t from, std::size_t to) const {
  return window_mean(price_sum, from, to);
}
double SupplySignals::carbon(std::size_t from, std::size_t to) const {
  return window_mean(carbon_sum, from, to);
}
double SupplySignals::renewable(std::size_t from, std::size_t to) const {
  return window_mean(renewable_sum, from, to);
}

FederationRouter::FederationRouter(const plan::Plan& plan, const scenario::FederationSpec& spec)
    : plan_(plan), spec_(spec) {
  totals_.present = true;
  totals_.policy = std::string(scenario::to_string(spec.policy));
  if (spec.policy == scenario::RoutingPolicy::none) return;  // no signal needed
  signals_.reserve(plan.sites.size());
  for (const auto& site : plan.sites) signals_.push_back(SupplySignals::of(site, plan.hours));
  tabulate();
}

FederationTotals FederationRouter::totals() const {
  FederationTotals out = totals_;
  for (std::size_t i = 0; i < sent_.size(); ++i) {
    if (sent_[i] > 0) out.sent_by_site[plan_.sites[i].spec->name] = sent_[i];
    if (received_[i] > 0) out.received_by_site[plan_.sites[i].spec->name] = received_[i];
  }
  return out;
}

void FederationRouter::tabulate() {
  const std::size_t sites = plan_.sites.size();
  sent_.assign(sites, 0);
  received_.assign(sites, 0);
  std::vector<std::string> countries;
  rate_.resize(sites);
  by_speed_.resize(sites);
  keep_.resize(sites);
  country_.resize(sites);
  for (std::size_t i = 0; i < sites; ++i) {
    const plan::SitePlan& site = plan_.sites[i];
    const std::string& country = site.spec->location.country;
    const auto at = std::find(countries.begin(), countries.end(), country);
    country_[i] = static_cast<int>(at - countries.begin());
    if (at == countries.end()) countries.push_back(country);
    if (!site.workload) continue;
    const auto reserved = spec_.reserved_shares.find(country);
    const double share = reserved == spec_.reserved_shares.end() ? 0.0 : reserved->second;
    for (std::size_t p = 0; p < site.workload->partitions.size(); ++p) {
      // A job's speed on a partition: the accelerator's dense BF16 rate at its sustained
      // matrix clock × the generation's large-GEMM efficiency (data/efficiency.yaml), the same
      // for every job (a ratio).
      const auto& entry = site.spec->fleet[p];
      const hardware::Accelerator& acc = entry.system.accelerator;
      rate_[i].push_back(acc.matrix_rate(acc.bf16_dense) * entry.efficiency.gemm_max);
      const auto& shape = site.workload->partitions[p].shape;
      keep_[i].push_back(static_cast<std::int64_t>(
          std::ceil(share * static_cast<double>(shape.domains * shape.domain_size))));
      by_speed_[i].push_back(p);
    }
    std::stable_sort(by_speed_[i].begin(), by_speed_[i].end(),
                     [&](std::size_t a, std::size_t b) { return rate_[i][a] > rate_[i][b]; });
  }
  tenant_at_.assign(sites, {});
  for (std::size_t home = 0; home < sites; ++home) {
    if (!plan_.sites[home].workload) continue;
    for (const auto& tenant : plan_.sites[home].workload->tenants) {
      std::vector<int> where(sites, -1);
      for (std::size_t d = 0; d < sites; ++d) {
        if (!plan_.sites[d].workload) continue;
        bool allowed = true;
        for (const auto& rule : spec_.residency)
          if (rule.tenant == tenant.name)
            allowed =
                allowed && std::find(rule.countries.begin(), rule.countries.end(),
                                     plan_.sites[d].spec->location.country) != rule.countries.end();
        if (allowed) where[d] = tenant_index(*plan_.sites[d].workload, tenant.name);
      }
      tenant_at_[home].push_back(std::move(where));
    }
  }
}

double FederationRouter::rate(std::uint32_t site, std::size_t partition) const {
  return rate_[site][partition];
}

double FederationRouter::energy_j(std::uint32_t site, std::size_t partition,
                                  const workload::JobSpec& job, double work_s) const {
  const auto& p = plan_.sites[site].workload->partitions[partition];
  const double per_accelerator_w =
      p.idle_w_per_accelerator + static_cast<double>(job.activity) * p.dynamic_w_per_accelerator;
  return static_cast<double>(job.accelerators) * per_accelerator_w * work_s;
}

int FederationRouter::partition_for(std::uint32_t site, std::uint32_t home,
                                    const workload::JobSpec& job) const {
  if (site == home) return job.partition;
  if (workloads_[site] == nullptr || tenant_at_[home][job.tenant][site] < 0) return -1;
  const auto& partitions = plan_.sites[site].workload->partitions;
  for (std::size_t p : by_speed_[site]) {
    const auto& shape = partitions[p].shape;
    if (shape.domains * shape.domain_size >= job.accelerators) return static_cast<int>(p);
  }
  return -1;
}

bool FederationRouter::can_start_now(std::uint32_t site, int partition, std::uint32_t home,
                                     const workload::JobSpec& job) const {
  const sched::SiteScheduler& s = workloads_[site]->scheduler();
  if (s.queue_length() != 0) return false;
  const auto p = static_cast<std::size_t>(partition);
  // A job from another member state leaves the site's reserved share free.
  const std::int64_t keep = country_[site] == country_[home] ? 0 : keep_[site][p];
  return s.allocator(p).free_accelerators() - keep >= job.accelerators;
}

workload::JobSpec FederationRouter::recost(std::uint32_t home, const workload::JobSpec& job,
                                           const Place& to) const {
  workload::JobSpec out = job;
  const double speed_up = rate(home, job.partition) / rate(to.site, to.partition);
  out.work_s = job.work_s * speed_up;
  out.checkpoint_period_s = static_cast<float>(job.checkpoint_period_s * speed_up);
  out.partition = to.partition;
  const std::string& tenant = plan_.sites[home].workload->tenants.at(job.tenant).name;
  out.tenant =
      static_cast<std::uint16_t>(std::max(0, tenant_index(*plan_.sites[to.site].workload, tenant)));
  return out;
}

double FederationRouter::score(std::uint32_t home, const workload::JobSpec& job, std::uint32_t d,
                               int p, std::size_t hour) const {
  const bool by_cost = spec_.policy == scenario::RoutingPolicy::lowest_cost;
  const double work_s =
      job.work_s * rate(home, job.partition) / rate(d, static_cast<std::size_t>(p));
  const double window_h = std::min(work_s, spec_.lookahead.in_seconds()) / kHourS;
  const std::size_t to =
      hour + std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(window_h)));
  const SupplySignals& s = signals_[d];
  const double energy = energy_j(d, static_cast<std::size_t>(p), job, work_s);
  double x = energy * (by_cost ? s.price(hour, to) : s.carbon(hour, to));
  if (by_cost && d != home)
    x += static_cast<double>(job.accelerators) * spec_.data_per_accelerator.value() / 1e9 *
         spec_.link.price_eur_per_gb;
  return x;
}

bool FederationRouter::choose_elsewhere(std::uint32_t home, const workload::JobSpec& job,
                                        core::Time now, Place& out) const {
  using scenario::RoutingPolicy;
  const bool by_score =
      spec_.policy == RoutingPolicy::lowest_cost || spec_.policy == RoutingPolicy::lowest_carbon;
  const auto hour = static_cast<std::size_t>(now.in_hours());
  bool found = false;
  double best = 0;
  for (std::uint32_t d = 0; d < plan_.sites.size(); ++d) {
    if (d == home || workloads_[d] == nullptr || workloads_[d]->scheduler().queue_length() > 0)
      continue;
    const int p = partition_for(d, home, job);
    if (p < 0 || !can_start_now(d, p, home, job)) continue;
    // The policy's score, or (earliest_start, follow_renewables) the most free accelerators.
    const double x = by_score ? score(home, job, d, p, hour)
                              : -static_cast<double>(workloads_[d]
                                                         ->scheduler()
                                                         .allocator(static_cast<std::size_t>(p))
                                                         .free_accelerators());
    if (!found || x < best) {
      found = true;
      best = x;
      out = {d, static_cast<std::uint16_t>(p), 0};
    }
  }
  return found;
}

void FederationRouter::migrate(std::uint32_t home, double deficit_w, core::Time now) {
  if (!spec_.migrate || spec_.policy == scenario::RoutingPolicy::none || deficit_w <= 0) return;
  sched::SiteScheduler& s = workloads_[home]->scheduler();
  const auto& partitions = plan_.sites[home].workload->partitions;
  // The running jobs that draw power, largest first (fewer moves for the same relief).
  std::vector<std::pair<double, std::uint32_t>> running;
  for (std::uint32_t j = 0; j < s.states().size(); ++j) {
    const sched::JobState& st = s.states()[j];
    if (st.status != sched::JobStatus::running || !st.powered) continue;
    const workload::JobSpec& spec = s.jobs().spec(j);
    running.emplace_back(static_cast<double>(spec.accelerators) *
                             static_cast<double>(spec.activity) *
                             partitions[spec.partition].dynamic_w_per_accelerator,
                         j);
  }
  std::sort(running.begin(), running.end(), std::greater<>());
  double relieved = 0;
  for (const auto& [dynamic_w, j] : running) {
    if (relieved >= deficit_w) break;
    const workload::JobSpec spec = s.jobs().spec(j);
    Place to;
    if (!choose_elsewhere(home, spec, now, to)) continue;
    const double left_s = s.withdraw(j, now);
    if (left_s <= 0) continue;
    // The rest of the job: its work left, and its tokens and FLOPs in proportion.
    workload::JobSpec rest = spec;
    const double share = spec.work_s > 0 ? std::min(1.0, left_s / spec.work_s) : 0.0;
    rest.work_s = left_s;
    rest.tokens = spec.tokens * share;
    rest.model_flops = spec.model_flops * share;
    const std::string name = j < plan_.sites[home].workload->job_names.size()
                                 ? plan_.sites[home].workload->job_names[j]
                                 : std::string();
    hand_over(home, rest, name, to, now, true);
    relieved += dynamic_w;
  }
}

bool FederationRouter::choose(std::uint32_t home, const workload::JobSpec& job, core::Time now,
                              Place& out) const {
  using scenario::RoutingPolicy;
  const auto sites = static_cast<std::uint32_t>(plan_.sites.size());
  const int home_partition = partition_for(home, home, job);
  out = {home, static_cast<std::uint16_t>(home_partition), 0};
  const auto hour = static_cast<std::size_t>(now.in_hours());

  // earliest_start: home if it can start now, else the best other site that can.
  if (spec_.policy == RoutingPolicy::earliest_start)
    return !can_start_now(home, home_partition, home, job) && choose_elsewhere(home, job, now, out);

  if (spec_.policy == RoutingPolicy::lowest_cost || spec_.policy == RoutingPolicy::lowest_carbon) {
    // Home is always a candidate (waiting there costs nothing more); another site only if
    // it can start the job now, and only if it scores strictly better than home.
    Place other;
    if (!choose_elsewhere(home, job, now, other)) return false;
    if (score(home, job, other.site, other.partition, hour) >=
        score(home, job, home, home_partition, hour))
      return false;
    out = other;
    return true;
  }

  if (spec_.policy == RoutingPolicy::follow_renewables && spec_.may_defer(job.cls)) {
    // The site and start hour, within max_delay, whose supply is the most renewable over the
    // job's run (within the lookahead); home and now win ties.
    const auto delay_h = static_cast<std::int64_t>(spec_.max_delay.in_hours());
    double best = -1;
    for (std::uint32_t i = 0; i < sites; ++i) {
      const std::uint32_t d = i == 0 ? home : (i <= home ? i - 1 : i);  // home first
      const int p = d == home ? home_partition : partition_for(d, home, job);
      if (p < 0) continue;
      const double work_s =
          job.work_s * rate(home, job.partition) / rate(d, static_cast<std::size_t>(p));
      const auto run_h = std::max<std::size_t>(
          1, static_cast<std::size_t>(
                 std::ceil(std::min(work_s, spec_.lookahead.in_seconds()) / kHourS)));
      for (std::int64_t k = 0; k <= delay_h; ++k) {
        const std::size_t from = hour + static_cast<std::size_t>(k);
        if (from >= plan_.hours) break;
        const double share = signals_[d].renewable(from, from + run_h);
        if (share > best + 1e-12) {
          best = share;
          out = {d, static_cast<std::uint16_t>(p), k};
        }
      }
    }
    return out.site != home || out.start_h > 0;
  }
  return false;
}

bool FederationRouter::route(std::uint32_t home, std::uint32_t job, core::Time now) {
  ++totals_.jobs_seen;
  if (spec_.policy == scenario::RoutingPolicy::none) return false;
  const workload::JobSpec& spec = plan_.sites[home].workload->jobs[job];
  Place to;
  if (!choose(home, spec, now, to)) return false;
  send(home, job, to, now);
  return true;
}

void FederationRouter::send(std::uint32_t home, std::uint32_t job, const Place& to,
                            core::Time now) {
  const plan::WorkloadPlan& from = *plan_.sites[home].workload;
  hand_over(home, from.jobs[job], from.job_names[job], to, now, false);
}

void FederationRouter::hand_over(std::uint32_t home, workload::JobSpec job, const std::string& name,
                                 const Place& to, core::Time now, bool migrated) {
  const double planned_accelerator_h = static_cast<double>(job.accelerators) * job.work_s / kHourS;
  workload::JobSpec moved = recost(home, job, to);
  core::Duration delay = core::Duration::hours(to.start_h);
  if (to.start_h > 0) {
    ++totals_.jobs_deferred;
    totals_.deferral_hours += static_cast<double>(to.start_h);
  }
  if (to.site != home) {
    const double bytes =
        static_cast<double>(moved.accelerators) * spec_.data_per_accelerator.value();
    const double seconds = spec_.link.latency.value() + bytes / spec_.link.bandwidth.value();
    delay =
        delay + core::Duration::milliseconds(static_cast<std::int64_t>(std::ceil(seconds * 1e3)));
    if (migrated) {
      ++totals_.jobs_migrated;
    } else {
      ++totals_.jobs_routed;
      totals_.routed_accelerator_hours += planned_accelerator_h;
    }
    totals_.data_moved_tb += bytes / 1e12;
    totals_.transfer_cost_eur += bytes / 1e9 * spec_.link.price_eur_per_gb;
    totals_.transfer_hours += seconds / kHourS;
    ++sent_[home];
    ++received_[to.site];
  }
  moved.submit = now + delay;
  workloads_[to.site]->submit(moved, name, now);
}

}  // namespace gigasim::sim
