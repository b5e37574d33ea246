// A thin RAII wrapper of SQLite for the writers (internal to io).
#pragma once

#include <fmt/format.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "gigasim/core/errors.hpp"

namespace gigasim::io {

class Database {
 public:
  explicit Database(const std::filesystem::path& file) {
    if (sqlite3_open(file.c_str(), &db_) != SQLITE_OK) fail("open");
    exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");  // atomicity comes from the rename
  }
  ~Database() { sqlite3_close(db_); }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string text = message != nullptr ? message : "unknown error";
      sqlite3_free(message);
      throw core::IoError(fmt::format("SQLite: {} in: {}", text, sql.substr(0, 80)));
    }
  }
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) fail("prepare");
    return stmt;
  }
  void step(sqlite3_stmt* stmt) {
    if (sqlite3_step(stmt) != SQLITE_DONE) fail("insert");
    sqlite3_reset(stmt);
  }
  [[noreturn]] void fail(const char* what) {
    throw core::IoError(fmt::format("SQLite {} failed: {}", what,
                                    db_ != nullptr ? sqlite3_errmsg(db_) : "no database"));
  }

 private:
  sqlite3* db_ = nullptr;
};

struct Statement {
  sqlite3_stmt* stmt;
  ~Statement() { sqlite3_finalize(stmt); }
};

inline void bind_text(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.c_str(), -1, SQLITE_TRANSIENT);
}

}  // namespace gigasim::io
