#include "gigasim/study/ranks.hpp"

#include <mpi.h>

#include <cstdlib>

#include "gigasim/core/errors.hpp"

namespace gigasim::study {
namespace {

// Set by the launchers of Open MPI (mpirun) and of PMIx/PMI-based ones (srun, hydra).
bool started_by_a_launcher() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

void check(int code, const char* what) {
  if (code != MPI_SUCCESS) throw core::InternalError(std::string("MPI call failed: ") + what);
}

}  // namespace

int Ranks::max(int value) const {
  if (size_ == 1) return value;
  int out = value;
  check(MPI_Allreduce(&value, &out, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD), "MPI_Allreduce");
  return out;
}

std::vector<double> Ranks::gather_tasks(const std::vector<double>& mine, std::size_t tasks,
                                        std::size_t width) const {
  if (size_ == 1) return mine;
  const auto ranks = static_cast<std::size_t>(size_);
  std::vector<int> counts(ranks, 0), offsets(ranks, 0);
  for (std::size_t t = 0; t < tasks; ++t) counts[t % ranks] += static_cast<int>(width);
  for (std::size_t r = 1; r < ranks; ++r) offsets[r] = offsets[r - 1] + counts[r - 1];
  if (static_cast<int>(mine.size()) != counts[static_cast<std::size_t>(rank_)])
    throw core::InternalError("a rank's figures do not match the tasks it owns");
  std::vector<double> by_rank(rank_ == 0 ? tasks * width : 0);
  check(MPI_Gatherv(mine.data(), static_cast<int>(mine.size()), MPI_DOUBLE, by_rank.data(),
                    counts.data(), offsets.data(), MPI_DOUBLE, 0, MPI_COMM_WORLD),
        "MPI_Gatherv");
  if (rank_ != 0) return {};
  // Rank r sent its tasks r, r + N, r + 2N, ... one after another: deal them back.
  std::vector<double> out(tasks * width);
  std::vector<std::size_t> next(ranks);
  for (std::size_t r = 0; r < ranks; ++r) next[r] = static_cast<std::size_t>(offsets[r]);
  for (std::size_t t = 0; t < tasks; ++t) {
    std::size_t& from = next[t % ranks];
    for (std::size_t k = 0; k < width; ++k) out[t * width + k] = by_rank[from + k];
    from += width;
  }
  return out;
}

MpiSession::MpiSession() {
  if (!started_by_a_launcher()) return;
  int provided = 0;
  // Only the main thread calls MPI; the worker threads of a rank only simulate.
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  joined_ = true;
  check(MPI_Comm_rank(MPI_COMM_WORLD, &ranks_.rank_), "MPI_Comm_rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &ranks_.size_), "MPI_Comm_size");
  MPI_Comm local = MPI_COMM_NULL;
  check(MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &local),
        "MPI_Comm_split_type");
  check(MPI_Comm_size(local, &ranks_.local_size_), "MPI_Comm_size");
  MPI_Comm_free(&local);
}

MpiSession::~MpiSession() {
  if (joined_) MPI_Finalize();
}

}  // namespace gigasim::study
