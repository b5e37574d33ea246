#include "gigasim/energy/supply.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gigasim::energy {
namespace {

constexpr std::size_t kPlanHours = 24;  // day-ahead: the next day's prices are known

bool must_take(Contract c) {
  return c == Contract::ppa || c == Contract::baseload;
}

bool has(const StorageSpec& s, StorageStrategy strategy) {
  return std::find(s.strategies.begin(), s.strategies.end(), strategy) != s.strategies.end();
}

}  // namespace

Supply::Supply(std::span<const SourceSpec> specs, std::span<const SourceProfile> profiles,
               double connection_w)
    : specs_(specs), profiles_(profiles), connection_w_(connection_w) {
  const std::size_t n = specs.size();
  offers_.resize(n);
  order_.resize(n);
  for (auto* v :
       {&supplied_w_, &surplus_w_, &paid_w_, &sold_w_, &curtailed_w_, &price_, &sale_price_})
    v->assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    Offer& o = offers_[i];
    o.on_site = profiles[i].on_site;
    o.must_take = must_take(specs[i].contract);
    o.firm = specs[i].contract == Contract::baseload;
    o.priority = specs[i].priority;
    if (specs[i].contract == Contract::market && grid_ == kNone) grid_ = i;
    if (specs[i].kind == SourceKind::battery) {
      battery_at_ = i;
      battery_.emplace(specs[i].storage);
      // Its discharge displaces every other dispatchable source.
      o.priority = std::numeric_limits<int>::min();
    }
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!profiles[i].day_energy_j.empty()) reservoirs_.push_back(Reservoir{.source = i});
  if (battery_) {
    const StorageSpec& s = battery_->spec();
    const double usable = (s.soc_max - s.soc_min) * s.energy.value();
    pairs_per_day_ = static_cast<std::size_t>(std::ceil(usable / (s.power.value() * 3600.0)));
    plan_.assign(n > 0 ? profiles[0].available_w.size() : 0, PlannedAction::idle);
  }
}

std::pair<double, double> Supply::on_and_off_site_w(std::size_t h) const {
  double on_site = 0, off_site = 0;
  for (std::size_t i = 0; i < specs_.size(); ++i)
    (offers_[i].on_site ? on_site : off_site) += profiles_[i].available_w[h];
  return {on_site, off_site};
}

double Supply::available_w(std::size_t h, double seconds) const {
  const auto [on_site, off_site] = on_and_off_site_w(h);
  return on_site + backup_available_w(seconds) + std::min(off_site, connection_w_);
}

double Supply::backup_available_w(double seconds) const {
  return battery_ && has(battery_->spec(), StorageStrategy::backup)
             ? battery_->max_discharge_w(seconds)
             : 0.0;
}

void Supply::set_demand_response(std::span<const float> request_w, bool by_storage) {
  dr_request_w_ = request_w;
  dr_storage_ = by_storage && battery_.has_value();
  if (!dr_storage_) return;
  // What the events of each day still ask from each hour on, as the battery could give it.
  const double power = battery_->spec().power.value();
  dr_ahead_j_.assign(request_w.size() + 1, 0.0);
  for (std::size_t h = request_w.size(); h-- > 0;) {
    const double after = (h + 1) % kPlanHours == 0 ? 0.0 : dr_ahead_j_[h + 1];
    dr_ahead_j_[h] = after + std::min<double>(power, request_w[h]) * 3600.0;
  }
}

void Supply::open(std::size_t h) {
  const double request = h < dr_request_w_.size() ? dr_request_w_[h] : 0.0;
  if (request > 0 && !in_event_) baseline_w_ = last_import_w_;
  in_event_ = request > 0;
  requested_w_ = request;
}

double Supply::available_in_event_w(std::size_t h, double seconds) const {
  const auto [on_site, off_site] = on_and_off_site_w(h);
  const double battery = dr_storage_ ? battery_->max_discharge_w(seconds) : 0.0;
  return on_site + battery + std::min({off_site, connection_w_, import_limit_w()});
}

double Supply::dr_reserve_j(std::size_t h) const {
  const StorageSpec& s = battery_->spec();
  return s.soc_min * battery_->capacity_j() + dr_ahead_j_[h] / std::sqrt(s.round_trip_efficiency);
}

double Supply::outside_event_limit_w(std::size_t h, double seconds) const {
  const double most = battery_->max_discharge_w(seconds);
  if (!dr_storage_ || dr_ahead_j_[h] <= 0) return most;
  const double eta = std::sqrt(battery_->spec().round_trip_efficiency);
  return std::min(most, std::max(0.0, battery_->stored_j() - dr_reserve_j(h)) * eta / seconds);
}

void Supply::plan_from(std::size_t h) {
  planned_until_ = h + kPlanHours;
  const StorageSpec& s = battery_->spec();
  const bool by_price = has(s, StorageStrategy::arbitrage);
  if (grid_ == kNone || (!by_price && !has(s, StorageStrategy::carbon))) return;
  const std::size_t end = std::min(plan_.size(), h + kPlanHours);
  double signal[kPlanHours];
  const SourceProfile& g = profiles_[grid_];
  for (std::size_t k = h; k < end; ++k) signal[k - h] = by_price ? g.price_at(k) : g.carbon_at(k);
  plan_day(std::span<const double>(signal, end - h), s.round_trip_efficiency, pairs_per_day_,
           std::span<PlannedAction>(plan_.data() + h, end - h));
  planned_until_ = end;
}

// The day's energy (its month's budget per day, plus what is left from earlier days of the
// same month) goes to the hours of the highest grid price, at most the plant's availability
// each; without a grid, evenly over the day (docs/models/energy.md, "Hydro").
void Supply::plan_reservoir(std::size_t index, std::size_t h) {
  Reservoir& r = reservoirs_[index];
  const SourceProfile& p = profiles_[r.source];
  const std::size_t day = h / kPlanHours;
  r.day = day;
  const int month = p.day_month[day];
  if (month != r.month) r.left_j = 0;  // a new month: its own budget, no carry-over
  r.month = month;
  r.left_j += p.day_energy_j[day];
  std::size_t order[kPlanHours];
  const std::size_t end = std::min(p.available_w.size(), h + kPlanHours);
  const std::size_t count = end - h;
  for (std::size_t k = 0; k < count; ++k) order[k] = k;
  if (grid_ != kNone) {
    const SourceProfile& g = profiles_[grid_];
    std::stable_sort(order, order + count, [&](std::size_t a, std::size_t b) {
      return g.price_at(h + a) > g.price_at(h + b);
    });
  }
  double budget = r.left_j;
  std::fill(std::begin(r.planned_w), std::end(r.planned_w), 0.0);
  if (grid_ == kNone) {
    for (std::size_t k = 0; k < count; ++k)
      r.planned_w[k] =
          std::min(p.available_w[h + k], budget / (3600.0 * static_cast<double>(count)));
    return;
  }
  for (std::size_t k = 0; k < count && budget > 0; ++k) {
    const std::size_t hour = order[k];
    r.planned_w[hour] = std::min(p.available_w[h + hour], budget / 3600.0);
    budget -= r.planned_w[hour] * 3600.0;
  }
}

double Supply::must_take_supplied() const {
  double w = 0;
  for (std::size_t i = 0; i < specs_.size(); ++i)
    if (offers_[i].must_take) w += supplied_w_[i];
  return w;
}

// Demand response comes before every strategy: in an event the battery discharges to keep
// the import under the limit and charges only below it; outside events, the others keep
// what the day's events will ask.
double Supply::battery_request(const DispatchResult& without, double demand_w, std::size_t h,
                               double seconds) {
  if (in_event_) {
    const double limit = import_limit_w();
    if (dr_storage_ && without.import_w > limit)
      return std::min(battery_->max_discharge_w(seconds), without.import_w - limit);
    const double r = strategy_request(without, demand_w, h, seconds);
    return r < 0 ? -std::min(-r, std::max(0.0, limit - without.import_w)) : r;
  }
  const double r = strategy_request(without, demand_w, h, seconds);
  if (r > 0 && without.unserved_w <= 0) return std::min(r, outside_event_limit_w(h, seconds));
  if (r == 0 && dr_storage_ && dr_ahead_j_[h] > 0) {
    // An event day: what the events will ask is charged first, under the peak limit.
    const StorageSpec& s = battery_->spec();
    const double eta = std::sqrt(s.round_trip_efficiency);
    const double short_j = dr_reserve_j(h) - battery_->stored_j();
    const double limit = has(s, StorageStrategy::peak_shaving) && s.peak_limit.value() > 0
                             ? s.peak_limit.value()
                             : connection_w_;
    if (short_j > 0)
      return -std::min({battery_->max_charge_w(seconds), short_j / eta / seconds,
                        std::max(0.0, limit - without.import_w)});
  }
  return r;
}

double Supply::strategy_request(const DispatchResult& without, double demand_w, std::size_t h,
                                double seconds) {
  const StorageSpec& s = battery_->spec();
  const double most_out = battery_->max_discharge_w(seconds);
  const double most_in = battery_->max_charge_w(seconds);
  const double limit = s.peak_limit.value() > 0 ? s.peak_limit.value() : connection_w_;
  // Discharge only displaces purchases: what must-take sources deliver stays.
  const double displaceable = std::max(0.0, demand_w - without.unserved_w - must_take_supplied());
  for (const StorageStrategy strategy : s.strategies) {
    switch (strategy) {
      case StorageStrategy::backup:
        if (without.unserved_w > 0) return std::min(most_out, without.unserved_w);
        break;
      case StorageStrategy::peak_shaving:
        if (without.import_w > limit) return std::min(most_out, without.import_w - limit);
        break;
      case StorageStrategy::ramp: {
        // The import's change since the last interval, held within ramp_limit per hour: a
        // rise beyond it is discharged, a fall beyond it charged.
        const double step = s.ramp_limit.value() * seconds / 3600.0;
        if (previous_import_w_ < 0) break;  // the first interval: nothing to ramp from
        const double change = without.import_w - previous_import_w_;
        if (change > step) return std::min(most_out, change - step);
        if (change < -step) return -std::min(most_in, -change - step);
        // Within the limit, the room left brings the charge back to its initial level, so
        // that the next ramp finds the battery neither empty nor full.
        const double target_j = s.soc_initial * battery_->capacity_j();
        const double gap_j = target_j - battery_->stored_j();
        const double eta = std::sqrt(s.round_trip_efficiency);
        if (gap_j > 0) {
          const double w = std::min({most_in, step - change, gap_j / eta / seconds});
          if (w > 0) return -w;
        } else if (gap_j < 0) {
          const double w = std::min({most_out, step + change, -gap_j * eta / seconds});
          if (w > 0) return w;
        }
        break;
      }
      case StorageStrategy::arbitrage:
      case StorageStrategy::carbon:
        if (plan_[h] == PlannedAction::discharge) return std::min(most_out, displaceable);
        if (plan_[h] == PlannedAction::charge) {
          // Charging must not make a new peak when peak shaving comes first.
          const double room = has(s, StorageStrategy::peak_shaving)
                                  ? std::max(0.0, limit - without.import_w)
                                  : most_in;
          return -std::min(most_in, room);
        }
        break;
    }
  }
  // Nothing asked: a battery kept for backup or peak shaving refills, under the limit, unless
  // a day-ahead plan decides when it charges (its charge hours are the cheap ones).
  const bool planned = has(s, StorageStrategy::arbitrage) || has(s, StorageStrategy::carbon);
  if (!planned &&
      (has(s, StorageStrategy::backup) || has(s, StorageStrategy::peak_shaving) || dr_storage_))
    return -std::min(most_in, std::max(0.0, limit - without.import_w));
  return 0.0;
}

const SupplyTick& Supply::dispatch(double demand_w, std::size_t h, double seconds) {
  const std::size_t n = specs_.size();
  for (std::size_t i = 0; i < n; ++i) {
    offers_[i].available_w = profiles_[i].available_w[h];
    offers_[i].price = price_[i] = profiles_[i].price_at(h);
  }
  for (std::size_t k = 0; k < reservoirs_.size(); ++k) {
    Reservoir& res = reservoirs_[k];
    if (h / kPlanHours != res.day) plan_reservoir(k, h - h % kPlanHours);
    offers_[res.source].available_w =
        std::min(res.planned_w[h % kPlanHours], std::max(0.0, res.left_j / seconds));
  }
  dispatch_order(offers_, order_);
  DispatchResult r =
      energy::dispatch(demand_w, connection_w_, offers_, order_, supplied_w_, surplus_w_);
  tick_ = SupplyTick{};
  if (battery_) {
    if (h >= planned_until_) plan_from(h - h % kPlanHours);
    const double unserved_before = r.unserved_w;
    const double request = battery_request(r, demand_w, h, seconds);
    if (request > 0) {
      offers_[battery_at_].available_w = request;
      r = energy::dispatch(demand_w, connection_w_, offers_, order_, supplied_w_, surplus_w_);
      const double out = supplied_w_[battery_at_];
      battery_->discharge(out, seconds);
      tick_.battery_discharge_w = out;
      tick_.battery_backup_w = std::min(out, unserved_before);
    } else if (request < 0) {
      // The charge is met like demand, must-take surplus first; only what the sources can
      // give without leaving demand unserved is taken.
      r = energy::dispatch(demand_w - request, connection_w_, offers_, order_, supplied_w_,
                           surplus_w_);
      const double charge = std::max(0.0, -request - (r.unserved_w - unserved_before));
      if (charge < -request)
        r = energy::dispatch(demand_w + charge, connection_w_, offers_, order_, supplied_w_,
                             surplus_w_);
      battery_->charge(charge, seconds);
      tick_.battery_charge_w = charge;
    }
    battery_->idle(seconds);
  }
  // Paid: a must-take contract pays what it produced; the surplus is sold at the grid price
  // less the spread, when that is positive, or curtailed. On-site surplus leaves through the
  // connection, beside the import; an off-site contract's surplus is settled financially.
  tick_.grid_price = grid_ != kNone ? price_[grid_] : 0.0;
  double export_room = std::max(0.0, connection_w_ - r.import_w);
  for (std::size_t i = 0; i < n; ++i) {
    paid_w_[i] = offers_[i].must_take ? offers_[i].available_w : supplied_w_[i];
    sold_w_[i] = 0;
    sale_price_[i] = 0;
    if (surplus_w_[i] > 0 && grid_ != kNone && specs_[i].surplus == Surplus::sell) {
      sale_price_[i] = tick_.grid_price - specs_[i].sell_spread.value();
      if (sale_price_[i] > 0) {
        sold_w_[i] = offers_[i].on_site ? std::min(surplus_w_[i], export_room) : surplus_w_[i];
        if (offers_[i].on_site) export_room -= sold_w_[i];
      }
    }
    curtailed_w_[i] = surplus_w_[i] - sold_w_[i];
  }
  for (Reservoir& res : reservoirs_) res.left_j -= supplied_w_[res.source] * seconds;
  tick_.unserved_w = r.unserved_w;
  tick_.import_w = r.import_w;
  if (!in_event_) last_import_w_ = r.import_w;
  previous_import_w_ = r.import_w;
  return tick_;
}

}  // namespace gigasim::energy
