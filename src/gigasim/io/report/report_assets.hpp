// The files the report pages are assembled from: report/page.css and report/page.js (both
// pages), report/template.html and report/app.js (a run), report/study.html and
// report/study.js (a study), and the charting library installed from
// report/package-lock.json, linked into the library at build time
// (src/gigasim/io/report_assets.S.in). Nothing is read or fetched at run time.
#pragma once

#include <string_view>

namespace gigasim::io::report_assets {

std::string_view shared_style();
std::string_view shared_code();
std::string_view page_template();
std::string_view page_code();
std::string_view study_template();
std::string_view study_code();
std::string_view charting_library();

}  // namespace gigasim::io::report_assets
