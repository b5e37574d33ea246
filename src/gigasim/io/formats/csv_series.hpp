// Hourly time series from CSV files: a header row naming the columns, one row per hour.
#pragma once

#include <istream>
#include <string>
#include <vector>

namespace gigasim::io {

/// Reads the numeric column `column` of a CSV stream (RFC 4180, header row first; io/formats/
/// csv.hpp). Problems (missing column, a cell that is not a finite number, no rows) raise
/// core::InputError with file:line:column; at most 20 are listed.
std::vector<double> read_csv_column(std::istream& in, const std::string& file,
                                    const std::string& column);

}  // namespace gigasim::io
