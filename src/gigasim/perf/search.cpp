#include "gigasim/perf/search.hpp"

#include <algorithm>

namespace gigasim::perf {
namespace {

std::vector<int> divisors(std::int64_t n, std::int64_t limit) {
  std::vector<int> out;
  for (std::int64_t d = 1; d <= std::min(n, limit); ++d) {
    if (n % d == 0) out.push_back(static_cast<int>(d));
  }
  return out;
}

}  // namespace

SearchResult search_layouts(const TransformerModel& model, const Platform& platform,
                            std::int64_t gpus, const Layout& base, const SearchSpace& space,
                            std::size_t keep) {
  SearchResult result;
  const int domain = platform.system.scale_up_domain;
  auto faster = [](const Candidate& a, const Candidate& b) {
    return a.estimate.tokens_per_s > b.estimate.tokens_per_s;
  };
  std::vector<Candidate>& best = result.best;
  best.reserve(keep + 1);

  Layout l = base;
  for (const int tp : divisors(gpus, domain)) {
    l.tp = tp;
    l.sequence_parallel = tp > 1;
    for (const int cp : divisors(gpus / tp, space.max_cp)) {
      l.cp = cp;
      for (const int pp : divisors(gpus / tp / cp, model.layers + 2)) {
        l.pp = pp;
        l.dp = static_cast<int>(gpus / (static_cast<std::int64_t>(tp) * cp * pp));
        for (const int ep : model.is_moe()
                                ? divisors(static_cast<std::int64_t>(l.dp) * cp, space.max_ep)
                                : std::vector<int>{1}) {
          l.ep = ep;
          for (const int v : space.virtual_stages) {
            l.virtual_stages = v;
            for (const bool balance : {false, true}) {
              l.balance_embedding = balance;
              for (const int mb : space.micro_batches) {
                l.micro_batch = mb;
                if (!layout_possible(model, l, gpus, domain)) continue;
                for (const Recompute rc : space.recompute) {
                  l.recompute = rc;
                  ++result.layouts_possible;
                  StepEstimate e = estimate_step(model, l, platform);
                  if (!e.fits_in_memory) continue;
                  ++result.layouts_fitting;
                  if (best.size() == keep && !faster(Candidate{l, e}, best.back())) continue;
                  best.push_back(Candidate{l, e});
                  std::sort(best.begin(), best.end(), faster);
                  if (best.size() > keep) best.pop_back();
                }
              }
            }
          }
        }
      }
    }
  }
  return result;
}

}  // namespace gigasim::perf
