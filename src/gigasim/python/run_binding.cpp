// Runs from Python: prepare and run without the GIL (other Python threads go on, and several
// runs may go on at once), progress reported to an optional callback, Ctrl-C honoured; the
// results' tables come out column by column, from the same output declarations
// (sim/metrics.hpp) as the CSV files and results.sqlite.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "gigasim/api/api.hpp"
#include "gigasim/core/errors.hpp"
#include "gigasim/io/report/report.hpp"
#include "gigasim/io/results/writers.hpp"
#include "gigasim/python/bindings.hpp"
#include "gigasim/sim/metrics.hpp"

namespace gigasim::python {

namespace {

namespace output = sim::output;
namespace metrics = sim::metrics;

/// Hears the run's progress: checks for Ctrl-C (a KeyboardInterrupt stops the run) and
/// passes the fraction done to the user's callback, if any, which may stop it by raising.
class ProgressToPython : public sim::Observer {
 public:
  explicit ProgressToPython(py::object callback) : callback_(std::move(callback)) {}
  void on_progress(double fraction_done) override {
    const py::gil_scoped_acquire locked;
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    if (!callback_.is_none()) callback_(fraction_done);
  }

 private:
  py::object callback_;
};

ResultsHandle run(const ScenarioHandle& scenario, std::uint64_t seed, py::object progress) {
  const auto file = scenario.loaded();
  ProgressToPython observer(std::move(progress));
  const py::gil_scoped_release unlocked;
  const plan::Plan plan = api::prepare(*file, seed);
  return ResultsHandle{std::make_shared<const sim::Results>(api::run(plan, &observer))};
}

/// One column of a table as it is collected: numbers (NaN where null), counts and flags
/// (with a validity mask), or names (None where null).
struct Column {
  output::Type type;
  std::vector<double> reals;
  std::vector<std::int64_t> integers;
  std::vector<std::uint8_t> valid;
  std::vector<std::string> texts;

  void add(const output::Value& v) {
    using Kind = output::Value::Kind;
    valid.push_back(v.is_null() ? 0 : 1);
    switch (type) {
      case output::Type::real:
      case output::Type::precise:
        reals.push_back(v.as_number().value_or(std::numeric_limits<double>::quiet_NaN()));
        return;
      case output::Type::integer:
      case output::Type::boolean:
        integers.push_back(v.kind == Kind::integer || v.kind == Kind::boolean ? v.integer : 0);
        return;
      case output::Type::text:
        texts.emplace_back(v.kind == Kind::text ? v.text : std::string_view{});
        return;
    }
  }
};

/// The kind of pandas column a declared type becomes (python/gigasim/results.py).
const char* dtype_of(output::Type type) {
  switch (type) {
    case output::Type::real:
    case output::Type::precise:
      return "float";
    case output::Type::integer:
      return "integer";
    case output::Type::boolean:
      return "boolean";
    case output::Type::text:
      break;
  }
  return "text";
}

template <class T>
py::array_t<T> array_of(const std::vector<T>& values) {
  return py::array_t<T>(static_cast<py::ssize_t>(values.size()), values.data());
}

/// A declared table as columns for pandas: for each column its name, type, unit and values
/// (a NumPy array, or a list of names), with a mask of the non-null values.
template <class R>
py::list table_columns(const output::Table<R>& table, const sim::Results& results) {
  std::vector<Column> columns;
  for (const auto* c : table.columns) columns.push_back(Column{c->type, {}, {}, {}, {}});
  {
    const py::gil_scoped_release unlocked;
    metrics::for_each(results, std::function<void(const R&)>([&](const R& record) {
                        for (std::size_t i = 0; i < columns.size(); ++i)
                          columns[i].add(output::value_of(*table.columns[i], record));
                      }));
  }
  py::list out;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto& c = columns[i];
    const auto& declared = *table.columns[i];
    py::dict column;
    column["name"] = declared.name;
    column["type"] = dtype_of(declared.type);
    column["unit"] = declared.unit;
    column["description"] = declared.description;
    column["valid"] = array_of(c.valid).attr("astype")("bool");
    switch (declared.type) {
      case output::Type::real:
      case output::Type::precise:
        column["values"] = array_of(c.reals);
        break;
      case output::Type::integer:
      case output::Type::boolean:
        column["values"] = array_of(c.integers);
        break;
      case output::Type::text: {
        // Names repeat row after row (a site's hours, its jobs): one Python string for a run.
        py::list names(c.texts.size());
        py::object last = py::none();
        for (std::size_t k = 0; k < c.texts.size(); ++k) {
          if (c.valid[k] == 0) {
            names[k] = py::none();
            continue;
          }
          if (last.is_none() || k == 0 || c.valid[k - 1] == 0 || c.texts[k] != c.texts[k - 1])
            last = py::str(c.texts[k]);
          names[k] = last;
        }
        column["values"] = names;
        break;
      }
    }
    out.append(column);
  }
  return out;
}

py::list table_by_name(const ResultsHandle& h, const std::string& name) {
  const sim::Results& r = *h.results;
  if (name == metrics::site_hourly().name) return table_columns(metrics::site_hourly(), r);
  if (name == metrics::jobs().name) return table_columns(metrics::jobs(), r);
  if (name == metrics::failures().name) return table_columns(metrics::failures(), r);
  if (name == metrics::power_steps().name) return table_columns(metrics::power_steps(), r);
  if (name == metrics::costs().name) return table_columns(metrics::costs(), r);
  if (name == metrics::fleet().name) return table_columns(metrics::fleet(), r);
  throw py::key_error("no table \"" + name + "\" (docs/outputs.md lists them)");
}

/// report.html alone at `file`: the result files are written to a private folder beside it
/// (the page is drawn from results.sqlite, as `gigasim report` draws it), then removed.
void write_report_file(const ResultsHandle& h, const std::filesystem::path& file) {
  const py::gil_scoped_release unlocked;
  const std::filesystem::path parent =
      file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
  const std::filesystem::path scratch = parent / (".report-" + file.filename().string() + ".tmp");
  std::error_code ignored;
  std::filesystem::remove_all(scratch, ignored);
  try {
    std::filesystem::create_directories(scratch);
    io::write_sqlite(*h.results, scratch / "results.sqlite");
    io::write_report(scratch);  // the page `gigasim report` draws from that database
    std::filesystem::rename(scratch / "report.html", file);
  } catch (const std::filesystem::filesystem_error& e) {
    std::filesystem::remove_all(scratch, ignored);
    throw core::IoError(e.what());
  } catch (...) {
    std::filesystem::remove_all(scratch, ignored);
    throw;
  }
  std::filesystem::remove_all(scratch, ignored);
}

}  // namespace

void bind_run(py::module_& m) {
  py::class_<ResultsHandle>(m, "Results")
      .def("summary_json",
           [](const ResultsHandle& h) { return io::summary_json(*h.results).dump(); })
      .def("table", &table_by_name, py::arg("name"))
      .def("report", &write_report_file, py::arg("file"))
      .def(
          "save",
          [](const ResultsHandle& h, const std::string& dir) {
            const py::gil_scoped_release unlocked;
            io::write_run_outputs(*h.results, dir);
          },
          py::arg("dir"), "Every output of the run into `dir`, as `gigasim run --out` writes it");
  m.def("run", &run, py::arg("scenario"), py::arg("seed"), py::arg("progress") = py::none());
}

}  // namespace gigasim::python
