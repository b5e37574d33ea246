// The `gigasim._gigasim` extension module (docs/python.md). Library errors become Python
// exceptions by fault, as the command line turns them into exit codes (cli/main.cpp):
// bad input → gigasim.InputError (a ValueError carrying every problem with its YAML path and
// place), the environment → gigasim.IoError (an OSError), a stop asked for → KeyboardInterrupt;
// anything else is a fault of gigasim, raised as RuntimeError.
#include "gigasim/core/errors.hpp"
#include "gigasim/python/bindings.hpp"

namespace gigasim::python {

py::object to_python(const std::string& json_text) {
  return py::module_::import("json").attr("loads")(json_text);
}

namespace {
// The exception types of the module, created once when it is imported and kept as long as
// the interpreter (a translator is a plain function: it cannot hold them itself).
PyObject* input_error_type = nullptr;
PyObject* io_error_type = nullptr;

PyObject* new_exception_type(py::module_& m, const char* name, PyObject* base) {
  const std::string qualified = std::string("gigasim.") + name;
  PyObject* type = PyErr_NewException(qualified.c_str(), base, nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(type));  // the module holds a second reference
  return type;
}

void translate(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const core::InputError& e) {
    py::list problems;
    std::string text;
    for (const auto& d : e.diagnostics()) {
      py::dict problem;
      problem["path"] = d.path;
      problem["message"] = d.message;
      problem["file"] = d.location.file;
      problem["line"] = d.location.line;
      problem["column"] = d.location.column;
      problems.append(problem);
      text += (text.empty() ? "" : "\n") + d.to_string();
    }
    py::object error = py::handle(input_error_type)(text);
    error.attr("problems") = problems;
    PyErr_SetObject(input_error_type, error.ptr());
  } catch (const core::IoError& e) {
    PyErr_SetString(io_error_type, e.what());
  } catch (const core::Interrupted&) {
    PyErr_SetNone(PyExc_KeyboardInterrupt);
  }
}
}  // namespace

void bind_errors(py::module_& m) {
  input_error_type = new_exception_type(m, "InputError", PyExc_ValueError);
  io_error_type = new_exception_type(m, "IoError", PyExc_OSError);
  py::register_exception_translator(&translate);
}

}  // namespace gigasim::python

PYBIND11_MODULE(_gigasim, m) {
  m.doc() = "gigasim's C++ core; use the `gigasim` package (docs/python.md)";
  gigasim::python::bind_errors(m);
  gigasim::python::bind_catalog(m);
  gigasim::python::bind_scenario(m);
  gigasim::python::bind_run(m);
  gigasim::python::bind_tools(m);
}
