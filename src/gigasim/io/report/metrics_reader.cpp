#include "gigasim/io/report/metrics_reader.hpp"

#include "gigasim/sim/metrics.hpp"

namespace gigasim::io {

MetricsReader::MetricsReader(const ResultsReader& db) : file_(db.file()) {
  const std::string site_part(sim::metrics::site().name);
  const std::string name_field(sim::metrics::site_fields::name.name);
  db.each("SELECT site, part, name, value, text FROM metrics ORDER BY rowid", [&](sqlite3_stmt* s) {
    std::string site = column_text(s, 0), part = column_text(s, 1), name = column_text(s, 2);
    std::optional<double> value;
    if (sqlite3_column_type(s, 3) != SQLITE_NULL) value = sqlite3_column_double(s, 3);
    std::string text = column_text(s, 4);
    if (part == site_part && name == name_field) sites_.push_back(text);
    parts_[{site, part}] = true;
    values_[{std::move(site), std::move(part), std::move(name)}] = {value, std::move(text)};
  });
}

std::pair<std::optional<double>, std::string> MetricsReader::find(const std::string& site,
                                                                  std::string_view part,
                                                                  std::string_view name) const {
  const auto it = values_.find({site, std::string(part), std::string(name)});
  if (it == values_.end()) {
    throw core::IoError(fmt::format(
        "\"{}\" has no figure {}.{} of site \"{}\": it was not written by this version of gigasim",
        file_, part, name, site));
  }
  return it->second;
}

}  // namespace gigasim::io
