#include "gigasim/io/formats/csv.hpp"

#include <charconv>
#include <cmath>
#include <iterator>

#include "gigasim/core/errors.hpp"
#include "gigasim/core/text.hpp"

namespace gigasim::io {

CsvReader::CsvReader(std::istream& in, std::string file, std::size_t max_record_bytes)
    : in_(in), file_(std::move(file)), max_record_bytes_(max_record_bytes) {}

int CsvReader::get() {
  const int c = in_.get();
  if (c == '\n') {
    ++line_;
    column_ = 1;
  } else if (c == '\r') {
    if (in_.peek() == '\n') in_.get();  // CRLF is one line end
    ++line_;
    column_ = 1;
    return '\n';
  } else if (c != std::char_traits<char>::eof()) {
    ++column_;
  }
  return c;
}

bool CsvReader::next(CsvRecord& record) {
  constexpr int kEof = std::char_traits<char>::eof();
  record.fields.clear();
  record.columns.clear();
  // Skip blank lines.
  while (in_.peek() == '\n' || in_.peek() == '\r') get();
  if (in_.peek() == kEof) return false;
  record.line = line_;
  std::size_t bytes = 0;
  std::string field;
  bool end_of_record = false;
  while (!end_of_record) {
    field.clear();
    const int field_line = line_;
    const int field_column = column_;
    record.columns.push_back(field_column);
    int c = get();
    if (c == '"') {
      // A quoted field: up to the closing quote; "" stands for one quote.
      while (true) {
        c = get();
        if (c == kEof) {
          throw core::InputError(core::Diagnostic{
              "", "CSV: a quoted field is never closed", {file_, field_line, field_column}});
        }
        if (c == '"') {
          if (in_.peek() == '"') {
            get();
            field.push_back('"');
            continue;
          }
          break;
        }
        field.push_back(static_cast<char>(c));
        if (++bytes > max_record_bytes_) {
          throw core::InputError(
              core::Diagnostic{"",
                               fmt::format("CSV: a record longer than {} bytes", max_record_bytes_),
                               {file_, record.line, 1}});
        }
      }
      c = get();
      if (c != ',' && c != '\n' && c != kEof) {
        throw core::InputError(core::Diagnostic{
            "", "CSV: text after the closing quote of a field", {file_, line_, column_ - 1}});
      }
    } else {
      while (c != ',' && c != '\n' && c != kEof) {
        field.push_back(static_cast<char>(c));
        if (++bytes > max_record_bytes_) {
          throw core::InputError(
              core::Diagnostic{"",
                               fmt::format("CSV: a record longer than {} bytes", max_record_bytes_),
                               {file_, record.line, 1}});
        }
        c = get();
      }
    }
    if (const std::size_t bad = core::invalid_utf8_at(field); bad != std::string::npos) {
      throw core::InputError(core::Diagnostic{
          "", "CSV: a field is not UTF-8 text", {file_, field_line, field_column}});
    }
    record.fields.push_back(field);
    end_of_record = c != ',';
  }
  return true;
}

std::string_view trim_field(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool parse_csv_number(std::string_view field, double& out) {
  const std::string_view s = trim_field(field);
  if (s.empty()) return false;
  const char* begin = s.data();
  if (*begin == '+') ++begin;  // from_chars refuses a leading plus
  double v = 0;
  const auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return false;
  out = v;
  return true;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void CsvWriter::separate() {
  if (!first_) line_.push_back(',');
  first_ = false;
}

void CsvWriter::text(std::string_view field) {
  separate();
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) {
    line_.append(field);
    return;
  }
  line_.push_back('"');
  for (const char c : field) {
    if (c == '"') line_.push_back('"');
    line_.push_back(c);
  }
  line_.push_back('"');
}

void CsvWriter::number(double v) {
  separate();
  fmt::format_to(std::back_inserter(line_), "{:.6g}", v);
}

void CsvWriter::exact(double v) {
  separate();
  fmt::format_to(std::back_inserter(line_), "{}", v);
}

void CsvWriter::integer(long long v) {
  separate();
  fmt::format_to(std::back_inserter(line_), "{}", v);
}

void CsvWriter::empty() {
  separate();
}

void CsvWriter::end_row() {
  line_.push_back('\n');
  out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  line_.clear();
  first_ = true;
}

}  // namespace gigasim::io
