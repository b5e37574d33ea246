#include "gigasim/perf/collectives.hpp"

#include <algorithm>
#include <cmath>

namespace gigasim::perf {

double all_reduce_time(double bytes, int n, const Link& link) {
  if (n <= 1 || bytes <= 0) return 0.0;
  const double ring = 2.0 * (n - 1) / n * bytes / link.bandwidth + 2.0 * (n - 1) * link.latency;
  const double tree = 2.0 * bytes / link.bandwidth + 2.0 * std::ceil(std::log2(n)) * link.latency;
  return std::min(ring, tree);
}

double all_gather_time(double bytes, int n, const Link& link) {
  if (n <= 1 || bytes <= 0) return 0.0;
  return static_cast<double>(n - 1) / n * bytes / link.bandwidth + (n - 1) * link.latency;
}

double all_to_all_time(double bytes, int n, const Link& link) {
  return all_gather_time(bytes, n, link);
}

double p2p_time(double bytes, const Link& link) {
  return bytes / link.bandwidth + link.latency;
}

Link link_for_group(const Tiers& tiers, int n, long long stride) {
  const long long span = static_cast<long long>(n) * stride;
  if (span <= tiers.scale_up_domain) return tiers.scale_up;
  Link link = tiers.scale_out;
  if (tiers.pod_size > 0 && span > tiers.pod_size) {
    const double share = static_cast<double>(tiers.pod_size) /
                         (tiers.oversubscription * static_cast<double>(stride));
    link.bandwidth *= std::min(1.0, share);
  }
  return link;
}

}  // namespace gigasim::perf
