#include "gigasim/io/formats/traces.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>

#include "gigasim/core/errors.hpp"
#include "gigasim/core/text.hpp"
#include "gigasim/io/formats/csv.hpp"

namespace gigasim::io {
namespace {

constexpr std::size_t kMaxProblems = 20;

struct Field {
  std::string_view text;
  int column;
};

// Whitespace-separated fields of an SWF line.
std::vector<Field> split_blanks(std::string_view line) {
  std::vector<Field> fields;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    if (i >= line.size()) break;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    fields.push_back({line.substr(start, i - start), static_cast<int>(start) + 1});
  }
  return fields;
}

}  // namespace

std::vector<TraceJob> parse_swf(std::istream& in, const std::string& file) {
  std::vector<TraceJob> jobs;
  std::vector<core::Diagnostic> problems;
  std::string line;
  int line_no = 0;
  static constexpr const char* kNames[] = {
      "job number",           "submit time",      "wait time",   "run time",
      "allocated processors", "average CPU time", "used memory", "requested processors"};
  while (std::getline(in, line) && problems.size() < kMaxProblems) {
    ++line_no;
    std::string_view text = line;
    if (const auto semicolon = text.find(';'); semicolon != std::string_view::npos)
      text = text.substr(0, semicolon);
    const auto fields = split_blanks(text);
    if (fields.empty()) continue;
    if (fields.size() < 18) {
      problems.push_back({"",
                          fmt::format("SWF: expected 18 fields, found {}", fields.size()),
                          {file, line_no, 1}});
      continue;
    }
    double v[18];
    bool ok = true;
    for (std::size_t i = 0; i < 18 && ok; ++i) {
      if (!parse_csv_number(fields[i].text, v[i])) {
        problems.push_back({"",
                            fmt::format("SWF: {} \"{}\" is not a number",
                                        i < 8 ? kNames[i] : "field", core::excerpt(fields[i].text)),
                            {file, line_no, fields[i].column}});
        ok = false;
      }
    }
    if (!ok) continue;
    if (v[1] < 0) {
      problems.push_back({"", "SWF: negative submit time", {file, line_no, fields[1].column}});
      continue;
    }
    const double processors = v[4] > 0 ? v[4] : v[7];
    if (v[3] <= 0 || processors <= 0) continue;  // cancelled or unknown: not replayed
    // Bounds before the integer conversions: a job of at most 10 million processors, a
    // user number that fits, times within 1,000 years (docs/robustness.md).
    const auto out_of_range = [&](int i, const char* what) {
      problems.push_back(
          {"",
           fmt::format("SWF: {} \"{}\" is out of range", what, core::excerpt(fields[i].text)),
           {file, line_no, fields[i].column}});
    };
    if (processors > 1e7) {
      out_of_range(v[4] > 0 ? 4 : 7, "processors");
      continue;
    }
    if (std::fabs(v[11]) > 1e15) {
      out_of_range(11, "user");
      continue;
    }
    if (v[1] > 3.2e10 || v[3] > 3.2e10 || v[8] > 3.2e10) {
      out_of_range(v[1] > 3.2e10 ? 1 : (v[3] > 3.2e10 ? 3 : 8), "time");
      continue;
    }
    TraceJob j;
    j.submit_s = v[1];
    j.run_s = v[3];
    j.requested_s = v[8] > 0 ? v[8] : 0.0;
    j.accelerators = static_cast<long long>(processors);
    j.tenant = fmt::format("user{}", static_cast<long long>(v[11]));
    j.line = line_no;
    jobs.push_back(std::move(j));
  }
  if (!problems.empty()) throw core::InputError(std::move(problems));
  if (jobs.empty())
    throw core::InputError(
        core::Diagnostic{"", "SWF: no job with a run time and processors", {file, line_no, 0}});
  return jobs;
}

std::vector<TraceJob> parse_job_csv(std::istream& in, const std::string& file) {
  CsvReader reader(in, file);
  CsvRecord header;
  if (!reader.next(header))
    throw core::InputError(core::Diagnostic{"", "CSV: no header row", {file, 1, 1}});
  int submit = -1, acc = -1, duration = -1, tenant = -1, cls = -1, limit = -1;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string_view name = trim_field(header.fields[i]);
    const int idx = static_cast<int>(i);
    if (name == "submit_s") submit = idx;
    if (name == "accelerators") acc = idx;
    if (name == "duration_s") duration = idx;
    if (name == "tenant") tenant = idx;
    if (name == "class") cls = idx;
    if (name == "time_limit_s") limit = idx;
  }
  if (submit < 0 || acc < 0 || duration < 0) {
    throw core::InputError(core::Diagnostic{
        "", "CSV: the header must name submit_s, accelerators and duration_s", {file, 1, 1}});
  }
  const int needed = std::max({submit, acc, duration, tenant, cls, limit});
  std::vector<TraceJob> jobs;
  std::vector<core::Diagnostic> problems;
  CsvRecord r;
  while (problems.size() < kMaxProblems && reader.next(r)) {
    if (static_cast<int>(r.fields.size()) <= needed) {
      problems.push_back(
          {"",
           fmt::format("CSV: expected {} fields, found {}", needed + 1, r.fields.size()),
           {file, r.line, 1}});
      continue;
    }
    const auto at = [&](int i) { return static_cast<std::size_t>(i); };
    double s = 0, a = 0, d = 0;
    const auto bad = [&](int i, const char* what) {
      problems.push_back({"",
                          fmt::format("CSV: {} \"{}\" is not a valid number", what,
                                      core::excerpt(r.fields[at(i)])),
                          {file, r.line, r.columns[at(i)]}});
    };
    // Bounded like SWF's: times within 1,000 years, at most 10 million accelerators.
    if (!parse_csv_number(r.fields[at(submit)], s) || s < 0 || s > 3.2e10) {
      bad(submit, "submit_s");
      continue;
    }
    if (!parse_csv_number(r.fields[at(acc)], a) || a < 1 || a > 1e7 || a != std::floor(a)) {
      bad(acc, "accelerators");
      continue;
    }
    if (!parse_csv_number(r.fields[at(duration)], d) || d <= 0 || d > 3.2e10) {
      bad(duration, "duration_s");
      continue;
    }
    double requested = 0;
    if (limit >= 0 && !trim_field(r.fields[at(limit)]).empty() &&
        (!parse_csv_number(r.fields[at(limit)], requested) || requested <= 0 ||
         requested > 3.2e10)) {
      bad(limit, "time_limit_s");
      continue;
    }
    TraceJob j;
    j.submit_s = s;
    j.accelerators = static_cast<long long>(a);
    j.run_s = d;
    j.requested_s = requested;
    if (tenant >= 0) j.tenant = std::string(trim_field(r.fields[at(tenant)]));
    if (cls >= 0) j.cls = std::string(trim_field(r.fields[at(cls)]));
    j.line = r.line;
    jobs.push_back(std::move(j));
  }
  if (!problems.empty()) throw core::InputError(std::move(problems));
  return jobs;
}

}  // namespace gigasim::io
