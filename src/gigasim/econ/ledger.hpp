// What the economics and carbon accounts of a site are computed from: what was installed
// and what a run made of it. The simulation fills it; econ never sees the engine.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gigasim/econ/tariff.hpp"

namespace gigasim::econ {

/// One energy source of a site over the run.
struct SourceUse {
  std::string name;
  double energy_j = 0;
  double cost_eur = 0;                   ///< Σ hourly energy paid × hourly price (dispatch)
  double location_carbon_kg = 0;         ///< Σ hourly energy × hourly intensity of the source
  double market_intensity_kg_per_j = 0;  ///< contract or residual-mix factor
  bool through_connection = true;        ///< off-site: pays the network tariff
  double sales_eur = 0;                  ///< surplus sold back
};

/// Accelerator-hours and what they produced; sums, so that sites add up.
struct Use {
  double available_gpu_hours = 0;  ///< installed accelerators × hours
  double busy_gpu_hours = 0;       ///< held by jobs or inference pools
  double inference_gpu_hours = 0;  ///< held by inference pools
  double model_job_gpu_hours = 0;  ///< held by jobs training a model (wall time)
  double other_job_gpu_hours = 0;  ///< held by jobs without a model (wall time)
  /// Work that advanced jobs, less checkpoint writes, and inference replicas serving × speed.
  double useful_gpu_hours = 0;
  double model_job_energy_j = 0;  ///< IT energy of the jobs training a model
  double other_job_energy_j = 0;
  double inference_energy_j = 0;
  double tokens_trained = 0;
  double tokens_served = 0;
  double model_flops = 0;  ///< useful model FLOPs (after failures and checkpoints)

  void add(const Use& o) {
    available_gpu_hours += o.available_gpu_hours;
    busy_gpu_hours += o.busy_gpu_hours;
    inference_gpu_hours += o.inference_gpu_hours;
    model_job_gpu_hours += o.model_job_gpu_hours;
    other_job_gpu_hours += o.other_job_gpu_hours;
    useful_gpu_hours += o.useful_gpu_hours;
    model_job_energy_j += o.model_job_energy_j;
    other_job_energy_j += o.other_job_energy_j;
    inference_energy_j += o.inference_energy_j;
    tokens_trained += o.tokens_trained;
    tokens_served += o.tokens_served;
    model_flops += o.model_flops;
  }
};

/// A plant or battery the site owns: its capital joins the site's assets.
struct OwnedAsset {
  std::string name;
  double capex_eur = 0;
  double lifetime_years = 0;
  double maintenance_share = 0;  ///< of the capex, per year
};

struct SiteLedger {
  double hours = 0;  ///< length of the run
  double accelerators = 0;
  double systems_price_eur = 0;    ///< Σ systems × catalog price
  double systems_embodied_kg = 0;  ///< Σ systems × (host + accelerators) embodied carbon
  double it_capacity_w = 0;        ///< installed IT power (systems at full power + network)
  double liquid_share = 0;         ///< of the IT heat removed by liquid
  double connection_w = 0;
  double heat_capacity_w = 0;  ///< heat delivered to the district network at most
  std::vector<SourceUse> sources;
  std::vector<OwnedAsset> owned;
  /// The country's network tariff and taxes; without one, the generic grid fees of
  /// `economics.operations` apply and no tax.
  std::optional<AppliedTariff> tariff;
  double it_energy_j = 0;
  double facility_energy_j = 0;
  double water_m3 = 0;
  double heat_reused_j = 0;
  double demand_response_eur = 0;  ///< net revenue of demand response (payments − penalties)
  Use use;

  [[nodiscard]] double years() const { return hours / 8760.0; }
};

}  // namespace gigasim::econ
