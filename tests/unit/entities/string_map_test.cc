#include "entities/string_map.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace vigil::entities {
namespace {

TEST(StringMap, InsertsFindsAndKeepsInsertionOrder) {
  StringMap<int> map;
  EXPECT_EQ(map.find("xinjiang"), nullptr);  // empty: no table yet
  const auto [value, added] = map.try_emplace("xinjiang");
  ASSERT_TRUE(added);
  *value = 13;
  map["aksu"] = 7;
  map[""] = 1;  // the empty key is a key like any other
  const auto [again, added_again] = map.try_emplace("xinjiang");
  EXPECT_FALSE(added_again);
  EXPECT_EQ(*again, 13);
  ASSERT_NE(map.find("aksu"), nullptr);
  EXPECT_EQ(*map.find("aksu"), 7);
  EXPECT_EQ(*map.find(""), 1);
  EXPECT_FALSE(map.contains("aks"));
  EXPECT_FALSE(map.contains("aksu "));
  EXPECT_EQ(map.size(), 3u);
  std::vector<std::string> keys;
  map.for_each([&](std::string_view key, int) { keys.emplace_back(key); });
  EXPECT_EQ(keys, (std::vector<std::string>{"xinjiang", "aksu", ""}));
}

// Against std::map, through growth past its reservation, with keys that share prefixes and
// lengths.
TEST(StringMap, AgreesWithStdMapThroughGrowth) {
  StringMap<std::uint32_t> map;
  map.reserve(100);
  std::map<std::string, std::uint32_t> reference;
  std::uint32_t state = 2463534242U;
  for (std::uint32_t round = 0; round < 50000; ++round) {
    state ^= state << 13U;
    state ^= state >> 17U;
    state ^= state << 5U;
    const std::string key = "name " + std::to_string(state % 20000);
    if (round % 3 == 0) {
      EXPECT_EQ(map.find(key) != nullptr, reference.contains(key)) << key;
      continue;
    }
    map[key] += round;
    reference[key] += round;
  }
  EXPECT_EQ(map.size(), reference.size());
  for (const auto& [key, value] : reference) {
    const std::uint32_t* found = map.find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, value) << key;
  }
  std::size_t visited = 0;
  map.for_each([&](std::string_view key, std::uint32_t value) {
    ++visited;
    EXPECT_EQ(reference.at(std::string(key)), value);
  });
  EXPECT_EQ(visited, reference.size());
}

TEST(StringSet, HoldsEachKeyOnce) {
  StringSet set;
  for (const char* word : {"west", "march", "west", "centre", "March"}) set.insert(word);
  EXPECT_EQ(set.size(), 4u);
  EXPECT_TRUE(set.contains("west"));
  EXPECT_TRUE(set.contains("March"));
  EXPECT_FALSE(set.contains("centr"));
}

}  // namespace
}  // namespace vigil::entities
