#include "search/spelling.h"

#include <gtest/gtest.h>

#include "vigil/stemmer.h"

namespace vigil::search {
namespace {

struct DistanceCase {
  const char* a;
  const char* b;
  std::size_t limit;
  std::size_t expected;
};

class EditDistance : public testing::TestWithParam<DistanceCase> {};

TEST_P(EditDistance, CountsEditsUpToTheLimit) {
  EXPECT_EQ(edit_distance(GetParam().a, GetParam().b, GetParam().limit), GetParam().expected);
  EXPECT_EQ(edit_distance(GetParam().b, GetParam().a, GetParam().limit), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, EditDistance,
    testing::Values(DistanceCase{"xinjiang", "xinjiang", 2, 0},
                    DistanceCase{"xinjang", "xinjiang", 2, 1},     // a letter missing
                    DistanceCase{"labuor", "labour", 2, 1},        // two letters swapped
                    DistanceCase{"cofee", "coffee", 2, 1},         // a letter missing
                    DistanceCase{"detension", "detention", 2, 1},  // a letter changed
                    DistanceCase{"kitten", "sitting", 2, 3},       // past the limit: limit + 1
                    DistanceCase{"a", "abcdef", 2, 3},             // lengths too far apart
                    DistanceCase{"", "ab", 2, 2}));

Xapian::WritableDatabase vocabulary() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator generator;
  generator.set_stemmer(analysis::language_stemmer("en"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  for (const char* text : {"Forced labour in Xinjiang", "Labour camps in Xinjiang", "Coffee prices",
                           "Labor laws", "Uygur region", "Xinjiang cotton"}) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(text);
    doc.add_boolean_term("Len");  // English documents: their stems are searched
    db.add_document(doc);
  }
  return db;
}

TEST(Suggest, CorrectsUnknownWordsFromTheIndex) {
  const Xapian::WritableDatabase db = vocabulary();
  EXPECT_EQ(suggest(db, "xinjang", "L"), "xinjiang");
  EXPECT_EQ(suggest(db, "Forced labuor in Xinjang", "L"), "Forced labour in xinjiang");
  EXPECT_EQ(suggest(db, "\"cofee prices\"", "L"), "\"coffee prices\"");
}

TEST(Suggest, LeavesKnownWordsFieldsOperatorsAndWildcardsAlone) {
  const Xapian::WritableDatabase db = vocabulary();
  for (const char* query :
       {"xinjiang cotton", "labours", "uighur", "title:xinjang", "place:\"Xinjang province\"",
        "xinjiang AND cotton", "xinj*", "cofee2", "zzzzzzzzz", "ab"}) {
    EXPECT_EQ(suggest(db, query, "L"), "") << query;
  }
}

TEST(Suggest, PrefersTheMoreFrequentOfEqualCandidates) {
  // "labuor" is one edit from "labour" (2 documents) and two from "labor" (1).
  EXPECT_EQ(suggest(vocabulary(), "labuor", "L"), "labour");
}

}  // namespace
}  // namespace vigil::search
