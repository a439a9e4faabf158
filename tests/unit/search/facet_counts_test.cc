// The flat term table that facet counts are kept in.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>

#include "search/facets.h"

namespace vigil::search {
namespace {

std::map<std::string, std::uint64_t> all_of(const FacetCounts& counts) {
  std::map<std::string, std::uint64_t> all;
  counts.for_each([&](std::string_view term, std::uint64_t count) {
    EXPECT_TRUE(all.emplace(std::string(term), count).second) << term;
  });
  return all;
}

TEST(FacetCounts, CountsEveryTermPastManyGrowths) {
  FacetCounts counts;
  std::map<std::string, std::uint64_t> expected;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 5000; ++i) {
      const std::string term = "XP" + std::to_string(i % (round + 1) == 0 ? i : i * 7);
      counts.add(term);
      ++expected[term];
    }
  }
  counts.add("Y1987", 40);
  expected["Y1987"] += 40;
  EXPECT_EQ(all_of(counts), expected);
  EXPECT_EQ(counts.count("XP0"), 3u);
  EXPECT_EQ(counts.count("XP-1"), 0u);
  EXPECT_FALSE(counts.contains("XP-1"));
}

TEST(FacetCounts, ATermSubtractedToNothingIsNoLongerCounted) {
  FacetCounts counts;
  counts.add("XOun", 5);
  counts.add("XPcn", 2);
  counts.subtract("XOun", 3);
  counts.subtract("XPcn", 9);     // never below nothing
  counts.subtract("XOother", 1);  // never added: no effect
  EXPECT_EQ(all_of(counts), (std::map<std::string, std::uint64_t>{{"XOun", 2}}));
  EXPECT_FALSE(counts.contains("XPcn"));
  EXPECT_FALSE(counts.contains("XOother"));
  counts.add("XPcn");
  EXPECT_EQ(counts.count("XPcn"), 1u);
}

}  // namespace
}  // namespace vigil::search
