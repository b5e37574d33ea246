// Opening and reading the files a scenario or a catalog refers to (docs/robustness.md,
// "Referenced files").
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace gigasim::io {

/// The largest input file read: far above a year of EPW (1.6 MB) or a published SWF trace
/// (the largest in the Parallel Workloads Archive is about 500 MB).
inline constexpr std::uintmax_t kMaxInputFileBytes = std::uintmax_t{1} << 30;

/// The file a scenario names as `written`, relative to `base_dir` (the scenario's folder)
/// unless absolute. With a non-empty `root`, a file whose real path (links followed) lies
/// outside `root` is refused (`--input-root`): core::InputError with no place.
std::filesystem::path resolve_input(const std::filesystem::path& base_dir,
                                    const std::string& written, const std::filesystem::path& root);

/// An input file opened for streaming reads. Only a regular file of at most
/// kMaxInputFileBytes is opened: a missing or unreadable file, a folder, a FIFO, a device
/// or a larger file is the user's mistake, a core::InputError naming the file (and `what`
/// it was, such as "trace"). Checked before opening, so a FIFO never blocks the reader.
std::ifstream open_input_file(const std::filesystem::path& path, const std::string& what);

/// The whole content of an input file (scenarios, catalogs); an empty file is an error too.
std::string read_input_file(const std::filesystem::path& path, const std::string& what);

}  // namespace gigasim::io
