#include "gigasim/econ/carbon.hpp"

#include "gigasim/econ/economics.hpp"

namespace gigasim::econ {
namespace {

// The yearly share of a whole-life figure: straight-line amortisation.
double per_year(double whole_life, double lifetime_years) {
  return lifetime_years > 0 ? whole_life / lifetime_years : 0.0;
}

}  // namespace

CarbonResult account_carbon(const CarbonSpec& spec, const SiteLedger& site) {
  CarbonResult r;
  for (const SourceUse& s : site.sources) {
    r.scope2_location_t += s.location_carbon_kg / 1e3;
    r.scope2_market_t += s.energy_j * s.market_intensity_kg_per_j / 1e3;
  }
  const double building_kg = site.it_capacity_w * spec.building_embodied.value();
  const double electrical_kg = site.it_capacity_w * spec.electrical_embodied.value();
  r.embodied_total_t = (site.systems_embodied_kg + building_kg + electrical_kg) / 1e3;
  // A building that is partly liquid-, partly air-cooled ages at the mean of the two.
  const double building_life = site.liquid_share * spec.building_liquid_lifetime_years +
                               (1.0 - site.liquid_share) * spec.building_air_lifetime_years;
  const double embodied_per_year_kg =
      per_year(site.systems_embodied_kg, spec.systems_lifetime_years) +
      per_year(building_kg, building_life) +
      per_year(electrical_kg, spec.electrical_lifetime_years);
  r.embodied_t = embodied_per_year_kg * site.years() / 1e3;
  r.it_energy_kwh = site.it_energy_j / 3.6e6;
  r.use = site.use;
  const Attribution a = attribute(r.scope2_location_t + r.embodied_t, r.use);
  r.training_t = a.training;
  r.inference_t = a.inference;
  return r;
}

std::optional<double> CarbonResult::cue() const {
  return ratio(scope2_location_t * 1e3, it_energy_kwh);
}
std::optional<double> CarbonResult::g_per_m_tokens() const {
  return ratio((training_t + inference_t) * 1e6, (use.tokens_trained + use.tokens_served) / 1e6);
}
std::optional<double> CarbonResult::g_per_m_tokens_trained() const {
  return ratio(training_t * 1e6, use.tokens_trained / 1e6);
}
std::optional<double> CarbonResult::g_per_m_tokens_served() const {
  return ratio(inference_t * 1e6, use.tokens_served / 1e6);
}

void CarbonResult::add(const CarbonResult& o) {
  scope2_location_t += o.scope2_location_t;
  scope2_market_t += o.scope2_market_t;
  embodied_total_t += o.embodied_total_t;
  embodied_t += o.embodied_t;
  it_energy_kwh += o.it_energy_kwh;
  use.add(o.use);
  training_t += o.training_t;
  inference_t += o.inference_t;
}

}  // namespace gigasim::econ
