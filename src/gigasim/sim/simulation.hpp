// The wiring of one run: sites prepared from the scenario, a facility tick per site as a
// periodic event on one event queue, and the accounting of every tick into Results.
#pragma once

#include <cstdint>
#include <functional>

#include "gigasim/core/event_queue.hpp"
#include "gigasim/core/rng.hpp"
#include "gigasim/sim/results.hpp"
#include "gigasim/sim/scenario.hpp"
#include "gigasim/sim/site_model.hpp"

namespace gigasim::sim {

class Simulation {
 public:
  /// Called now and then with the fraction of the horizon done; the CLI draws progress.
  using Progress = std::function<void(double fraction_done)>;

  /// Prepares every site (weather, fleet sizing, supply profiles). `scenario` must outlive
  /// the simulation.
  Simulation(const Scenario& scenario, std::uint64_t seed);

  /// Runs the horizon once and returns the results.
  Results run(const Progress& progress = {});

  [[nodiscard]] const std::vector<SiteModel>& sites() const { return sites_; }

 private:
  enum class EventKind : std::uint8_t { facility_tick };
  struct Event {
    EventKind kind;
    std::uint32_t site;
  };

  void facility_tick(std::size_t site, core::Time now, SiteResult& out);

  const Scenario& scenario_;
  core::RandomStreams streams_;
  std::size_t hours_ = 0;
  std::vector<SiteModel> sites_;
  core::EventQueue<Event> queue_;
  std::vector<double> supplied_w_;                    // scratch for dispatch
  std::vector<std::size_t> order_;                    // scratch for dispatch
  struct SourceSums {
    double energy_j = 0.0, carbon_kg = 0.0, cost_eur = 0.0;
  };
  std::vector<std::vector<SourceSums>> source_sums_;  // [site][source], summed per tick
  std::vector<double> it_sum_w_, facility_sum_w_;     // [tick], over sites, for joint peaks
};

}  // namespace gigasim::sim
