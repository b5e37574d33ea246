#include <fmt/format.h>

#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>

#include "gigasim/api/api.hpp"
#include "gigasim/io/results/writers.hpp"
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

// Every number of the summary's `total`, in the summary's (alphabetical) order.
std::vector<std::pair<std::string, double>> headline(const sim::Results& results) {
  const nlohmann::json summary = io::summary_json(results);
  std::vector<std::pair<std::string, double>> out;
  for (const auto& [key, value] : summary.at("total").items())
    if (value.is_number()) out.emplace_back(key, value.get<double>());
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

StudyResult run_study(const StudySpec& spec, const io::Catalog& catalog, unsigned threads) {
  StudyResult result;
  result.name = spec.name;
  // Load every variant first: every problem of every variant at once, named by its variant.
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
  if (!problems.empty()) throw core::InputError(std::move(problems));

  // Every (variant, replica) is a task with its own slot: the threads only pick the next.
  const std::size_t replicas = static_cast<std::size_t>(spec.replicas);
  const std::size_t tasks = files.size() * replicas;
  for (auto& v : result.variants) v.replicas.resize(replicas);
  std::vector<std::vector<std::string>> names(tasks);
  std::atomic<std::size_t> next{0};
  std::mutex failure_lock;
  std::exception_ptr failure;
  const auto work = [&] {
    for (std::size_t t = next++; t < tasks; t = next++) {
      try {
        const std::size_t v = t / replicas;
        const std::uint64_t seed = files[v].scenario.seed + t % replicas;
        const sim::Results r = api::run(api::prepare(files[v], seed));
        ReplicaResult& slot = result.variants[v].replicas[t % replicas];
        slot.seed = seed;
        for (auto& [name, value] : headline(r)) {
          names[t].push_back(name);
          slot.values.push_back(value);
        }
      } catch (const core::InputError& e) {  // found while preparing: a job too large...
        const std::lock_guard lock(failure_lock);
        if (!failure)
          failure = std::make_exception_ptr(
              core::InputError(of_variant(e, result.variants[t / replicas].variant)));
        next = tasks;  // the others stop after their current replica
      } catch (...) {
        const std::lock_guard lock(failure_lock);
        if (!failure) failure = std::current_exception();
        next = tasks;
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < std::max(1u, threads); ++i) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);

  // Every run of one build reports the same metrics; the first names them.
  if (tasks > 0) result.metrics = names[0];
  for (std::size_t t = 1; t < tasks; ++t)
    if (names[t] != result.metrics)
      throw core::InternalError("the variants' summaries name different metrics");
  for (auto& v : result.variants) summarise(v, result.metrics.size());
  return result;
}

}  // namespace gigasim::study
