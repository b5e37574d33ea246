#include "gigasim/io/csv_series.hpp"

#include <fmt/format.h>

#include <charconv>
#include <sstream>
#include <string_view>

#include "gigasim/core/errors.hpp"

namespace gigasim::io {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '"')) s.remove_suffix(1);
  return s;
}

// The field at `index` of a comma-separated line, and the column where it starts.
bool field(std::string_view line, std::size_t index, std::string_view& out, int& column) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < index; ++i) {
    start = line.find(',', start);
    if (start == std::string_view::npos) return false;
    ++start;
  }
  const std::size_t end = line.find(',', start);
  out = line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  column = static_cast<int>(start) + 1;
  return true;
}

}  // namespace

std::vector<double> read_csv_column(const std::string& text, const std::string& file,
                                    const std::string& column) {
  std::istringstream in(text);
  std::string line;
  std::vector<core::Diagnostic> problems;
  if (!std::getline(in, line)) {
    throw core::InputError(core::Diagnostic{"", "CSV file has no header row", {file, 1, 1}});
  }
  std::size_t index = 0;
  bool found = false;
  std::vector<std::string> names;
  for (std::size_t i = 0;; ++i) {
    std::string_view name;
    int col = 0;
    if (!field(line, i, name, col)) break;
    names.emplace_back(trim(name));
    if (trim(name) == column) {
      index = i;
      found = true;
    }
  }
  if (!found) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    throw core::InputError(
        core::Diagnostic{"",
                         fmt::format("CSV has no column \"{}\"; its columns are: {}", column, list),
                         {file, 1, 1}});
  }
  std::vector<double> values;
  int line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (trim(line).empty()) continue;
    std::string_view cell;
    int col = 1;
    double v = 0;
    if (!field(line, index, cell, col)) {
      problems.push_back(
          {"", fmt::format("CSV row has no column \"{}\"", column), {file, line_no, 1}});
    } else {
      cell = trim(cell);
      const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
      if (ec != std::errc() || ptr != cell.data() + cell.size() || cell.empty()) {
        problems.push_back(
            {"", fmt::format("CSV cell \"{}\" is not a number", cell), {file, line_no, col}});
      }
    }
    if (problems.size() >= 20) break;
    values.push_back(v);
  }
  if (!problems.empty()) throw core::InputError(std::move(problems));
  if (values.empty())
    throw core::InputError(core::Diagnostic{"", "CSV file has no data rows", {file, 2, 1}});
  return values;
}

}  // namespace gigasim::io
