// One site's facility physics for one tick: from IT power and weather to facility power,
// water and heat reuse (docs/models/facility.md).
#pragma once

#include "gigasim/facility/cooling.hpp"
#include "gigasim/facility/heat_reuse.hpp"
#include "gigasim/facility/power_chain.hpp"

namespace gigasim::facility {

/// An adsorption (or absorption) chiller driven by the hot water of the liquid loop, making
/// chilled water for the air loop (as LRZ's CooLMUC-2 does with the waste heat of its
/// hot-water-cooled nodes). It runs only when the liquid loop returns at `min_driving_temp` or
/// above; it makes at most `capacity` × the air loop's design heat of cold, and at most
/// `cop` × the liquid loop's heat after reuse.
struct ThermalChillerSpec {
  bool enabled = false;
  double cop = 0.0;
  core::Temperature min_driving_temp;
  double capacity = 0.0;
};

/// The facility's design. The share of IT heat that goes to the liquid loop is a property of
/// the fleet it serves, given apart. The defaults of a site's facility come from
/// data/defaults.yaml (`facility`) through the catalog (io::Defaults).
struct FacilitySpec {
  /// Loads that do not follow the IT: offices, lighting, controls, security, a power or a
  /// share of the rated IT power (both add up). Fed through the transformer, not the UPS.
  double fixed_load_w = 0.0;
  double fixed_load_share = 0.0;
  PowerChainSpec power_chain;
  CoolingLoopSpec liquid;  ///< direct-liquid-cooling loop
  CoolingLoopSpec air;     ///< chilled-water loop feeding air handlers
  HeatReuseSpec heat_reuse;
  ThermalChillerSpec thermal_chiller;
};

struct FacilityLoad {
  double it_w = 0.0;
  double power_chain_loss_w = 0.0;
  double cooling_w = 0.0;            ///< pumps, fans and chillers of both loops
  double heat_pump_w = 0.0;          ///< every heat pump's electricity, whoever pays it
  double heat_pump_utility_w = 0.0;  ///< the part on the heating utility's side of the meter
  double fixed_w = 0.0;              ///< offices, lighting, controls
  /// = it + power chain losses + cooling + the site's heat pumps + fixed
  double facility_w = 0.0;
  double water_m3_per_s = 0.0;
  double heat_delivered_w = 0.0;
  double heat_demand_w = 0.0;
  double free_cooling_fraction = 0.0;   ///< heat-weighted over both loops
  CoolingMode mode = CoolingMode::dry;  ///< the more mechanical of the two loops' modes
  bool over_temperature = false;
};

/// What the loops and fixed loads are sized for, set by the design, the fleet's liquid share
/// and its rated IT power: computed once per site rather than at every tick.
struct FacilityDesign {
  double liquid_share = 0.0;
  double rated_it_w = 0.0;
  double liquid_heat_w = 0.0;  ///< the liquid loop's heat at full load
  double air_heat_w = 0.0;     ///< the air loop's: IT heat, distribution and UPS losses
  double fixed_w = 0.0;        ///< offices, lighting, controls
};

FacilityDesign design_of(const FacilitySpec& spec, double liquid_share, double rated_it_w);

/// Evaluates the facility at IT power `it_w` for a design (a share of the IT heat going to
/// the liquid loop, a rated IT power).
/// Heat paths: the liquid share of IT heat enters the liquid loop, where heat reuse takes
/// what the network wants first (from the loops its `source` names); the rest of the IT heat and
/// the losses of distribution and UPS (indoors) enter the air loop; the transformer is outdoors.
/// Cooling power itself passes through the transformer, so the balance is closed by one fixed-point
/// step on the transformer loss, which does not feed back into any cooling load.
FacilityLoad evaluate_facility(const FacilitySpec& spec, const FacilityDesign& design, double it_w,
                               double dry_bulb_c, double wet_bulb_c, double heat_demand_w);

/// The same, with the design derived on the spot (sizing tries a new rated power each time).
inline FacilityLoad evaluate_facility(const FacilitySpec& spec, double liquid_share, double it_w,
                                      double rated_it_w, double dry_bulb_c, double wet_bulb_c,
                                      double heat_demand_w) {
  return evaluate_facility(spec, design_of(spec, liquid_share, rated_it_w), it_w, dry_bulb_c,
                           wet_bulb_c, heat_demand_w);
}

}  // namespace gigasim::facility
