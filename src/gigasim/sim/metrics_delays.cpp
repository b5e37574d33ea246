// The delay figures of the `workload` group (sim/job_delays.hpp): the longest wait, the work
// left unfinished, and waits and slowdowns per job class, so that a class that waits days is
// not hidden in a mean over many short jobs; and the named jobs' start, end and cost, so that
// a delayed flagship run shows in summary.json.
#include "gigasim/sim/metric_entries.hpp"
#include "gigasim/sim/metrics.hpp"

namespace gigasim::sim::metrics {
namespace {

using entries::Entries;
using entries::kDerived;
using entries::kMax;
using entries::kNone;
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

/// One figure of each named job.
template <class Get>
Entries per_named_job(const W& w, Get get) {
  Entries out;
  for (const auto& [name, job] : w.named_jobs) out.emplace_back(name, get(job));
  return out;
}

/// An hour, or null for −1 (never).
Value hour_or_null(double h) {
  return h >= 0 ? Value::of(h) : Value{};
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

const Field<W> jobs_with_deadline{"jobs_with_deadline",
                                  Type::integer,
                                  "count",
                                  kSum,
                                  kSum,
                                  "Explicit jobs with a `deadline` submitted before the end of the "
                                  "horizon.",
                                  [](const W& w) { return Value::count(w.jobs_with_deadline); }};
const Field<W> deadlines_missed{
    "deadlines_missed",
    Type::integer,
    "count",
    kSum,
    kSum,
    "Of those, the jobs done after their deadline or not done when it passed (a deadline "
    "beyond the horizon is not counted missed).",
    [](const W& w) { return Value::count(w.deadlines_missed); }};

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

const KeyedField<W> start_h_by_named_job{
    "start_h_by_named_job",
    Type::real,
    "h",
    "job `name`",
    kNone,
    "First start of each explicit job (jobs with a `name`), hours from the start; null if it "
    "never started. Over sites, a name met again is prefixed with its site (`site/name`).",
    [](const W& w) {
      return per_named_job(w, [](const NamedJob& j) { return hour_or_null(j.start_h); });
    }};
const KeyedField<W> end_h_by_named_job{
    "end_h_by_named_job",
    Type::real,
    "h",
    "job `name`",
    kNone,
    "Completion of each explicit job, hours from the start; null if not done at the end of the "
    "horizon.",
    [](const W& w) {
      return per_named_job(w, [](const NamedJob& j) { return hour_or_null(j.end_h); });
    }};
const KeyedField<W> done_by_named_job{
    "done_by_named_job",
    Type::real,
    "fraction",
    "job `name`",
    kNone,
    "Share of each explicit job's work done by the end of the horizon.",
    [](const W& w) {
      return per_named_job(w, [](const NamedJob& j) { return Value::of(j.done); });
    }};
const KeyedField<W> late_h_by_named_job{
    "late_h_by_named_job",
    Type::real,
    "h",
    "job `name`",
    kNone,
    "Completion − deadline of each explicit job with a `deadline` (negative: early); null if "
    "it was not done by the end of the horizon.",
    [](const W& w) {
      Entries out;
      for (const auto& [name, j] : w.named_jobs) {
        if (j.deadline_h < 0) continue;
        out.emplace_back(name, Value::of(j.late_h()));
      }
      return out;
    }};
const KeyedField<W> held_gpu_hours_by_named_job{
    "held_gpu_hours_by_named_job",
    Type::real,
    "accelerator-h",
    "job `name`",
    kNone,
    "Accelerators × wall time each explicit job held them (slowed work, lost work and "
    "restarts included).",
    [](const W& w) {
      return per_named_job(w, [](const NamedJob& j) { return Value::of(j.held_gpu_hours); });
    }};
const KeyedField<W> cost_eur_by_named_job{
    "cost_eur_by_named_job",
    Type::real,
    "EUR",
    "job `name`",
    kNone,
    "Cost of each explicit job: its held accelerator-hours × `fixed_eur_per_gpu_hour` + its IT "
    "energy × `energy_eur_per_mwh_it` of its site (the `cost_eur` column of the jobs table).",
    [](const W& w) {
      return per_named_job(w, [](const NamedJob& j) { return Value::of(j.cost_eur); });
    }};
}  // namespace workload_fields

}  // namespace gigasim::sim::metrics
