// The `gigasim` command: parses the command line (CLI11), runs a subcommand, and maps errors
// to exit codes: 0 ok, 2 bad input, 3 I/O failure, 70 internal error.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <exception>

#include "gigasim/cli/commands.hpp"
#include "gigasim/core/errors.hpp"

namespace {

constexpr int kExitInput = 2;
constexpr int kExitIo = 3;
constexpr int kExitInternal = 70;

int dispatch(int argc, char** argv) {
  CLI::App app{
      "gigasim: digital twin of AI supercomputers, from one accelerator to a federation of "
      "campuses"};
  app.require_subcommand(1);
  std::string data_dir;
  app.add_option("--data", data_dir,
                 "folder of the catalogs (default: $GIGASIM_DATA_DIR or the source tree's data/)");

  gigasim::cli::RunOptions run;
  std::uint64_t seed = 0;
  std::string out;
  auto* run_cmd = app.add_subcommand("run", "simulate a scenario and write its results");
  run_cmd->add_option("scenario", run.scenario, "scenario file (YAML)")->required();
  run_cmd->add_option("--out", out, "output folder (default: out/<scenario name>)");
  auto* seed_opt = run_cmd->add_option("--seed", seed, "random seed (default: the scenario's)");
  run_cmd->add_flag("--quiet,-q", run.quiet, "no progress on stderr");

  gigasim::cli::CheckOptions check;
  auto* check_cmd = app.add_subcommand("check", "validate a scenario and report every problem");
  check_cmd->add_option("scenario", check.scenario, "scenario file (YAML)")->required();

  gigasim::cli::SizeOptions size;
  std::string size_scenario;
  auto* size_cmd = app.add_subcommand("size", "how many systems fit in a power envelope");
  size_cmd->add_option("scenario", size_scenario, "scenario file: size every site's fleet");
  size_cmd->add_option("--location", size.location, "location id (data/locations.yaml)");
  size_cmd->add_option("--system", size.system, "system id (data/systems.yaml)");
  size_cmd->add_option("--power", size.power, "power envelope, e.g. \"1 GW\"");
  size_cmd->add_option("--seed", size.seed, "seed of the synthetic weather year (default 1)");

  gigasim::cli::PerfOptions perf;
  auto* perf_cmd =
      app.add_subcommand("perf", "training step time, throughput, memory and power of a layout");
  perf_cmd->add_option("file", perf.file, "perf file (YAML): model, accelerator, gpus, parallelism")
      ->required();
  perf_cmd->add_flag("--json", perf.json, "print JSON");
  perf_cmd->add_flag("--search", perf.search, "search every layout and print the best ten");

  std::string report_dir;
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
    if (seed_opt->count() > 0) run.seed = seed;
    run.data_dir = data_dir;
    return gigasim::cli::run_command(run);
  }
  if (perf_cmd->parsed()) {
    perf.data_dir = data_dir;
    return gigasim::cli::perf_command(perf);
  }
  if (report_cmd->parsed()) return gigasim::cli::report_command(report_dir);
  if (outputs_cmd->parsed()) {
    outputs.check = check_opt->count() > 0;
    return gigasim::cli::outputs_command(outputs);
  }
  if (check_cmd->parsed()) {
    check.data_dir = data_dir;
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
  try {
    return dispatch(argc, argv);
  } catch (const gigasim::core::InputError& e) {
    for (const auto& d : e.diagnostics()) fmt::print(stderr, "error: {}\n", d.to_string());
    return kExitInput;
  } catch (const gigasim::core::IoError& e) {
    fmt::print(stderr, "I/O error: {}\n", e.what());
    return kExitIo;
  } catch (const std::exception& e) {
    fmt::print(stderr, "internal error: {}\n", e.what());
    return kExitInternal;
  }
}
