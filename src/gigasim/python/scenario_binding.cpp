// Scenarios from Python: loaded from a file or from text (a dict dumped as JSON, which is
// YAML), changed by path as `--set PATH=VALUE` changes them, and validated again after each
// change, so a bad value is refused where it is set, naming its path.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "gigasim/api/api.hpp"
#include "gigasim/python/bindings.hpp"

namespace gigasim::python {

ScenarioHandle ScenarioHandle::from_file(const CatalogHandle& catalog,
                                         const std::filesystem::path& file,
                                         std::vector<std::string> overrides) {
  ScenarioHandle h;
  h.catalog_ = catalog;
  h.file_ = file;
  h.label_ = file.string();
  h.overrides_ = std::move(overrides);
  h.reload();
  return h;
}

ScenarioHandle ScenarioHandle::from_text(const CatalogHandle& catalog, std::string text,
                                         std::string label, const std::filesystem::path& base_dir) {
  ScenarioHandle h;
  h.catalog_ = catalog;
  h.text_ = std::move(text);
  h.label_ = std::move(label);
  h.base_dir_ = base_dir;
  h.reload();
  return h;
}

void ScenarioHandle::reload() {
  const py::gil_scoped_release unlocked;  // large scenarios read traces and weather files
  loaded_ = std::make_shared<const io::ScenarioFile>(
      file_.empty()
          ? io::load_scenario_text(text_, label_, base_dir_, *catalog_.catalog, {}, overrides_)
          : api::load(file_, *catalog_.catalog, {}, overrides_));
}

void ScenarioHandle::set(const std::string& path, const std::string& value) {
  overrides_.push_back(path + "=" + value);
  try {
    reload();
  } catch (...) {
    overrides_.pop_back();
    throw;
  }
}

void bind_scenario(py::module_& m) {
  py::class_<ScenarioHandle>(m, "Scenario")
      .def_static("from_file", &ScenarioHandle::from_file, py::arg("catalog"), py::arg("file"),
                  py::arg("overrides") = std::vector<std::string>{})
      .def_static("from_text", &ScenarioHandle::from_text, py::arg("catalog"), py::arg("text"),
                  py::arg("label"), py::arg("base_dir"))
      .def("set", &ScenarioHandle::set, py::arg("path"), py::arg("value"))
      .def_property_readonly("overrides", &ScenarioHandle::overrides)
      .def_property_readonly("label", &ScenarioHandle::label)
      .def_property_readonly("name", [](const ScenarioHandle& h) { return h.file().scenario.name; })
      .def_property_readonly("seed", [](const ScenarioHandle& h) { return h.file().scenario.seed; })
      .def_property_readonly("sites",
                             [](const ScenarioHandle& h) {
                               std::vector<std::string> names;
                               for (const auto& s : h.file().scenario.sites)
                                 names.push_back(s.name);
                               return names;
                             })
      .def(
          "check",
          [](const ScenarioHandle& h, std::uint64_t seed) {
            const auto file = h.loaded();
            const py::gil_scoped_release unlocked;
            (void)api::prepare(*file, seed);
          },
          py::arg("seed"), "Prepares the scenario as a run would: raises InputError on a problem");
}

}  // namespace gigasim::python
