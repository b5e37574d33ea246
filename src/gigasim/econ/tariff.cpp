#include "gigasim/econ/tariff.hpp"

#include <fmt/format.h>

namespace gigasim::econ {

AppliedTariff apply(const Tariff& t, bool reduced) {
  AppliedTariff a;
  const double keep = reduced ? 1.0 - t.reduced_network_discount : 1.0;
  a.capacity_eur_per_w_year = t.network_capacity.value() * keep;
  a.energy_eur_per_j = t.network_energy.value() * keep;
  a.taxes_eur_per_j = (reduced ? t.reduced_tax : t.tax).value() + t.levies.value();
  a.label = reduced ? fmt::format("{} {}, reduced: {}", t.country, t.year, t.reduced_name)
                    : fmt::format("{} {}, standard", t.country, t.year);
  return a;
}

}  // namespace gigasim::econ
