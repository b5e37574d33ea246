// Error classes by fault, after DuckDB's split: the user's input, the environment (I/O),
// or ourselves (internal). Library code throws these; only the CLI turns them into exit codes.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace gigasim::core {

/// A place in a text file; line and column count from 1. An empty file name means "unknown".
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  [[nodiscard]] bool known() const { return !file.empty(); }
  [[nodiscard]] std::string to_string() const;
};

/// One problem in the user's input: the YAML path it concerns, what is wrong, and where.
struct Diagnostic {
  std::string path;  ///< e.g. "sites[0].cooling.supply_temp"; empty for a whole file
  std::string message;
  SourceLocation location;

  /// "sites[0].cooling.supply_temp: expected ... (france-1gw.yaml:14:20)"
  [[nodiscard]] std::string to_string() const;
};

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The user's input is wrong. Carries every problem found, not only the first.
class InputError : public Error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  explicit InputError(Diagnostic diagnostic);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Reading or writing a file failed for a reason outside the input's content.
class IoError : public Error {
 public:
  using Error::Error;
};

/// The user asked the program to stop (a signal): nothing is left half-written.
class Interrupted : public Error {
 public:
  using Error::Error;
};

/// A broken invariant of gigasim itself: a bug.
class InternalError : public Error {
 public:
  using Error::Error;
};

/// Throws InternalError when an invariant does not hold; cheap enough to keep in release.
inline void ensure(bool condition, const char* what) {
  if (!condition) throw InternalError(what);
}

}  // namespace gigasim::core
