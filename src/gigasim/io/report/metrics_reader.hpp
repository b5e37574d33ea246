// The figures of a results.sqlite read back through their declarations (sim/metrics.hpp):
// the report asks for a declared field of a group of a site, never for a name typed again.
// A database that lacks a declared figure of a group it holds was not written by this
// version of gigasim: core::IoError, not a silent gap (internal to io/report).
#pragma once

#include <fmt/format.h>

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "gigasim/core/errors.hpp"
#include "gigasim/io/report/sqlite_reader.hpp"
#include "gigasim/sim/output.hpp"

namespace gigasim::io {

class MetricsReader {
 public:
  explicit MetricsReader(const ResultsReader& db);

  /// The sites in scenario order (`total` not included).
  [[nodiscard]] const std::vector<std::string>& sites() const { return sites_; }
  /// Whether `site` (or "total") has the group (a workload, reliability...).
  template <class R>
  [[nodiscard]] bool has(const std::string& site, const sim::output::Group<R>& g) const {
    return parts_.count({site, std::string(g.name)}) != 0;
  }
  /// A number of a group the site has; empty for a figure that does not apply (null).
  template <class R>
  [[nodiscard]] std::optional<double> number(const std::string& site,
                                             const sim::output::Group<R>& g,
                                             const sim::output::Field<R>& f) const {
    return find(site, g.name, f.name).first;
  }
  /// The entries of a keyed field, by key.
  template <class R>
  [[nodiscard]] std::vector<std::pair<std::string, double>> entries(
      const std::string& site, const sim::output::Group<R>& g,
      const sim::output::KeyedField<R>& f) const {
    std::vector<std::pair<std::string, double>> out;
    const std::string prefix = std::string(f.name) + ".";
    const auto from = values_.lower_bound({site, std::string(g.name), prefix});
    for (auto it = from; it != values_.end(); ++it) {
      const auto& [s, part, name] = it->first;
      if (s != site || part != g.name || name.compare(0, prefix.size(), prefix) != 0) break;
      if (it->second.first) out.emplace_back(name.substr(prefix.size()), *it->second.first);
    }
    return out;
  }

 private:
  using Key = std::tuple<std::string, std::string, std::string>;
  std::pair<std::optional<double>, std::string> find(const std::string& site, std::string_view part,
                                                     std::string_view name) const;

  std::string file_;
  std::vector<std::string> sites_;
  std::map<std::pair<std::string, std::string>, bool> parts_;
  std::map<Key, std::pair<std::optional<double>, std::string>> values_;
};

}  // namespace gigasim::io
