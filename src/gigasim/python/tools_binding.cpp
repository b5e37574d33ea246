// The performance and serving models (`gigasim perf`, `gigasim serve`) and studies
// (`gigasim study`) from Python.
#include <pybind11/stl.h>

#include "gigasim/api/api.hpp"
#include "gigasim/io/results/perf_json.hpp"
#include "gigasim/io/results/serve_json.hpp"
#include "gigasim/io/scenario/perf_input.hpp"
#include "gigasim/io/scenario/serve_input.hpp"
#include "gigasim/perf/search.hpp"
#include "gigasim/python/bindings.hpp"
#include "gigasim/study/study.hpp"

namespace gigasim::python {

namespace {

/// One estimate or a layout search, as `gigasim perf [--search] --json` prints it. The input
/// is a file, or text named `label` in messages.
py::object perf(const CatalogHandle& catalog, const std::string& file, const std::string& text,
                const std::string& label, bool search) {
  std::string json;
  {
    const py::gil_scoped_release unlocked;
    const io::PerfMode mode = search ? io::PerfMode::search : io::PerfMode::estimate;
    const io::PerfInput in = file.empty() ? io::load_perf_text(text, label, *catalog.catalog, mode)
                                          : io::load_perf_input(file, *catalog.catalog, mode);
    if (search) {
      json = io::perf_search_json(
                 in.model, in.gpus,
                 perf::search_layouts(in.model, in.platform, in.gpus, in.layout, in.search))
                 .dump();
    } else {
      json = io::perf_estimate_json(in.model, in.platform, in.gpus, in.layout,
                                    perf::estimate_step(in.model, in.layout, in.platform))
                 .dump();
    }
  }
  return to_python(json);
}

/// One serving estimate, as `gigasim serve --json` prints it. The input is a file, or text
/// named `label` in messages.
py::object serve(const CatalogHandle& catalog, const std::string& file, const std::string& text,
                 const std::string& label) {
  std::string json;
  {
    const py::gil_scoped_release unlocked;
    const io::ServeInput in = file.empty() ? io::load_serve_text(text, label, *catalog.catalog)
                                           : io::load_serve_input(file, *catalog.catalog);
    json = io::serve_json(in.model, in.platform, in.setup, in.demand_tokens_per_s,
                          perf::estimate_serving(in.model, in.platform, in.setup))
               .dump();
  }
  return to_python(json);
}

/// Runs a study file on `threads` threads of this process; writes its tables and comparison
/// report into `out` when given. Returns every variant with its replicas' figures.
py::dict study(const CatalogHandle& catalog, const std::string& file, unsigned threads,
               const std::string& out) {
  study::StudyResult result;
  {
    const py::gil_scoped_release unlocked;
    const study::StudySpec spec = study::load_study(file);
    result = study::run_study(spec, *catalog.catalog, std::max(1u, threads));
    if (!out.empty()) study::write_study(result, out);
  }
  py::list variants;
  for (const auto& v : result.variants) {
    py::dict variant;
    variant["name"] = v.variant.name;
    variant["overrides"] = v.variant.overrides;
    variant["mean"] = v.mean;
    variant["ci_low"] = v.ci_low;
    variant["ci_high"] = v.ci_high;
    py::list replicas;
    for (const auto& r : v.replicas) {
      py::dict replica;
      replica["seed"] = r.seed;
      replica["values"] = r.values;
      replicas.append(replica);
    }
    variant["replicas"] = replicas;
    variants.append(variant);
  }
  py::dict d;
  d["name"] = result.name;
  d["metrics"] = result.metrics;
  d["variants"] = variants;
  return d;
}

}  // namespace

void bind_tools(py::module_& m) {
  m.def("perf", &perf, py::arg("catalog"), py::arg("file"), py::arg("text"), py::arg("label"),
        py::arg("search"));
  m.def("serve", &serve, py::arg("catalog"), py::arg("file"), py::arg("text"), py::arg("label"));
  m.def("study", &study, py::arg("catalog"), py::arg("file"), py::arg("threads"), py::arg("out"));
}

}  // namespace gigasim::python
