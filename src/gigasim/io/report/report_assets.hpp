// The files report.html is assembled from: report/template.html, report/app.js and the
// charting library installed from report/package-lock.json, linked into the library at
// build time (src/gigasim/io/report_assets.S.in). Nothing is read or fetched at run time.
#pragma once

#include <string_view>

namespace gigasim::io::report_assets {

std::string_view page_template();
std::string_view page_code();
std::string_view charting_library();

}  // namespace gigasim::io::report_assets
