// Facet ids: the kinds of facet term, the value encoding and the dictionary's metadata keys.
#include "vigil/facet_ids.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vigil::schema {
namespace {

std::vector<std::uint32_t> decode(const std::string& value, bool* whole = nullptr) {
  std::vector<std::uint32_t> ids;
  const bool read = for_each_facet_id(value, [&](std::uint32_t id) { ids.push_back(id); });
  if (whole != nullptr) *whole = read;
  return ids;
}

TEST(FacetIds, KindOfEachFacetTerm) {
  const struct {
    std::string term;
    std::optional<std::size_t> kind;
  } rows[] = {
      {"XOun", 0},
      {"XOx.red_lion_inns", 0},
      {"XPcn.13", 1},
      {"XPg1788869", 1},
      {"Y1987", 2},
      {"M198703", 3},
      {"XM2006", 4},
      {"Len", 5},
      {"Lzh-hant", 5},
      {"XO", std::nullopt},
      {"Y87", std::nullopt},
      {"Y19870", std::nullopt},
      {"M1987", std::nullopt},
      {"M19870a", std::nullopt},
      {"XM200", std::nullopt},
      {"D19870301", std::nullopt},
      {"word", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& row : rows) EXPECT_EQ(facet_id_kind(row.term), row.kind) << row.term;
}

TEST(FacetIds, IdsCarryKindAndNumber) {
  EXPECT_EQ(facet_id(0, 0), 0U);
  EXPECT_EQ(facet_id(5, 3), 43U);
  EXPECT_EQ(facet_id_kind_of(43), 3U);
  EXPECT_EQ(facet_id_seq(43), 5U);
  EXPECT_EQ(facet_id_seq(facet_id(100000, 5)), 100000U);
}

TEST(FacetIds, EncodesSortedDifferencesInSevenBitGroups) {
  const struct {
    std::vector<std::uint32_t> ids;
    std::string value;
  } rows[] = {
      {{}, ""},
      {{0}, std::string(1, '\0')},
      {{5}, "\x05"},
      {{127}, "\x7f"},
      {{128}, "\x80\x01"},
      {{300, 3, 3}, std::string("\x03\xa9\x02", 3)},  // 3, then 297 = 0x129
      {{0xffffffffU}, "\xff\xff\xff\xff\x0f"},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(encode_facet_ids(row.ids), row.value);
    std::vector<std::uint32_t> sorted = row.ids;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    bool whole = false;
    EXPECT_EQ(decode(row.value, &whole), sorted);
    EXPECT_TRUE(whole);
  }
}

TEST(FacetIds, AnIllFormedValueStopsAtTheFirstBadByte) {
  bool whole = true;
  EXPECT_EQ(decode("\x05\x80", &whole), std::vector<std::uint32_t>{5});  // cut short
  EXPECT_FALSE(whole);
  EXPECT_EQ(decode("\x01\xff\xff\xff\xff\xff\x01", &whole), std::vector<std::uint32_t>{1});
  EXPECT_FALSE(whole);  // past 32 bits
}

TEST(FacetIds, ParsesOnlyWholeDecimalNumbers) {
  const struct {
    std::string text;
    std::optional<std::uint32_t> number;
  } rows[] = {
      {"0", 0U},
      {"42", 42U},
      {"4294967295", 4294967295U},
      {"", std::nullopt},
      {"4294967296", std::nullopt},
      {"12a", std::nullopt},
      {"-1", std::nullopt},
      {" 1", std::nullopt},
  };
  for (const auto& row : rows) EXPECT_EQ(parse_facet_number(row.text), row.number) << row.text;
}

TEST(FacetIds, MetadataKeysFitXapiansLimit) {
  EXPECT_EQ(facet_id_key("XOun"), "vigil.fid.XOun");
  EXPECT_EQ(facet_names_key(1, 12), "vigil.fnames.1.12");
  EXPECT_EQ(facet_next_key(4), "vigil.fnext.4");
  const std::string longer(300, 'a');
  const std::string key = facet_id_key("XO" + longer);
  EXPECT_EQ(key.size(), 240U);
  EXPECT_NE(key, facet_id_key("XO" + longer + "b"));  // the hash tells them apart
}

}  // namespace
}  // namespace vigil::schema
