#include "search/recency.h"

#include <gtest/gtest.h>

namespace vigil::search {
namespace {

TEST(Recency, DaysOfSortableDates) {
  EXPECT_EQ(days_of("19700101"), 0);
  EXPECT_EQ(days_of("19700102"), 1);
  EXPECT_EQ(days_of("20000301"), 11017);
  EXPECT_EQ(days_of("19700100"), 14);   // month known: its 15th
  EXPECT_EQ(days_of("19700000"), 181);  // year known: 1 July
  EXPECT_EQ(days_of("2021"), -1);
  EXPECT_EQ(days_of("2021x101"), -1);
  EXPECT_EQ(days_of("20211301"), -1);
}

TEST(Recency, NewerArticlesWeighMoreAndHalveEveryHalfLife) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* date : {"20200101", "20201227", "20210101"}) {
    Xapian::Document doc;
    doc.add_value(0, date);
    doc.set_data(date);
    db.add_document(doc);
  }
  Xapian::Document undated;
  undated.set_data("none");
  db.add_document(undated);
  Xapian::Enquire enquire(db);
  enquire.set_query(
      Xapian::Query((new RecencySource(0, 2.0, 5.0, days_of("20210101")))->release()));
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  ASSERT_EQ(mset.size(), 3u) << "the undated article gets no bonus";
  EXPECT_EQ(mset.begin().get_document().get_data(), "20210101");
  EXPECT_DOUBLE_EQ(mset.begin().get_weight(), 2.0);
  auto second = mset.begin();
  ++second;
  EXPECT_EQ(second.get_document().get_data(), "20201227");
  EXPECT_DOUBLE_EQ(second.get_weight(), 1.0);  // five days: half
}

}  // namespace
}  // namespace vigil::search
