// Cost of collective operations on one network tier (docs/models/perf.md): the α-β model of
// Hockney (1994) with the ring and tree algorithms of Thakur, Rabenseifner & Gropp (2005),
// "Optimization of collective communication operations in MPICH", IJHPCA 19(1).
#pragma once

namespace gigasim::perf {

/// One tier as a group of ranks sees it: bandwidth per rank and direction (bytes/s, already
/// multiplied by the collective efficiency) and latency per step (s).
struct Link {
  double bandwidth = 0.0;
  double latency = 0.0;
};

/// All-reduce of `bytes` over n ranks: min of ring, 2(n−1)/n · bytes/β + 2(n−1)α, and
/// double binary tree, 2·bytes/β + 2⌈log₂ n⌉α (NCCL picks the faster).
double all_reduce_time(double bytes, int n, const Link& link);
/// All-gather or reduce-scatter whose full (gathered) size is `bytes`: ring,
/// (n−1)/n · bytes/β + (n−1)α.
double all_gather_time(double bytes, int n, const Link& link);
/// All-to-all where each rank holds `bytes` and keeps 1/n of it: (n−1)/n · bytes/β + (n−1)α.
double all_to_all_time(double bytes, int n, const Link& link);
/// One point-to-point message: bytes/β + α.
double p2p_time(double bytes, const Link& link);

/// The network tier a group of `n` ranks, `stride` apart in the rank order, runs on.
/// Inside a scale-up domain: the accelerator's link. Across domains within a pod: the NIC.
/// Across pods: each pod's uplinks (pod · NIC / oversubscription) are shared by the `stride`
/// groups that interleave in it, so a ring gets NIC · min(1, pod / (oversubscription · stride)).
struct Tiers {
  int scale_up_domain = 8;
  Link scale_up;
  Link scale_out;
  int pod_size = 0;  ///< 0: no pod boundary
  double oversubscription = 1.0;
};
Link link_for_group(const Tiers& tiers, int n, long long stride);

}  // namespace gigasim::perf
