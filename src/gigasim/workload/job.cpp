#include "gigasim/workload/job.hpp"

#include <array>
#include <utility>

namespace gigasim::workload {
namespace {
constexpr std::array<std::pair<std::string_view, JobClass>, 5> kNames = {{
    {"pretraining", JobClass::pretraining},
    {"finetuning", JobClass::finetuning},
    {"evaluation", JobClass::evaluation},
    {"debugging", JobClass::debugging},
    {"batch", JobClass::batch},
}};
}  // namespace

std::string_view to_string(JobClass c) {
  for (const auto& [name, value] : kNames) {
    if (value == c) return name;
  }
  return "?";
}

bool job_class_from(std::string_view text, JobClass& out) {
  for (const auto& [name, value] : kNames) {
    if (name == text) {
      out = value;
      return true;
    }
  }
  return false;
}

}  // namespace gigasim::workload
