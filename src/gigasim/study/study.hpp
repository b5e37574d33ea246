// Studies (docs/studies.md): a base scenario and its variants — a grid of values, named
// patches, Monte Carlo replicas over seeds — run on local cores, and the mean and 95 %
// confidence interval of every headline metric of each variant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/study/ranks.hpp"

namespace gigasim::study {

/// A study file as written: every value a `PATH=VALUE` override of the base scenario.
struct StudySpec {
  std::string name;
  std::filesystem::path scenario;   ///< the base, resolved against the study's folder
  std::vector<std::string> common;  ///< `set:` overrides of every variant
  /// `grid:` each path with its values (as override values); the variants are their product.
  std::vector<std::pair<std::string, std::vector<std::string>>> grid;
  struct Patch {
    std::string name;
    std::vector<std::string> overrides;
  };
  std::vector<Patch> patches;  ///< `variants:`; none: the base alone
  int replicas = 1;            ///< seeds: the scenario's seed + 0, 1, ... replicas − 1
};

/// Reads a study file; every problem at once (core::InputError), each with its YAML path and
/// file:line:column.
StudySpec load_study(const std::filesystem::path& file);

/// One variant: its name and its overrides, in the order they apply.
struct Variant {
  std::string name;
  std::vector<std::string> overrides;
};

/// The variants of a study: every patch (or the base) times every combination of the grid,
/// the grid's first path varying slowest; names say what each changes.
std::vector<Variant> expand(const StudySpec& spec);

/// What one replica of one variant gave: the summary's `total` figures, by metric.
struct ReplicaResult {
  std::uint64_t seed = 0;
  std::vector<double> values;  ///< in the order of StudyResult::metrics
};

struct VariantResult {
  Variant variant;
  std::vector<ReplicaResult> replicas;
  std::vector<double> mean, ci_low, ci_high;  ///< by metric; the interval is NaN for one replica
};

struct StudyResult {
  std::string name;
  std::vector<std::string> metrics;  ///< headline_metrics() (study/headline.hpp)
  std::vector<VariantResult> variants;
};

/// Thrown on the ranks that met no problem when another rank met one (and reports it).
class StoppedElsewhere : public std::runtime_error {
 public:
  explicit StoppedElsewhere(bool bad_input)
      : std::runtime_error("stopped: another rank of the study met a problem and reports it"),
        bad_input_(bad_input) {}
  /// The problem was bad input (exit code 2), not a fault.
  [[nodiscard]] bool bad_input() const { return bad_input_; }

 private:
  bool bad_input_;
};

/// Loads every variant (all problems at once, each named by its variant), then runs the
/// replicas this rank owns on `threads` threads. Rank 0 returns every variant's figures;
/// other ranks return the variants without figures. The figures do not depend on `threads`
/// or on the number of ranks.
StudyResult run_study(const StudySpec& spec, const io::Catalog& catalog, unsigned threads,
                      const Ranks& ranks = {});

/// Student's t quantile 0.975 for `dof` degrees of freedom (the 95 % two-sided interval).
double t975(std::size_t dof);

/// study.csv (one row per variant: mean and interval of each metric), replicas.csv (one row
/// per replica), study.sqlite (the same in long form: tables `variants` and `replicas`),
/// study.json and report.html (the comparison page) into `dir`, as one output set.
void write_study(const StudyResult& result, const std::filesystem::path& dir);

}  // namespace gigasim::study
