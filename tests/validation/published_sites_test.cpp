// Six named European data centres against their published annual PUE and water use
// (issue 14, item 6). Each is described in scenarios/validation/<site>.yaml from what its
// operator published about its design; two constants of an existing air-cooled hall were
// calibrated on three of the measured sites (Microsoft Dublin, Scaleway DC5 and DC2) and
// the other two measured sites are held out (docs/validation.md#published-sites):
// fixed_load_share 0.04 and the air handlers' fan power at design, distribution 0.12.
#include <gtest/gtest.h>

#include <cstddef>
#include <string>

#include "validation_fixtures.hpp"

namespace gigasim {
namespace {

sim::Results run_site(const std::string& site) {
  return validation::run_shipped(std::filesystem::path("validation") / (site + ".yaml"));
}

struct Published {
  const char* site;
  double pue;  ///< the published annual value (mean of two published periods where given)
  const char* kind;
};

// Sources (docs/validation.md#published-sites): Microsoft, "Understanding energy use and
// sustainability investments at the Ireland / Netherlands / Sweden datacenters"
// (local.microsoft.com, 2022); Silicon.fr, "5 indicateurs sur l'empreinte environnementale
// de Scaleway" (Nov 2022), quoting Scaleway's 2018-2020 impact report and its live dashboard.
constexpr Published kSites[] = {
    {"microsoft-dublin", 1.22, "measured 2021, fitted"},
    {"microsoft-north-holland", 1.16, "measured to Feb 2022, held out"},
    {"microsoft-sweden", 1.16, "design target"},
    {"scaleway-dc5", 1.16, "measured 1.15 / 1.17, fitted"},
    {"scaleway-dc3", 1.33, "measured 1.31 / 1.35, held out"},
    {"scaleway-dc2", 1.515, "measured 1.55 / 1.48, fitted"},
};

TEST(PublishedSites, AnnualPueWithinSevenHundredthsOfTheOperatorsFigure) {
  for (const Published& p : kSites) {
    const double pue = run_site(p.site).total.pue();
    EXPECT_NEAR(pue, p.pue, 0.07) << p.site << " (" << p.kind << ")";
    RecordProperty(std::string("pue_") + p.site, std::to_string(pue));
  }
}

TEST(PublishedSites, ThreeDesignsInOneClimateRankAsPublished) {
  // Scaleway's three Paris-region halls: direct air with adiabatic cooling, indirect free
  // cooling, chilled water. Published: PUE 1.15-1.17 < 1.31-1.35 < 1.48-1.55; WUE below
  // 0.2 L/kWh for DC5 and 0 for the two others.
  const sim::Results dc5 = run_site("scaleway-dc5");
  const sim::Results dc3 = run_site("scaleway-dc3");
  const sim::Results dc2 = run_site("scaleway-dc2");
  EXPECT_LT(dc5.total.pue() + 0.1, dc3.total.pue());
  EXPECT_LT(dc3.total.pue() + 0.1, dc2.total.pue());
  EXPECT_GT(dc5.total.wue_l_per_kwh(), 0.0);
  EXPECT_LT(dc5.total.wue_l_per_kwh(), 0.3)
      << "published below 0.2 L/kWh: the model is up to 0.1 above";
  EXPECT_EQ(dc3.total.water_m3, 0.0);
  EXPECT_EQ(dc2.total.water_m3, 0.0);
}

TEST(PublishedSites, NorthHollandUsesWaterInAFewHotHoursOnly) {
  // Microsoft: "zero water for cooling below 29.4 C", water used less than 5 % of the year.
  const sim::Results r = run_site("microsoft-north-holland");
  std::size_t wet = 0;
  for (const auto& row : r.sites[0].rows) wet += row.water_m3 > 0 ? 1 : 0;
  const double share = static_cast<double>(wet) / static_cast<double>(r.sites[0].rows.size());
  EXPECT_GT(share, 0.0);
  EXPECT_LT(share, 0.08);
  RecordProperty("north_holland_wet_hours_share", std::to_string(share));
}

}  // namespace
}  // namespace gigasim
