#include <fmt/format.h>

#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>

#include "gigasim/api/api.hpp"
#include "gigasim/study/headline.hpp"
#include "gigasim/study/ranks.hpp"
#include "gigasim/study/study.hpp"

namespace gigasim::study {
namespace {

// The problems of one variant, each saying which variant it is.
std::vector<core::Diagnostic> of_variant(const core::InputError& e, const Variant& v) {
  std::vector<core::Diagnostic> out = e.diagnostics();
  for (core::Diagnostic& d : out)
    d.message = fmt::format("in variant \"{}\": {}", v.name, d.message);
  return out;
}

void summarise(VariantResult& v, std::size_t metrics) {
  const std::size_t n = v.replicas.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  v.mean.assign(metrics, 0.0);
  v.ci_low.assign(metrics, nan);
  v.ci_high.assign(metrics, nan);
  for (std::size_t m = 0; m < metrics; ++m) {
    double sum = 0.0;
    for (const auto& r : v.replicas) sum += r.values[m];
    const double mean = sum / static_cast<double>(n);
    v.mean[m] = mean;
    if (n < 2) continue;
    double squares = 0.0;
    for (const auto& r : v.replicas) squares += (r.values[m] - mean) * (r.values[m] - mean);
    const double half =
        t975(n - 1) * std::sqrt(squares / static_cast<double>(n - 1) / static_cast<double>(n));
    v.ci_low[m] = mean - half;
    v.ci_high[m] = mean + half;
  }
}

}  // namespace

double t975(std::size_t dof) {
  // Student's t, 0.975 quantile, 1..30 degrees of freedom (any statistics table, e.g. NIST/
  // SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.2); beyond 30, the normal
  // quantile with the first Cornish-Fisher correction, within 0.002 of the table.
  static constexpr double kTable[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                      2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                      2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                      2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (dof == 0) return std::numeric_limits<double>::quiet_NaN();
  if (dof <= 30) return kTable[dof - 1];
  const double z = 1.959964;
  return z + (z * z * z + z) / (4.0 * static_cast<double>(dof));
}

StudyResult run_study(const StudySpec& spec, const io::Catalog& catalog, unsigned threads,
                      const Ranks& ranks) {
  StudyResult result;
  result.name = spec.name;
  // Load every variant first: every problem of every variant at once, named by its variant.
  // Every rank loads them all (cheap against a run), so every rank reports the same problems.
  std::vector<io::ScenarioFile> files;
  std::vector<core::Diagnostic> problems;
  for (const Variant& v : expand(spec)) {
    try {
      files.push_back(api::load(spec.scenario, catalog, {}, v.overrides));
      result.variants.push_back(VariantResult{v, {}, {}, {}, {}});
    } catch (const core::InputError& e) {
      for (core::Diagnostic& d : of_variant(e, v)) problems.push_back(std::move(d));
    }
  }
  // Every rank finds the same problems here: rank 0 reports them.
  if (!problems.empty() && ranks.rank() != 0) throw StoppedElsewhere(true);
  if (!problems.empty()) throw core::InputError(std::move(problems));

  // Every (variant, replica) is a task t; this rank runs those it owns (t mod ranks = rank),
  // each into its own slot, on threads that only pick the next.
  const std::size_t replicas = static_cast<std::size_t>(spec.replicas);
  const std::size_t tasks = files.size() * replicas;
  std::vector<std::size_t> mine;
  for (std::size_t t = 0; t < tasks; ++t)
    if (ranks.owns(t)) mine.push_back(t);
  std::vector<std::vector<double>> figures(tasks);
  std::atomic<std::size_t> next{0};
  std::mutex failure_lock;
  std::exception_ptr failure;
  int failure_kind = 0;  // 1: bad input found while preparing; 2: anything else
  const auto work = [&] {
    for (std::size_t i = next++; i < mine.size(); i = next++) {
      const std::size_t t = mine[i];
      try {
        const std::size_t v = t / replicas;
        const std::uint64_t seed = files[v].scenario.seed + t % replicas;
        figures[t] = headline(api::run(api::prepare(files[v], seed)));
      } catch (const core::InputError& e) {  // found while preparing: a job too large...
        const std::lock_guard lock(failure_lock);
        if (!failure) {
          failure = std::make_exception_ptr(
              core::InputError(of_variant(e, result.variants[t / replicas].variant)));
          failure_kind = 1;
        }
        next = mine.size();  // the others stop after their current replica
      } catch (...) {
        const std::lock_guard lock(failure_lock);
        if (!failure) {
          failure = std::current_exception();
          failure_kind = 2;
        }
        next = mine.size();
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < std::max(1u, threads); ++i) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  // A failure anywhere stops every rank: the rank that met it reports it.
  const int worst = ranks.max(failure_kind);
  if (failure) std::rethrow_exception(failure);
  if (worst != 0) throw StoppedElsewhere(worst == 1);

  // Every run gives the same figures (headline_metrics()), each rank in task order.
  result.metrics = headline_metrics();
  const std::size_t width = result.metrics.size();
  std::vector<double> values;
  values.reserve(mine.size() * width);
  for (std::size_t t : mine) values.insert(values.end(), figures[t].begin(), figures[t].end());
  values = ranks.gather_tasks(values, tasks, width);
  if (ranks.rank() != 0) return result;  // rank 0 reduces; the others return no figures

  for (auto& v : result.variants) v.replicas.resize(replicas);
  for (std::size_t t = 0; t < tasks; ++t) {
    const std::size_t v = t / replicas;
    ReplicaResult& slot = result.variants[v].replicas[t % replicas];
    slot.seed = files[v].scenario.seed + t % replicas;
    const auto first = values.begin() + static_cast<std::ptrdiff_t>(t * width);
    slot.values.assign(first, first + static_cast<std::ptrdiff_t>(width));
  }
  for (auto& v : result.variants) summarise(v, result.metrics.size());
  return result;
}

}  // namespace gigasim::study
