// Golden outputs: summary.json of every shipped scenario against the one recorded in
// tests/data/golden before the architecture change of issue 11. A difference must be one of
// the documented model fixes, made in the commit that updates the golden file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run_gigasim.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
const fs::path kSource = GIGASIM_TEST_SOURCE_DIR;

json read_json(const fs::path& file) {
  std::ifstream in(file);
  return json::parse(in);
}

// Numbers agree to 1e-9 relative (runs are bit-for-bit reproducible on one machine; the
// margin absorbs a compiler's different rounding of the same sums).
bool same_number(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

void compare(const json& want, const json& got, const std::string& path,
             std::vector<std::string>& out) {
  if (out.size() >= 25) return;
  if (want.is_number() && got.is_number()) {
    if (!same_number(want.get<double>(), got.get<double>()))
      out.push_back(path + ": " + want.dump() + " -> " + got.dump());
    return;
  }
  if (want.type() != got.type()) {
    out.push_back(path + ": " + want.dump().substr(0, 60) + " -> " + got.dump().substr(0, 60));
    return;
  }
  if (want.is_object()) {
    for (const auto& [key, value] : want.items()) {
      if (!got.contains(key)) {
        out.push_back(path + "." + key + ": missing");
      } else {
        compare(value, got[key], path + "." + key, out);
      }
    }
    for (const auto& [key, value] : got.items()) {
      if (!want.contains(key)) out.push_back(path + "." + key + ": new");
    }
  } else if (want.is_array()) {
    if (want.size() != got.size()) {
      out.push_back(path + ": " + std::to_string(want.size()) + " elements -> " +
                    std::to_string(got.size()));
      return;
    }
    for (std::size_t i = 0; i < want.size(); ++i)
      compare(want[i], got[i], path + "[" + std::to_string(i) + "]", out);
  } else if (want != got) {
    out.push_back(path + ": " + want.dump() + " -> " + got.dump());
  }
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, SummaryMatchesTheRecordedOne) {
  const std::string name = GetParam();
  const fs::path out =
      fs::temp_directory_path() / ("gigasim-golden-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(out);
  const auto r =
      gigasim::testing::gigasim("run " + (kSource / "scenarios" / (name + ".yaml")).string() +
                                " --quiet --out " + out.string());
  ASSERT_EQ(r.code, 0) << r.out;
  const json got = read_json(out / "summary.json");
  const json want = read_json(kSource / "tests/data/golden" / (name + ".summary.json"));
  std::vector<std::string> differences;
  compare(want, got, "summary", differences);
  std::string text;
  for (const auto& d : differences) text += "\n  " + d;
  EXPECT_TRUE(differences.empty()) << name << " differs from its golden summary:" << text;
  fs::remove_all(out);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Golden,
                         ::testing::Values("minimal", "nordic-hydro", "swf-replay",
                                           "llama3-405b-54days", "france-1gw", "france-1gw-storage",
                                           "eu-60-sites"),
                         [](const auto& param_info) {
                           std::string n = param_info.param;
                           for (char& c : n)
                             if (c == '-') c = '_';
                           return n;
                         });

}  // namespace
