// site_hourly.csv and jobs.csv from the declared tables (sim/metrics.hpp).
#include <fmt/format.h>

#include "gigasim/core/errors.hpp"
#include "gigasim/io/formats/csv.hpp"
#include "gigasim/io/results/output_files.hpp"
#include "gigasim/io/results/writers.hpp"
#include "gigasim/sim/metrics.hpp"

namespace gigasim::io {

namespace metrics = sim::metrics;
namespace output = sim::output;

namespace {

void write_value(CsvWriter& csv, output::Type type, const output::Value& v) {
  using Kind = output::Value::Kind;
  switch (v.kind) {
    case Kind::null:
      csv.empty();
      return;
    case Kind::number:
      // Times are written exactly, other figures with six significant digits.
      type == output::Type::precise ? csv.exact(v.number) : csv.number(v.number);
      return;
    case Kind::integer:
      csv.integer(v.integer);
      return;
    case Kind::boolean:
      csv.text(v.integer != 0 ? "true" : "false");
      return;
    case Kind::text:
      csv.text(v.text);
      return;
  }
}

template <class R>
void write_csv_table(const output::Table<R>& table, const sim::Results& results,
                     const std::filesystem::path& file, const WriteCheck& check) {
  write_atomically(file, [&](std::ostream& out) {
    CsvWriter csv(out);
    for (const auto* c : table.columns) csv.text(c->name);
    csv.end_row();
    std::size_t rows = 0;
    metrics::for_each(results, std::function<void(const R&)>([&](const R& record) {
                        if (check && ++rows % 65536 == 0) check();
                        for (const auto* c : table.columns)
                          write_value(csv, c->type, sim::output::value_of(*c, record));
                        csv.end_row();
                      }));
  });
}

}  // namespace

void write_hourly_csv(const sim::Results& r, const std::filesystem::path& file,
                      const WriteCheck& check) {
  write_csv_table(metrics::site_hourly(), r, file, check);
}

void write_jobs_csv(const sim::Results& r, const std::filesystem::path& file,
                    const WriteCheck& check) {
  write_csv_table(metrics::jobs(), r, file, check);
}

void write_result_files(const sim::Results& results, const std::filesystem::path& dir,
                        const WriteCheck& check) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw core::IoError(
        fmt::format("cannot create output folder \"{}\": {}", dir.string(), ec.message()));
  write_sqlite(results, dir / "results.sqlite", check);
  write_hourly_csv(results, dir / "site_hourly.csv", check);
  if (results.workload_total.present) write_jobs_csv(results, dir / "jobs.csv", check);
}

}  // namespace gigasim::io
