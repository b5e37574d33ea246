// What the validation tests share: the source tree's catalogs, runs of shipped scenarios and
// the published figures' CSV files.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>

#include "gigasim/api/api.hpp"
#include "gigasim/io/formats/csv.hpp"
#include "gigasim/io/scenario/scenario_loader.hpp"

namespace gigasim::validation {

inline const std::filesystem::path kSource = GIGASIM_TEST_SOURCE_DIR;

inline const io::Catalog& catalog() {
  static const io::Catalog c = io::Catalog::load(kSource / "data");
  return c;
}

/// Loads scenarios/<relative> and runs it with its own seed.
inline sim::Results run_shipped(const std::filesystem::path& relative) {
  const io::ScenarioFile s = api::load(kSource / "scenarios" / relative, catalog());
  return api::run(api::prepare(s, s.scenario.seed));
}

/// Calls `row` with a field accessor (by column name) for each row of the test data's CSV
/// file `name` (under tests/data).
using Field = std::function<const std::string&(const char*)>;
inline void for_each_csv_row(const std::string& name,
                             const std::function<void(const Field&)>& row) {
  const std::string file = std::string(GIGASIM_TEST_DATA) + "/" + name;
  std::ifstream in(file);
  if (!in.good()) ADD_FAILURE() << "cannot read " << file;
  io::CsvReader reader(in, file);
  io::CsvRecord record;
  std::map<std::string, std::size_t> column;
  while (reader.next(record)) {
    if (column.empty()) {
      for (std::size_t i = 0; i < record.fields.size(); ++i) column[record.fields[i]] = i;
      continue;
    }
    row([&](const char* key) -> const std::string& { return record.fields.at(column.at(key)); });
  }
}

}  // namespace gigasim::validation
