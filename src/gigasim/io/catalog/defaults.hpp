// The model defaults of data/defaults.yaml, every number with its source, and the decoders
// they share with the scenario keys that override them. Each decoder reads the keys of one
// mapping over a value: with Need::required (data/defaults.yaml) every key must be given;
// with Need::optional (a scenario) a key left out keeps the value, which the scenario
// decoders take from these defaults. Each default therefore lives in one place.
#pragma once

#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "gigasim/climate/synthetic.hpp"
#include "gigasim/energy/source.hpp"
#include "gigasim/facility/facility.hpp"
#include "gigasim/io/yaml/yaml_reader.hpp"
#include "gigasim/reliability/components.hpp"
#include "gigasim/scenario/reliability_spec.hpp"
#include "gigasim/scenario/scenario.hpp"
#include "gigasim/scenario/workload_spec.hpp"

namespace gigasim::io {

/// The prototypes that the scenario decoders copy before reading a scenario's keys.
/// What a site's `cooling.form` puts in place of the default loops (data/defaults.yaml
/// `facility.cooling_forms`): both loops as the defaults with the form's keys over them, and
/// the liquid share it implies (below 0: the fleet's own).
struct CoolingForm {
  double liquid_share = -1.0;
  facility::CoolingLoopSpec liquid;
  facility::CoolingLoopSpec air;
};

struct Defaults {
  /// A site: `network_overhead`, `pod_size`, `power_step_threshold`, the synthetic weather
  /// options (data/defaults.yaml `site`) and the facility: power chain, both cooling loops and
  /// the heat-reuse model (`facility`). Heat reuse is off until a site asks for it.
  scenario::SiteSpec site;
  /// `cooling.form: rear_door` (rear-door heat exchangers on air-cooled racks) and
  /// `immersion` (single-phase immersion tanks); `air`, the default, is the loops above.
  CoolingForm rear_door;
  CoolingForm immersion;
  /// A supply source of each kind, in the order of energy::kAllSourceKinds: life-cycle
  /// carbon intensity, nuclear price and outages, grid price and carbon shape (`supply`).
  std::array<energy::SourceSpec, energy::kSourceKinds> supply;
  /// A site's `reliability`: the 18 classes' Table 5 counts and rates, scopes and repairs,
  /// restart, checkpoint costs and maintenance duration (`reliability`).
  scenario::ReliabilitySpec reliability;
  /// An inference service: `activity`, `daily_shape`, `batch` and `context` (`inference`).
  scenario::InferenceDescription inference;

  [[nodiscard]] const energy::SourceSpec& source(energy::SourceKind kind) const {
    return supply[energy::index_of(kind)];
  }
};

/// data/defaults.yaml into `defaults` (io/catalog/defaults.cpp). Every number must be given
/// and carry a source in its section's `sources` (a source for a mapping covers the numbers
/// inside it).
void load_defaults_catalog(Context& ctx, const std::filesystem::path& dir, Defaults& defaults);

/// Decodes the mapping at `key` of `parent` with `decode(MapView&)`, then reports its unknown
/// keys. Returns false when it is absent (an error if required) or not a mapping.
template <class Decode>
bool decode_block(MapView& parent, std::string_view key, Need need, Decode&& decode) {
  const YAML::Node node = parent.get(key);
  if (!node.IsDefined()) {
    if (need == Need::required && parent.valid())
      parent.error(key, fmt::format("missing required key \"{}\"", key));
    return false;
  }
  MapView m(parent.context(), node, parent.path_of(key));
  if (!m.valid()) return false;
  decode(m);
  m.finish();
  return true;
}

// Facility (site keys `power_chain`, `cooling.liquid`, `cooling.air`, `heat_reuse`).
/// `power_chain`: the stages `transformer`, `ups` and `distribution`, each
/// {no_load, proportional, square}.
void decode_power_chain(MapView& chain, facility::PowerChainSpec& spec, Need need);
/// One cooling loop: temperatures, distribution and its heat-rejection plant.
void decode_cooling_loop(MapView& loop, facility::CoolingLoopSpec& spec, Need need);
/// The air loop's `economiser` (outdoor air), over `spec`.
void decode_air_economiser(MapView& m, facility::AirEconomiserSpec& spec, Need need);
/// A site's `cooling.thermal_chiller` (present: enabled unless `enabled: false`).
void decode_thermal_chiller(MapView& m, facility::ThermalChillerSpec& spec, Need need);
/// The heat-reuse model's parameters: `network_supply_temp`, `design_outdoor_temp`,
/// `heating_threshold`, `heat_pump_carnot_fraction`, `exchanger_approach`. The site's demand
/// (`base_load`, `peak_load`, ...) has no default and is read by the scenario decoder.
void decode_heat_reuse_model(MapView& heat, facility::HeatReuseSpec& spec, Need need);

// Site.
/// `network_overhead`, `pod_size` and `power_step_threshold` of a site.
void decode_site_parameters(MapView& site, scenario::SiteSpec& spec, Need need);
/// `weather.synthetic`: `daily_anomaly_sd` (optional everywhere), `daily_autocorrelation`,
/// `variability` (the rule of climate::VariabilityRule).
void decode_synthetic_weather(MapView& synthetic, climate::SyntheticWeatherOptions& options,
                              Need need);

// Supply.
/// `outages` of modelled nuclear units.
void decode_nuclear_outages(MapView& outages, energy::NuclearOutages& o, Need need);
/// `shape` of a grid source.
void decode_grid_shape(MapView& shape, energy::GridShape& s, Need need);

// Reliability.
/// Reads `key` of `reliability`, a mapping of component names to values, with
/// `read(component, value, path)`. With Need::required every component must be named.
void decode_per_component(
    MapView& reliability, std::string_view key,
    std::array<reliability::ComponentSpec, reliability::kComponents>& components, Need need,
    const std::function<void(reliability::ComponentSpec&, const YAML::Node&, const std::string&)>&
        read);
/// `repair`: a duration ≥ 0 per component.
void decode_repairs(MapView& reliability,
                    std::array<reliability::ComponentSpec, reliability::kComponents>& components,
                    Need need);
/// `restart` of `reliability`.
void decode_restart(MapView& reliability, scenario::ReliabilitySpec& spec, Need need);
/// The costs of `checkpoint`: `storage_bandwidth`, `bytes_per_parameter`, `default_cost`.
void decode_checkpoint_costs(MapView& checkpoint, scenario::ReliabilitySpec& spec, Need need);
/// `duration` of `maintenance`.
void decode_maintenance_duration(MapView& maintenance, scenario::ReliabilitySpec& spec, Need need);

// Inference.
/// `daily_shape` (24 fractions, or {mean, amplitude, peak_hour} of a cosine), `requests`
/// {input_tokens, output_tokens, output_tokens_sd} and `latency` {ttft, tpot, percentile} of an
/// inference service.
void decode_inference_parameters(MapView& service, scenario::InferenceDescription& s, Need need);

}  // namespace gigasim::io
