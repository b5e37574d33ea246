// The jobs of every site: the `jobs` table of results.sqlite and jobs.csv.
#include <fmt/format.h>

#include "gigasim/io/formats/csv.hpp"
#include "gigasim/io/results/output_files.hpp"
#include "gigasim/io/results/sqlite_db.hpp"
#include "gigasim/io/results/writers.hpp"

namespace gigasim::io {
namespace {

struct JobRow {
  std::int64_t id;
  const std::string* site;
  const std::string* name;
  const std::string* tenant;
  std::string_view cls;
  std::int64_t accelerators;
  double submit_h, start_h, end_h, wait_h;
  std::string_view status;
  double tokens, energy_kwh;
  int preemptions;
  std::int64_t interruptions;
  double lost_gpu_hours;
  double checkpoint_gpu_hours;
};

std::string_view status_of(sched::JobStatus s) {
  switch (s) {
    case sched::JobStatus::pending:
      return "pending";
    case sched::JobStatus::waiting:
      return "waiting";
    case sched::JobStatus::running:
      return "running";
    case sched::JobStatus::done:
      return "done";
  }
  return "?";
}

// Calls `f` with each submitted job (pending ones, never submitted before the horizon, are left
// out).
template <class F>
void for_each_job(const sim::Results& r, F&& f) {
  std::int64_t id = 0;
  for (const auto& s : r.sites) {
    for (std::size_t j = 0; j < s.jobs.size(); ++j) {
      const auto& spec = s.jobs[j];
      const auto& st = s.job_states[j];
      ++id;
      if (st.status == sched::JobStatus::pending) continue;
      const bool started = st.first_start.ms() >= 0;
      const double useful =
          spec.work_s - (st.remaining_s - st.overhead_s);  // lost work was added back
      const double done = spec.work_s > 0 ? useful / spec.work_s : 0.0;
      f(JobRow{
          id, &s.name, &s.job_names[j], &s.tenant_names[spec.tenant], workload::to_string(spec.cls),
          spec.accelerators, spec.submit.in_hours(), started ? st.first_start.in_hours() : -1.0,
          st.status == sched::JobStatus::done ? st.end.in_hours() : -1.0,
          started ? (st.first_start - spec.submit).in_hours() : -1.0, status_of(st.status),
          spec.tokens * done, st.energy_j / 3.6e6, st.preemptions, st.interruptions,
          static_cast<double>(spec.accelerators) * st.lost_s / 3600.0,
          static_cast<double>(spec.accelerators) * useful * (1.0 - spec.useful_share) / 3600.0});
    }
  }
}

}  // namespace

void insert_jobs(Database& db, const sim::Results& r) {
  db.exec(
      "CREATE TABLE jobs (id INTEGER, site TEXT, name TEXT, tenant TEXT, class TEXT, accelerators "
      "INTEGER, "
      "submit_h REAL, start_h REAL, end_h REAL, wait_h REAL, status TEXT, tokens REAL, energy_kwh "
      "REAL, "
      "preemptions INTEGER, interruptions INTEGER, lost_gpu_hours REAL, checkpoint_gpu_hours "
      "REAL);");
  Statement st{
      db.prepare("INSERT INTO jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);")};
  auto null_if_negative = [&](int i, double v) {
    if (v < 0) {
      sqlite3_bind_null(st.stmt, i);
    } else {
      sqlite3_bind_double(st.stmt, i, v);
    }
  };
  for_each_job(r, [&](const JobRow& j) {
    sqlite3_bind_int64(st.stmt, 1, j.id);
    sqlite3_bind_text(st.stmt, 2, j.site->c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st.stmt, 3, j.name->c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st.stmt, 4, j.tenant->c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st.stmt, 5, j.cls.data(), static_cast<int>(j.cls.size()), SQLITE_STATIC);
    sqlite3_bind_int64(st.stmt, 6, j.accelerators);
    sqlite3_bind_double(st.stmt, 7, j.submit_h);
    null_if_negative(8, j.start_h);
    null_if_negative(9, j.end_h);
    null_if_negative(10, j.wait_h);
    sqlite3_bind_text(st.stmt, 11, j.status.data(), static_cast<int>(j.status.size()),
                      SQLITE_STATIC);
    sqlite3_bind_double(st.stmt, 12, j.tokens);
    sqlite3_bind_double(st.stmt, 13, j.energy_kwh);
    sqlite3_bind_int(st.stmt, 14, j.preemptions);
    sqlite3_bind_int64(st.stmt, 15, j.interruptions);
    sqlite3_bind_double(st.stmt, 16, j.lost_gpu_hours);
    sqlite3_bind_double(st.stmt, 17, j.checkpoint_gpu_hours);
    db.step(st.stmt);
  });
}

void insert_failures_and_steps(Database& db, const sim::Results& r) {
  db.exec(
      "CREATE TABLE failures (time_h REAL, site TEXT, component TEXT, accelerators_affected "
      "INTEGER, job INTEGER, "
      "lost_gpu_hours REAL);");
  db.exec(
      "CREATE TABLE power_steps (time_h REAL, site TEXT, before_mw REAL, after_mw REAL, step_mw "
      "REAL);");
  Statement f{db.prepare("INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?);")};
  Statement p{db.prepare("INSERT INTO power_steps VALUES (?, ?, ?, ?, ?);")};
  std::int64_t first_id = 1;
  for (const auto& s : r.sites) {
    for (const auto& x : s.failures) {
      sqlite3_bind_double(f.stmt, 1, x.time_h);
      sqlite3_bind_text(f.stmt, 2, s.name.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(f.stmt, 3, x.component.data(), static_cast<int>(x.component.size()),
                        SQLITE_STATIC);
      sqlite3_bind_int64(f.stmt, 4, x.accelerators_affected);
      if (x.job >= 0) {
        sqlite3_bind_int64(f.stmt, 5, first_id + x.job);  // the id of the jobs table
      } else {
        sqlite3_bind_null(f.stmt, 5);
      }
      sqlite3_bind_double(f.stmt, 6, x.lost_gpu_hours);
      db.step(f.stmt);
    }
    for (const auto& x : s.power_steps) {
      sqlite3_bind_double(p.stmt, 1, x.time_h);
      sqlite3_bind_text(p.stmt, 2, s.name.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_double(p.stmt, 3, x.before_mw);
      sqlite3_bind_double(p.stmt, 4, x.after_mw);
      sqlite3_bind_double(p.stmt, 5, x.after_mw - x.before_mw);
      db.step(p.stmt);
    }
    first_id += static_cast<std::int64_t>(s.jobs.size());
  }
}

void write_jobs_csv(const sim::Results& r, const std::filesystem::path& file) {
  write_atomically(file, [&](std::ostream& out) {
    CsvWriter csv(out);
    for (const char* name :
         {"id", "site", "name", "tenant", "class", "accelerators", "submit_h", "start_h", "end_h",
          "wait_h", "status", "tokens", "energy_kwh", "preemptions", "interruptions",
          "lost_gpu_hours", "checkpoint_gpu_hours"})
      csv.text(name);
    csv.end_row();
    const auto optional = [&](double v) { v < 0 ? csv.empty() : csv.number(v); };
    for_each_job(r, [&](const JobRow& j) {
      csv.integer(j.id);
      csv.text(*j.site);
      csv.text(*j.name);
      csv.text(*j.tenant);
      csv.text(j.cls);
      csv.integer(j.accelerators);
      csv.number(j.submit_h);
      optional(j.start_h);
      optional(j.end_h);
      optional(j.wait_h);
      csv.text(j.status);
      csv.number(j.tokens);
      csv.number(j.energy_kwh);
      csv.integer(j.preemptions);
      csv.integer(j.interruptions);
      csv.number(j.lost_gpu_hours);
      csv.number(j.checkpoint_gpu_hours);
      csv.end_row();
    });
  });
}

}  // namespace gigasim::io
