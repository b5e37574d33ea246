#include "gigasim/cluster/allocator.hpp"

#include <algorithm>

#include "gigasim/core/errors.hpp"

namespace gigasim::cluster {

Allocator::Allocator(PartitionShape shape) : shape_(shape) {
  core::ensure(shape.domain_size >= 1 && shape.domain_size < 65535, "domain size out of range");
  const auto n = static_cast<std::size_t>(shape.domains);
  const std::int64_t per_pod =
      shape.domains_per_pod > 0 ? shape.domains_per_pod : std::max<std::int64_t>(1, shape.domains);
  const auto pods =
      static_cast<std::size_t>(shape.domains == 0 ? 0 : (shape.domains + per_pod - 1) / per_pod);
  domains_.resize(n);
  pods_.resize(pods);
  for (std::size_t d = 0; d < n; ++d) {
    domains_[d].free = static_cast<std::uint16_t>(shape.domain_size);
    domains_[d].pod = static_cast<std::uint32_t>(d / static_cast<std::size_t>(per_pod));
  }
  // Whole-free stacks hold the lowest domain on top, so placements fill a pod in order.
  for (std::size_t d = n; d-- > 0;)
    pods_[domains_[d].pod].whole_free.push_back(static_cast<std::uint32_t>(d));
  for (std::uint32_t p = 0; p < pods; ++p) {
    pods_[p].live = pods_[p].whole_free.size();
    by_whole_free_.emplace(pods_[p].live, p);
  }
  shared_holders_.resize(n);
  bucket_head_.assign(static_cast<std::size_t>(shape.domain_size), kNone);
  next_.assign(n, kNone);
  prev_.assign(n, kNone);
  free_accelerators_ = shape.domains * shape.domain_size;
  whole_free_total_ = shape.domains;
}

std::int64_t Allocator::footprint(std::int64_t accelerators) const {
  const std::int64_t d = shape_.domain_size;
  return accelerators > d ? (accelerators + d - 1) / d * d : accelerators;
}

bool Allocator::fits(std::int64_t accelerators) const {
  const std::int64_t d = shape_.domain_size;
  if (accelerators <= 0) return true;
  if (accelerators > d) return (accelerators + d - 1) / d <= whole_free_total_;
  if (whole_free_total_ > 0) return true;
  for (std::int64_t f = accelerators; f < d; ++f) {
    if (bucket_head_[static_cast<std::size_t>(f)] != kNone) return true;
  }
  return false;
}

void Allocator::bucket_insert(std::uint32_t domain) {
  const std::size_t f = domains_[domain].free;
  next_[domain] = bucket_head_[f];
  prev_[domain] = kNone;
  if (bucket_head_[f] != kNone) prev_[bucket_head_[f]] = domain;
  bucket_head_[f] = domain;
}

void Allocator::bucket_erase(std::uint32_t domain) {
  const std::size_t f = domains_[domain].free;
  if (prev_[domain] != kNone) {
    next_[prev_[domain]] = next_[domain];
  } else {
    bucket_head_[f] = next_[domain];
  }
  if (next_[domain] != kNone) prev_[next_[domain]] = prev_[domain];
  next_[domain] = prev_[domain] = kNone;
}

void Allocator::set_pod_count(std::uint32_t pod, std::size_t before) {
  by_whole_free_.erase({before, pod});
  by_whole_free_.emplace(pods_[pod].live, pod);
}

// The next live whole free domain of a pod, skipping the tombstones of down domains.
std::uint32_t Allocator::pop_whole(std::uint32_t pod) {
  auto& stack = pods_[pod].whole_free;
  while (true) {
    const std::uint32_t d = stack.back();
    stack.pop_back();
    domains_[d].in_stack = 0;
    if (!domains_[d].down) return d;
  }
}

void Allocator::take_whole(std::uint32_t pod, std::int64_t n, AllocationId id,
                           std::vector<Piece>& out) {
  const std::size_t before = pods_[pod].live;
  for (std::int64_t i = 0; i < n; ++i) {
    const std::uint32_t d = pop_whole(pod);
    domains_[d].free = 0;
    domains_[d].whole_holder = id;
    out.push_back({d, static_cast<std::uint16_t>(shape_.domain_size)});
  }
  pods_[pod].live -= static_cast<std::size_t>(n);
  whole_free_total_ -= n;
  set_pod_count(pod, before);
}

void Allocator::set_down(std::uint32_t domain) {
  Domain& d = domains_[domain];
  core::ensure(d.whole_holder == kNone && shared_holders_[domain].empty() &&
                   d.free == shape_.domain_size && !d.down,
               "allocator: only a free domain can be taken down");
  const std::uint32_t pod = d.pod;
  const std::size_t before = pods_[pod].live;
  d.down = 1;
  ++down_count_;
  --pods_[pod].live;
  --whole_free_total_;
  free_accelerators_ -= shape_.domain_size;
  set_pod_count(pod, before);
}

void Allocator::set_up(std::uint32_t domain) {
  Domain& d = domains_[domain];
  core::ensure(d.down != 0, "allocator: the domain is not down");
  const std::uint32_t pod = d.pod;
  const std::size_t before = pods_[pod].live;
  d.down = 0;
  --down_count_;
  if (!d.in_stack) {
    pods_[pod].whole_free.push_back(domain);
    d.in_stack = 1;
  }
  ++pods_[pod].live;
  ++whole_free_total_;
  free_accelerators_ += shape_.domain_size;
  set_pod_count(pod, before);
}

AllocationId Allocator::new_allocation() {
  if (!free_ids_.empty()) {
    const AllocationId id = free_ids_.back();
    free_ids_.pop_back();
    return id;
  }
  allocations_.emplace_back();
  tags_.push_back(0);
  return static_cast<AllocationId>(allocations_.size() - 1);
}

std::optional<AllocationId> Allocator::allocate(std::int64_t accelerators, std::uint32_t tag) {
  if (accelerators <= 0 || !fits(accelerators)) return std::nullopt;
  const std::int64_t d = shape_.domain_size;
  const AllocationId id = new_allocation();
  tags_[id] = tag;
  std::vector<Piece>& pieces = allocations_[id];
  pieces.clear();
  if (accelerators > d) {
    std::int64_t need = (accelerators + d - 1) / d;
    // Best fit: the pod with the fewest whole free domains that still holds the job.
    const auto it = by_whole_free_.lower_bound({static_cast<std::size_t>(need), 0});
    if (it != by_whole_free_.end()) {
      take_whole(it->second, need, id, pieces);
    } else {
      // Fewest pods: the fullest-free pods first.
      while (need > 0) {
        const auto best = std::prev(by_whole_free_.end());
        const auto take = std::min<std::int64_t>(need, static_cast<std::int64_t>(best->first));
        take_whole(best->second, take, id, pieces);
        need -= take;
      }
    }
    free_accelerators_ -= static_cast<std::int64_t>(pieces.size()) * d;
    return id;
  }
  // Small job: the partially used domain with the least sufficient free count, else a whole
  // domain from the pod with the fewest whole free domains (keeping large pods intact).
  for (std::int64_t f = accelerators; f < d; ++f) {
    const std::uint32_t dom = bucket_head_[static_cast<std::size_t>(f)];
    if (dom == kNone) continue;
    bucket_erase(dom);
    domains_[dom].free = static_cast<std::uint16_t>(domains_[dom].free - accelerators);
    if (domains_[dom].free > 0) bucket_insert(dom);
    pieces.push_back({dom, static_cast<std::uint16_t>(accelerators)});
    free_accelerators_ -= accelerators;
    shared_holders_[dom].push_back(id);
    return id;
  }
  const auto it = by_whole_free_.lower_bound({1, 0});
  core::ensure(it != by_whole_free_.end(), "allocator: fits() promised a whole domain");
  const std::uint32_t pod = it->second;
  const std::size_t before = pods_[pod].live;
  const std::uint32_t dom = pop_whole(pod);
  --pods_[pod].live;
  --whole_free_total_;
  set_pod_count(pod, before);
  domains_[dom].free = static_cast<std::uint16_t>(d - accelerators);
  if (domains_[dom].free > 0) {
    bucket_insert(dom);
    shared_holders_[dom].push_back(id);
  } else {
    domains_[dom].whole_holder = id;
  }
  pieces.push_back({dom, static_cast<std::uint16_t>(accelerators)});
  free_accelerators_ -= accelerators;
  return id;
}

void Allocator::release(AllocationId id) {
  core::ensure(id < allocations_.size(), "allocator: unknown allocation");
  const std::int64_t d = shape_.domain_size;
  // Whole domains come back pod by pod: the ordered set of pods is updated once per pod.
  std::uint32_t open_pod = kNone;
  std::size_t open_before = 0;
  const auto flush = [&] {
    if (open_pod != kNone) set_pod_count(open_pod, open_before);
    open_pod = kNone;
  };
  for (const Piece& p : allocations_[id]) {
    const std::uint32_t dom = p.domain;
    Domain& state = domains_[dom];
    if (state.whole_holder == id) {
      state.whole_holder = kNone;
    } else {
      auto& h = shared_holders_[dom];
      h.erase(std::find(h.begin(), h.end(), id));
    }
    if (state.free > 0) bucket_erase(dom);  // it was partially used
    state.free = static_cast<std::uint16_t>(state.free + p.count);
    free_accelerators_ += p.count;
    if (state.free == d) {
      const std::uint32_t pod = state.pod;
      if (pod != open_pod) {
        flush();
        open_pod = pod;
        open_before = pods_[pod].live;
      }
      if (!state.in_stack) {
        pods_[pod].whole_free.push_back(dom);
        state.in_stack = 1;
      }
      ++pods_[pod].live;
      ++whole_free_total_;
    } else {
      bucket_insert(dom);
    }
  }
  flush();
  allocations_[id].clear();
  free_ids_.push_back(id);
}

int Allocator::pods_spanned(AllocationId id) const {
  int count = 0;
  std::uint32_t last = 0xffffffffU;
  std::vector<std::uint32_t> seen;
  for (const Piece& p : allocations_[id]) {
    const std::uint32_t pod = domains_[p.domain].pod;
    if (pod != last && std::find(seen.begin(), seen.end(), pod) == seen.end()) {
      seen.push_back(pod);
      ++count;
    }
    last = pod;
  }
  return count;
}

}  // namespace gigasim::cluster
