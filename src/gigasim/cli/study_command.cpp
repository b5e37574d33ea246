// `gigasim study FILE`: the variants of a scenario, run on local cores (docs/studies.md).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <thread>

#include "gigasim/api/api.hpp"
#include "gigasim/cli/commands.hpp"
#include "gigasim/study/study.hpp"

namespace gigasim::cli {

int study_command(const StudyOptions& options) {
  const io::Catalog catalog = api::load_catalog(options.data_dir);
  const study::StudySpec spec = study::load_study(options.file);
  const unsigned threads =
      options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t variants = study::expand(spec).size();
  fmt::print("gigasim study {}: {} variants x {} replicas on {} threads\n", spec.name, variants,
             spec.replicas, threads);
  const study::StudyResult result = study::run_study(spec, catalog, threads);
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

}  // namespace gigasim::cli
