// report.html: the template with the charting library, the page's code and the run's data
// inlined, so that the page opens offline and makes no request.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "gigasim/core/errors.hpp"
#include "gigasim/io/report/report.hpp"
#include "gigasim/io/report/report_assets.hpp"
#include "gigasim/io/results/output_files.hpp"
#include "gigasim/io/results/output_set.hpp"
#include "gigasim/io/results/writers.hpp"

extern "C" {
extern const char gigasim_report_template_begin[], gigasim_report_template_end[];
extern const char gigasim_report_app_begin[], gigasim_report_app_end[];
extern const char gigasim_report_library_begin[], gigasim_report_library_end[];
extern const char gigasim_report_style_begin[], gigasim_report_style_end[];
extern const char gigasim_report_shared_begin[], gigasim_report_shared_end[];
extern const char gigasim_report_study_template_begin[], gigasim_report_study_template_end[];
extern const char gigasim_report_study_app_begin[], gigasim_report_study_app_end[];
}

namespace gigasim::io {
namespace report_assets {

namespace {
std::string_view between(const char* begin, const char* end) {
  return {begin, static_cast<std::size_t>(end - begin)};
}
}  // namespace

std::string_view shared_style() {
  return between(gigasim_report_style_begin, gigasim_report_style_end);
}
std::string_view shared_code() {
  return between(gigasim_report_shared_begin, gigasim_report_shared_end);
}
std::string_view page_template() {
  return between(gigasim_report_template_begin, gigasim_report_template_end);
}
std::string_view page_code() {
  return between(gigasim_report_app_begin, gigasim_report_app_end);
}
std::string_view study_template() {
  return between(gigasim_report_study_template_begin, gigasim_report_study_template_end);
}
std::string_view study_code() {
  return between(gigasim_report_study_app_begin, gigasim_report_study_app_end);
}
std::string_view charting_library() {
  return between(gigasim_report_library_begin, gigasim_report_library_end);
}

}  // namespace report_assets

namespace {

struct Insert {
  std::string_view mark;
  std::string_view content;
  std::size_t at = 0;
};

// Replaces each mark of the template by its content. Marks are found in the template
// alone, so inserted text that happens to contain a mark is left as it is. A template
// without a mark is a build error of ours, not the user's.
std::string fill(std::string_view page, std::vector<Insert> inserts) {
  for (auto& i : inserts) {
    i.at = page.find(i.mark);
    if (i.at == std::string_view::npos)
      throw core::InternalError(fmt::format("report template lacks {}", i.mark));
  }
  std::sort(inserts.begin(), inserts.end(),
            [](const Insert& a, const Insert& b) { return a.at < b.at; });
  std::string out;
  std::size_t size = page.size();
  for (const auto& i : inserts) size += i.content.size();
  out.reserve(size);
  std::size_t from = 0;
  for (const auto& i : inserts) {
    out.append(page.substr(from, i.at - from));
    out.append(i.content);
    from = i.at + i.mark.size();
  }
  out.append(page.substr(from));
  return out;
}

// JSON inside <script>: "<" written as \u003c, so no "</script>" or "<!--" can end it early.
std::string script_safe_json(const nlohmann::json& data) {
  // Text read back from a database is replaced where it is not UTF-8, never thrown on.
  const std::string text = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + text.size() / 50);
  for (char c : text) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

// A page: its template with the shared style and code, its own code, the library and data.
std::string page_html(std::string_view page, std::string_view code, const nlohmann::json& data) {
  const std::string json = script_safe_json(data);
  return fill(page, {{"/*GIGASIM_STYLE*/", report_assets::shared_style()},
                     {"/*GIGASIM_PAGE*/", report_assets::shared_code()},
                     {"/*GIGASIM_ECHARTS*/", report_assets::charting_library()},
                     {"/*GIGASIM_APP*/", code},
                     {"/*GIGASIM_DATA*/", json}});
}

}  // namespace

std::string report_html(const nlohmann::json& data) {
  return page_html(report_assets::page_template(), report_assets::page_code(), data);
}

std::string study_report_html(const nlohmann::json& data) {
  return page_html(report_assets::study_template(), report_assets::study_code(), data);
}

void write_report(const std::filesystem::path& dir) {
  const std::string page = report_html(report_data(dir / "results.sqlite"));
  write_atomically(dir / "report.html", [&](std::ostream& out) { out << page; });
}

void write_run_outputs(const sim::Results& results, const std::filesystem::path& dir,
                       const std::atomic<bool>* stop) {
  OutputSet set(dir, stop);
  write_result_files(results, set.dir(), [&set] { set.check(); });
  set.check();
  write_report(set.dir());
  write_summary_json(summary_json(results), set.dir() / "summary.json");
  set.commit();
}

void write_summary_outputs(const sim::Results& results, const std::filesystem::path& dir,
                           const std::atomic<bool>* stop) {
  OutputSet set(dir, stop);
  write_summary_json(summary_json(results), set.dir() / "summary.json");
  set.commit();
}

}  // namespace gigasim::io
