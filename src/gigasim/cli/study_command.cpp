// `gigasim study FILE`: the variants of a scenario, run on local cores and, started by
// mpirun, on every rank of the MPI job (docs/studies.md).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <thread>

#include "gigasim/api/api.hpp"
#include "gigasim/cli/commands.hpp"
#include "gigasim/study/study.hpp"

namespace gigasim::cli {

namespace {

int run_and_write(const StudyOptions& options, const study::Ranks& ranks) {
  const io::Catalog catalog = api::load_catalog(options.data_dir);
  const study::StudySpec spec = [&] {
    try {
      return study::load_study(options.file);
    } catch (const core::InputError&) {
      // Every rank reads the same file and finds the same problems: rank 0 reports them.
      if (ranks.rank() != 0) throw study::StoppedElsewhere(true);
      throw;
    }
  }();
  // By default the cores of a machine are shared by the ranks it runs.
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned threads = options.threads > 0
                               ? options.threads
                               : std::max(1u, cores / static_cast<unsigned>(ranks.local_size()));
  const std::size_t variants = study::expand(spec).size();
  const bool speaks = ranks.rank() == 0;  // one voice: rank 0 prints and writes
  if (speaks && ranks.size() == 1)
    fmt::print("gigasim study {}: {} variants x {} replicas on {} threads\n", spec.name, variants,
               spec.replicas, threads);
  else if (speaks)
    fmt::print("gigasim study {}: {} variants x {} replicas on {} ranks x {} threads\n", spec.name,
               variants, spec.replicas, ranks.size(), threads);
  const study::StudyResult result = study::run_study(spec, catalog, threads, ranks);
  if (!speaks) return 0;
  const std::filesystem::path out =
      options.out.empty() ? std::filesystem::path("out") / spec.name : options.out;
  study::write_study(result, out);
  // The headline of each variant: its mean PUE, with its interval over the replicas.
  const auto& names = result.metrics;
  const auto pue =
      static_cast<std::size_t>(std::find(names.begin(), names.end(), "pue") - names.begin());
  for (const auto& v : result.variants) {
    if (pue >= result.metrics.size()) break;
    if (std::isnan(v.ci_low[pue]))  // one replica: no interval
      fmt::print("  {:<50} PUE {:.4f}\n", v.variant.name, v.mean[pue]);
    else
      fmt::print("  {:<50} PUE {:.4f} [{:.4f}, {:.4f}]\n", v.variant.name, v.mean[pue],
                 v.ci_low[pue], v.ci_high[pue]);
  }
  fmt::print("  tables in {}\n", out.string());
  return 0;
}

}  // namespace

int study_command(const StudyOptions& options) {
  const study::MpiSession mpi;
  try {
    return run_and_write(options, mpi.ranks());
  } catch (const study::StoppedElsewhere& e) {
    return e.bad_input() ? 2 : 70;  // the exit codes of main.cpp, from the rank that reports
  }
}

}  // namespace gigasim::cli
