// The catalogs of data/: accelerators, systems, locations and country grids, read with the
// same location-aware decoder as scenarios, and the model defaults of data/defaults.yaml.
// Scenario entries refer to them by id and may override any field inline.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gigasim/climate/location.hpp"
#include "gigasim/core/quantity.hpp"
#include "gigasim/econ/carbon.hpp"
#include "gigasim/econ/economics.hpp"
#include "gigasim/hardware/accelerator.hpp"
#include "gigasim/io/catalog/defaults.hpp"
#include "gigasim/io/catalog/grid_series.hpp"
#include "gigasim/io/yaml/yaml_reader.hpp"
#include "gigasim/perf/model.hpp"
#include "gigasim/perf/platform.hpp"
#include "gigasim/workload/generator.hpp"

namespace gigasim::io {

/// A country's electricity grid: annual means.
struct Grid {
  std::string country;
  std::string name;
  core::CarbonIntensity carbon_intensity;
  core::EnergyPrice price;
  core::CarbonIntensity residual_mix;  ///< AIB residual mix, for market-based Scope 2
  double wind_capacity_factor = 0.0;
  double solar_capacity_factor = 0.0;
  /// Measured hourly series in data/electricity (empty: none): the day-ahead bidding zone,
  /// the zone of the hourly generation mix, and the offset of local standard time from UTC.
  std::string price_zone, carbon_zone;
  int utc_offset_h = 0;
};

/// A country's water scarcity (data/water.yaml).
struct WaterScarcity {
  std::string country;
  std::string name;
  double aware_factor = 0.0;                   ///< AWARE 2.0, m³ world-eq per m³ consumed
  std::string aqueduct_baseline_water_stress;  ///< WRI Aqueduct, as found (text)
};

struct Catalog {
  std::map<std::string, hardware::Accelerator, std::less<>> accelerators;
  std::map<std::string, hardware::System, std::less<>> systems;
  std::map<std::string, climate::Location, std::less<>> locations;
  std::map<std::string, Grid, std::less<>> grids;
  std::map<std::string, WaterScarcity, std::less<>> water;
  /// Network tariffs and electricity taxes by country (data/tariffs.yaml).
  std::map<std::string, econ::Tariff, std::less<>> tariffs;
  std::map<std::string, perf::TransformerModel, std::less<>> models;
  std::map<std::string, perf::Fabric, std::less<>> fabrics;
  std::map<std::string, perf::Efficiency, std::less<>> efficiencies;  ///< by generation
  std::map<std::string, std::string, std::less<>> default_fabrics;    ///< generation -> fabric id
  /// Job-class profiles of data/workload.yaml: size and duration defaults for generators.
  std::map<std::string, workload::GeneratorSpec, std::less<>> workload_classes;
  double arrivals_per_accelerator_day = 0;
  /// Economic and embodied-carbon defaults of data/economics.yaml.
  econ::EconomicsSpec economics;
  econ::CarbonSpec carbon;
  /// The model defaults of data/defaults.yaml: the prototypes of a site, a supply source of
  /// each kind, a site's reliability and an inference service that scenarios start from.
  Defaults defaults;
  /// The measured hourly series of data/electricity, read when a scenario first asks.
  std::shared_ptr<GridSeries> grid_series;

  /// The platform of a system: its generation's efficiency constants and default fabric
  /// (the model's defaults when the catalog has none for the generation).
  [[nodiscard]] perf::Platform platform_of(const hardware::System& system) const;

  /// Reads accelerators.yaml, systems.yaml, locations.yaml, grids.yaml, water.yaml, models.yaml,
  /// fabrics.yaml, efficiency.yaml, workload.yaml, economics.yaml and defaults.yaml from `dir`.
  /// Every problem of every file is reported at once (core::InputError).
  static Catalog load(const std::filesystem::path& dir);
};

/// The folder of the catalogs: $GIGASIM_DATA_DIR if set, else the data/ of the source tree.
std::filesystem::path default_data_dir();

// Field decoders shared by catalog entries (every field required) and scenario overrides
// (every field optional, filling over the catalog's values).
void decode_accelerator(MapView& m, hardware::Accelerator& a, Need need);
void decode_system(MapView& m, hardware::System& s, Need need, const Catalog& catalog);
void decode_location(MapView& m, climate::Location& l, Need need);
void decode_grid(MapView& m, Grid& g, Need need);
void decode_model(MapView& m, perf::TransformerModel& model, Need need);
void decode_fabric(MapView& m, perf::Fabric& f, Need need);
void decode_efficiency(MapView& m, perf::Efficiency& e, Need need);

/// A generator's `size` ({values, weights}) and `duration` ({median, sigma, max}), shared by
/// data/workload.yaml's profiles and scenario generators (io/catalog/workload_catalog.cpp).
void decode_size(MapView& m, workload::SizeDistribution& size);
void decode_duration(MapView& m, workload::GeneratorSpec& g);
/// A generator's `time_limit: {max_share, max}` (after its duration: max defaults to its max).
void decode_time_limit(MapView& m, workload::GeneratorSpec& g);
/// An `economics` mapping (data/economics.yaml or a scenario's override), decoded over `e`
/// and `c`; every number read is appended to `cited` as its dotted path ("assets.land.per_mw_it").
void decode_economics(MapView& m, econ::EconomicsSpec& e, econ::CarbonSpec& c, Need need,
                      std::vector<std::string>& cited);

/// workload.yaml (io/catalog/workload_catalog.cpp).
void load_workload_catalog(Context& ctx, const std::filesystem::path& dir, Catalog& catalog);
/// economics.yaml (io/catalog/economics_decoder.cpp).
void load_economics_catalog(Context& ctx, const std::filesystem::path& dir, Catalog& catalog);
/// models.yaml, fabrics.yaml and efficiency.yaml (io/catalog/perf_catalog.cpp).
void load_perf_catalogs(Context& ctx, const std::filesystem::path& dir, Catalog& catalog);

/// Resolves a reference to a catalog entry: either an id ("gb200-nvl72") or a mapping with
/// `id` and fields that override the entry's. Returns false (error recorded) when the id is
/// unknown or a field is invalid.
bool resolve_accelerator(Context& ctx, const YAML::Node& node, const std::string& path,
                         const Catalog& catalog, hardware::Accelerator& out);
bool resolve_system(Context& ctx, const YAML::Node& node, const std::string& path,
                    const Catalog& catalog, hardware::System& out);
bool resolve_model(Context& ctx, const YAML::Node& node, const std::string& path,
                   const Catalog& catalog, perf::TransformerModel& out);
bool resolve_location(Context& ctx, const YAML::Node& node, const std::string& path,
                      const Catalog& catalog, climate::Location& out);

}  // namespace gigasim::io
