// Network tariffs and electricity taxes of a country for a large transmission-connected
// consumer (data/tariffs.yaml; docs/models/economics.md, "Network tariffs and taxes").
#pragma once

#include <string>

#include "gigasim/core/quantity.hpp"

namespace gigasim::econ {

/// A country's charges for a large consumer, as data/tariffs.yaml gives them.
struct Tariff {
  std::string country;
  int year = 0;
  core::MoneyPerPower network_capacity;  ///< per W of connection, per year
  core::EnergyPrice network_energy;      ///< per unit of energy through the connection
  core::EnergyPrice tax;                 ///< electricity excise at the standard rate
  core::EnergyPrice levies;              ///< other per-energy levies and surcharges
  bool has_reduced = false;              ///< a reduced regime exists
  std::string reduced_name;
  core::EnergyPrice reduced_tax;        ///< the excise under the reduced regime
  double reduced_network_discount = 0;  ///< share off the network charges under it
};

/// The charges a site pays: its country's tariff under the regime it chose.
struct AppliedTariff {
  std::string label;  ///< "FR 2024, standard" or "DE 2024, reduced: ..."
  double capacity_eur_per_w_year = 0;
  double energy_eur_per_j = 0;  ///< network energy term, discount applied
  double taxes_eur_per_j = 0;   ///< excise and levies
};

/// The tariff of `t` under the standard or the reduced regime (which must exist).
[[nodiscard]] AppliedTariff apply(const Tariff& t, bool reduced);

}  // namespace gigasim::econ
