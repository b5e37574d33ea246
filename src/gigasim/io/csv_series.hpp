// Hourly time series from CSV files: a header row naming the columns, one row per hour.
#pragma once

#include <string>
#include <vector>

namespace gigasim::io {

/// Reads the numeric column `column` of a CSV text (comma-separated, header row first).
/// Problems (missing column, a cell that is not a number, no rows) raise core::InputError
/// with file:line:column.
std::vector<double> read_csv_column(const std::string& text, const std::string& file,
                                    const std::string& column);

}  // namespace gigasim::io
