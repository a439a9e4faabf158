// Recogniser: an Article -> the facet values it is indexed under, and the names a value is asked
// for by (the facet catalog), on the gazetteer and lists the build generated.
#include "entities/recognise.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace vigil::entities {
namespace {

const Recogniser& recogniser() {
  static const Recogniser r = Recogniser::load(VIGIL_TEST_DATA_DIR);
  return r;
}

Article article(const char* title, const char* text) {
  Article a;
  a.key = "key";
  a.title = title;
  a.main_text = text;
  a.published = PartialDate{2021, 6, 3};
  return a;
}

const EntityRef* find(const std::vector<EntityRef>& values, std::string_view id) {
  const auto it =
      std::find_if(values.begin(), values.end(), [&](const EntityRef& v) { return v.id == id; });
  return it == values.end() ? nullptr : &*it;
}

TEST(Recogniser, ATownBringsItsRegionAndCountry) {
  const ArticleEntities found = recogniser().recognise(
      article("Cotton from Aksu", "Farmers near Aksu in Xinjiang, China, picked cotton."));
  const EntityRef* aksu = find(found.places, "g1529660");
  ASSERT_NE(aksu, nullptr);
  EXPECT_EQ(aksu->label, "Aksu");
  EXPECT_EQ(aksu->parent, "cn.13");
  EXPECT_TRUE(aksu->mentioned);
  const EntityRef* xinjiang = find(found.places, "cn.13");
  ASSERT_NE(xinjiang, nullptr);
  EXPECT_EQ(xinjiang->parent, "cn");
  ASSERT_NE(find(found.places, "cn"), nullptr);
}

TEST(Recogniser, EnclosingPlacesNotNamedAreMarkedSo) {
  const ArticleEntities found =
      recogniser().recognise(article("", "Police in Urumqi detained three men on Thursday."));
  const EntityRef* xinjiang = find(found.places, "cn.13");
  ASSERT_NE(xinjiang, nullptr);
  EXPECT_FALSE(xinjiang->mentioned);
  // Each place is listed once, even when named and enclosing.
  std::vector<std::string> ids;
  for (const EntityRef& p : found.places) ids.push_back(p.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
}

TEST(Recogniser, ReadsTheTitleAndResolvesDatesAgainstPublication) {
  const ArticleEntities found = recogniser().recognise(
      article("UN report on Xinjiang", "The report, due in mid-May 2022, was delayed last year."));
  ASSERT_NE(find(found.organisations, "un"), nullptr);
  EXPECT_NE(std::find(found.dates.begin(), found.dates.end(), PartialDate{2022, 5, 0}),
            found.dates.end());
  EXPECT_NE(std::find(found.dates.begin(), found.dates.end(), PartialDate{2020, 0, 0}),
            found.dates.end());
}

TEST(Recogniser, AliasesCarryEveryNameAndRankCountriesAboveTowns) {
  const auto names = [](const std::vector<FacetAlias>& aliases) {
    std::vector<std::string> out;
    out.reserve(aliases.size());
    for (const FacetAlias& a : aliases) out.push_back(a.name);
    return out;
  };
  const std::vector<FacetAlias> xinjiang = recogniser().aliases("place", "cn.13", "Xinjiang");
  const std::vector<std::string> xinjiang_names = names(xinjiang);
  for (const char* name : {"Xinjiang", "Sinkiang", "XUAR", "新疆"}) {
    EXPECT_NE(std::find(xinjiang_names.begin(), xinjiang_names.end(), name), xinjiang_names.end())
        << name;
  }
  const std::int64_t country = recogniser().aliases("place", "jo", "Jordan").front().rank;
  const std::vector<FacetAlias> town = recogniser().aliases("place", "g5659996", "Jordan");
  ASSERT_GT(town.size(), 1u);  // "Jordan" and "Alibi"
  for (const FacetAlias& a : town) EXPECT_LT(a.rank, country);
  const std::vector<std::string> un = names(recogniser().aliases("org", "un", "United Nations"));
  EXPECT_NE(std::find(un.begin(), un.end(), "UN"), un.end());
  // A value not in the lists answers to its label.
  EXPECT_EQ(names(recogniser().aliases("org", "x.global_policy_council", "Global Policy Council")),
            std::vector<std::string>{"Global Policy Council"});
}

}  // namespace
}  // namespace vigil::entities
