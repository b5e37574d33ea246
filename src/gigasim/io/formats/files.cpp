#include "gigasim/io/formats/files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "gigasim/core/errors.hpp"

namespace gigasim::io {
namespace fs = std::filesystem;

namespace {

core::InputError file_error(std::string message) {
  return core::InputError(core::Diagnostic{"", std::move(message), {}});
}

// Whether `path` is `root` or below it, both in their real form.
bool is_under(const fs::path& path, const fs::path& root) {
  const auto [end, _] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return end == root.end();
}

}  // namespace

fs::path resolve_input(const fs::path& base_dir, const std::string& written, const fs::path& root) {
  const fs::path path = fs::path(written).is_absolute() ? fs::path(written) : base_dir / written;
  if (root.empty()) return path;
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(path, ec);
  const fs::path real_root = fs::weakly_canonical(root, ec);
  if (ec || !is_under(real.lexically_normal(), real_root.lexically_normal())) {
    throw file_error(fmt::format("\"{}\" lies outside the input root \"{}\" (--input-root)",
                                 written, root.string()));
  }
  return real;
}

std::ifstream open_input_file(const fs::path& path, const std::string& what) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    throw file_error(fmt::format("cannot read {} file \"{}\": no such file or no permission", what,
                                 path.string()));
  }
  if (fs::is_directory(status)) {
    throw file_error(fmt::format("{} file \"{}\" is a directory", what, path.string()));
  }
  if (!fs::is_regular_file(status)) {
    throw file_error(
        fmt::format("{} file \"{}\" is not a regular file (a FIFO, a socket or a "
                    "device)",
                    what, path.string()));
  }
  const std::uintmax_t bytes = fs::file_size(path, ec);
  if (ec || bytes > kMaxInputFileBytes) {
    throw file_error(fmt::format("{} file \"{}\" is larger than {} MiB", what, path.string(),
                                 kMaxInputFileBytes >> 20));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw file_error(fmt::format("cannot read {} file \"{}\": no such file or no permission", what,
                                 path.string()));
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
