// Placement of jobs on one partition of a site: pods of scale-up domains (an NVL72 rack is
// one domain of 72 accelerators, a DGX H100 one of 8). Jobs larger than a domain get whole
// domains, packed into as few pods as possible; smaller jobs share a domain, best fit.
// Finding and freeing a placement costs O(log pods) plus the domains it touches: free
// capacity is kept per pod in an ordered set and per domain in buckets of free count.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <utility>
#include <vector>

namespace gigasim::cluster {

struct PartitionShape {
  int domain_size = 8;               ///< accelerators per scale-up domain
  std::int64_t domains = 0;          ///< domains in the partition
  std::int64_t domains_per_pod = 0;  ///< 0: one pod
};

/// A handle to a placement; valid until released.
using AllocationId = std::uint32_t;

class Allocator {
 public:
  explicit Allocator(PartitionShape shape);

  [[nodiscard]] const PartitionShape& shape() const { return shape_; }
  [[nodiscard]] std::int64_t capacity() const { return shape_.domains * shape_.domain_size; }
  [[nodiscard]] std::int64_t free_accelerators() const { return free_accelerators_; }
  [[nodiscard]] std::int64_t whole_free_domains() const { return whole_free_total_; }
  [[nodiscard]] int pods() const { return static_cast<int>(pods_.size()); }

  /// Accelerators a job of `accelerators` occupies: whole domains when it spans more than one.
  [[nodiscard]] std::int64_t footprint(std::int64_t accelerators) const;
  /// Whether a job fits now (O(1) for multi-domain jobs, O(domain size) for small ones).
  [[nodiscard]] bool fits(std::int64_t accelerators) const;
  /// Places a job; empty when it does not fit. `tag` (a job index) is kept with it.
  std::optional<AllocationId> allocate(std::int64_t accelerators, std::uint32_t tag = 0);
  void release(AllocationId id);
  /// Pods a placement spans (1 is best).
  [[nodiscard]] int pods_spanned(AllocationId id) const;

  struct Piece {
    std::uint32_t domain;
    std::uint16_t count;
  };
  /// The domains a placement holds and how many accelerators of each.
  [[nodiscard]] const std::vector<Piece>& pieces(AllocationId id) const { return allocations_[id]; }
  /// Free accelerators of a domain now.
  [[nodiscard]] int domain_free(std::uint32_t domain) const { return domains_[domain].free; }
  [[nodiscard]] std::uint32_t tag(AllocationId id) const { return tags_[id]; }
  /// The placements holding part of a domain (a failure there interrupts them all).
  [[nodiscard]] std::span<const AllocationId> holders(std::uint32_t domain) const {
    const Domain& d = domains_[domain];
    if (d.whole_holder != kNone) return {&d.whole_holder, 1};
    return shared_holders_[domain];
  }
  /// Takes a free domain out of service (a failure, maintenance) or returns it. A domain is
  /// taken down only once its holders are released; down domains are neither free nor busy.
  void set_down(std::uint32_t domain);
  void set_up(std::uint32_t domain);
  [[nodiscard]] bool is_down(std::uint32_t domain) const { return domains_[domain].down != 0; }
  [[nodiscard]] std::int64_t down_domains() const { return down_count_; }

 private:
  struct Pod {
    std::vector<std::uint32_t> whole_free;  // domains with every accelerator free; down ones stay
                                            // as tombstones until popped
    std::size_t live = 0;                   // whole free domains that are not down
  };

  void take_whole(std::uint32_t pod, std::int64_t n, AllocationId id, std::vector<Piece>& out);
  void set_pod_count(std::uint32_t pod, std::size_t before);
  void bucket_insert(std::uint32_t domain);
  void bucket_erase(std::uint32_t domain);
  AllocationId new_allocation();

  static constexpr std::uint32_t kNone = 0xffffffffU;
  // What a placement touches per domain, in one 12-byte record: a job of a thousand domains
  // reads a few hundred cache lines, not five arrays and a heap block per domain.
  struct Domain {
    std::uint16_t free = 0;             // free accelerators
    std::uint8_t down = 0;              // out of service
    std::uint8_t in_stack = 1;          // sits in its pod's whole_free stack
    std::uint32_t pod = 0;              // pod of the domain
    AllocationId whole_holder = kNone;  // the placement holding all of it, if one does
  };

  PartitionShape shape_;
  std::vector<Domain> domains_;
  std::vector<Pod> pods_;
  std::set<std::pair<std::size_t, std::uint32_t>> by_whole_free_;  // (whole free domains, pod)
  // Partially used domains by free count 1..domain_size-1: intrusive doubly linked lists.
  std::vector<std::uint32_t> bucket_head_;
  std::vector<std::uint32_t> next_, prev_;
  std::int64_t free_accelerators_ = 0;
  std::int64_t whole_free_total_ = 0;
  // Placements, recycled so that steady-state scheduling allocates no memory.
  std::vector<std::vector<Piece>> allocations_;
  std::vector<std::uint32_t> tags_;
  std::vector<AllocationId> free_ids_;
  // Per domain, the placements holding part of it (small jobs sharing it); empty when one
  // placement holds it whole (Domain::whole_holder).
  std::vector<std::vector<AllocationId>> shared_holders_;
  std::int64_t down_count_ = 0;
  std::uint32_t pop_whole(std::uint32_t pod);
};

}  // namespace gigasim::cluster
