// Opening and reading the files a scenario or a catalog refers to.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace gigasim::io {

/// An input file opened for streaming reads. A missing or unreadable file, or a folder, is
/// the user's mistake: core::InputError naming the file (and `what` it was, such as "trace").
std::ifstream open_input_file(const std::filesystem::path& path, const std::string& what);

/// The whole content of an input file (scenarios, catalogs); an empty file is an error too.
std::string read_input_file(const std::filesystem::path& path, const std::string& what);

}  // namespace gigasim::io
