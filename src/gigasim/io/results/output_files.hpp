// Writing output files atomically: into a temporary name beside the target, then renamed.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>

namespace gigasim::io {

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
