// The delay figures of the `workload` group (sim/job_delays.hpp): the longest wait, the work
// left unfinished, and waits and slowdowns per job class, so that a class that waits days is
// not hidden in a mean over many short jobs.
#include "gigasim/sim/metric_entries.hpp"
#include "gigasim/sim/metrics.hpp"

namespace gigasim::sim::metrics {
namespace {

using entries::Entries;
using entries::kDerived;
using entries::kMax;
using entries::kSum;
using output::Type;
using output::Value;
using W = WorkloadTotals;

/// One figure of each class's delays as the entries of a keyed figure.
template <class Get>
Entries per_class(const W& w, Get get) {
  Entries out;
  for (const auto& [cls, d] : w.delays_by_class) out.emplace_back(cls, get(d));
  return out;
}

}  // namespace

namespace workload_fields {
const Field<W> max_wait_h{"max_wait_h",
                          Type::real,
                          "h",
                          kMax,
                          kMax,
                          "The longest time from submission to first start, over the jobs that "
                          "started.",
                          [](const W& w) { return Value::of(w.max_wait_h); }};
const Field<W> jobs_unfinished{
    "jobs_unfinished",
    Type::integer,
    "count",
    kSum,
    kSum,
    "Jobs submitted before the end of the horizon and not done at its end (waiting, running "
    "or stopped).",
    [](const W& w) { return Value::count(w.jobs_unfinished); }};
const Field<W> unfinished_gpu_hours{
    "unfinished_gpu_hours",
    Type::real,
    "accelerator-h",
    kSum,
    kSum,
    "Their work left at the end of the horizon: accelerators × (planned − useful work), at "
    "full speed.",
    [](const W& w) { return Value::of(w.unfinished_accelerator_h); }};

const KeyedField<W> mean_wait_h_by_class{
    "mean_wait_h_by_class",
    Type::real,
    "h",
    "job class",
    kDerived,
    "`mean_wait_h` of each job class (pretraining, finetuning, evaluation, debugging, batch).",
    [](const W& w) {
      return per_class(w, [](const JobDelays& d) { return Value::of(d.mean_wait_h); });
    }};
const KeyedField<W> p95_wait_h_by_class{
    "p95_wait_h_by_class",
    Type::real,
    "h",
    "job class",
    kDerived,
    "`p95_wait_h` of each job class.",
    [](const W& w) {
      return per_class(w, [](const JobDelays& d) { return Value::of(d.p95_wait_h); });
    }};
const KeyedField<W> max_wait_h_by_class{
    "max_wait_h_by_class",
    Type::real,
    "h",
    "job class",
    kMax,
    "`max_wait_h` of each job class.",
    [](const W& w) {
      return per_class(w, [](const JobDelays& d) { return Value::of(d.max_wait_h); });
    }};
const KeyedField<W> mean_bounded_slowdown_by_class{
    "mean_bounded_slowdown_by_class",
    Type::real,
    "ratio",
    "job class",
    kDerived,
    "`mean_bounded_slowdown` of each job class (0 for a class none of whose jobs finished).",
    [](const W& w) {
      return per_class(w, [](const JobDelays& d) { return Value::of(d.mean_bounded_slowdown); });
    }};
const KeyedField<W> jobs_unfinished_by_class{
    "jobs_unfinished_by_class",
    Type::integer,
    "count",
    "job class",
    kSum,
    "`jobs_unfinished` of each job class.",
    [](const W& w) {
      return per_class(w, [](const JobDelays& d) { return Value::count(d.unfinished); });
    }};
const KeyedField<W> unfinished_gpu_hours_by_class{
    "unfinished_gpu_hours_by_class",
    Type::real,
    "accelerator-h",
    "job class",
    kSum,
    "`unfinished_gpu_hours` of each job class.",
    [](const W& w) {
      return per_class(w, [](const JobDelays& d) { return Value::of(d.unfinished_accelerator_h); });
    }};
}  // namespace workload_fields

}  // namespace gigasim::sim::metrics
