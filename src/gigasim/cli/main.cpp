// The `gigasim` command: parses the command line (CLI11), runs a subcommand, and maps errors
// to exit codes: 0 ok, 2 bad input, 3 I/O failure, 70 internal error.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <exception>
#include <limits>
#include <optional>

#include "gigasim/cli/commands.hpp"
#include "gigasim/core/errors.hpp"

namespace {

constexpr int kExitInput = 2;
constexpr int kExitIo = 3;
constexpr int kExitInternal = 70;
constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report it

// A seed of at most 64 bits, written in decimal.
std::optional<std::uint64_t> parse_seed(const std::string& text) {
  std::uint64_t v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

int dispatch(int argc, char** argv) {
  CLI::App app{
      "gigasim: digital twin of AI supercomputers, from one accelerator to a federation of "
      "campuses"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "gigasim " GIGASIM_VERSION);
  std::string data_dir;
  app.add_option("--data", data_dir,
                 "folder of the catalogs (default: $GIGASIM_DATA_DIR or the source tree's data/)");

  gigasim::cli::RunOptions run;
  std::string seed;
  std::string out;
  auto* run_cmd = app.add_subcommand("run", "simulate a scenario and write its results");
  run_cmd->add_option("scenario", run.scenario, "scenario file (YAML)")->required();
  run_cmd->add_option("--out", out, "output folder (default: out/<scenario name>)");
  auto* seed_opt = run_cmd->add_option("--seed", seed, "random seed (default: the scenario's)");
  run_cmd->add_flag("--quiet,-q", run.quiet, "no progress on stderr");
  run_cmd->add_flag("--summary-only", run.summary_only,
                    "write summary.json alone (no tables, CSV files or report)");
  run_cmd->add_flag("--json", run.json, "print summary.json instead of the text summary");

  gigasim::cli::CheckOptions check;
  auto* check_cmd = app.add_subcommand("check", "validate a scenario and report every problem");
  check_cmd->add_option("scenario", check.scenario, "scenario file (YAML)")->required();
  // The size limits of a run (docs/robustness.md): `check` and `run` refuse the same inputs.
  gigasim::plan::Limits limits;
  std::string input_root;
  std::vector<std::string> overrides;
  for (auto* cmd : {run_cmd, check_cmd}) {
    cmd->add_option("--set", overrides,
                    "change the scenario before it is read: PATH=VALUE, e.g. "
                    "--set 'sites[0].location=lulea' (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--input-root", input_root,
                    "read the files a scenario refers to only from under this folder");
    cmd->add_option("--max-accelerators", limits.accelerators, "refuse more accelerators (50e6)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--max-jobs", limits.jobs, "refuse more jobs (10e6)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--max-events", limits.events, "refuse more estimated events (500e6)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--max-rows", limits.rows, "refuse more output rows (100e6)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--max-output-bytes", limits.bytes, "refuse larger outputs (50e9 bytes)")
        ->check(CLI::PositiveNumber);
  }

  gigasim::cli::SizeOptions size;
  std::string size_scenario;
  auto* size_cmd = app.add_subcommand("size", "how many systems fit in a power envelope");
  size_cmd->add_option("scenario", size_scenario, "scenario file: size every site's fleet");
  size_cmd->add_option("--location", size.location, "location id (data/locations.yaml)");
  size_cmd->add_option("--system", size.system, "system id (data/systems.yaml)");
  size_cmd->add_option("--power", size.power, "power envelope, e.g. \"1 GW\"");
  size_cmd->add_option("--seed", size.seed, "seed of the synthetic weather year (default 1)");
  size_cmd->add_flag("--json", size.json, "print JSON");

  gigasim::cli::PerfOptions perf;
  auto* perf_cmd =
      app.add_subcommand("perf", "training step time, throughput, memory and power of a layout");
  perf_cmd->add_option("file", perf.file, "perf file (YAML): model, accelerator, gpus, parallelism")
      ->required();
  perf_cmd->add_flag("--json", perf.json, "print JSON");
  perf_cmd->add_flag("--search", perf.search, "search every layout and print the best ten");

  gigasim::cli::ServeOptions serve;
  auto* serve_cmd = app.add_subcommand(
      "serve", "serving tokens/s per accelerator at a latency target, accelerators for a demand");
  serve_cmd
      ->add_option("file", serve.file, "serve file (YAML): model, accelerator, replica, requests")
      ->required();
  serve_cmd->add_flag("--json", serve.json, "print JSON");

  std::string report_dir;
  gigasim::cli::StudyOptions study;
  std::string study_out;
  auto* study_cmd =
      app.add_subcommand("study", "run a scenario's variants and replicas, and compare them");
  study_cmd->add_option("file", study.file, "study file (YAML)")->required();
  study_cmd->add_option("--out", study_out, "output folder (default: out/<study name>)");
  study_cmd->add_option("--threads", study.threads, "threads (default: every core)");

  auto* report_cmd = app.add_subcommand(
      "report", "redraw DIR/report.html from DIR/results.sqlite of an earlier run");
  report_cmd->add_option("dir", report_dir, "output folder of a run")->required();

  gigasim::cli::OutputsOptions outputs;
  auto* outputs_cmd = app.add_subcommand(
      "outputs", "print the reference of every output figure (docs/outputs.md is made of it)");
  auto* check_opt = outputs_cmd->add_option(
      "--check", outputs.file, "exit 1 if FILE's generated sections are not the current reference");
  outputs_cmd->add_option("--update", outputs.file, "rewrite FILE's generated sections")
      ->excludes(check_opt);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitInput;
  }
  if (run_cmd->parsed()) {
    if (!out.empty()) run.out = out;
    if (seed_opt->count() > 0) {
      run.seed = parse_seed(seed);
      if (!run.seed) {
        fmt::print(stderr, "error: --seed: expected a whole number from 0 to {}, got \"{}\"\n",
                   std::numeric_limits<std::uint64_t>::max(), seed);
        return kExitInput;
      }
    }
    run.data_dir = data_dir;
    run.limits = limits;
    run.input_root = input_root;
    run.overrides = overrides;
    return gigasim::cli::run_command(run);
  }
  if (perf_cmd->parsed()) {
    perf.data_dir = data_dir;
    return gigasim::cli::perf_command(perf);
  }
  if (serve_cmd->parsed()) {
    serve.data_dir = data_dir;
    return gigasim::cli::serve_command(serve);
  }
  if (report_cmd->parsed()) return gigasim::cli::report_command(report_dir);
  if (study_cmd->parsed()) {
    study.out = study_out;
    study.data_dir = data_dir;
    return gigasim::cli::study_command(study);
  }
  if (outputs_cmd->parsed()) {
    outputs.check = check_opt->count() > 0;
    return gigasim::cli::outputs_command(outputs);
  }
  if (check_cmd->parsed()) {
    check.data_dir = data_dir;
    check.limits = limits;
    check.input_root = input_root;
    check.overrides = overrides;
    return gigasim::cli::check_command(check);
  }
  size.data_dir = data_dir;
  size.scenario = size_scenario;
  if (size_scenario.empty() &&
      (size.location.empty() || size.system.empty() || size.power.empty())) {
    fmt::print(stderr,
               "error: gigasim size needs a scenario file, or --location, --system and --power\n");
    return kExitInput;
  }
  return gigasim::cli::size_command(size);
}

}  // namespace

int main(int argc, char** argv) {
  gigasim::cli::catch_stop_signals();
  try {
    return dispatch(argc, argv);
  } catch (const gigasim::core::InputError& e) {
    for (const auto& d : e.diagnostics()) fmt::print(stderr, "error: {}\n", d.to_string());
    return kExitInput;
  } catch (const gigasim::core::Interrupted&) {
    fmt::print(stderr, "interrupted: nothing was written\n");
    return kExitInterrupted;
  } catch (const gigasim::core::IoError& e) {
    fmt::print(stderr, "I/O error: {}\n", e.what());
    return kExitIo;
  } catch (const std::exception& e) {
    fmt::print(stderr, "internal error: {}\n", e.what());
    return kExitInternal;
  }
}
