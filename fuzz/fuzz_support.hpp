// What the fuzz targets share: the catalogs, a scratch folder, a template results database,
// and the rule that only the errors of the user's input (or of a bad file) may escape.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <system_error>

#include "gigasim/api/api.hpp"
#include "gigasim/core/errors.hpp"
#include "gigasim/io/report/report.hpp"

namespace gigasim::fuzz {

inline const io::Catalog& catalog() {
  static const io::Catalog c = io::Catalog::load(GIGASIM_FUZZ_DATA_DIR);
  return c;
}

/// A private folder that files referred to by fuzzed scenarios are resolved against.
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    const auto d =
        std::filesystem::temp_directory_path() / ("gigasim-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

[[noreturn]] inline void finding(const char* kind, const char* what) {
  std::fprintf(stderr, "FUZZ FINDING: %s escaped: %s\n", kind, what);
  std::abort();
}

/// Runs `f`; an InputError is the expected answer to bad input, anything else a finding.
template <class F>
void expect_only_input_errors(F&& f) {
  try {
    f();
  } catch (const core::InputError&) {
  } catch (const core::InternalError& e) {
    finding("an internal error", e.what());
  } catch (const std::exception& e) {
    finding("an exception", e.what());
  }
}

/// Runs `f`; an IoError is the expected answer to a bad file, anything else a finding.
template <class F>
void expect_only_io_errors(F&& f) {
  try {
    f();
  } catch (const core::IoError&) {
  } catch (const std::exception& e) {
    finding("an exception", e.what());
  }
}

/// A folder holding a fresh copy of a template results.sqlite: a week of a small site with
/// a workload and failures, written once per process.
inline std::filesystem::path tampered_results(bool fresh) {
  const auto base = scratch_dir();
  const auto template_dir = base / "template";
  const auto work = base / "work";
  if (!std::filesystem::exists(template_dir / "results.sqlite")) {
    const std::string yaml = R"(name: fuzz
horizon: 7 days
sites:
  - name: a
    location: lyon
    grid_connection: 5 MW
    fleet: [{system: dgx-h100, count: 16}]
    supply: [{type: grid}, {type: wind, capacity: 2 MW, price: 30 EUR/MWh}]
    power_step_threshold: 100 kW
    workload:
      generators: [{class: batch, jobs_per_day: 200, size: {values: [8, 32], weights: [3, 1]}}]
    reliability: {scale: 50}
)";
    const io::ScenarioFile file = io::load_scenario_text(yaml, "t.yaml", base, catalog());
    io::write_run_outputs(api::run(api::prepare(file, 1)), template_dir);
  }
  if (fresh) {
    std::filesystem::create_directories(work);
    // libFuzzer's timer signal (-timeout) can interrupt the kernel's copy (EINTR): copy again,
    // as a signal is no finding.
    std::error_code error;
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::filesystem::copy_file(template_dir / "results.sqlite", work / "results.sqlite",
                                 std::filesystem::copy_options::overwrite_existing, error);
      if (error != std::errc::interrupted) break;
    }
    if (error) throw std::filesystem::filesystem_error("cannot copy the template", error);
  }
  return work;
}

}  // namespace gigasim::fuzz
