// The groups of summary.json and of the `metrics` table: run, site, totals, workload,
// reliability (docs/outputs.md, generated from these; economics and carbon in
// metrics_economics.cpp).
#include <array>
#include <cmath>

#include "gigasim/sim/metric_entries.hpp"
#include "gigasim/sim/metrics.hpp"

namespace gigasim::sim::metrics {
namespace {

using entries::counts;
using entries::Entries;
using entries::kDerived;
using entries::kMax;
using entries::kNone;
using entries::kSum;
using entries::numbers;
using output::Aggregate;
using output::Type;
using output::Value;

}  // namespace

// ---- run ----------------------------------------------------------------------------------
namespace run_fields {
const Field<Results> scenario{
    "scenario", Type::text, "", kNone, kNone, "Scenario `name`.", [](const Results& r) {
      return Value::name(r.scenario);
    }};
const Field<Results> seed{
    "seed",
    Type::integer,
    "",
    kNone,
    kNone,
    "Seed used (the scenario's or `--seed`).",
    [](const Results& r) { return Value::count(static_cast<std::int64_t>(r.seed)); }};
const Field<Results> start{
    "start", Type::text, "YYYY-MM-DD", kNone, kNone, "Date of hour 0.", [](const Results& r) {
      return Value::name(r.start_date);
    }};
const Field<Results> hours{
    "hours", Type::real, "h", kNone, kNone, "Length of the run (`horizon`).", [](const Results& r) {
      return Value::of(r.hours);
    }};
const Field<Results> tick_h{
    "tick_h", Type::real, "h", kNone, kNone, "Tick length.", [](const Results& r) {
      return Value::of(r.tick_h);
    }};
}  // namespace run_fields

const Group<Results>& run() {
  static constexpr std::array<const Field<Results>*, 5> kFields = {
      &run_fields::scenario, &run_fields::seed, &run_fields::start, &run_fields::hours,
      &run_fields::tick_h};
  static const Group<Results> g{
      "run", "The run: what was simulated, with which seed.", kFields, {}};
  return g;
}

// ---- site ---------------------------------------------------------------------------------
namespace site_fields {
const Field<SiteResult> name{
    "name", Type::text, "", kNone, kNone, "Site name.", [](const SiteResult& s) {
      return Value::name(s.name);
    }};
const Field<SiteResult> location{
    "location", Type::text, "", kNone, kNone, "Location id.", [](const SiteResult& s) {
      return Value::name(s.location);
    }};
const Field<SiteResult> country{"country",
                                Type::text,
                                "",
                                kNone,
                                kNone,
                                "Country code of the location.",
                                [](const SiteResult& s) { return Value::name(s.country); }};
const Field<SiteResult> weather{"weather",
                                Type::text,
                                "",
                                kNone,
                                kNone,
                                "`synthetic: <location id>`, or the path of the EPW file.",
                                [](const SiteResult& s) { return Value::name(s.weather_source); }};
const Field<SiteResult> grid_data{
    "grid_data",
    Type::text,
    "",
    kNone,
    kNone,
    "Where the grid's hourly price and carbon come from: measured series of data/electricity "
    "(with `grid_data_year`), a CSV of the scenario, or the synthetic shape; empty without a "
    "grid source.",
    [](const SiteResult& s) { return Value::name(s.grid_data); }};
const Field<SiteResult> tariff{
    "tariff",
    Type::text,
    "",
    kNone,
    kNone,
    "The network tariff and electricity taxes the site pays: its country's entry of "
    "data/tariffs.yaml and the regime (`standard` or `reduced`), or `generic` (the grid fees "
    "of economics.operations, no tax).",
    [](const SiteResult& s) { return Value::name(s.tariff); }};
const Field<SiteResult> design_pue{
    "design_pue",
    Type::real,
    "ratio",
    kNone,
    kNone,
    "PUE at full load (u = 1) in the worst hour of the weather year.",
    [](const SiteResult& s) { return Value::of(s.design_pue); }};
const Field<SiteResult> liquid_share{"liquid_share",
                                     Type::real,
                                     "fraction",
                                     kNone,
                                     kNone,
                                     "Share of IT heat into the liquid loop used in the run.",
                                     [](const SiteResult& s) { return Value::of(s.liquid_share); }};
}  // namespace site_fields

const Group<SiteResult>& site() {
  static constexpr std::array<const Field<SiteResult>*, 8> kFields = {
      &site_fields::name,       &site_fields::location,    &site_fields::country,
      &site_fields::weather,    &site_fields::grid_data,   &site_fields::tariff,
      &site_fields::design_pue, &site_fields::liquid_share};
  static const Group<SiteResult> g{
      "site", "What a site is: its place, weather and design.", kFields, {}};
  return g;
}

// ---- totals -------------------------------------------------------------------------------
namespace totals_fields {
const Field<Totals> accelerators{"accelerators",
                                 Type::integer,
                                 "count",
                                 kNone,
                                 kSum,
                                 "Accelerators of the fleet.",
                                 [](const Totals& t) { return Value::count(t.accelerators); }};
const Field<Totals> systems{
    "systems", Type::integer, "count", kNone, kSum, "Systems of the fleet.", [](const Totals& t) {
      return Value::count(t.systems);
    }};
const Field<Totals> grid_connection_mw{
    "grid_connection_mw", Type::real, "MW", kNone, kSum, "Grid connection.", [](const Totals& t) {
      return Value::of(t.grid_connection_mw);
    }};
const Field<Totals> it_power_peak_mw{
    "it_power_peak_mw",
    Type::real,
    "MW",
    kMax,
    kDerived,
    "Highest IT power of any tick. Over sites: the peak of the sum over sites at the same tick.",
    [](const Totals& t) { return Value::of(t.it_power_peak_mw); }};
const Field<Totals> facility_power_peak_mw{
    "facility_power_peak_mw",
    Type::real,
    "MW",
    kMax,
    kDerived,
    "Highest facility power of any tick; over sites, of the sum over sites at the same tick.",
    [](const Totals& t) { return Value::of(t.facility_power_peak_mw); }};
const Field<Totals> energy_it_mwh{"energy_it_mwh",
                                  Type::real,
                                  "MWh",
                                  kSum,
                                  kSum,
                                  "IT energy (systems and network overhead).",
                                  [](const Totals& t) { return Value::of(t.energy_it_mwh); }};
const Field<Totals> energy_facility_mwh{
    "energy_facility_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Facility energy: IT + power-chain losses + cooling + heat pumps.",
    [](const Totals& t) { return Value::of(t.energy_facility_mwh); }};
const Field<Totals> energy_power_chain_loss_mwh{
    "energy_power_chain_loss_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Transformer, UPS and distribution losses.",
    [](const Totals& t) { return Value::of(t.energy_power_chain_loss_mwh); }};
const Field<Totals> energy_cooling_mwh{
    "energy_cooling_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Pumps, fans and chillers of both cooling loops.",
    [](const Totals& t) { return Value::of(t.energy_cooling_mwh); }};
const Field<Totals> energy_heat_pump_mwh{
    "energy_heat_pump_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Electricity of the heat-reuse heat pumps, on either side of the meter.",
    [](const Totals& t) { return Value::of(t.energy_heat_pump_mwh); }};
const Field<Totals> energy_heat_pump_utility_mwh{
    "energy_heat_pump_utility_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Electricity of the heat pumps on the heating utility's side of the meter (`heat_pumps: "
    "utility`): outside the facility energy and the PUE.",
    [](const Totals& t) { return Value::of(t.energy_heat_pump_utility_mwh); }};
const Field<Totals> pue{
    "pue",
    Type::real,
    "ratio",
    kDerived,
    kDerived,
    "Power usage effectiveness, E_facility / E_IT ([definitions](#definitions)).",
    [](const Totals& t) { return Value::of(t.pue()); }};
const Field<Totals> pue_heat_pumps_inside{
    "pue_heat_pumps_inside",
    Type::real,
    "ratio",
    kDerived,
    kDerived,
    "PUE with every heat pump counted inside the facility, (E_facility + E_hp,utility) / E_IT.",
    [](const Totals& t) { return Value::of(t.pue_heat_pumps_inside()); }};
const Field<Totals> pue_heat_pumps_outside{
    "pue_heat_pumps_outside",
    Type::real,
    "ratio",
    kDerived,
    kDerived,
    "PUE with no heat pump counted inside the facility, (E_facility − E_hp,site) / E_IT.",
    [](const Totals& t) { return Value::of(t.pue_heat_pumps_outside()); }};
const Field<Totals> water_m3{
    "water_m3",
    Type::real,
    "m3",
    kSum,
    kSum,
    "Site water use (tower evaporation and blow-down, adiabatic pads, humidification).",
    [](const Totals& t) { return Value::of(t.water_m3); }};
const Field<Totals> water_scarcity_m3{
    "water_scarcity_m3",
    Type::real,
    "m3 world-eq",
    kSum,
    kSum,
    "Water weighted by the scarcity where it is taken: water_m3 × the site's AWARE factor "
    "(data/water.yaml; 0 for reclaimed or sea water).",
    [](const Totals& t) { return Value::of(t.water_scarcity_m3); }};
const Field<Totals> wue_l_per_kwh{"wue_l_per_kwh",
                                  Type::real,
                                  "L/kWh",
                                  kDerived,
                                  kDerived,
                                  "Water usage effectiveness, site water / E_IT.",
                                  [](const Totals& t) { return Value::of(t.wue_l_per_kwh()); }};
const Field<Totals> heat_demand_mwh{"heat_demand_mwh",
                                    Type::real,
                                    "MWh",
                                    kSum,
                                    kSum,
                                    "District-heating demand.",
                                    [](const Totals& t) { return Value::of(t.heat_demand_mwh); }};
const Field<Totals> heat_reused_mwh{"heat_reused_mwh",
                                    Type::real,
                                    "MWh",
                                    kSum,
                                    kSum,
                                    "Heat delivered to the district-heating network.",
                                    [](const Totals& t) { return Value::of(t.heat_reused_mwh); }};
const Field<Totals> heat_storage_delivered_mwh{
    "heat_storage_delivered_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Heat the hot-water tanks gave back to the network (part of heat_reused_mwh).",
    [](const Totals& t) { return Value::of(t.heat_storage_delivered_mwh); }};
const Field<Totals> heat_storage_loss_mwh{
    "heat_storage_loss_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Heat the hot-water tanks lost while it was stored.",
    [](const Totals& t) { return Value::of(t.heat_storage_loss_mwh); }};
const Field<Totals> ere{"ere",
                        Type::real,
                        "ratio",
                        kDerived,
                        kDerived,
                        "Energy reuse effectiveness, (E_facility − E_reused) / E_IT.",
                        [](const Totals& t) { return Value::of(t.ere()); }};
const Field<Totals> erf{"erf",
                        Type::real,
                        "ratio",
                        kDerived,
                        kDerived,
                        "Energy reuse factor, E_reused / E_facility.",
                        [](const Totals& t) { return Value::of(t.erf()); }};
const Field<Totals> unserved_energy_mwh{
    "unserved_energy_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Facility demand that no source could meet.",
    [](const Totals& t) { return Value::of(t.unserved_energy_mwh); }};
const Field<Totals> energy_sold_mwh{
    "energy_sold_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Must-take output (pay-as-produced and baseload contracts) beyond the site's use, sold.",
    [](const Totals& t) { return Value::of(t.energy_sold_mwh); }};
const Field<Totals> energy_curtailed_mwh{
    "energy_curtailed_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Must-take output beyond the site's use that was lost.",
    [](const Totals& t) { return Value::of(t.energy_curtailed_mwh); }};
const Field<Totals> energy_sales_eur{
    "energy_sales_eur",
    Type::real,
    "EUR",
    kSum,
    kSum,
    "Revenue of the surplus sold: its energy × (hourly grid price − the contract's spread).",
    [](const Totals& t) { return Value::of(t.energy_sales_eur); }};
const Field<Totals> dr_events{
    "dr_events",
    Type::real,
    "events",
    kSum,
    kSum,
    "Demand-response events: runs of consecutive hours in which the grid asked a reduction.",
    [](const Totals& t) { return Value::of(t.demand_response.events); }};
const Field<Totals> dr_requested_mwh{
    "dr_requested_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Demand response: reduction of the import asked over the events' hours.",
    [](const Totals& t) { return Value::of(t.demand_response.requested_mwh); }};
const Field<Totals> dr_delivered_mwh{
    "dr_delivered_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Demand response: reduction delivered (import below the baseline of the hour before each "
    "event, up to what was asked).",
    [](const Totals& t) { return Value::of(t.demand_response.delivered_mwh); }};
const Field<Totals> dr_revenue_eur{
    "dr_revenue_eur",
    Type::real,
    "EUR",
    kSum,
    kSum,
    "Demand response: capacity payment × reduction × years + energy payment × delivered − "
    "shortfall penalty × (asked − delivered); cost class `demand_response`.",
    [](const Totals& t) { return Value::of(t.demand_response.revenue_eur); }};
const Field<Totals> dr_gpu_hours_deferred{
    "dr_gpu_hours_deferred",
    Type::real,
    "GPU-h",
    kSum,
    kSum,
    "Demand response: accelerator-hours of the deferrable jobs stopped for events, from their "
    "stop to the event's end (they then wait to be placed again).",
    [](const Totals& t) { return Value::of(t.demand_response.gpu_hours_deferred); }};
const Field<Totals> dr_gpu_hours_capped{
    "dr_gpu_hours_capped",
    Type::real,
    "GPU-h",
    kSum,
    kSum,
    "Demand response: accelerator-hours of work lost to power caps during events.",
    [](const Totals& t) { return Value::of(t.demand_response.gpu_hours_capped); }};
const Field<Totals> power_swing_limit_mw{
    "power_swing_limit_mw",
    Type::real,
    "MW",
    kNone,
    kMax,
    "Oscillation allowed at the grid connection in the band, peak to peak (`power_swings.limit`, "
    "by default 10 % of the grid connection).",
    [](const Totals& t) { return Value::of(t.power_swings.limit_mw); }};
const Field<Totals> power_swing_peak_mw{
    "power_swing_peak_mw",
    Type::real,
    "MW",
    kMax,
    kMax,
    "Largest oscillation of synchronous training at the grid connection in the band, peak to "
    "peak, after the power floor and smoothing (the running jobs' swings added, the worst case).",
    [](const Totals& t) { return Value::of(t.power_swings.peak_mw); }};
const Field<Totals> power_swing_hours_over_limit{
    "power_swing_hours_over_limit",
    Type::real,
    "h",
    kSum,
    kSum,
    "Hours in which the oscillation passed the limit.",
    [](const Totals& t) { return Value::of(t.power_swings.hours_over_limit); }};
const Field<Totals> power_floor_mwh{
    "power_floor_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Energy the power floor added to the training jobs (part of `energy_it_mwh`).",
    [](const Totals& t) { return Value::of(t.power_swings.floor_mwh); }};
const Field<Totals> swing_smoothing_loss_mwh{
    "swing_smoothing_loss_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Losses of the storage that smooths the oscillation (not in the facility energy).",
    [](const Totals& t) { return Value::of(t.power_swings.smoothing_loss_mwh); }};
const Field<Totals> battery_charged_mwh{
    "battery_charged_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Energy put into the battery, AC side.",
    [](const Totals& t) { return Value::of(t.battery_charged_mwh); }};
const Field<Totals> battery_discharged_mwh{
    "battery_discharged_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Energy the battery gave back, AC side: the energy shifted in time.",
    [](const Totals& t) { return Value::of(t.battery_discharged_mwh); }};
const Field<Totals> battery_backup_mwh{
    "battery_backup_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Battery discharge that met demand no other source could: unserved energy avoided.",
    [](const Totals& t) { return Value::of(t.battery_backup_mwh); }};
const Field<Totals> battery_cap_avoided_gpu_hours{
    "battery_cap_avoided_gpu_hours",
    Type::real,
    "GPU-h",
    kSum,
    kSum,
    "Work the DVFS power cap would have lost without the backup battery counted as available: "
    "Σ busy accelerators × (speed at the cap − speed at the cap without it) × Δt, a "
    "first-order estimate (the jobs' timings are those of the run with the battery).",
    [](const Totals& t) { return Value::of(t.battery_cap_avoided_gpu_hours); }};
const Field<Totals> battery_cycles{
    "battery_cycles",
    Type::real,
    "cycles",
    kSum,
    kSum,
    "Equivalent full cycles of the battery: energy discharged from storage / its energy rating "
    "(summed over sites).",
    [](const Totals& t) { return Value::of(t.battery_cycles); }};
const Field<Totals> battery_value_eur{
    "battery_value_eur",
    Type::real,
    "EUR",
    kSum,
    kSum,
    "Purchases the battery avoided: Σ (discharge − charge) × hourly grid price; positive when "
    "it discharges at dearer hours than it charges (before its capital, in `costs`).",
    [](const Totals& t) { return Value::of(t.battery_value_eur); }};
const Field<Totals> carbon_t{"carbon_t",
                             Type::real,
                             "t CO2e",
                             kSum,
                             kSum,
                             "Carbon of the energy supplied (life-cycle intensities).",
                             [](const Totals& t) { return Value::of(t.carbon_t); }};
const Field<Totals> carbon_intensity_g_per_kwh{
    "carbon_intensity_g_per_kwh",
    Type::real,
    "g CO2e/kWh",
    kDerived,
    kDerived,
    "Carbon per unit of energy supplied.",
    [](const Totals& t) { return Value::of(t.carbon_intensity_g_per_kwh()); }};
const Field<Totals> energy_cost_eur{
    "energy_cost_eur",
    Type::real,
    "EUR",
    kSum,
    kSum,
    "Cost of the energy bought at the sources' prices: what was delivered, and everything a "
    "must-take contract produced (before `energy_sales_eur`).",
    [](const Totals& t) { return Value::of(t.energy_cost_eur); }};
const Field<Totals> over_temperature_hours{
    "over_temperature_hours",
    Type::real,
    "h",
    kSum,
    kSum,
    "Time during which a cooling loop without chiller could not hold its supply temperature.",
    [](const Totals& t) { return Value::of(t.over_temperature_hours); }};
const Field<Totals> free_cooling_hours{
    "free_cooling_hours",
    Type::real,
    "h",
    kSum,
    kSum,
    "Time with all heat rejected without a chiller (heat-weighted free-cooling fraction = 1).",
    [](const Totals& t) { return Value::of(t.free_cooling_hours); }};
const Field<Totals> energy_fixed_mwh{
    "energy_fixed_mwh",
    Type::real,
    "MWh",
    kSum,
    kSum,
    "Loads that do not follow the IT (offices, lighting, controls: `fixed_load`, "
    "`fixed_load_share`); part of the facility energy.",
    [](const Totals& t) { return Value::of(t.energy_fixed_mwh); }};
const KeyedField<Totals> cooling_mode_hours{
    "cooling_mode_hours",
    Type::real,
    "h",
    "cooling mode",
    kSum,
    "Time in each cooling mode, the more mechanical of the two loops': `dry` (dry coolers "
    "alone), `evaporative` (with towers or adiabatic assist, no chiller), "
    "`partial_mechanical` (a chiller trims part of the heat), `mechanical` (the chiller "
    "carries it all).",
    [](const Totals& t) {
      static constexpr std::array<const char*, 4> kModes = {"dry", "evaporative",
                                                            "partial_mechanical", "mechanical"};
      Entries out;
      for (std::size_t m = 0; m < kModes.size(); ++m)
        out.emplace_back(kModes[m], Value::of(t.cooling_mode_hours[m]));
      return out;
    }};
const KeyedField<Totals> energy_by_source_mwh{
    "energy_by_source_mwh",
    Type::real,
    "MWh",
    "source name",
    kSum,
    "Energy supplied per source. Over sites, sources of the same name are added together.",
    [](const Totals& t) { return numbers(t.energy_by_source_mwh); }};
const KeyedField<Totals> carbon_by_source_t{
    "carbon_by_source_t",
    Type::real,
    "t CO2e",
    "source name",
    kSum,
    "Carbon of the energy of each source (its hourly intensity × its hourly energy); sums to "
    "`carbon_t`.",
    [](const Totals& t) { return numbers(t.carbon_by_source_t); }};
const KeyedField<Totals> cost_by_source_eur{
    "cost_by_source_eur",
    Type::real,
    "EUR",
    "source name",
    kSum,
    "Cost of the energy of each source (its hourly price × its hourly energy); sums to "
    "`energy_cost_eur`.",
    [](const Totals& t) { return numbers(t.cost_by_source_eur); }};
}  // namespace totals_fields

const Group<Totals>& totals() {
  static constexpr std::array<const Field<Totals>*, 50> kFields = {
      &totals_fields::accelerators,
      &totals_fields::systems,
      &totals_fields::grid_connection_mw,
      &totals_fields::it_power_peak_mw,
      &totals_fields::facility_power_peak_mw,
      &totals_fields::energy_it_mwh,
      &totals_fields::energy_facility_mwh,
      &totals_fields::energy_power_chain_loss_mwh,
      &totals_fields::energy_cooling_mwh,
      &totals_fields::energy_heat_pump_mwh,
      &totals_fields::energy_heat_pump_utility_mwh,
      &totals_fields::pue,
      &totals_fields::pue_heat_pumps_inside,
      &totals_fields::pue_heat_pumps_outside,
      &totals_fields::water_m3,
      &totals_fields::water_scarcity_m3,
      &totals_fields::wue_l_per_kwh,
      &totals_fields::heat_demand_mwh,
      &totals_fields::heat_reused_mwh,
      &totals_fields::heat_storage_delivered_mwh,
      &totals_fields::heat_storage_loss_mwh,
      &totals_fields::ere,
      &totals_fields::erf,
      &totals_fields::unserved_energy_mwh,
      &totals_fields::energy_sold_mwh,
      &totals_fields::energy_curtailed_mwh,
      &totals_fields::energy_sales_eur,
      &totals_fields::battery_charged_mwh,
      &totals_fields::battery_discharged_mwh,
      &totals_fields::battery_backup_mwh,
      &totals_fields::battery_cap_avoided_gpu_hours,
      &totals_fields::battery_cycles,
      &totals_fields::battery_value_eur,
      &totals_fields::dr_events,
      &totals_fields::dr_requested_mwh,
      &totals_fields::dr_delivered_mwh,
      &totals_fields::dr_revenue_eur,
      &totals_fields::dr_gpu_hours_deferred,
      &totals_fields::dr_gpu_hours_capped,
      &totals_fields::power_swing_limit_mw,
      &totals_fields::power_swing_peak_mw,
      &totals_fields::power_swing_hours_over_limit,
      &totals_fields::power_floor_mwh,
      &totals_fields::swing_smoothing_loss_mwh,
      &totals_fields::carbon_t,
      &totals_fields::carbon_intensity_g_per_kwh,
      &totals_fields::energy_cost_eur,
      &totals_fields::over_temperature_hours,
      &totals_fields::free_cooling_hours,
      &totals_fields::energy_fixed_mwh};
  static constexpr std::array<const KeyedField<Totals>*, 4> kKeyed = {
      &totals_fields::energy_by_source_mwh, &totals_fields::carbon_by_source_t,
      &totals_fields::cost_by_source_eur, &totals_fields::cooling_mode_hours};
  static const Group<Totals> g{
      "totals", "Energy, water, heat and carbon of a site, or of all sites (`total`).", kFields,
      kKeyed};
  return g;
}

// ---- workload -----------------------------------------------------------------------------
namespace workload_fields {
const Field<WorkloadTotals> jobs_submitted{
    "jobs_submitted",
    Type::integer,
    "count",
    kSum,
    kSum,
    "Jobs that arrived before the end of the horizon.",
    [](const WorkloadTotals& w) { return Value::count(w.jobs_submitted); }};
const Field<WorkloadTotals> jobs_completed{
    "jobs_completed",
    Type::integer,
    "count",
    kSum,
    kSum,
    "Jobs that finished before the end of the horizon.",
    [](const WorkloadTotals& w) { return Value::count(w.jobs_completed); }};
const Field<WorkloadTotals> preemptions{
    "preemptions",
    Type::integer,
    "count",
    kSum,
    kSum,
    "Times a running job was stopped and requeued, by scheduler preemption or by the `preempt` "
    "power cap.",
    [](const WorkloadTotals& w) { return Value::count(w.preemptions); }};
const Field<WorkloadTotals> utilization{
    "utilization",
    Type::real,
    "fraction",
    Aggregate::mean,
    Aggregate::weighted,
    "Busy accelerator-hours / accelerator-hours (over sites, weighted by accelerators). Busy "
    "means held by a running job (its footprint: whole scale-up domains for a job larger than "
    "one) or reserved for an inference pool (the whole pool, active or not).",
    [](const WorkloadTotals& w) { return Value::of(w.utilization); }};
const Field<WorkloadTotals> mean_wait_h{
    "mean_wait_h",
    Type::real,
    "h",
    Aggregate::mean,
    Aggregate::weighted,
    "Mean time from submission to first start, over the jobs that started.",
    [](const WorkloadTotals& w) { return Value::of(w.mean_wait_h); }};
const Field<WorkloadTotals> p95_wait_h{
    "p95_wait_h",
    Type::real,
    "h",
    Aggregate::derived,
    Aggregate::derived,
    "The 95th percentile of those waits (the ⌊0.95 (k − 1)⌋-th of k sorted waits).",
    [](const WorkloadTotals& w) { return Value::of(w.p95_wait_h); }};
const Field<WorkloadTotals> mean_bounded_slowdown{
    "mean_bounded_slowdown",
    Type::real,
    "ratio",
    Aggregate::mean,
    Aggregate::weighted,
    "Mean over completed jobs of max(1, (end − submit) / max(end − first start, 10 s)).",
    [](const WorkloadTotals& w) { return Value::of(w.mean_bounded_slowdown); }};
const Field<WorkloadTotals> gpu_hours_delivered{
    "gpu_hours_delivered",
    Type::real,
    "accelerator-h",
    kSum,
    kSum,
    "Work done by batch jobs, in accelerator-hours at full speed (a job slowed by a power cap "
    "delivers less per hour), including the progress of unfinished jobs. Inference is not "
    "included.",
    [](const WorkloadTotals& w) { return Value::of(w.gpu_hours_delivered); }};
const Field<WorkloadTotals> tokens_trained{
    "tokens_trained",
    Type::real,
    "tokens",
    kSum,
    kSum,
    "Tokens of training jobs with a model, in proportion to the work done.",
    [](const WorkloadTotals& w) { return Value::of(w.tokens_trained); }};
const Field<WorkloadTotals> tokens_served{
    "tokens_served",
    Type::real,
    "tokens",
    kSum,
    kSum,
    "Inference tokens served.",
    [](const WorkloadTotals& w) { return Value::of(w.tokens_served); }};
const Field<WorkloadTotals> kwh_per_m_tokens_served{
    "kwh_per_m_tokens_served",
    Type::real,
    "kWh",
    Aggregate::derived,
    Aggregate::derived,
    "IT energy of the inference pools (serving replicas, and the idle power of every reserved "
    "accelerator) / million tokens served; null without tokens served. Facility overheads "
    "(PUE) are not in it.",
    [](const WorkloadTotals& w) {
      return w.tokens_served > 0
                 ? Value::of(w.energy_inference_pools_mwh * 1e3 / (w.tokens_served / 1e6))
                 : Value{};
    }};
const Field<WorkloadTotals> tokens_demanded{
    "tokens_demanded",
    Type::real,
    "tokens",
    kSum,
    kSum,
    "Inference tokens demanded, served or not.",
    [](const WorkloadTotals& w) { return Value::of(w.tokens_demanded); }};
const Field<WorkloadTotals> model_flops_delivered{
    "model_flops_delivered",
    Type::real,
    "FLOP",
    kSum,
    kSum,
    "Model FLOPs of training jobs with a model, in proportion to the work done.",
    [](const WorkloadTotals& w) { return Value::of(w.model_flops_delivered); }};
const Field<WorkloadTotals> power_capped_hours{
    "power_capped_hours",
    Type::real,
    "h",
    kSum,
    kMax,
    "Time during which the DVFS power cap was below 1; over sites, the largest value of any "
    "site.",
    [](const WorkloadTotals& w) { return Value::of(w.power_capped_hours); }};
const Field<WorkloadTotals> gpu_hours_lost_to_power_caps{
    "gpu_hours_lost_to_power_caps",
    Type::real,
    "accelerator-h",
    kSum,
    kSum,
    "∫ busy accelerators × (1 − speed) dt: accelerator-hours of work lost to DVFS slowdown.",
    [](const WorkloadTotals& w) { return Value::of(w.gpu_hours_lost_to_power_caps); }};
const KeyedField<WorkloadTotals> gpu_hours_by_tenant{
    "gpu_hours_by_tenant",
    Type::real,
    "accelerator-h",
    "tenant name",
    kSum,
    "`gpu_hours_delivered` per tenant. Over sites, tenants of the same name are added together.",
    [](const WorkloadTotals& w) { return numbers(w.gpu_hours_by_tenant); }};
}  // namespace workload_fields

const Group<WorkloadTotals>& workload() {
  static constexpr std::array<const Field<WorkloadTotals>*, 20> kFields = {
      &workload_fields::jobs_submitted,      &workload_fields::jobs_completed,
      &workload_fields::preemptions,         &workload_fields::utilization,
      &workload_fields::mean_wait_h,         &workload_fields::p95_wait_h,
      &workload_fields::max_wait_h,          &workload_fields::mean_bounded_slowdown,
      &workload_fields::jobs_unfinished,     &workload_fields::unfinished_gpu_hours,
      &workload_fields::jobs_with_deadline,  &workload_fields::deadlines_missed,
      &workload_fields::gpu_hours_delivered, &workload_fields::tokens_trained,
      &workload_fields::tokens_served,       &workload_fields::kwh_per_m_tokens_served,
      &workload_fields::tokens_demanded,     &workload_fields::model_flops_delivered,
      &workload_fields::power_capped_hours,  &workload_fields::gpu_hours_lost_to_power_caps};
  static constexpr std::array<const KeyedField<WorkloadTotals>*, 13> kKeyed = {
      &workload_fields::gpu_hours_by_tenant,
      &workload_fields::mean_wait_h_by_class,
      &workload_fields::p95_wait_h_by_class,
      &workload_fields::max_wait_h_by_class,
      &workload_fields::mean_bounded_slowdown_by_class,
      &workload_fields::jobs_unfinished_by_class,
      &workload_fields::unfinished_gpu_hours_by_class,
      &workload_fields::start_h_by_named_job,
      &workload_fields::end_h_by_named_job,
      &workload_fields::done_by_named_job,
      &workload_fields::late_h_by_named_job,
      &workload_fields::held_gpu_hours_by_named_job,
      &workload_fields::cost_eur_by_named_job};
  static const Group<WorkloadTotals> g{
      "workload", "What the jobs and inference services of a site (or of all sites) received.",
      kFields, kKeyed};
  return g;
}

// ---- reliability --------------------------------------------------------------------------
namespace reliability_fields {
const Field<ReliabilityTotals> failures{
    "failures",
    Type::integer,
    "count",
    kSum,
    kSum,
    "Failures drawn, whatever they struck: busy, idle, spare, inference-pool or already failed "
    "systems. Planned maintenance is not included.",
    [](const ReliabilityTotals& r) { return Value::count(r.failures); }};
const Field<ReliabilityTotals> job_interruptions{
    "job_interruptions",
    Type::integer,
    "count",
    kSum,
    kSum,
    "Failures that stopped at least one job; a failure that stops several jobs counts once. "
    "This is the figure to compare with Llama 3's 419 unexpected interruptions.",
    [](const ReliabilityTotals& r) { return Value::count(r.job_interruptions); }};
const Field<ReliabilityTotals> planned_interruptions{
    "planned_interruptions",
    Type::integer,
    "count",
    kSum,
    kSum,
    "Maintenance stops that stopped at least one job.",
    [](const ReliabilityTotals& r) { return Value::count(r.planned_interruptions); }};
const KeyedField<ReliabilityTotals> interruptions_by_component{
    "interruptions_by_component",
    Type::integer,
    "count",
    "component class",
    kSum,
    "`job_interruptions` per component class (names as in scenario.md); classes with none are "
    "left out.",
    [](const ReliabilityTotals& r) { return counts(r.interruptions_by_component); }};
const Field<ReliabilityTotals> ettr{
    "ettr",
    Type::real,
    "fraction",
    kDerived,
    kDerived,
    "Effective training time ratio of the `pretraining` and `finetuning` jobs: useful training "
    "(work done minus checkpoint writes, lost work not counted) / elapsed time from first start "
    "to completion or to the end of the horizon, both weighted by the job's accelerators. 0 "
    "when no such job started.",
    [](const ReliabilityTotals& r) { return Value::of(r.ettr); }};
const Field<ReliabilityTotals> lost_gpu_hours{
    "lost_gpu_hours",
    Type::real,
    "accelerator-h",
    kSum,
    kSum,
    "Work lost to failures: the work since each interrupted job's last checkpoint, or all its "
    "progress for a job without checkpoints.",
    [](const ReliabilityTotals& r) { return Value::of(r.lost_gpu_hours); }};
const Field<ReliabilityTotals> restart_gpu_hours{
    "restart_gpu_hours",
    Type::real,
    "accelerator-h",
    kSum,
    kSum,
    "Restart overheads paid by interrupted jobs (failures and maintenance), at idle power; a "
    "restart cut short counts for its spent part.",
    [](const ReliabilityTotals& r) { return Value::of(r.restart_gpu_hours); }};
const Field<ReliabilityTotals> checkpoint_overhead_gpu_hours{
    "checkpoint_overhead_gpu_hours",
    Type::real,
    "accelerator-h",
    kSum,
    kSum,
    "Time spent writing checkpoints, in proportion to the work done.",
    [](const ReliabilityTotals& r) { return Value::of(r.checkpoint_overhead_gpu_hours); }};
const KeyedField<ReliabilityTotals> mttf_h_by_job_size{
    "mttf_h_by_job_size",
    Type::real,
    "h",
    "job size in accelerators",
    kDerived,
    "The jobs' elapsed hours (first start to completion or horizon, summed over the jobs of that "
    "size) / their interruptions, planned ones included; null for a size never interrupted.",
    [](const ReliabilityTotals& r) {
      Entries out;
      // A size never interrupted has an infinite mean time between interruptions: null.
      for (const auto& [size, h] : r.mttf_h_by_job_size)
        out.emplace_back(std::to_string(size), std::isinf(h) ? Value{} : Value::of(h));
      return out;
    }};
const Field<ReliabilityTotals> largest_power_step_mw{
    "largest_power_step_mw",
    Type::real,
    "MW",
    kMax,
    kMax,
    "Largest change of IT power at one instant after the start (the switch-on at hour 0 is not "
    "a step).",
    [](const ReliabilityTotals& r) { return Value::of(r.largest_power_step_mw); }};
const Field<ReliabilityTotals> largest_ramp_mw_per_min{
    "largest_ramp_mw_per_min",
    Type::real,
    "MW",
    kMax,
    kMax,
    "Largest |P(t) − P(t − 60 s)| of IT power, evaluated at the instants of change after hour 0.",
    [](const ReliabilityTotals& r) { return Value::of(r.largest_ramp_mw_per_min); }};
}  // namespace reliability_fields

const Group<ReliabilityTotals>& reliability() {
  static constexpr std::array<const Field<ReliabilityTotals>*, 9> kFields = {
      &reliability_fields::failures,
      &reliability_fields::job_interruptions,
      &reliability_fields::planned_interruptions,
      &reliability_fields::ettr,
      &reliability_fields::lost_gpu_hours,
      &reliability_fields::restart_gpu_hours,
      &reliability_fields::checkpoint_overhead_gpu_hours,
      &reliability_fields::largest_power_step_mw,
      &reliability_fields::largest_ramp_mw_per_min};
  static constexpr std::array<const KeyedField<ReliabilityTotals>*, 2> kKeyed = {
      &reliability_fields::interruptions_by_component, &reliability_fields::mttf_h_by_job_size};
  static const Group<ReliabilityTotals> g{
      "reliability", "Failures, interruptions and what they cost a site (or all sites).", kFields,
      kKeyed};
  return g;
}

}  // namespace gigasim::sim::metrics
