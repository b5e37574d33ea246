#include "gigasim/io/results/output_set.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>

#include "gigasim/core/errors.hpp"

namespace gigasim::io {
namespace fs = std::filesystem;

namespace {

// ".<destination name>.gigasim-tmp.<pid>.<random>": the pid tells a later run whether the
// writer is still alive.
constexpr std::string_view kTemporaryTag = ".gigasim-tmp.";

std::string random_suffix() {
  std::random_device device;
  return fmt::format("{:08x}{:08x}", device(), device());
}

// Removes the temporary folders beside `destination` whose writer is dead.
void remove_stale_temporaries(const fs::path& parent) {
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const std::size_t tag = name.find(kTemporaryTag);
    if (name.empty() || name[0] != '.' || tag == std::string::npos) continue;
    const std::size_t pid_start = tag + kTemporaryTag.size();
    const std::size_t pid_end = name.find('.', pid_start);
    if (pid_end == std::string::npos) continue;
    long pid = 0;
    try {
      pid = std::stol(name.substr(pid_start, pid_end - pid_start));
    } catch (const std::exception&) {
      continue;
    }
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // alive
    std::error_code ignored;
    fs::remove_all(it->path(), ignored);  // links are removed, never followed
  }
}

// The names a run or a study of gigasim writes into its output folder (before manifests,
// too).
bool is_output_file(const std::string& name) {
  for (const char* known :
       {"summary.json", "results.sqlite", "site_hourly.csv", "jobs.csv", "report.html", "study.csv",
        "replicas.csv", "study.json", "study.sqlite", kManifestFile}) {
    if (name == known) return true;
  }
  return name.size() > 1 && name[0] == '.' && name.find(".tmp.") != std::string::npos;
}

}  // namespace

bool replaceable_output_folder(const fs::path& dir) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(dir, ec);
  if (ec || status.type() == fs::file_type::not_found) return true;
  if (status.type() != fs::file_type::directory) return false;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!is_output_file(it->path().filename().string())) return false;
  }
  return !ec;
}

OutputSet::OutputSet(fs::path destination, const std::atomic<bool>* stop)
    : destination_(std::move(destination)), stop_(stop) {
  if (destination_.filename().empty()) destination_ = destination_.parent_path();
  const fs::path parent =
      destination_.has_parent_path() ? destination_.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec)
    throw core::IoError(
        fmt::format("cannot create output folder \"{}\": {}", parent.string(), ec.message()));
  if (!replaceable_output_folder(destination_)) {
    throw core::IoError(fmt::format(
        "output folder \"{}\" holds files that are not a gigasim run's: choose another --out, "
        "or empty it",
        destination_.string()));
  }
  remove_stale_temporaries(parent);
  for (int attempt = 0; attempt < 16; ++attempt) {
    const fs::path candidate = parent / fmt::format(".{}{}{}.{}", destination_.filename().string(),
                                                    kTemporaryTag, ::getpid(), random_suffix());
    // mkdir creates exclusively and never follows a link at the last component.
    if (::mkdir(candidate.c_str(), 0700) == 0) {
      temporary_ = candidate;
      return;
    }
    if (errno != EEXIST)
      throw core::IoError(fmt::format("cannot create a folder in \"{}\": {}", parent.string(),
                                      std::strerror(errno)));
  }
  throw core::IoError(fmt::format("cannot create a temporary folder in \"{}\"", parent.string()));
}

OutputSet::~OutputSet() {
  if (committed_ || temporary_.empty()) return;
  std::error_code ignored;
  fs::remove_all(temporary_, ignored);
}

void OutputSet::check() const {
  if (stop_ != nullptr && stop_->load()) throw core::Interrupted("stopped by a signal");
}

void OutputSet::commit() {
  check();
  {
    const fs::path manifest = temporary_ / kManifestFile;
    std::ofstream out(manifest, std::ios::binary | std::ios::trunc);
    out << "{\"complete\": true, \"files\": [";
    bool first = true;
    std::error_code ec;
    for (fs::directory_iterator it(temporary_, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name == kManifestFile) continue;
      out << (first ? "" : ", ") << '"' << name << '"';
      first = false;
    }
    out << "]}\n";
    out.flush();
    if (!out) throw core::IoError(fmt::format("cannot write \"{}\"", manifest.string()));
  }
  if (!replaceable_output_folder(destination_)) {
    throw core::IoError(fmt::format("output folder \"{}\" changed while the run was writing",
                                    destination_.string()));
  }
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(destination_, ec))) {
    fs::rename(temporary_, destination_, ec);
    if (ec)
      throw core::IoError(fmt::format("cannot move the outputs into \"{}\": {}",
                                      destination_.string(), ec.message()));
    committed_ = true;
    return;
  }
  // Swap the new set with the earlier one in one step (Linux renameat2 RENAME_EXCHANGE),
  // then remove the earlier set, now under the temporary name.
  if (::renameat2(AT_FDCWD, temporary_.c_str(), AT_FDCWD, destination_.c_str(), RENAME_EXCHANGE) !=
      0) {
    // A file system without exchange: move the old set aside, then the new one in.
    const fs::path aside = fs::path(temporary_.string() + ".old");
    fs::rename(destination_, aside, ec);
    if (!ec) fs::rename(temporary_, destination_, ec);
    if (ec)
      throw core::IoError(fmt::format("cannot move the outputs into \"{}\": {}",
                                      destination_.string(), ec.message()));
    committed_ = true;
    std::error_code ignored;
    fs::remove_all(aside, ignored);
    return;
  }
  committed_ = true;
  std::error_code ignored;
  fs::remove_all(temporary_, ignored);
}

}  // namespace gigasim::io
