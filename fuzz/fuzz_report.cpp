// Fuzzes `gigasim report` on a tampered database: a real results.sqlite (a one-week run of a
// small site with a workload) is changed by statements the input spells out, then drawn. Any
// change must give a page or an IoError (exit 3), never a crash or an internal error.
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_support.hpp"
#include "gigasim/io/report/report.hpp"

namespace {

// The tables and columns the tampering may touch (any name is tried: unknown ones fail).
constexpr const char* kTargets[][2] = {
    {"run", "hours"},           {"run", "tick_h"},       {"run", "scenario"},
    {"metrics", "value"},       {"metrics", "text"},     {"metrics", "name"},
    {"metrics", "part"},        {"metrics", "site"},     {"site_hourly", "time_h"},
    {"site_hourly", "it_mw"},   {"site_hourly", "site"}, {"site_hourly", "dry_bulb_c"},
    {"jobs", "start_h"},        {"jobs", "end_h"},       {"jobs", "accelerators"},
    {"power_steps", "step_mw"}, {"costs", "run_eur"},    {"costs", "class"},
};
constexpr const char* kValues[] = {"NULL",      "-1",   "0",     "1e308", "-1e308", "'x'",
                                   "X'FF00FE'", "9e18", "-9e18", "'nan'", "1e-300", "''"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gigasim;
  const std::filesystem::path dir = fuzz::tampered_results(/*fresh=*/true);
  sqlite3* db = nullptr;
  if (sqlite3_open((dir / "results.sqlite").c_str(), &db) != SQLITE_OK) return 0;
  // Each 4 bytes: a target, a value, a row selector and an action.
  for (std::size_t i = 0; i + 4 <= size && i < 64; i += 4) {
    const auto& [table, column] = kTargets[data[i] % std::size(kTargets)];
    const char* value = kValues[data[i + 1] % std::size(kValues)];
    const int row = data[i + 2];
    std::string sql;
    switch (data[i + 3] % 4) {
      case 0:
        sql = std::string("UPDATE ") + table + " SET " + column + " = " + value +
              " WHERE rowid % 7 = " + std::to_string(row % 7);
        break;
      case 1:
        sql = std::string("DELETE FROM ") + table + " WHERE rowid % 5 = " + std::to_string(row % 5);
        break;
      case 2:
        sql = std::string("DROP TABLE ") + table;
        break;
      default:
        sql = std::string("INSERT INTO ") + table + " SELECT * FROM " + table + " LIMIT " +
              std::to_string(row);
        break;
    }
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  }
  sqlite3_close(db);
  fuzz::expect_only_io_errors([&] { (void)io::report_data(dir / "results.sqlite"); });
  return 0;
}
