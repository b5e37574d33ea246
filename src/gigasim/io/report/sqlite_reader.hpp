// Read-only access to a results.sqlite (internal to io): `gigasim report` and the report
// writer read back what the run wrote.
#pragma once

#include <fmt/format.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>

#include "gigasim/core/errors.hpp"

namespace gigasim::io {

class ResultsReader {
 public:
  explicit ResultsReader(const std::filesystem::path& file) {
    if (!std::filesystem::exists(file))
      throw core::IoError(
          fmt::format("no results database \"{}\": run `gigasim run` first", file.string()));
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      const std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw core::IoError(fmt::format("cannot open \"{}\": {}", file.string(), why));
    }
    file_ = file.string();
  }
  ~ResultsReader() { sqlite3_close(db_); }
  ResultsReader(const ResultsReader&) = delete;
  ResultsReader& operator=(const ResultsReader&) = delete;

  [[nodiscard]] const std::string& file() const { return file_; }

  /// Calls `row(stmt)` for every row of `sql`.
  template <class Row>
  void each(const std::string& sql, Row&& row) const {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      sqlite3_finalize(stmt);
      throw core::IoError(fmt::format("\"{}\" is not a gigasim results database ({}): {}", file_,
                                      sqlite3_errmsg(db_), sql.substr(0, 60)));
    }
    // Finalized however the rows end, a row that throws included.
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owned(stmt, sqlite3_finalize);
    int rc = 0;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) row(stmt);
    if (rc != SQLITE_DONE)
      throw core::IoError(fmt::format("reading \"{}\" failed: {}", file_, sqlite3_errmsg(db_)));
  }

 private:
  sqlite3* db_ = nullptr;
  std::string file_;
};

/// A TEXT column as a string ("" for NULL).
inline std::string column_text(sqlite3_stmt* s, int i) {
  const unsigned char* text = sqlite3_column_text(s, i);
  return text != nullptr ? reinterpret_cast<const char*>(text) : std::string();
}

}  // namespace gigasim::io
