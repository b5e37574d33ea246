// data/economics.yaml and a scenario's `economics` block: one decoder, every field required
// in the catalog and optional (overriding the catalog) in a scenario.
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "gigasim/io/catalog/catalog.hpp"
#include "gigasim/io/catalog/catalog_entries.hpp"
#include "gigasim/io/formats/files.hpp"

namespace gigasim::io {
namespace {

using econ::CostBasis;

// The asset classes, in the order of data/economics.yaml, with the key of their unit cost
// (none for systems, whose price comes from the system catalog).
struct AssetKey {
  const char* name;
  CostBasis basis;
  const char* cost_key;
  bool depreciates;
};
constexpr std::array kAssetKeys = {
    AssetKey{"systems", CostBasis::system_price, nullptr, true},
    AssetKey{"network", CostBasis::per_accelerator, "per_accelerator", true},
    AssetKey{"storage", CostBasis::per_accelerator, "per_accelerator", true},
    AssetKey{"building_liquid", CostBasis::per_mw_it_liquid, "per_mw_it", true},
    AssetKey{"building_air", CostBasis::per_mw_it_air, "per_mw_it", true},
    AssetKey{"electrical", CostBasis::per_mw_it, "per_mw_it", true},
    AssetKey{"grid_connection", CostBasis::per_mw_connection, "per_mw", true},
    AssetKey{"heat_pumps", CostBasis::per_mw_heat, "per_mw_heat", true},
    AssetKey{"heat_network_connection", CostBasis::per_mw_heat, "per_mw_heat", true},
    AssetKey{"land", CostBasis::per_mw_it, "per_mw_it", false},
};

constexpr double kYearMs = 365.0 * 86'400'000.0;

// Records the dotted path of every number read, so that the catalog can demand a source
// for each.
class Reader {
 public:
  Reader(Need need, std::vector<std::string>& cited) : need_(need), cited_(cited) {}

  template <class Q>
  bool quantity(MapView& m, const std::string& dotted, std::string_view key, Q& out, Check check) {
    cited_.push_back(dotted + std::string(key));
    return m.quantity(key, out, need_, check);
  }
  bool number(MapView& m, const std::string& dotted, std::string_view key, double& out) {
    cited_.push_back(dotted + std::string(key));
    return m.number(key, out, need_, Check::non_negative);
  }
  bool fraction(MapView& m, const std::string& dotted, std::string_view key, double& out) {
    cited_.push_back(dotted + std::string(key));
    return m.fraction(key, out, need_);
  }
  [[nodiscard]] Need need() const { return need_; }

 private:
  Need need_;
  std::vector<std::string>& cited_;
};

void decode_asset(MapView& assets, const AssetKey& key, econ::AssetClass& a, Reader& read) {
  const YAML::Node node = assets.get(key.name);
  if (!node.IsDefined()) {
    if (read.need() == Need::required)
      assets.error(key.name, fmt::format("missing required key \"{}\"", key.name));
    return;
  }
  MapView m(assets.context(), node, assets.path_of(key.name));
  if (!m.valid()) return;
  const std::string dotted = fmt::format("assets.{}.", key.name);
  if (key.basis == CostBasis::per_accelerator) {
    core::Money cost = core::euros(a.unit_cost_eur);
    if (read.quantity(m, dotted, key.cost_key, cost, Check::non_negative))
      a.unit_cost_eur = cost.value();
  } else if (key.cost_key != nullptr) {
    core::MoneyPerPower cost = core::MoneyPerPower::base(a.unit_cost_eur);
    if (read.quantity(m, dotted, key.cost_key, cost, Check::non_negative))
      a.unit_cost_eur = cost.value();
  }
  if (key.depreciates) {
    core::Duration life = core::Duration::milliseconds(std::llround(a.lifetime_years * kYearMs));
    if (read.quantity(m, dotted, "lifetime", life, Check::positive))
      a.lifetime_years = static_cast<double>(life.ms()) / kYearMs;
  }
  if (key.depreciates || m.has("maintenance"))
    read.fraction(m, dotted, "maintenance", a.maintenance_share);
  m.finish();
}

void decode_operations(MapView& parent, econ::OperationsSpec& op, Reader& read) {
  const YAML::Node node = parent.get("operations");
  if (!node.IsDefined()) {
    if (read.need() == Need::required) parent.error("operations", "missing required key");
    return;
  }
  MapView m(parent.context(), node, parent.path_of("operations"));
  const std::string d = "operations.";
  read.quantity(m, d, "grid_fee_energy", op.grid_fee_energy, Check::non_negative);
  read.quantity(m, d, "grid_fee_capacity", op.grid_fee_capacity, Check::non_negative);
  read.number(m, d, "staff_per_mw_it", op.staff_per_mw_it);
  read.quantity(m, d, "staff_cost", op.staff_cost, Check::non_negative);
  read.quantity(m, d, "water_price", op.water_price, Check::non_negative);
  read.quantity(m, d, "heat_price", op.heat_price, Check::non_negative);
  m.finish();
}

void decode_embodied(MapView& parent, econ::CarbonSpec& c, Reader& read) {
  const YAML::Node node = parent.get("carbon");
  if (!node.IsDefined()) {
    if (read.need() == Need::required) parent.error("carbon", "missing required key");
    return;
  }
  MapView m(parent.context(), node, parent.path_of("carbon"));
  read.quantity(m, "carbon.", "building_embodied", c.building_embodied, Check::non_negative);
  read.quantity(m, "carbon.", "electrical_embodied", c.electrical_embodied, Check::non_negative);
  m.finish();
}

const econ::AssetClass* find_asset(const econ::EconomicsSpec& e, std::string_view name) {
  for (const auto& a : e.assets) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

}  // namespace

void decode_economics(MapView& m, econ::EconomicsSpec& e, econ::CarbonSpec& c, Need need,
                      std::vector<std::string>& cited) {
  Reader read(need, cited);
  if (e.assets.empty()) {
    for (const auto& key : kAssetKeys) e.assets.push_back({key.name, key.basis, 0, 0, 0});
  }
  if (read.fraction(m, "", "discount_rate", e.discount_rate) && e.discount_rate >= 1.0)
    m.error("discount_rate", "must be below 100 %");
  const YAML::Node assets = m.get("assets");
  if (assets.IsDefined()) {
    MapView a(m.context(), assets, m.path_of("assets"));
    if (a.valid()) {
      for (std::size_t i = 0; i < kAssetKeys.size(); ++i)
        decode_asset(a, kAssetKeys[i], e.assets[i], read);
      a.finish();
    }
  } else if (need == Need::required) {
    m.error("assets", "missing required key \"assets\"");
  }
  decode_operations(m, e.operations, read);
  decode_embodied(m, c, read);
  // Embodied carbon ages with the assets that hold it.
  const auto life = [&](std::string_view name) {
    const auto* a = find_asset(e, name);
    return a != nullptr ? a->lifetime_years : 0.0;
  };
  c.systems_lifetime_years = life("systems");
  c.building_liquid_lifetime_years = life("building_liquid");
  c.building_air_lifetime_years = life("building_air");
  c.electrical_lifetime_years = life("electrical");
}

void load_economics_catalog(Context& ctx, const std::filesystem::path& dir, Catalog& catalog) {
  const auto path = dir / "economics.yaml";
  try {
    ctx.set_file(path.string());
    const YAML::Node root = parse_yaml(read_input_file(path, "catalog"), path.string());
    MapView top(ctx, root, "");
    if (!top.valid()) return;
    const YAML::Node node = top.get("economics");
    if (!node.IsDefined()) {
      top.error("economics", "missing required key \"economics\"");
      return;
    }
    MapView m(ctx, node, "economics");
    if (!m.valid()) return;
    std::vector<std::string> cited;
    decode_economics(m, catalog.economics, catalog.carbon, Need::required, cited);
    const YAML::Node sources = m.get("sources");
    if (!sources.IsMap()) {
      m.error("sources",
              "missing required key \"sources\": every number in data/ carries its source");
    } else {
      for (const auto& key : cited) {
        if (!sources[key].IsDefined())
          m.error("sources", fmt::format("no source given for \"{}\"", key));
      }
    }
    m.finish();
    top.finish();
  } catch (const core::InputError& e) {
    ctx.add(e.diagnostics());
  }
}

}  // namespace gigasim::io
