#include "gigasim/reliability/components.hpp"

namespace gigasim::reliability {
namespace {

struct Row {
  Component c;
  std::string_view name;
  double count;  // Llama 3 Table 5
  Scope scope;
  core::Duration repair;  // assumptions, docs/models/reliability.md
};

using core::Duration;
// Repairs: a part replaced (GPU, HBM, board) takes days; a node swap, reboot or cable
// reseat hours; software faults take nothing down.
constexpr std::array<Row, kComponents> kRows = {{
    {Component::gpu, "gpu", 148, Scope::system, Duration::days(3)},
    {Component::hbm, "hbm", 72, Scope::system, Duration::days(3)},
    {Component::software, "software", 54, Scope::software, Duration::hours(0)},
    {Component::network, "network", 35, Scope::system, Duration::hours(8)},
    {Component::host_maintenance, "host_maintenance", 32, Scope::system, Duration::hours(4)},
    {Component::gpu_sram, "gpu_sram", 19, Scope::system, Duration::days(3)},
    {Component::gpu_system_processor, "gpu_system_processor", 17, Scope::system,
     Duration::hours(6)},
    {Component::nic, "nic", 7, Scope::system, Duration::days(1)},
    {Component::collective_timeout, "collective_timeout", 7, Scope::software, Duration::hours(0)},
    {Component::silent_data_corruption, "silent_data_corruption", 6, Scope::system,
     Duration::days(3)},
    {Component::gpu_thermal, "gpu_thermal", 6, Scope::system, Duration::days(1)},
    {Component::ssd, "ssd", 3, Scope::system, Duration::days(1)},
    {Component::power_supply, "power_supply", 3, Scope::system, Duration::hours(8)},
    {Component::chassis, "chassis", 2, Scope::system, Duration::days(3)},
    {Component::io_board, "io_board", 2, Scope::system, Duration::days(2)},
    {Component::dependency, "dependency", 2, Scope::software, Duration::hours(0)},
    {Component::host_cpu, "host_cpu", 2, Scope::system, Duration::days(2)},
    {Component::host_memory, "host_memory", 2, Scope::system, Duration::days(1)},
}};

}  // namespace

std::string_view to_string(Component c) {
  return kRows[static_cast<std::size_t>(c)].name;
}

bool component_from(std::string_view text, Component& out) {
  for (const auto& r : kRows) {
    if (r.name == text) {
      out = r.c;
      return true;
    }
  }
  return false;
}

std::array<ComponentSpec, kComponents> default_components() {
  std::array<ComponentSpec, kComponents> out{};
  for (std::size_t i = 0; i < kComponents; ++i) {
    const Row& r = kRows[i];
    out[i] = {r.c, r.count, r.count / (kLlama3Days * kLlama3Accelerators), r.scope, r.repair};
  }
  return out;
}

}  // namespace gigasim::reliability
