#include "gigasim/io/files.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "gigasim/core/errors.hpp"

namespace gigasim::io {
namespace fs = std::filesystem;

std::string read_input_file(const fs::path& path, const std::string& what) {
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

namespace {
fs::path temporary_for(const fs::path& path) {
  return path.parent_path() / fmt::format(".{}.tmp.{}", path.filename().string(), ::getpid());
}
}  // namespace

void write_atomically_by_name(const fs::path& path,
                              const std::function<void(const fs::path&)>& write) {
  const fs::path tmp = temporary_for(path);
  try {
    write(tmp);
    fs::rename(tmp, path);
  } catch (const fs::filesystem_error& e) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw core::IoError(fmt::format("cannot write \"{}\": {}", path.string(), e.code().message()));
  } catch (...) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw;
  }
}

void write_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
  write_atomically_by_name(path, [&](const fs::path& tmp) {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw core::IoError(fmt::format("cannot create \"{}\"", tmp.string()));
    write(out);
    out.flush();
    if (!out) throw core::IoError(fmt::format("cannot write \"{}\" (disk full?)", tmp.string()));
  });
}

}  // namespace gigasim::io
