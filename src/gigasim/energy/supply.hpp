// A site's supply during a run: its sources behind one interface and the dispatch that meets
// the facility's demand tick by tick (docs/models/energy.md). Sources may keep state between
// ticks (storage), and new kinds plug in here without touching the simulation loop.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "gigasim/energy/source.hpp"

namespace gigasim::energy {

/// One source of supply, as the dispatch sees it hour by hour.
class Source {
 public:
  virtual ~Source() = default;
  /// Power it can deliver in hour `h` of the run, W.
  [[nodiscard]] virtual double available_w(std::size_t h) const = 0;
  /// Marginal price, EUR/J, and life-cycle carbon intensity, kg/J, in hour `h`.
  [[nodiscard]] virtual double price_at(std::size_t h) const = 0;
  [[nodiscard]] virtual double carbon_at(std::size_t h) const = 0;
  /// On site: does not pass the grid connection.
  [[nodiscard]] virtual bool on_site() const = 0;
  /// It delivered `w` during `seconds` of hour `h`: a stateful source updates its state.
  virtual void deliver(std::size_t h, double w, double seconds) { (void)h, (void)w, (void)seconds; }
};

/// A source that follows an hourly profile computed before the run: contracts, plants and
/// the grid (energy/profiles.hpp). Stateless.
class ProfileSource final : public Source {
 public:
  explicit ProfileSource(const SourceProfile& profile) : profile_(profile) {}
  [[nodiscard]] double available_w(std::size_t h) const override { return profile_.available_w[h]; }
  [[nodiscard]] double price_at(std::size_t h) const override { return profile_.price_at(h); }
  [[nodiscard]] double carbon_at(std::size_t h) const override { return profile_.carbon_at(h); }
  [[nodiscard]] bool on_site() const override { return profile_.on_site; }

 private:
  const SourceProfile& profile_;
};

/// The run-time source of a described one with its prepared profile (which must outlive it).
std::unique_ptr<Source> make_source(const SourceSpec& spec, const SourceProfile& profile);

struct DispatchResult {
  double unserved_w = 0.0;
};

/// Meets `demand_w` from the sources in order of increasing price at hour `h` (ties: the
/// order of declaration), each up to its availability; sources that are not on site share
/// the grid connection `connection_w`. Writes each source's output to `supplied_w` and
/// returns what could not be met. `order` and `price` are scratch space of sources.size()
/// entries; `price` then holds each source's price at `h`. Σ supplied + unserved = demand,
/// exactly up to rounding.
DispatchResult dispatch(double demand_w, double connection_w, std::size_t h,
                        std::span<const std::unique_ptr<Source>> sources,
                        std::span<double> supplied_w, std::span<std::size_t> order,
                        std::span<double> price);

/// The sources of a site under its grid connection, with the state of the last dispatch.
class Supply {
 public:
  Supply(std::vector<std::unique_ptr<Source>> sources, double connection_w);

  [[nodiscard]] std::size_t size() const { return sources_.size(); }
  [[nodiscard]] const Source& source(std::size_t i) const { return *sources_[i]; }
  /// What the sources can deliver in hour `h`: on-site ones in full, the others up to the
  /// grid connection.
  [[nodiscard]] double available_w(std::size_t h) const;
  /// Dispatches `demand_w` for `seconds` of hour `h` and tells each source what it delivered;
  /// supplied_w() then holds each source's output.
  DispatchResult dispatch(double demand_w, std::size_t h, double seconds);
  [[nodiscard]] std::span<const double> supplied_w() const { return supplied_w_; }
  /// Each source's price (EUR/J) at the hour of the last dispatch.
  [[nodiscard]] std::span<const double> price() const { return price_; }

 private:
  std::vector<std::unique_ptr<Source>> sources_;
  double connection_w_;
  std::vector<double> supplied_w_;
  std::vector<std::size_t> order_;
  std::vector<double> price_;
};

}  // namespace gigasim::energy
