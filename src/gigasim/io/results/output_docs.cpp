#include "gigasim/io/results/output_docs.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "gigasim/core/errors.hpp"
#include "gigasim/sim/metrics.hpp"

namespace gigasim::io {
namespace {

namespace metrics = sim::metrics;
namespace output = sim::output;

std::string cell(std::string_view text) {
  std::string out;
  for (const char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

template <class R>
std::string group_table(const output::Group<R>& g) {
  std::string md = "| Key | Type | Unit | Over sites | Meaning |\n|---|---|---|---|---|\n";
  for (const auto* f : g.fields) {
    md += fmt::format("| `{}` | {} | {} | {} | {} |\n", f->name, output::to_string(f->type),
                      cell(f->unit), output::to_string(f->over_sites), cell(f->description));
  }
  for (const auto* k : g.keyed) {
    md += fmt::format("| `{}` | object of {}, by {} | {} | {} | {} |\n", k->name,
                      output::to_string(k->type), cell(k->key), cell(k->unit),
                      output::to_string(k->over_sites), cell(k->description));
  }
  return md;
}

template <class R>
std::string table_table(const output::Table<R>& t) {
  std::string md =
      "| Column | Type | Unit | Over ticks | Over sites | Meaning |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto* c : t.columns) {
    md += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", c->name, output::to_string(c->type),
                      cell(c->unit), output::to_string(c->over_time),
                      output::to_string(c->over_sites), cell(c->description));
  }
  return md;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> output_reference() {
  return {
      {"group-run", group_table(metrics::run())},
      {"group-site", group_table(metrics::site())},
      {"group-totals", group_table(metrics::totals())},
      {"group-workload", group_table(metrics::workload())},
      {"group-reliability", group_table(metrics::reliability())},
      {"group-economics", group_table(metrics::economics())},
      {"group-carbon", group_table(metrics::carbon())},
      {"group-federation", group_table(metrics::federation())},
      {"table-run", table_table(metrics::run_table())},
      {"table-site_hourly", table_table(metrics::site_hourly())},
      {"table-fleet", table_table(metrics::fleet())},
      {"table-jobs", table_table(metrics::jobs())},
      {"table-failures", table_table(metrics::failures())},
      {"table-power_steps", table_table(metrics::power_steps())},
      {"table-costs", table_table(metrics::costs())},
  };
}

std::string with_generated_sections(const std::string& text) {
  static constexpr std::string_view kOpen = "<!-- generated: ";
  static constexpr std::string_view kEnd = "<!-- end generated -->";
  const auto reference = output_reference();
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = text.find(kOpen, at);
    if (open == std::string::npos) break;
    const std::size_t name_end = text.find(" -->", open);
    const std::size_t line_end = text.find('\n', open);
    if (name_end == std::string::npos || line_end == std::string::npos || name_end > line_end)
      throw core::InputError(
          core::Diagnostic{"", "a generated section's opening line is broken", {}});
    const std::string name(text, open + kOpen.size(), name_end - open - kOpen.size());
    const std::size_t close = text.find(kEnd, line_end);
    if (close == std::string::npos)
      throw core::InputError(
          core::Diagnostic{"", fmt::format("generated section \"{}\" is not closed", name), {}});
    const auto it = std::find_if(reference.begin(), reference.end(),
                                 [&](const auto& r) { return r.first == name; });
    if (it == reference.end())
      throw core::InputError(
          core::Diagnostic{"", fmt::format("no generated section is called \"{}\"", name), {}});
    out.append(text, at, line_end + 1 - at);
    out += it->second;
    at = close;
  }
  out.append(text, at, std::string::npos);
  return out;
}

}  // namespace gigasim::io
