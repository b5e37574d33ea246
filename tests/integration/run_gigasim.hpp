// Runs the gigasim command for the integration tests.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace gigasim::testing {

struct Outcome {
  int code;
  std::string out;  // stdout and stderr together
};

inline Outcome run_command(const std::string& command_line) {
  const std::string command = command_line + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string text;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) text += buffer.data();
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text};
}

inline Outcome gigasim(const std::string& args) {
  return run_command(std::string(GIGASIM_BINARY) + " " + args);
}

}  // namespace gigasim::testing
