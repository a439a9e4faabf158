#include "entities/places.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "entities/gazetteer.h"
#include "place_ids.h"

namespace vigil::entities {
namespace {

using test::gazetteer;
using test::place_ids;

struct PlaceCase {
  const char* name;
  const char* text;
  std::set<std::string> ids;
};

class FindPlaces : public testing::TestWithParam<PlaceCase> {};

TEST_P(FindPlaces, FindsExactlyThesePlaces) {
  EXPECT_EQ(place_ids(GetParam().text), GetParam().ids) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Texts, FindPlaces,
    testing::Values(
        PlaceCase{"CityAndRegion",
                  "Workers in Aksu, Xinjiang, said they were paid.",
                  {"g1529660", "cn.13"}},
        PlaceCase{"OldNamesAndAliases",
                  "Sinkiang, Kiev and Kyiv; Britain and the U.S.",
                  {"cn.13", "g703448", "gb", "us"}},
        PlaceCase{"CountryNamesThatAreWords",
                  "Britain, Germany and Turkey demanded access.",
                  {"gb", "de", "tr"}},
        PlaceCase{"PersonNotCountry", "Jordan Henderson scored twice.", {}},
        PlaceCase{"SurnameAfterAnUnknownName",
                  "Turkey's Minister of Trade Cahit Aral said so. Paul Haarhuis won.",
                  {"tr"}},
        PlaceCase{"CountryAfterPreposition", "The convoy crossed into Jordan on Monday.", {"jo"}},
        PlaceCase{"NewspaperNotCity", "The Washington Post reported it first.", {}},
        PlaceCase{
            "BasedIsALocationCue", "the Washington-based Centre for Global Policy", {"g4140963"}},
        PlaceCase{"CommonWordAtSentenceStart", "Nice work. Reading the report took hours.", {}},
        PlaceCase{"CommonWordWithCue", "They met in Nice, France.", {"g2990440", "fr"}},
        PlaceCase{"MonthsAreDates", "In March the talks resumed; in May they ended.", {}},
        PlaceCase{"CapitalsAreNotTowns", "The UN and the EU said so.", {}},
        PlaceCase{"LowerCaseIsNoPlace", "a turkey, some china and a jordan almond", {}},
        PlaceCase{"TitleBeforeName", "President Chad Smith spoke.", {}},
        PlaceCase{"OneDemonymIsWeak", "Chinese officials declined to comment.", {}},
        PlaceCase{"TwoDemonymsCount", "Chinese officials and Chinese companies.", {"cn"}},
        PlaceCase{"Possessive", "China's foreign ministry replied.", {"cn"}},
        PlaceCase{"FocusCountryDisambiguates",
                  "In China, officials in Aksu said so.",
                  {"cn", "g1529660"}},
        PlaceCase{"TownNextToAPersonName", "A goal by Paul Collins and Michael Smith.", {}},
        PlaceCase{"SmallTownIsNoEvidenceForItself", "English teachers and English schools.", {}},
        PlaceCase{"DatelineInCapitals", "BONN, Aug 30 - The talks ended.", {"g2946447"}},
        PlaceCase{"Empty", "", {}}),
    [](const testing::TestParamInfo<PlaceCase>& param) { return std::string(param.param.name); });

TEST(Places, HierarchyReachesTheCountry) {
  const std::vector<FoundPlace> found = find_places("Aksu", gazetteer());
  ASSERT_EQ(found.size(), 1U);
  std::vector<std::string> chain;
  for (const std::int32_t p : with_ancestors(gazetteer(), found.front().place)) {
    chain.push_back(gazetteer().place(p).id);
  }
  EXPECT_EQ(chain, (std::vector<std::string>{"g1529660", "cn.13", "cn"}));
}

TEST(Places, OneSensePerNameAndMentionOffsets) {
  const std::string text = "Aksu is in Xinjiang. Later, Aksu again.";
  const std::vector<FoundPlace> found = find_places(text, gazetteer());
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(gazetteer().place(found[0].place).id, "g1529660");
  ASSERT_EQ(found[0].mentions.size(), 2U);
  EXPECT_EQ(found[0].mentions[0].start, 0U);
  EXPECT_EQ(found[0].mentions[1].start, text.rfind("Aksu"));
}

TEST(Gazetteer, WordsAndKeys) {
  EXPECT_EQ(name_key("Washington, D.C."), "washington d.c.");
  EXPECT_EQ(name_key("ÜRÜMQI"), "ürümqi");
  EXPECT_EQ(name_key("Cox's Bazar"), "cox bazar");  // the possessive is not part of a name
  EXPECT_EQ(name_key("China's"), "china");
  EXPECT_EQ(name_key("Côte d'Ivoire"), "côte d'ivoire");
  EXPECT_EQ(name_key("Mr. Smith"), "mr smith");
  EXPECT_TRUE(gazetteer().common_word("west"));
  EXPECT_FALSE(gazetteer().common_word("xinjiang"));
}

TEST(Gazetteer, MissingDataSaysHowToGetIt) {
  try {
    Gazetteer::load("/nonexistent");
    FAIL() << "expected an error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/places.tsv"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace vigil::entities
