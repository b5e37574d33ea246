#include "gigasim/io/formats/files.hpp"

#include <fmt/format.h>

#include <sstream>

#include "gigasim/core/errors.hpp"

namespace gigasim::io {
namespace fs = std::filesystem;

std::ifstream open_input_file(const fs::path& path, const std::string& what) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    throw core::InputError(core::Diagnostic{
        "", fmt::format("{} file \"{}\" is a directory", what, path.string()), {}});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw core::InputError(
        core::Diagnostic{"",
                         fmt::format("cannot read {} file \"{}\": no such file or no permission",
                                     what, path.string()),
                         {}});
  }
  return in;
}

std::string read_input_file(const fs::path& path, const std::string& what) {
  std::ifstream in = open_input_file(path, what);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    throw core::InputError(
        core::Diagnostic{"", fmt::format("cannot read {} file \"{}\"", what, path.string()), {}});
  }
  std::string text = buffer.str();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw core::InputError(
        core::Diagnostic{"", fmt::format("{} file is empty", what), {path.string(), 1, 1}});
  }
  return text;
}

}  // namespace gigasim::io
