// A site's supply during a run: its contracts, plants, grid and battery, dispatched against
// the facility's demand tick by tick (docs/models/energy.md, "Contracts and dispatch" and
// "Storage"). Sources are flat data read from their prepared hourly profiles; the battery
// is the one stateful part. A new kind of source is a case here and in energy/profiles.cpp:
// the simulation loop only sees a Supply.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "gigasim/energy/dispatch.hpp"
#include "gigasim/energy/source.hpp"
#include "gigasim/energy/storage.hpp"

namespace gigasim::energy {

/// What the supply did over one interval, beyond what each source delivered.
struct SupplyTick {
  double unserved_w = 0;
  double import_w = 0;             ///< through the grid connection
  double battery_charge_w = 0;     ///< AC power into the battery
  double battery_discharge_w = 0;  ///< AC power out of it
  double battery_backup_w = 0;     ///< the part of the discharge that met a shortfall
  double grid_price = 0;           ///< EUR/J of the site's grid in the interval (0: none)
};

class Supply {
 public:
  /// `specs` and `profiles` (by source) must outlive the supply.
  Supply(std::span<const SourceSpec> specs, std::span<const SourceProfile> profiles,
         double connection_w);

  [[nodiscard]] std::size_t size() const { return specs_.size(); }
  /// What the sources can deliver during `seconds` of hour `h`: on-site ones in full, the
  /// others up to the grid connection, and a battery kept for backup what it holds.
  [[nodiscard]] double available_w(std::size_t h, double seconds) const;
  /// The part of available_w that the battery's backup strategy adds.
  [[nodiscard]] double backup_available_w(double seconds) const;
  /// Demand response: the reduction of the import asked in each hour of the run (W, 0:
  /// none; the span must outlive the supply), and whether the battery answers first
  /// (docs/models/energy.md, "Demand response").
  void set_demand_response(std::span<const float> request_w, bool by_storage);
  /// Opens an interval of hour `h`: an event that starts takes the import of the interval
  /// before it as its baseline (the rectangle baseline of RTE's NEBEF rules).
  void open(std::size_t h);
  /// In an event: the reduction asked, the baseline and the import limit they set (W).
  [[nodiscard]] bool in_event() const { return in_event_; }
  [[nodiscard]] double requested_w() const { return requested_w_; }
  [[nodiscard]] double baseline_w() const { return baseline_w_; }
  [[nodiscard]] double import_limit_w() const { return std::max(0.0, baseline_w_ - requested_w_); }
  /// In an event, what the sources can deliver without passing the import limit: on-site
  /// ones, the battery if it answers, and the rest up to the limit.
  [[nodiscard]] double available_in_event_w(std::size_t h, double seconds) const;
  /// Meets `demand_w` for `seconds` of hour `h`; the per-source spans then describe it.
  const SupplyTick& dispatch(double demand_w, std::size_t h, double seconds);

  /// Per source, over the last interval: power delivered to the site; power paid for
  /// (what a must-take contract produced, else what was delivered); surplus sold and
  /// curtailed; price paid and price of the surplus sold (EUR/J).
  [[nodiscard]] std::span<const double> supplied_w() const { return supplied_w_; }
  [[nodiscard]] std::span<const double> paid_w() const { return paid_w_; }
  [[nodiscard]] std::span<const double> sold_w() const { return sold_w_; }
  [[nodiscard]] std::span<const double> curtailed_w() const { return curtailed_w_; }
  [[nodiscard]] std::span<const double> price() const { return price_; }
  [[nodiscard]] std::span<const double> sale_price() const { return sale_price_; }
  [[nodiscard]] double carbon_at(std::size_t source, std::size_t h) const {
    return profiles_[source].carbon_at(h);
  }
  /// The battery, if the site has one.
  [[nodiscard]] const Battery* battery() const { return battery_ ? &*battery_ : nullptr; }

 private:
  // The battery's decision for the interval: discharge (> 0) or charge (< 0), in W.
  double battery_request(const DispatchResult& without, double demand_w, std::size_t h,
                         double seconds);
  double strategy_request(const DispatchResult& without, double demand_w, std::size_t h,
                          double seconds);
  // The most a strategy other than demand response may discharge, keeping what the rest of
  // the day's events will ask.
  double outside_event_limit_w(std::size_t h, double seconds) const;
  // What the battery keeps from hour h on for the rest of the day's events (J, stored).
  double dr_reserve_j(std::size_t h) const;
  // What the on-site and the off-site sources can give in hour h (W), before the connection.
  std::pair<double, double> on_and_off_site_w(std::size_t h) const;
  void plan_from(std::size_t h);
  // A reservoir's energy for the day starting at hour h, given to its dearest hours.
  void plan_reservoir(std::size_t source, std::size_t h);
  double must_take_supplied() const;

  std::span<const SourceSpec> specs_;
  std::span<const SourceProfile> profiles_;
  double connection_w_;
  std::size_t grid_ = kNone;  // the first market source: its price values the surplus
  std::size_t battery_at_ = kNone;
  std::optional<Battery> battery_;
  std::vector<PlannedAction> plan_;  // by hour of the run, planned a day ahead
  std::size_t planned_until_ = 0;
  std::size_t pairs_per_day_ = 0;
  /// Hydro with a reservoir: what is left of its day's energy (J), its plan by hour of the
  /// day (W), and the month of the day planned.
  struct Reservoir {
    std::size_t source = 0;
    double left_j = 0;
    int month = -1;
    std::size_t day = static_cast<std::size_t>(-1);  // the day planned
    double planned_w[24] = {};
  };
  std::vector<Reservoir> reservoirs_;
  std::vector<Offer> offers_;
  std::vector<std::size_t> order_;
  std::vector<double> supplied_w_, surplus_w_, paid_w_, sold_w_, curtailed_w_, price_, sale_price_;
  SupplyTick tick_;
  // Demand response.
  std::span<const float> dr_request_w_;
  std::vector<double> dr_ahead_j_;  // by hour: energy the day's events ask from it on (AC)
  bool dr_storage_ = false;
  bool in_event_ = false;
  double requested_w_ = 0, baseline_w_ = 0, last_import_w_ = 0;
  double previous_import_w_ = -1;  // of the last interval (ramp strategy; < 0: none yet)
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
};

}  // namespace gigasim::energy
