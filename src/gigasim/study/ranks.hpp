// The processes a study is spread over: this process alone, or the ranks of an MPI job
// (`mpirun -np N gigasim study FILE`, Open MPI from Debian). Tasks are dealt to ranks
// round-robin, and rank 0 gathers every task's figures in task order, so the tables do not
// depend on the number of ranks (docs/studies.md).
#pragma once

#include <cstddef>
#include <vector>

namespace gigasim::study {

/// This process's place among the study's processes. The default is a single process.
class Ranks {
 public:
  Ranks() = default;

  int rank() const { return rank_; }
  int size() const { return size_; }
  /// How many ranks share this machine (threads per rank default to cores / local ranks).
  int local_size() const { return local_size_; }
  bool owns(std::size_t task) const {
    return task % static_cast<std::size_t>(size_) == static_cast<std::size_t>(rank_);
  }

  /// The largest `value` over the ranks (every rank gets it).
  int max(int value) const;
  /// Rank 0 receives every rank's `mine` (each the figures of the tasks it owns, in task
  /// order, `width` numbers per task) and returns them in task order; other ranks get {}.
  std::vector<double> gather_tasks(const std::vector<double>& mine, std::size_t tasks,
                                   std::size_t width) const;

 private:
  friend class MpiSession;
  int rank_ = 0;
  int size_ = 1;
  int local_size_ = 1;
};

/// Joins the MPI job this process was started in by mpirun (and leaves it when destroyed);
/// a process started without mpirun stays alone and never touches MPI.
class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  const Ranks& ranks() const { return ranks_; }

 private:
  bool joined_ = false;
  Ranks ranks_;
};

}  // namespace gigasim::study
