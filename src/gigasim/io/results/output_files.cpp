#include "gigasim/io/results/output_files.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>

#include "gigasim/core/errors.hpp"

namespace gigasim::io {
namespace fs = std::filesystem;

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
