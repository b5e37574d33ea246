// The figures a study keeps of each run: the declared groups of summary.json (sim/metrics.hpp),
// so the list is the same for every run and every rank whatever a variant contains.
#include "gigasim/study/headline.hpp"

#include <limits>

#include "gigasim/sim/metrics.hpp"

namespace gigasim::study {
namespace {

namespace output = sim::output;

bool numeric(output::Type t) {
  return t == output::Type::real || t == output::Type::precise || t == output::Type::integer;
}

// Every numeric figure of `group` (keyed figures, whose keys vary with the scenario, are
// left out), named `prefix` + its name; `record` null: the group does not apply (NaN).
template <class R>
void add(const output::Group<R>& group, const R* record, const std::string& prefix,
         std::vector<std::string>* names, std::vector<double>* values) {
  for (const auto* field : group.fields) {
    if (!numeric(field->type)) continue;
    if (names != nullptr) names->push_back(prefix + std::string(field->name));
    if (values == nullptr) continue;
    std::optional<double> v;
    if (record != nullptr) v = output::value_of(*field, *record).as_number();
    values->push_back(v.value_or(std::numeric_limits<double>::quiet_NaN()));
  }
}

void walk(const sim::Results* r, std::vector<std::string>* names, std::vector<double>* values) {
  namespace metrics = sim::metrics;
  add(metrics::totals(), r ? &r->total : nullptr, "", names, values);
  add(metrics::workload(), r && r->workload_total.present ? &r->workload_total : nullptr,
      "workload.", names, values);
  add(metrics::reliability(), r && r->reliability_total.present ? &r->reliability_total : nullptr,
      "reliability.", names, values);
  add(metrics::economics(), r ? &r->economics_total : nullptr, "economics.", names, values);
  add(metrics::carbon(), r ? &r->carbon_total : nullptr, "carbon.", names, values);
}

}  // namespace

const std::vector<std::string>& headline_metrics() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    walk(nullptr, &out, nullptr);
    return out;
  }();
  return names;
}

std::vector<double> headline(const sim::Results& results) {
  std::vector<double> out;
  out.reserve(headline_metrics().size());
  walk(&results, nullptr, &out);
  return out;
}

}  // namespace gigasim::study
