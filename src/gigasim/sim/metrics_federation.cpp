// The `federation` group of summary.json: what the router did (docs/models/federation.md).
#include <array>

#include "gigasim/sim/metric_entries.hpp"
#include "gigasim/sim/metrics.hpp"

namespace gigasim::sim::metrics {
namespace {

using entries::counts;
using entries::kNone;
using entries::kSum;
using output::Type;
using output::Value;
using F = FederationTotals;

}  // namespace

namespace federation_fields {
const Field<F> policy{"policy",
                      Type::text,
                      "",
                      kNone,
                      kNone,
                      "The routing policy (scenario.md#federation).",
                      [](const F& f) { return Value::name(f.policy); }};
const Field<F> jobs_seen{"jobs_seen",
                         Type::integer,
                         "count",
                         kSum,
                         kNone,
                         "Jobs submitted at a site within the horizon: the router placed each.",
                         [](const F& f) { return Value::count(f.jobs_seen); }};
const Field<F> jobs_routed{"jobs_routed",
                           Type::integer,
                           "count",
                           kSum,
                           kNone,
                           "Jobs run at another site than the one they were submitted at.",
                           [](const F& f) { return Value::count(f.jobs_routed); }};
const Field<F> jobs_deferred{
    "jobs_deferred",
    Type::integer,
    "count",
    kSum,
    kNone,
    "Jobs submitted later than they arrived, to start in hours of more renewable supply "
    "(follow_renewables).",
    [](const F& f) { return Value::count(f.jobs_deferred); }};
const Field<F> jobs_migrated{
    "jobs_migrated",
    Type::integer,
    "count",
    kSum,
    kNone,
    "Running jobs moved off a site whose supply could not power them (`migrate: true`); each "
    "also counts once in its site's jobs as `moved` and once at its new site.",
    [](const F& f) { return Value::count(f.jobs_migrated); }};
const Field<F> routed_accelerator_hours{
    "routed_accelerator_hours",
    Type::real,
    "accelerator-h",
    kSum,
    kNone,
    "Accelerators × run time at full speed of the routed jobs, as planned at their home site.",
    [](const F& f) { return Value::of(f.routed_accelerator_hours); }};
const Field<F> data_moved_tb{
    "data_moved_tb",
    Type::real,
    "TB",
    kSum,
    kNone,
    "Data sent over the links with the routed jobs: accelerators × data_per_accelerator.",
    [](const F& f) { return Value::of(f.data_moved_tb); }};
const Field<F> transfer_cost_eur{"transfer_cost_eur",
                                 Type::real,
                                 "EUR",
                                 kSum,
                                 kNone,
                                 "data_moved × the link's price; not in the sites' TCO.",
                                 [](const F& f) { return Value::of(f.transfer_cost_eur); }};
const Field<F> transfer_hours{
    "transfer_hours",
    Type::real,
    "h",
    kSum,
    kNone,
    "Time the routed jobs spent in transfer (latency + data / bandwidth), summed over jobs.",
    [](const F& f) { return Value::of(f.transfer_hours); }};
const Field<F> deferral_hours{"deferral_hours",
                              Type::real,
                              "h",
                              kSum,
                              kNone,
                              "Time the deferred jobs were held back, summed over jobs.",
                              [](const F& f) { return Value::of(f.deferral_hours); }};
const KeyedField<F> sent_by_site{
    "sent_by_site",
    Type::integer,
    "count",
    "site name",
    kNone,
    "Jobs submitted at the site and run elsewhere, and running jobs migrated off it; sites that "
    "sent none are left out.",
    [](const F& f) { return counts(f.sent_by_site); }};
const KeyedField<F> received_by_site{
    "received_by_site",
    Type::integer,
    "count",
    "site name",
    kNone,
    "Jobs submitted elsewhere, or migrated from elsewhere, run at the site; sites that received "
    "none are left out.",
    [](const F& f) { return counts(f.received_by_site); }};
}  // namespace federation_fields

const Group<FederationTotals>& federation() {
  static constexpr std::array<const Field<F>*, 10> kFields = {
      &federation_fields::policy,         &federation_fields::jobs_seen,
      &federation_fields::jobs_routed,    &federation_fields::jobs_deferred,
      &federation_fields::jobs_migrated,  &federation_fields::routed_accelerator_hours,
      &federation_fields::data_moved_tb,  &federation_fields::transfer_cost_eur,
      &federation_fields::transfer_hours, &federation_fields::deferral_hours};
  static constexpr std::array<const KeyedField<F>*, 2> kKeyed = {
      &federation_fields::sent_by_site, &federation_fields::received_by_site};
  static const Group<F> g{"federation",
                          "What the federation's router did (present with a `federation:`).",
                          kFields, kKeyed};
  return g;
}

}  // namespace gigasim::sim::metrics
