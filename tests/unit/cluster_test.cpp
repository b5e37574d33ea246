#include <gtest/gtest.h>

#include <vector>

#include "gigasim/cluster/allocator.hpp"
#include "gigasim/core/rng.hpp"

namespace gigasim::cluster {
namespace {

TEST(Allocator, LargeJobsTakeWholeDomainsInOnePod) {
  Allocator a({8, 64, 16});         // 4 pods of 16 DGX-like domains
  const auto id = a.allocate(100);  // 13 domains
  ASSERT_TRUE(id);
  EXPECT_EQ(a.free_accelerators(), 64 * 8 - 13 * 8);
  EXPECT_EQ(a.footprint(100), 104);
  EXPECT_EQ(a.pods_spanned(*id), 1);
  a.release(*id);
  EXPECT_EQ(a.free_accelerators(), 512);
  EXPECT_EQ(a.whole_free_domains(), 64);
}

TEST(Allocator, BestFitPodKeepsLargePodsWhole) {
  Allocator a({8, 64, 16});
  const auto big = a.allocate(12 * 8);  // pod 0 keeps 4 whole domains
  ASSERT_TRUE(big);
  const auto small = a.allocate(3 * 8);  // best fit: the pod with 4 free, not an empty one
  ASSERT_TRUE(small);
  EXPECT_EQ(a.pods_spanned(*small), 1);
  // Three untouched pods remain for a 48-domain job spanning exactly three pods.
  const auto huge = a.allocate(48 * 8);
  ASSERT_TRUE(huge);
  EXPECT_EQ(a.pods_spanned(*huge), 3);
  EXPECT_FALSE(a.allocate(8 * 2));  // one domain left in pod 0 only
}

TEST(Allocator, SmallJobsShareDomainsBestFit) {
  Allocator a({8, 4, 0});
  const auto j1 = a.allocate(5);
  const auto j2 = a.allocate(3);  // fits the 3 left in j1's domain
  ASSERT_TRUE(j1 && j2);
  EXPECT_EQ(a.whole_free_domains(), 3);
  const auto j3 = a.allocate(2);
  ASSERT_TRUE(j3);
  EXPECT_EQ(a.whole_free_domains(), 2);
  const auto j4 = a.allocate(6);  // best fit: the domain with 6 free, not a new one
  ASSERT_TRUE(j4);
  EXPECT_EQ(a.whole_free_domains(), 2);
  a.release(*j1);
  a.release(*j2);
  EXPECT_EQ(a.whole_free_domains(), 3);
}

TEST(Allocator, FragmentationBlocksAlignedJobsUntilDomainsFree) {
  Allocator a({72, 4, 0});  // four NVL72 racks
  std::vector<AllocationId> singles;
  for (int i = 0; i < 4; ++i)
    singles.push_back(*a.allocate(1));  // one GPU... in one rack (best fit)
  EXPECT_EQ(a.whole_free_domains(), 3);
  EXPECT_TRUE(a.fits(144));  // two whole racks
  EXPECT_FALSE(a.fits(216 + 72));
  EXPECT_EQ(a.free_accelerators(), 288 - 4);
}

TEST(Allocator, RandomWorkloadKeepsCountsConsistent) {
  Allocator a({8, 256, 32});
  core::RandomStream rng(7, "alloc");
  std::vector<std::pair<AllocationId, std::int64_t>> live;
  std::int64_t used = 0;
  for (int step = 0; step < 20000; ++step) {
    if (!live.empty() && rng.uniform() < 0.5) {
      const auto k = rng.below(live.size());
      a.release(live[k].first);
      used -= a.footprint(live[k].second);
      live[k] = live.back();
      live.pop_back();
    } else {
      const std::int64_t size = std::int64_t{1} << rng.below(8);  // 1..128
      if (const auto id = a.allocate(size)) {
        live.emplace_back(*id, size);
        used += a.footprint(size);
      } else {
        ASSERT_FALSE(a.fits(size));
      }
    }
    ASSERT_EQ(a.free_accelerators(), 2048 - used);
  }
}

}  // namespace
}  // namespace gigasim::cluster
