// results.sqlite from the output declarations: the `run` table, the `metrics` table of every
// group of every site and of `total`, and each declared table (docs/outputs.md).
#include <fmt/format.h>
#include <sqlite3.h>

#include "gigasim/io/results/output_files.hpp"
#include "gigasim/io/results/sqlite_db.hpp"
#include "gigasim/io/results/writers.hpp"
#include "gigasim/sim/metrics.hpp"

namespace gigasim::io {

namespace metrics = sim::metrics;
namespace output = sim::output;

namespace {

std::string_view sql_type(output::Type t) {
  switch (t) {
    case output::Type::real:
    case output::Type::precise:
      return "REAL";
    case output::Type::integer:
    case output::Type::boolean:
      return "INTEGER";
    case output::Type::text:
      return "TEXT";
  }
  return "";
}

// Binds a value to parameter i; text is bound without a copy (valid until the step).
void bind(sqlite3_stmt* s, int i, const output::Value& v) {
  using Kind = output::Value::Kind;
  switch (v.kind) {
    case Kind::null:
      sqlite3_bind_null(s, i);
      break;
    case Kind::number:
      sqlite3_bind_double(s, i, v.number);
      break;
    case Kind::integer:
    case Kind::boolean:
      sqlite3_bind_int64(s, i, v.integer);
      break;
    case Kind::text:
      sqlite3_bind_text(s, i, v.text.data(), static_cast<int>(v.text.size()), SQLITE_STATIC);
      break;
  }
}

// Creates a declared table and inserts a row per record of the results.
template <class R>
void write_table(Database& db, const output::Table<R>& table, const sim::Results& results,
                 const WriteCheck& check) {
  std::string columns, marks;
  for (const auto* c : table.columns) {
    columns += fmt::format("{}{} {}", columns.empty() ? "" : ", ", c->name, sql_type(c->type));
    marks += marks.empty() ? "?" : ", ?";
  }
  db.exec(fmt::format("CREATE TABLE {} ({});", table.name, columns));
  Statement insert{db.prepare(fmt::format("INSERT INTO {} VALUES ({});", table.name, marks))};
  std::size_t rows = 0;
  metrics::for_each(results, std::function<void(const R&)>([&](const R& record) {
                      if (check && ++rows % 65536 == 0) check();
                      int i = 1;
                      for (const auto* c : table.columns)
                        bind(insert.stmt, i++, sim::output::value_of(*c, record));
                      db.step(insert.stmt);
                    }));
}

// The rows of one group of one site (or of `total`) in the `metrics` table.
template <class R>
void insert_group(Database& db, sqlite3_stmt* s, std::string_view site, const output::Group<R>& g,
                  const R& record) {
  const auto put = [&](std::string_view name, const output::Value& v, std::string_view unit) {
    sqlite3_bind_text(s, 1, site.data(), static_cast<int>(site.size()), SQLITE_STATIC);
    sqlite3_bind_text(s, 2, g.name.data(), static_cast<int>(g.name.size()), SQLITE_STATIC);
    sqlite3_bind_text(s, 3, name.data(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
    if (v.kind == output::Value::Kind::text) {
      sqlite3_bind_null(s, 4);
      bind(s, 5, v);
    } else {
      bind(s, 4, v);
      sqlite3_bind_null(s, 5);
    }
    sqlite3_bind_text(s, 6, unit.data(), static_cast<int>(unit.size()), SQLITE_STATIC);
    db.step(s);
  };
  for (const auto* f : g.fields) put(f->name, sim::output::value_of(*f, record), f->unit);
  for (const auto* k : g.keyed) {
    for (const auto& [key, value] : sim::output::values_of(*k, record))
      put(fmt::format("{}.{}", k->name, key), value, k->unit);
  }
}

void write_metrics(Database& db, const sim::Results& r) {
  db.exec(
      "CREATE TABLE metrics (site TEXT, part TEXT, name TEXT, value REAL, text TEXT, "
      "unit TEXT);");
  Statement s{db.prepare("INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?);")};
  for (const auto& site : r.sites) {
    insert_group(db, s.stmt, site.name, metrics::site(), site);
    insert_group(db, s.stmt, site.name, metrics::totals(), site.totals);
    if (site.workload.present)
      insert_group(db, s.stmt, site.name, metrics::workload(), site.workload);
    if (site.reliability.present)
      insert_group(db, s.stmt, site.name, metrics::reliability(), site.reliability);
    insert_group(db, s.stmt, site.name, metrics::economics(), site.economics);
    insert_group(db, s.stmt, site.name, metrics::carbon(), site.carbon);
  }
  insert_group(db, s.stmt, "total", metrics::totals(), r.total);
  if (r.workload_total.present)
    insert_group(db, s.stmt, "total", metrics::workload(), r.workload_total);
  if (r.reliability_total.present)
    insert_group(db, s.stmt, "total", metrics::reliability(), r.reliability_total);
  insert_group(db, s.stmt, "total", metrics::economics(), r.economics_total);
  insert_group(db, s.stmt, "total", metrics::carbon(), r.carbon_total);
  if (r.federation.present) insert_group(db, s.stmt, "total", metrics::federation(), r.federation);
}

}  // namespace

void write_sqlite(const sim::Results& r, const std::filesystem::path& file,
                  const WriteCheck& check) {
  write_atomically_by_name(file, [&](const std::filesystem::path& tmp) {
    std::filesystem::remove(tmp);
    Database db(tmp);
    db.exec("BEGIN;");
    {
      // The run table has one row: the results themselves.
      const auto& table = metrics::run_table();
      std::string columns, marks;
      for (const auto* c : table.columns) {
        columns += fmt::format("{}{} {}", columns.empty() ? "" : ", ", c->name, sql_type(c->type));
        marks += marks.empty() ? "?" : ", ?";
      }
      db.exec(fmt::format("CREATE TABLE run ({});", columns));
      Statement insert{db.prepare(fmt::format("INSERT INTO run VALUES ({});", marks))};
      int i = 1;
      for (const auto* c : table.columns) bind(insert.stmt, i++, sim::output::value_of(*c, r));
      db.step(insert.stmt);
    }
    write_metrics(db, r);
    write_table(db, metrics::site_hourly(), r, check);
    write_table(db, metrics::fleet(), r, check);
    write_table(db, metrics::jobs(), r, check);
    write_table(db, metrics::failures(), r, check);
    write_table(db, metrics::power_steps(), r, check);
    write_table(db, metrics::costs(), r, check);
    db.exec("COMMIT;");
  });
}

}  // namespace gigasim::io
