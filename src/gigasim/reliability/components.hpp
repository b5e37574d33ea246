// Failing components (docs/models/reliability.md). Their default counts, scopes and repair
// times live in data/defaults.yaml (`reliability`): the unexpected interruptions of Llama 3
// 405B's 54-day snapshot on 16,384 H100 (Llama Team 2024, arXiv:2407.21783, Table 5), each
// turned into a rate per accelerator-day by llama3_rate: count / (54 days × 16,384
// accelerators).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "gigasim/core/time.hpp"

namespace gigasim::reliability {

enum class Component : std::uint8_t {
  gpu,
  hbm,
  software,
  network,
  host_maintenance,
  gpu_sram,
  gpu_system_processor,
  nic,
  collective_timeout,
  silent_data_corruption,
  gpu_thermal,
  ssd,
  power_supply,
  chassis,
  io_board,
  dependency,
  host_cpu,
  host_memory,
};
inline constexpr std::size_t kComponents = 18;
std::string_view to_string(Component c);
bool component_from(std::string_view text, Component& out);

/// What a failure takes down until it is repaired.
enum class Scope : std::uint8_t {
  system,    ///< the system (server or rack) holding the part
  software,  ///< nothing: the job restarts, no hardware is out
};

struct ComponentSpec {
  Component component = Component::gpu;
  double interruptions_in_llama3 = 0;  ///< Table 5 count
  double rate_per_accelerator_day = 0;
  Scope scope = Scope::system;
  core::Duration repair;  ///< time the system is out (node swap or reboot: hours; part: days)
};

/// The 18 classes of Llama 3's Table 5 in enum order, with no failures, no repair time and
/// system scope: the catalog's defaults (data/defaults.yaml) fill in their counts, rates,
/// scopes and repairs.
std::array<ComponentSpec, kComponents> component_classes();

/// Llama 3's observation window: 54 days on 16,384 accelerators.
inline constexpr double kLlama3Days = 54.0;
inline constexpr double kLlama3Accelerators = 16384.0;

/// The rate per accelerator-day of `interruptions` counted in Table 5:
/// interruptions / (54 days × 16,384 accelerators).
constexpr double llama3_rate(double interruptions) {
  return interruptions / (kLlama3Days * kLlama3Accelerators);
}

}  // namespace gigasim::reliability
