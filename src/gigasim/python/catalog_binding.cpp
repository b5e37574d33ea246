// The catalogs of data/ as tables (gigasim.catalog): one record per entry, figures in the
// units their column names carry.
#include <pybind11/stl.h>

#include <limits>

#include "gigasim/api/api.hpp"
#include "gigasim/python/bindings.hpp"

namespace gigasim::python {

namespace {

constexpr double kTera = 1e12;
constexpr double kGiga = 1e9;

/// A catalog table for pandas: its records and the unit of each figure.
py::dict table(py::list rows, const std::vector<std::pair<const char*, const char*>>& units) {
  py::dict out, unit_of;
  for (const auto& [column, unit] : units) unit_of[column] = unit;
  out["rows"] = std::move(rows);
  out["units"] = std::move(unit_of);
  return out;
}

py::dict accelerators(const CatalogHandle& h) {
  py::list rows;
  for (const auto& [id, a] : h.catalog->accelerators) {
    py::dict r;
    r["id"] = id;
    r["name"] = a.name;
    r["vendor"] = a.vendor;
    r["generation"] = a.generation;
    r["bf16_dense_tflops"] = a.bf16_dense.value() / kTera;
    r["fp8_dense_tflops"] = a.fp8_dense.value() / kTera;
    // NaN where the chip has no FP4 products, as every figure that does not apply.
    r["fp4_dense_tflops"] =
        a.has_fp4() ? a.fp4_dense.value() / kTera : std::numeric_limits<double>::quiet_NaN();
    r["hbm_capacity_gb"] = a.hbm_capacity.value() / kGiga;
    r["hbm_bandwidth_tb_per_s"] = a.hbm_bandwidth.value() / kTera;
    r["tdp_w"] = a.tdp.value();
    r["idle_power_w"] = a.idle_power.value();
    r["scale_up_bandwidth_gb_per_s"] = a.scale_up_bandwidth.value() / kGiga;
    r["embodied_carbon_kg"] = a.embodied_carbon.value();
    // Share of the boost clock long products hold; 1 where it was not measured.
    r["matrix_clock"] = a.matrix_clock;
    rows.append(r);
  }
  return table(rows, {{"bf16_dense_tflops", "TFLOP/s"},
                      {"fp8_dense_tflops", "TFLOP/s"},
                      {"fp4_dense_tflops", "TFLOP/s"},
                      {"hbm_capacity_gb", "GB"},
                      {"hbm_bandwidth_tb_per_s", "TB/s"},
                      {"tdp_w", "W"},
                      {"idle_power_w", "W"},
                      {"scale_up_bandwidth_gb_per_s", "GB/s"},
                      {"embodied_carbon_kg", "kg CO2e"},
                      {"matrix_clock", "fraction"}});
}

py::dict systems(const CatalogHandle& h) {
  py::list rows;
  for (const auto& [id, s] : h.catalog->systems) {
    py::dict r;
    r["id"] = id;
    r["name"] = s.name;
    r["accelerator"] = s.accelerator.id;
    r["accelerators_per_system"] = s.accelerators_per_system;
    r["scale_up_domain"] = s.scale_up_domain;
    r["power_full_kw"] = s.power_full.value() / 1e3;
    r["power_idle_kw"] = s.power_idle.value() / 1e3;
    r["systems_per_rack"] = s.systems_per_rack;
    r["liquid_cooled_fraction"] = s.liquid_cooled_fraction;
    r["price_eur"] = s.price.value();
    r["embodied_carbon_kg"] = s.embodied_carbon.value();
    rows.append(r);
  }
  return table(rows, {{"accelerators_per_system", "count"},
                      {"scale_up_domain", "accelerators"},
                      {"power_full_kw", "kW"},
                      {"power_idle_kw", "kW"},
                      {"systems_per_rack", "count"},
                      {"liquid_cooled_fraction", "fraction"},
                      {"price_eur", "EUR"},
                      {"embodied_carbon_kg", "kg CO2e (without accelerators)"}});
}

py::dict locations(const CatalogHandle& h) {
  py::list rows;
  for (const auto& [id, l] : h.catalog->locations) {
    py::dict r;
    r["id"] = id;
    r["name"] = l.name;
    r["country"] = l.country;
    r["latitude_deg"] = l.latitude;
    r["longitude_deg"] = l.longitude;
    r["elevation_m"] = l.elevation.value();
    rows.append(r);
  }
  return table(rows, {{"latitude_deg", "°"}, {"longitude_deg", "°"}, {"elevation_m", "m"}});
}

py::dict grids(const CatalogHandle& h) {
  py::list rows;
  for (const auto& [country, g] : h.catalog->grids) {
    py::dict r;
    r["country"] = country;
    r["name"] = g.name;
    r["carbon_intensity_g_per_kwh"] = core::in_grams_per_kwh(g.carbon_intensity);
    r["residual_mix_g_per_kwh"] = core::in_grams_per_kwh(g.residual_mix);
    r["price_eur_per_mwh"] = core::in_euros_per_mwh(g.price);
    r["wind_capacity_factor"] = g.wind_capacity_factor;
    r["solar_capacity_factor"] = g.solar_capacity_factor;
    r["price_zone"] = g.price_zone;
    rows.append(r);
  }
  return table(rows, {{"carbon_intensity_g_per_kwh", "g CO2e/kWh"},
                      {"residual_mix_g_per_kwh", "g CO2e/kWh"},
                      {"price_eur_per_mwh", "EUR/MWh"},
                      {"wind_capacity_factor", "fraction"},
                      {"solar_capacity_factor", "fraction"}});
}

}  // namespace

void bind_catalog(py::module_& m) {
  py::class_<CatalogHandle>(m, "Catalog")
      .def_property_readonly("dir", [](const CatalogHandle& h) { return h.dir.string(); })
      .def("accelerators", &accelerators)
      .def("systems", &systems)
      .def("locations", &locations)
      .def("grids", &grids);
  m.def(
      "load_catalog",
      [](const std::string& dir) {
        const std::filesystem::path where =
            dir.empty() ? io::default_data_dir() : std::filesystem::path(dir);
        return CatalogHandle{where, std::make_shared<const io::Catalog>(api::load_catalog(where))};
      },
      py::arg("dir") = "", "The catalogs of `dir` (default: gigasim's data folder)");
}

}  // namespace gigasim::python
