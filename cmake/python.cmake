# Python: the interpreter of the tools and tests, and pybind11 for the `gigasim` module
# (docs/python.md). Debian's interpreter is preferred: it is the one Debian's pybind11, pandas,
# pytest and Jupyter packages are installed for, where a pyenv or virtualenv first on PATH
# may lack them. -DPython3_EXECUTABLE=... chooses another.
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "The Python interpreter")
endif()
if(NOT GIGASIM_PYTHON)
  find_package(Python3 COMPONENTS Interpreter REQUIRED)
  return()
endif()
find_package(Python3 COMPONENTS Interpreter Development.Module REQUIRED)
set(PYBIND11_FINDPYTHON ON)
find_package(pybind11 2.10 CONFIG REQUIRED)
# The module links the static libraries of every module: they must be position-independent.
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
