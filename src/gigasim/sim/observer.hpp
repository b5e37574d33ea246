// Observers of a run: progress for a terminal or a notebook, and a look at each tick. An
// observer only watches; it never changes the run's results.
#pragma once

namespace gigasim::sim {

class Observer {
 public:
  virtual ~Observer() = default;
  /// Called now and then with the fraction of the horizon done, and once with 1 at the end.
  virtual void on_progress(double fraction_done) { (void)fraction_done; }
};

}  // namespace gigasim::sim
