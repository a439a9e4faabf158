#include "query/prefix_terms.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace vigil::query {
namespace {

// A glass index where "Len" is held by 5,000 documents (its posting list spans several chunks,
// which prefix_terms skips) and the other L terms by a few.
class PrefixTerms : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir;
    Xapian::WritableDatabase db(dir_->file("index"), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    for (int i = 0; i < 5000; ++i) {
      Xapian::Document doc;
      doc.add_term("Len");
      if (i % 1000 == 0) doc.add_term("Lar");
      if (i == 7) doc.add_term(std::string("Len\0x", 5));  // a term with a zero byte
      if (i == 9) doc.add_term("Lzh");
      if (i == 11) doc.add_term("Lenx");
      std::string m = "M";
      m += std::to_string(i % 3);
      doc.add_term(m);
      db.add_document(doc);
    }
    db.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static Xapian::Database db() { return Xapian::Database(dir_->file("index")); }
  static test::TempDir* dir_;
};

test::TempDir* PrefixTerms::dir_ = nullptr;

TEST_F(PrefixTerms, EveryTermOfThePrefixOnceInOrder) {
  const std::vector<std::string> expected{"Lar", "Len", std::string("Len\0x", 5), "Lenx", "Lzh"};
  EXPECT_EQ(prefix_terms(db(), "L"), expected);
  EXPECT_EQ(prefix_terms(db(), "Le"),
            (std::vector<std::string>(expected.begin() + 1, expected.begin() + 4)));
  EXPECT_EQ(prefix_terms(db(), "M"), (std::vector<std::string>{"M0", "M1", "M2"}));
  EXPECT_TRUE(prefix_terms(db(), "Q").empty());
}

TEST_F(PrefixTerms, StopsAtTheLimit) {
  EXPECT_EQ(prefix_terms(db(), "L", 2), (std::vector<std::string>{"Lar", "Len"}));
  EXPECT_TRUE(prefix_terms(db(), "L", 0).empty());
}

TEST_F(PrefixTerms, AgreesWithTheAllTermsIterator) {
  std::vector<std::string> all;
  const Xapian::Database index = db();
  for (auto it = index.allterms_begin(); it != index.allterms_end(); ++it) all.push_back(*it);
  EXPECT_EQ(prefix_terms(index, ""), all);
}

}  // namespace
}  // namespace vigil::query
