// The C++ side of the `gigasim` Python module (docs/python.md): thin wrappers over the
// library's entry points (api/api.hpp), the output declarations and the study runner. The
// package python/gigasim/ builds the public API (DataFrames, defaults) on top of them.
#pragma once

#include <pybind11/pybind11.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/scenario/scenario_loader.hpp"
#include "gigasim/sim/results.hpp"

namespace gigasim::python {

namespace py = pybind11;

/// The catalogs of one data folder, shared by every scenario loaded against them.
struct CatalogHandle {
  std::filesystem::path dir;
  std::shared_ptr<const io::Catalog> catalog;
};

/// A scenario as the user describes it: its text or file, the overrides applied in order, and
/// the validated result of loading them (reloaded after each change).
class ScenarioHandle {
 public:
  static ScenarioHandle from_file(const CatalogHandle& catalog, const std::filesystem::path& file,
                                  std::vector<std::string> overrides);
  /// `label` names the text in messages; files it refers to are read from `base_dir`.
  static ScenarioHandle from_text(const CatalogHandle& catalog, std::string text, std::string label,
                                  const std::filesystem::path& base_dir);

  /// Applies `PATH=VALUE` and reloads; on a problem the scenario is left as it was.
  void set(const std::string& path, const std::string& value);
  [[nodiscard]] const io::ScenarioFile& file() const { return *loaded_; }
  /// The loaded scenario, kept alive by a run that goes on without the GIL.
  [[nodiscard]] std::shared_ptr<const io::ScenarioFile> loaded() const { return loaded_; }
  [[nodiscard]] const std::vector<std::string>& overrides() const { return overrides_; }
  [[nodiscard]] const std::string& label() const { return label_; }

 private:
  void reload();

  CatalogHandle catalog_;
  std::filesystem::path file_;  ///< empty for a scenario given as text
  std::string text_, label_;
  std::filesystem::path base_dir_;
  std::vector<std::string> overrides_;
  std::shared_ptr<const io::ScenarioFile> loaded_;
};

/// A run's results, read by the module's Results class.
struct ResultsHandle {
  std::shared_ptr<const sim::Results> results;
};

/// nlohmann::json to Python objects (dict, list, str, int, float, bool, None).
py::object to_python(const std::string& json_text);

void bind_errors(py::module_& m);
void bind_scenario(py::module_& m);  ///< python/scenario_binding.cpp
void bind_catalog(py::module_& m);   ///< python/catalog_binding.cpp
void bind_run(py::module_& m);       ///< python/run_binding.cpp
void bind_tools(py::module_& m);     ///< python/tools_binding.cpp: perf, study

}  // namespace gigasim::python
