// The gigasim command against hostile or careless use (docs/robustness.md): a stop signal
// leaves nothing behind, a scenario's name cannot lead the output out of out/, a FIFO or a
// file outside --input-root is refused, a run too large is refused before it starts.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../scratch_folder.hpp"
#include "run_gigasim.hpp"

namespace {

namespace fs = std::filesystem;
const fs::path kSource = GIGASIM_TEST_SOURCE_DIR;

using gigasim::testing::gigasim;
using gigasim::testing::Outcome;

// gigasim run from the folder `cwd`, where its default output folder out/ lies.
Outcome gigasim_in(const fs::path& cwd, const std::string& args) {
  return gigasim::testing::run_command("cd '" + cwd.string() + "' && " + GIGASIM_BINARY + " " +
                                       args);
}

class CliRobustness : public gigasim::testing::ScratchFolderTest {
 protected:
  // Every entry under dir_, for "nothing was left behind" checks.
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir_))
      out.push_back(fs::relative(e.path(), dir_).string());
    return out;
  }
};

std::string site(const std::string& name, const std::string& extra = "") {
  return "name: \"" + name +
         "\"\nhorizon: 10 days\nsites:\n  - name: a\n    location: lyon\n"
         "    grid_connection: 20 MW\n    fleet:\n      - {system: dgx-h100, count: 100}\n"
         "    supply: [{type: grid}]\n" +
         extra;
}

TEST_F(CliRobustness, AStopSignalLeavesNoOutputAndNoTemporary) {
  // france-1gw runs for seconds (tens under the sanitizers): stop it while it runs.
  const fs::path out = dir_ / "out";
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, STDOUT_FILENO);
    ::dup2(devnull, STDERR_FILENO);
    const std::string scenario = (kSource / "scenarios/france-1gw.yaml").string();
    ::execl(GIGASIM_BINARY, GIGASIM_BINARY, "run", scenario.c_str(), "--out", out.c_str(),
            "--quiet", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ASSERT_EQ(::kill(child, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by a signal instead of stopping cleanly";
  EXPECT_EQ(WEXITSTATUS(status), 130);
  EXPECT_FALSE(fs::exists(out));
  EXPECT_TRUE(entries().empty()) << "left behind: " << entries().front();
}

TEST_F(CliRobustness, ANameCannotLeadTheOutputOutOfOut) {
  const fs::path work = dir_ / "work";
  fs::create_directories(work);
  const fs::path file = write("s.yaml", site("../../escaped"));
  const Outcome r = gigasim_in(work, "run " + file.string() + " --quiet");
  ASSERT_EQ(r.code, 0) << r.out;
  // Everything the run wrote lies under work/out/, in one folder.
  EXPECT_FALSE(fs::exists(dir_ / "escaped"));
  EXPECT_FALSE(fs::exists(work / "escaped"));
  std::size_t folders = 0;
  for (const auto& e : fs::directory_iterator(work / "out")) {
    ++folders;
    EXPECT_TRUE(fs::exists(e.path() / "summary.json")) << e.path();
    EXPECT_EQ(e.path().filename().string().find('/'), std::string::npos);
  }
  EXPECT_EQ(folders, 1U);
}

TEST_F(CliRobustness, AFifoOrAFileOutsideTheInputRootIsRefusedWithItsPlace) {
  ASSERT_EQ(::mkfifo((dir_ / "trace.swf").c_str(), 0600), 0);
  const fs::path fifo_scenario =
      write("fifo.yaml", site("t",
                              "    workload:\n      traces:\n        - {file: trace.swf, "
                              "format: swf}\n"));
  Outcome r = gigasim("check " + fifo_scenario.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("not a regular file"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fifo.yaml:"), std::string::npos) << r.out;

  fs::create_directories(dir_ / "root");
  const fs::path outside = write("root/out.yaml", site("t", "    weather: {epw: /etc/passwd}\n"));
  r = gigasim("check " + outside.string() + " --input-root " + (dir_ / "root").string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("outside the input root"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("root:x:0:0"), std::string::npos) << "file contents echoed:\n" << r.out;
}

TEST_F(CliRobustness, DuplicateKeysExitTwoWithBothPlaces) {
  const fs::path file = write("dup.yaml", site("t") + "horizon: 20 days\n");
  const Outcome r = gigasim("check " + file.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("duplicate key \"horizon\""), std::string::npos) << r.out;
}

TEST_F(CliRobustness, CheckEstimatesTheRunAndMaxOptionsBoundIt) {
  const fs::path file =
      write("s.yaml", site("t",
                           "    workload:\n      generators:\n        - {class: evaluation, "
                           "jobs_per_day: 1000}\n"));
  Outcome r = gigasim("check " + file.string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("estimated:"), std::string::npos) << r.out;
  r = gigasim("check " + file.string() + " --max-jobs 5000");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("generators[0].jobs_per_day: the run would hold 1e+04 jobs"),
            std::string::npos)
      << r.out;
  r = gigasim("run " + file.string() + " --max-jobs 5000 --out " + (dir_ / "o").string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_FALSE(fs::exists(dir_ / "o"));
}

TEST_F(CliRobustness, ASeedBeyondSixtyFourBitsIsRefused) {
  const fs::path file = write("s.yaml", site("t"));
  const Outcome r = gigasim("run " + file.string() + " --seed 18446744073709551616");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("--seed"), std::string::npos) << r.out;
}

}  // namespace
