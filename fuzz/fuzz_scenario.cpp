// Fuzzes describe and prepare: any bytes as a scenario file must give a scenario or an
// InputError, never a crash, a hang, an internal error or a blow-up (docs/robustness.md).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "gigasim/api/api.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gigasim;
  const std::string text(reinterpret_cast<const char*>(data), size);
  fuzz::expect_only_input_errors([&] {
    const io::ScenarioFile file =
        io::load_scenario_text(text, "fuzz.yaml", fuzz::scratch_dir(), fuzz::catalog());
    (void)api::prepare(file, file.scenario.seed);
  });
  return 0;
}
