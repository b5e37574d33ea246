#include <fmt/format.h>

#include <cmath>

#include "gigasim/io/files.hpp"
#include "gigasim/io/writers.hpp"

namespace gigasim::io {
namespace {

// JSON has no NaN or infinity; a metric without a denominator is written as null.
nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json totals_json(const sim::Totals& t) {
  nlohmann::json j;
  j["accelerators"] = t.accelerators;
  j["systems"] = t.systems;
  j["grid_connection_mw"] = number(t.grid_connection_mw);
  j["it_power_peak_mw"] = number(t.it_power_peak_mw);
  j["facility_power_peak_mw"] = number(t.facility_power_peak_mw);
  j["energy_it_mwh"] = number(t.energy_it_mwh);
  j["energy_facility_mwh"] = number(t.energy_facility_mwh);
  j["energy_power_chain_loss_mwh"] = number(t.energy_power_chain_loss_mwh);
  j["energy_cooling_mwh"] = number(t.energy_cooling_mwh);
  j["energy_heat_pump_mwh"] = number(t.energy_heat_pump_mwh);
  j["pue"] = number(t.pue());
  j["water_m3"] = number(t.water_m3);
  j["wue_l_per_kwh"] = number(t.wue_l_per_kwh());
  j["heat_demand_mwh"] = number(t.heat_demand_mwh);
  j["heat_reused_mwh"] = number(t.heat_reused_mwh);
  j["ere"] = number(t.ere());
  j["erf"] = number(t.erf());
  nlohmann::json sources = nlohmann::json::object();
  for (const auto& [name, mwh] : t.energy_by_source_mwh) sources[name] = number(mwh);
  j["energy_by_source_mwh"] = sources;
  j["unserved_energy_mwh"] = number(t.unserved_energy_mwh);
  j["carbon_t"] = number(t.carbon_t);
  j["carbon_intensity_g_per_kwh"] = number(t.carbon_intensity_g_per_kwh());
  j["energy_cost_eur"] = number(t.energy_cost_eur);
  j["over_temperature_hours"] = number(t.over_temperature_hours);
  j["free_cooling_hours"] = number(t.free_cooling_hours);
  return j;
}

}  // namespace

nlohmann::json summary_json(const sim::Results& r) {
  nlohmann::json j;
  j["scenario"] = r.scenario;
  j["seed"] = r.seed;
  j["start"] = r.start_date;
  j["hours"] = r.hours;
  j["tick_h"] = r.tick_h;
  j["sites"] = nlohmann::json::array();
  for (const auto& s : r.sites) {
    nlohmann::json site = totals_json(s.totals);
    site["name"] = s.name;
    site["location"] = s.location;
    site["country"] = s.country;
    site["weather"] = s.weather_source;
    site["design_pue"] = number(s.design_pue);
    site["liquid_share"] = number(s.liquid_share);
    site["fleet"] = nlohmann::json::array();
    for (const auto& f : s.fleet) {
      site["fleet"].push_back({{"system", f.system},
                               {"accelerator", f.accelerator},
                               {"systems", f.systems},
                               {"accelerators", f.accelerators},
                               {"sized_automatically", f.sized_automatically}});
    }
    j["sites"].push_back(std::move(site));
  }
  j["total"] = totals_json(r.total);
  return j;
}

void write_summary_json(const sim::Results& results, const std::filesystem::path& file) {
  const std::string text = summary_json(results).dump(2) + "\n";
  write_atomically(file, [&](std::ostream& out) { out << text; });
}

}  // namespace gigasim::io
