// The subcommands of `gigasim`. Each returns the process exit code; errors travel as
// exceptions to main(), which maps them to exit codes (2 input, 3 I/O, 70 internal).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gigasim/plan/run_size.hpp"

namespace gigasim::cli {

/// Installs the SIGINT and SIGTERM handler, which only sets the stop flag: the run and the
/// writing poll it, stop at their next check (core::Interrupted) and leave nothing behind.
void catch_stop_signals();
const std::atomic<bool>* stop_flag();

/// The default output folder of a scenario: out/<name made safe> (docs/robustness.md).
std::filesystem::path default_output(std::string_view scenario_name);

struct RunOptions {
  std::filesystem::path scenario;
  std::filesystem::path out;  ///< empty: out/<scenario name>
  std::optional<std::uint64_t> seed;
  bool quiet = false;
  std::filesystem::path data_dir;
  plan::Limits limits;
  std::filesystem::path input_root;    ///< empty: referenced files may be anywhere
  std::vector<std::string> overrides;  ///< `--set PATH=VALUE`
  bool summary_only = false;           ///< write summary.json alone
  bool json = false;                   ///< print summary.json instead of the text summary
};
int run_command(const RunOptions& options);

struct CheckOptions {
  std::filesystem::path scenario;
  std::filesystem::path data_dir;
  plan::Limits limits;
  std::filesystem::path input_root;    ///< empty: referenced files may be anywhere
  std::vector<std::string> overrides;  ///< `--set PATH=VALUE`
};
int check_command(const CheckOptions& options);

struct StudyOptions {
  std::filesystem::path file;
  std::filesystem::path out;  ///< empty: out/<study name>
  unsigned threads = 0;       ///< 0: every core
  std::filesystem::path data_dir;
};
/// Runs a study file (docs/studies.md) and writes its tables.
int study_command(const StudyOptions& options);

/// Redraws DIR/report.html from DIR/results.sqlite.
int report_command(const std::filesystem::path& dir);

/// Prints the output reference, or checks or updates the generated sections of a file.
struct OutputsOptions {
  std::filesystem::path file;  ///< empty: print
  bool check = false;          ///< with `file`: compare instead of rewriting
};
int outputs_command(const OutputsOptions& options);

struct SizeOptions {
  std::filesystem::path scenario;  ///< either a scenario...
  std::string location;            ///< ...or a location, a system and a power
  std::string system;
  std::string power;
  std::uint64_t seed = 1;
  std::filesystem::path data_dir;
  bool json = false;  ///< print JSON (docs/outputs.md#command-line)
};
int size_command(const SizeOptions& options);

struct PerfOptions {
  std::filesystem::path file;
  bool json = false;
  bool search = false;
  std::filesystem::path data_dir;
};
int perf_command(const PerfOptions& options);

struct ServeOptions {
  std::filesystem::path file;
  bool json = false;
  std::filesystem::path data_dir;
};
int serve_command(const ServeOptions& options);

}  // namespace gigasim::cli
