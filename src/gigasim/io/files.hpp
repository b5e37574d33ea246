// Reading input files and writing outputs atomically.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

namespace gigasim::io {

/// The whole content of an input file. A missing, unreadable or empty file is the user's
/// mistake: core::InputError naming the file (and `what` it was, such as "scenario").
std::string read_input_file(const std::filesystem::path& path, const std::string& what);

/// Writes a file through `write` into a temporary name beside it, then renames it into
/// place, so that an interrupted run never leaves a half-written file under the final name.
/// Failures raise core::IoError.
void write_atomically(const std::filesystem::path& path,
                      const std::function<void(std::ostream&)>& write);

/// Like write_atomically, for producers that write a file by name (SQLite).
void write_atomically_by_name(
    const std::filesystem::path& path,
    const std::function<void(const std::filesystem::path& temporary)>& write);

}  // namespace gigasim::io
