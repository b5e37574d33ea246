// Decoders of the parts of a site, shared by the scenario loader (internal to io). Each
// starts from the catalog's defaults (data/defaults.yaml, io/catalog/defaults.hpp) and reads
// the site's keys over them with the decoders the defaults file is read with.
#pragma once

#include <chrono>
#include <filesystem>
#include <vector>

#include "gigasim/energy/source.hpp"
#include "gigasim/facility/facility.hpp"
#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/yaml/yaml_reader.hpp"
#include "gigasim/scenario/scenario.hpp"

namespace gigasim::io {

/// A date "YYYY-MM-DD" between 1900 and 2200; false if it is not one.
bool parse_date(const std::string& text, std::chrono::sys_days& out);

/// Reads a CSV column named in a mapping {file: ..., column: ...} at `path`.
bool read_series(Context& ctx, const YAML::Node& node, const std::string& path,
                 const std::filesystem::path& base_dir, const char* default_column,
                 std::vector<double>& out);

/// site.power_chain, site.cooling and site.heat_reuse over `spec` (the catalog's defaults;
/// `cooling.form` takes its loops from `defaults`); returns the liquid share override of the
/// form or of cooling.liquid_share if given (negative if not).
double decode_facility(MapView& site, facility::FacilitySpec& spec, const Defaults& defaults,
                       const std::filesystem::path& base_dir);

/// site.reliability over the catalog's defaults (io/scenario/reliability_decoder.cpp).
void decode_reliability(MapView& site, const Catalog& catalog, scenario::SiteSpec& spec);

/// site.workload (io/workload_decoder.cpp); needs the site's fleet and reliability decoded.
void decode_workload(MapView& site, const Catalog& catalog, const std::filesystem::path& base_dir,
                     scenario::SiteSpec& spec);

/// site.supply: a list of sources, each over its kind's defaults. `country` is the site's,
/// for grid defaults; `grid_data_year` (0: none) selects measured hourly grid series.
void decode_supply(MapView& site, const std::string& country, const Catalog& catalog,
                   const std::filesystem::path& base_dir, int grid_data_year,
                   std::vector<energy::SourceSpec>& out);

/// The contract keys of a supply entry (contract, priority, share, surplus, sell_spread)
/// and, for what the site owns, its capital (io/scenario/contract_decoder.cpp).
void decode_contract(MapView& m, energy::SourceSpec& s, const energy::SourceSpec& grid_defaults);
/// An on-site plant's fuel, efficiency and availability (gas, fuel_cell).
void decode_plant(MapView& m, energy::SourceSpec& s);
/// A battery's ratings and strategies.
void decode_battery(MapView& m, energy::SourceSpec& s);

/// site.demand_response (io/scenario/demand_response_decoder.cpp); needs the site's grid
/// connection decoded.
void decode_demand_response(MapView& site, const std::filesystem::path& base_dir,
                            scenario::SiteSpec& spec);
/// A list of job classes at `key` of `m` (`[batch, evaluation]`) as a mask, a bit per
/// workload::JobClass (demand response's and the federation's `deferrable`). Leaves `mask`
/// as it is when the key is absent; every unknown class is reported at its place.
void decode_job_classes(MapView& m, std::string_view key, std::uint8_t& mask);

/// The scenario's `federation` (io/scenario/federation_decoder.cpp); needs the sites decoded.
void decode_federation(MapView& top, scenario::Scenario& s);

/// site.power_swings (io/scenario/power_swing_decoder.cpp).
void decode_power_swings(MapView& site, scenario::SiteSpec& spec);

}  // namespace gigasim::io
