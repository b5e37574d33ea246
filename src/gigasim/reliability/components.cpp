#include "gigasim/reliability/components.hpp"

namespace gigasim::reliability {
namespace {

struct Row {
  Component c;
  std::string_view name;
};

constexpr std::array<Row, kComponents> kRows = {{
    {Component::gpu, "gpu"},
    {Component::hbm, "hbm"},
    {Component::software, "software"},
    {Component::network, "network"},
    {Component::host_maintenance, "host_maintenance"},
    {Component::gpu_sram, "gpu_sram"},
    {Component::gpu_system_processor, "gpu_system_processor"},
    {Component::nic, "nic"},
    {Component::collective_timeout, "collective_timeout"},
    {Component::silent_data_corruption, "silent_data_corruption"},
    {Component::gpu_thermal, "gpu_thermal"},
    {Component::ssd, "ssd"},
    {Component::power_supply, "power_supply"},
    {Component::chassis, "chassis"},
    {Component::io_board, "io_board"},
    {Component::dependency, "dependency"},
    {Component::host_cpu, "host_cpu"},
    {Component::host_memory, "host_memory"},
}};
static_assert([] {
  for (std::size_t i = 0; i < kComponents; ++i)
    if (static_cast<std::size_t>(kRows[i].c) != i) return false;
  return true;
}());

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

std::array<ComponentSpec, kComponents> component_classes() {
  std::array<ComponentSpec, kComponents> out{};
  for (std::size_t i = 0; i < kComponents; ++i) out[i].component = kRows[i].c;
  return out;
}

}  // namespace gigasim::reliability
