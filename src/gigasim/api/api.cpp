#include "gigasim/api/api.hpp"

#include "gigasim/sim/simulation.hpp"

namespace gigasim::api {

io::Catalog load_catalog(const std::filesystem::path& dir) {
  return io::Catalog::load(dir.empty() ? io::default_data_dir() : dir);
}

io::ScenarioFile load(const std::filesystem::path& file, const io::Catalog& catalog,
                      const std::filesystem::path& input_root,
                      const std::vector<std::string>& overrides) {
  return io::load_scenario(file, catalog, input_root, overrides);
}

plan::Plan prepare(const io::ScenarioFile& file, std::uint64_t seed, const plan::Limits& limits) {
  try {
    return plan::prepare(file.scenario, seed, limits);
  } catch (const core::InputError& e) {
    throw file.places.locate(e);
  }
}

sim::Results run(const plan::Plan& plan, sim::Observer* observer) {
  sim::Simulation simulation(plan);
  return simulation.run(observer);
}

}  // namespace gigasim::api
