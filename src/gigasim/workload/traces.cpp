#include "gigasim/workload/traces.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <string_view>

#include "gigasim/core/errors.hpp"

namespace gigasim::workload {
namespace {

constexpr std::size_t kMaxProblems = 20;

bool number(std::string_view s, double& out) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
}

struct Field {
  std::string_view text;
  int column;
};

std::vector<Field> split(std::string_view line, char separator) {
  std::vector<Field> fields;
  std::size_t i = 0;
  while (i < line.size()) {
    if (separator == ' ') {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      if (i >= line.size()) break;
      const std::size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
      fields.push_back({line.substr(start, i - start), static_cast<int>(start) + 1});
    } else {
      const std::size_t end = line.find(separator, i);
      const std::size_t stop = end == std::string_view::npos ? line.size() : end;
      fields.push_back({line.substr(i, stop - i), static_cast<int>(i) + 1});
      if (end == std::string_view::npos) break;
      i = end + 1;
      if (i == line.size()) fields.push_back({std::string_view(), static_cast<int>(i) + 1});
    }
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
    const auto fields = split(text, ' ');
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
      if (!number(fields[i].text, v[i])) {
        problems.push_back({"",
                            fmt::format("SWF: {} \"{}\" is not a number",
                                        i < 8 ? kNames[i] : "field", fields[i].text),
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
    TraceJob j;
    j.submit_s = v[1];
    j.run_s = v[3];
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
  std::string line;
  if (!std::getline(in, line))
    throw core::InputError(core::Diagnostic{"", "CSV: no header row", {file, 1, 1}});
  const auto header = split(line, ',');
  int submit = -1, acc = -1, duration = -1, tenant = -1, cls = -1;
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string_view name = header[i].text;
    while (!name.empty() && (name.back() == '\r' || name.back() == ' ')) name.remove_suffix(1);
    const int idx = static_cast<int>(i);
    if (name == "submit_s") submit = idx;
    if (name == "accelerators") acc = idx;
    if (name == "duration_s") duration = idx;
    if (name == "tenant") tenant = idx;
    if (name == "class") cls = idx;
  }
  if (submit < 0 || acc < 0 || duration < 0) {
    throw core::InputError(core::Diagnostic{
        "", "CSV: the header must name submit_s, accelerators and duration_s", {file, 1, 1}});
  }
  std::vector<TraceJob> jobs;
  std::vector<core::Diagnostic> problems;
  int line_no = 1;
  while (std::getline(in, line) && problems.size() < kMaxProblems) {
    ++line_no;
    if (line.find_first_not_of(" \r\t") == std::string::npos) continue;
    const auto f = split(line, ',');
    const int needed = std::max({submit, acc, duration, tenant, cls});
    if (static_cast<int>(f.size()) <= needed) {
      problems.push_back({"",
                          fmt::format("CSV: expected {} fields, found {}", needed + 1, f.size()),
                          {file, line_no, 1}});
      continue;
    }
    double s = 0, a = 0, d = 0;
    const auto bad = [&](int i, const char* what) {
      problems.push_back({"",
                          fmt::format("CSV: {} \"{}\" is not a valid number", what,
                                      f[static_cast<std::size_t>(i)].text),
                          {file, line_no, f[static_cast<std::size_t>(i)].column}});
    };
    if (!number(f[static_cast<std::size_t>(submit)].text, s) || s < 0) {
      bad(submit, "submit_s");
      continue;
    }
    if (!number(f[static_cast<std::size_t>(acc)].text, a) || a < 1 ||
        a != static_cast<long long>(a)) {
      bad(acc, "accelerators");
      continue;
    }
    if (!number(f[static_cast<std::size_t>(duration)].text, d) || d <= 0) {
      bad(duration, "duration_s");
      continue;
    }
    TraceJob j;
    j.submit_s = s;
    j.accelerators = static_cast<long long>(a);
    j.run_s = d;
    if (tenant >= 0) j.tenant = std::string(f[static_cast<std::size_t>(tenant)].text);
    if (cls >= 0) j.cls = std::string(f[static_cast<std::size_t>(cls)].text);
    while (!j.cls.empty() && (j.cls.back() == '\r' || j.cls.back() == ' ')) j.cls.pop_back();
    j.line = line_no;
    jobs.push_back(std::move(j));
  }
  if (!problems.empty()) throw core::InputError(std::move(problems));
  return jobs;
}

}  // namespace gigasim::workload
