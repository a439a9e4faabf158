#include "search/postings_bound.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

namespace vigil::search {
namespace {

// Ten documents: "common" in all, "rare" in two, "mid" in five; a value in slot 0 for each.
Xapian::Database make_db() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 10; ++i) {
    Xapian::Document doc;
    doc.add_term("common");
    if (i < 2) doc.add_term("rare");
    if (i % 2 == 0) doc.add_term("mid");
    doc.add_value(0, std::to_string(i));
    db.add_document(doc);
  }
  return db;
}

struct BoundCase {
  const char* name;
  Xapian::Query query;
  std::uint64_t bound;
};

TEST(PostingsBound, SumsTheTermsAndCountsEveryDocumentForWhatMayVisitThemAll) {
  const Xapian::Database db = make_db();
  const Xapian::Query rare("rare");
  const Xapian::Query mid("mid");
  const Xapian::Query common("common");
  const std::vector<BoundCase> cases{
      {"term", rare, 2},
      {"absent term", Xapian::Query("absent"), 0},
      {"and", Xapian::Query(Xapian::Query::OP_AND, rare, mid), 7},
      {"or", Xapian::Query(Xapian::Query::OP_OR, rare, common), 12},
      {"phrase", Xapian::Query(Xapian::Query::OP_PHRASE, mid, common), 15},
      {"synonym", Xapian::Query(Xapian::Query::OP_SYNONYM, rare, rare), 4},
      {"scaled", Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, mid, 2.0), 5},
      {"match all", Xapian::Query::MatchAll, 10},
      {"match nothing", Xapian::Query::MatchNothing, 0},
      {"value range", Xapian::Query(Xapian::Query::OP_VALUE_RANGE, 0, "1", "3"), 10},
      {"filtered range",
       Xapian::Query(Xapian::Query::OP_FILTER, rare,
                     Xapian::Query(Xapian::Query::OP_VALUE_GE, 0, "5")),
       12},
      {"posting source",
       Xapian::Query(Xapian::Query::OP_AND_MAYBE, rare,
                     Xapian::Query((new Xapian::FixedWeightPostingSource(1.0))->release())),
       12},
      {"wildcard", Xapian::Query(Xapian::Query::OP_WILDCARD, "ra"),
       std::numeric_limits<std::uint64_t>::max()},
      {"wildcard or term",
       Xapian::Query(Xapian::Query::OP_OR, common, Xapian::Query(Xapian::Query::OP_WILDCARD, "m")),
       std::numeric_limits<std::uint64_t>::max()},
  };
  for (const BoundCase& c : cases) EXPECT_EQ(postings_bound(db, c.query), c.bound) << c.name;
}

TEST(PostingsBound, SmallQueriesRunUntimedAndLargeOnesTimed) {
  const Xapian::Database db = make_db();
  const Xapian::Query common("common");  // 10 postings
  EXPECT_FALSE(needs_time_limit(db, common, 0)) << "no limit asked";
  EXPECT_FALSE(needs_time_limit(db, common, 2.0)) << "10 postings, 20,000 allowed";
  EXPECT_TRUE(needs_time_limit(db, common, 0.0005)) << "10 postings, 5 allowed";
  EXPECT_TRUE(needs_time_limit(db, common, 1e-9));
  EXPECT_FALSE(needs_time_limit(db, Xapian::Query::MatchNothing, 1e-9));
  EXPECT_TRUE(needs_time_limit(db, Xapian::Query(Xapian::Query::OP_WILDCARD, "co"), 1000.0));
}

}  // namespace
}  // namespace vigil::search
