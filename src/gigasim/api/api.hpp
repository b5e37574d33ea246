// The library's entry points (docs/architecture.md): load a scenario, prepare it, run it.
// The CLI, the Python module and studies all go through these. No global state: a catalog
// and a plan are plain values that many runs may share, from several threads at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/scenario/scenario_loader.hpp"
#include "gigasim/plan/plan.hpp"
#include "gigasim/sim/observer.hpp"
#include "gigasim/sim/results.hpp"

namespace gigasim::api {

/// The catalogs of `dir`, or of io::default_data_dir() when `dir` is empty.
io::Catalog load_catalog(const std::filesystem::path& dir = {});

/// Reads a scenario file: every problem at once (core::InputError), each with its YAML path
/// and file:line:column.
/// With a non-empty `input_root`, the files it refers to must lie under that folder.
/// `overrides` (`PATH=VALUE`, e.g. `sites[0].location=lulea`) change it before it is read;
/// a problem with one names the override as its place.
io::ScenarioFile load(const std::filesystem::path& file, const io::Catalog& catalog,
                      const std::filesystem::path& input_root = {},
                      const std::vector<std::string>& overrides = {});

/// Prepares a loaded scenario for a run with `seed` (plan::prepare). Problems found while
/// preparing are reported like those of loading, with their places in the file.
/// A run larger than `limits` is refused, naming the key responsible (plan::Limits).
plan::Plan prepare(const io::ScenarioFile& file, std::uint64_t seed,
                   const plan::Limits& limits = {});

/// Runs a prepared scenario once. `observer` (may be null) hears progress and each tick.
sim::Results run(const plan::Plan& plan, sim::Observer* observer = nullptr);

}  // namespace gigasim::api
