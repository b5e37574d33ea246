#include "gigasim/io/formats/csv_series.hpp"

#include <fmt/format.h>

#include "gigasim/core/errors.hpp"
#include "gigasim/core/text.hpp"
#include "gigasim/io/formats/csv.hpp"

namespace gigasim::io {

std::vector<double> read_csv_column(std::istream& in, const std::string& file,
                                    const std::string& column) {
  constexpr std::size_t kMaxProblems = 20;
  CsvReader reader(in, file);
  CsvRecord header;
  if (!reader.next(header)) {
    throw core::InputError(core::Diagnostic{"", "CSV file has no header row", {file, 1, 1}});
  }
  std::size_t index = 0;
  bool found = false;
  std::string list;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string_view name = trim_field(header.fields[i]);
    // The header may be anything (a file of secrets): list at most 12 names, each cut short.
    if (i < 12) list += fmt::format("{}{}", list.empty() ? "" : ", ", core::excerpt(name, 32));
    if (i == 12) list += ", …";
    if (!found && name == column) {
      index = i;
      found = true;
    }
  }
  if (!found) {
    throw core::InputError(core::Diagnostic{
        "",
        fmt::format("CSV has no column \"{}\"; its columns are: {}", core::excerpt(column), list),
        {file, header.line, 1}});
  }
  std::vector<double> values;
  std::vector<core::Diagnostic> problems;
  CsvRecord r;
  while (problems.size() < kMaxProblems && reader.next(r)) {
    double v = 0;
    if (index >= r.fields.size()) {
      problems.push_back({"",
                          fmt::format("CSV row has no column \"{}\"", core::excerpt(column)),
                          {file, r.line, 1}});
    } else if (!parse_csv_number(r.fields[index], v)) {
      problems.push_back(
          {"",
           fmt::format("CSV cell \"{}\" is not a finite number", core::excerpt(r.fields[index])),
           {file, r.line, r.columns[index]}});
    }
    values.push_back(v);
  }
  if (!problems.empty()) throw core::InputError(std::move(problems));
  if (values.empty())
    throw core::InputError(core::Diagnostic{"", "CSV file has no data rows", {file, 2, 1}});
  return values;
}

}  // namespace gigasim::io
