// Fuzzes the readers of referenced files: EPW weather, SWF and CSV job traces, CSV series.
// The first byte picks the reader; the rest is the file.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_support.hpp"
#include "gigasim/io/formats/csv_series.hpp"
#include "gigasim/io/formats/epw.hpp"
#include "gigasim/io/formats/traces.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gigasim;
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  fuzz::expect_only_input_errors([&] {
    std::istringstream in(text);
    switch (data[0] % 4) {
      case 0:
        (void)io::parse_epw(in, "fuzz.epw");
        break;
      case 1:
        (void)io::parse_swf(in, "fuzz.swf");
        break;
      case 2:
        (void)io::parse_job_csv(in, "fuzz.csv");
        break;
      default:
        (void)io::read_csv_column(in, "fuzz.csv", "mw");
        break;
    }
  });
  return 0;
}
