// Accelerators and the systems (servers or racks) that hold them, as described in the
// catalogs of data/. Plain data: the io layer fills them, the models read them.
#pragma once

#include <string>

#include "gigasim/core/quantity.hpp"

namespace gigasim::hardware {

struct Accelerator {
  std::string id;
  std::string name;
  std::string vendor;
  std::string generation;
  core::ComputeRate bf16_dense;
  core::ComputeRate fp8_dense;
  core::ComputeRate fp4_dense;  ///< block-scaled 4-bit products; zero where the chip has none
  core::DataSize hbm_capacity;
  core::Bandwidth hbm_bandwidth;
  core::Power tdp;
  core::Power idle_power;
  core::Bandwidth scale_up_bandwidth;
  core::Bandwidth host_bandwidth;    ///< to host memory, one direction (PCIe or chip-to-chip)
  core::CarbonMass embodied_carbon;  ///< cradle-to-gate, module with its HBM
  /// Share of the boost clock (the clock of the datasheet peaks) that long dense matrix
  /// products hold within the board power, where it was measured; 1 where it was not, and
  /// the generation's efficiency constants then include it. Chips of one generation at
  /// different board powers differ here (MI300X at 750 W, MI325X at 1,000 W).
  double matrix_clock = 1.0;

  /// FLOP/s the matrix units reach at matrix_clock, from one of the peaks above: the rate
  /// the efficiency constants multiply. MFU and the datasheet keep the peaks.
  [[nodiscard]] double matrix_rate(const core::ComputeRate& peak) const {
    return peak.value() * matrix_clock;
  }

  /// Whether the chip multiplies block-scaled 4-bit values (its entry gives fp4_dense).
  [[nodiscard]] bool has_fp4() const { return fp4_dense.value() > 0; }
};

/// A system is the unit a fleet is counted in: a DGX server of 8 GPUs, or an NVL72 rack.
struct System {
  std::string id;
  std::string name;
  Accelerator accelerator;
  int accelerators_per_system = 0;
  int scale_up_domain = 0;  ///< accelerators sharing one NVLink / Infinity Fabric domain
  core::Power power_full;   ///< whole system at full load (accelerators, CPUs, NICs, fans)
  core::Power power_idle;
  int systems_per_rack = 1;
  double liquid_cooled_fraction = 0.0;  ///< share of the heat taken by direct liquid cooling
  core::Money price;                    ///< purchase price of one system
  core::CarbonMass embodied_carbon;     ///< cradle-to-gate, without its accelerators

  /// Power at a utilization u in [0, 1], linear between idle and full load: the model of
  /// Fan, Weber & Barroso, "Power provisioning for a warehouse-sized computer", ISCA 2007.
  [[nodiscard]] core::Power power_at(double utilization) const {
    return power_idle + (power_full - power_idle) * utilization;
  }
};

}  // namespace gigasim::hardware
