// Comma-separated values per RFC 4180 (Shafranovich 2005, "Common Format and MIME Type for
// Comma-Separated Values (CSV) Files"): the one reader and the one writer of every CSV file
// gigasim reads (series, job traces) or writes (site_hourly.csv, jobs.csv).
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace gigasim::io {

/// One record: its fields (quotes removed, doubled quotes undone) and where each starts.
struct CsvRecord {
  int line = 0;  ///< line of the record's first character, from 1
  std::vector<std::string> fields;
  std::vector<int> columns;  ///< column of each field's first character, from 1
};

/// Reads records one at a time from a stream: quoted fields may hold commas, quotes ("") and
/// line breaks; lines end with LF, CRLF or CR alone. A record longer than `max_record_bytes`
/// or a quote left open raises core::InputError at its place, so that no file, however
/// large or malformed, is read whole into memory.
class CsvReader {
 public:
  static constexpr std::size_t kDefaultMaxRecordBytes = 1 << 20;

  CsvReader(std::istream& in, std::string file,
            std::size_t max_record_bytes = kDefaultMaxRecordBytes);

  /// The next record, false at the end of the input. Blank lines are skipped.
  bool next(CsvRecord& record);
  [[nodiscard]] const std::string& file() const { return file_; }

 private:
  int get();
  std::istream& in_;
  std::string file_;
  std::size_t max_record_bytes_;
  int line_ = 1;
  int column_ = 1;
};

/// A field with surrounding spaces removed, as number parsers want it.
std::string_view trim_field(std::string_view field);
/// Parses a whole field as a finite number; false if it is not one.
bool parse_csv_number(std::string_view field, double& out);

/// Writes records: a field is quoted when it holds a comma, a quote, CR or LF, with its
/// quotes doubled; records end with LF. Numbers use the shortest form that reads back the
/// same double (`exact`) or six significant digits (`number`).
class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {}
  void text(std::string_view field);
  void number(double v);  ///< six significant digits
  void exact(double v);   ///< the shortest text that reads back the same double
  void integer(long long v);
  void empty();  ///< an empty field (a missing value)
  void end_row();

 private:
  void separate();
  std::ostream& out_;
  fmt::memory_buffer line_;
  bool first_ = true;
};

/// `text` as one RFC 4180 field (quoted if needed).
std::string csv_field(std::string_view text);

}  // namespace gigasim::io
