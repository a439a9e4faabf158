#include "index/clusters.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "index/simhash.h"
#include "stories_for_test.h"
#include "support/temp_dir.h"
#include "vigil/record.h"
#include "vigil/text.h"

namespace vigil::index {
namespace {

// Documents carrying only what ClusterFinder reads: the unique-id term, the date value, the
// fingerprint value and band terms, the stored text, and (after assign) the key. The
// fingerprints are made up, so that distances are exact.
struct Entry {
  const char* key;
  std::uint64_t fingerprint;  // 0: no fingerprint (a short text)
  const char* date;           // the date value: "YYYYMMDD", "00" unknown; "" none
  const char* cluster;        // expected: the founder it joins, itself, or "" (none)
};

// The unique-id term of `key` (built by appending: GCC 12 warns falsely on "Q" + std::string).
std::string id_term(const char* key) {
  std::string term = "Q";
  term += key;
  return term;
}

class ClusterTable : public testing::Test {
 protected:
  void add(const Entry& entry, const std::string& text = "") {
    const schema::Schema& schema = schema::Schema::builtin();
    Xapian::Document doc;
    StoredRecord record;
    record.key = entry.key;
    record.text = text;
    doc.set_data(encode_record(record));
    const std::string id = id_term(entry.key);
    doc.add_boolean_term(id);
    if (*entry.date != '\0') {
      doc.add_value(static_cast<Xapian::valueno>(schema.require("date").slot), entry.date);
    }
    if (entry.fingerprint != 0) {
      for (const std::string& band :
           simhash_bands(schema.require("simhash").prefix, entry.fingerprint)) {
        doc.add_boolean_term(band);
      }
      doc.add_value(static_cast<Xapian::valueno>(schema.require("simhash").slot),
                    hex64(entry.fingerprint));
    }
    Xapian::docid replacing = 0;
    if (const auto it = ids_.find(entry.key); it != ids_.end()) replacing = it->second;
    const std::string key = finder_.assign(db_, doc, id, replacing);
    // A founder has no key until a copy joins it, and keeps it when it is rewritten and founds
    // again; a copy has its founder's key, which the founder then has too.
    const std::string cluster = entry.cluster;
    std::string expected;
    if (cluster != entry.key) keyed_.erase(entry.key);  // its own key, if any, is gone
    if (!cluster.empty() && cluster != entry.key) {
      expected = ClusterFinder::founder_key(id_term(entry.cluster));
      keyed_.insert(cluster);
    } else if (!cluster.empty() && keyed_.contains(cluster)) {
      expected = ClusterFinder::founder_key(id);
    }
    EXPECT_EQ(key, expected) << entry.key << " should be in " << entry.cluster;
    EXPECT_EQ(doc.get_value(finder_.key_slot()), key) << entry.key;
    if (replacing != 0) {
      db_.replace_document(replacing, doc);
    } else {
      ids_[entry.key] = db_.add_document(doc);
    }
    if (!expected.empty() && cluster != entry.key) {
      EXPECT_EQ(stored_key(entry.cluster), expected) << "founder " << entry.cluster;
    }
  }

  // The key stored in the index for the document with `key`.
  std::string stored_key(const std::string& key) {
    return db_.get_document(ids_.at(key)).get_value(finder_.key_slot());
  }

  test::TempDir dir_;
  Xapian::WritableDatabase db_{dir_.file("db"), Xapian::DB_CREATE};
  ClusterFinder finder_{schema::Schema::builtin()};
  std::map<std::string, Xapian::docid> ids_;
  std::set<std::string> keyed_;  // founders a copy has joined
};

constexpr std::uint64_t kA = 0x0123456789abcdefULL;
constexpr std::uint64_t kB = 0xfedcba9876543210ULL;  // 64 bits from kA

TEST_F(ClusterTable, JoinsTheClosestFounderOfNearCopies) {
  const Entry kEntries[] = {
      {"a", kA, "20210603", "a"},                      // founds
      {"a-copy", kA ^ 0x7, "20210603", "a"},           // 3 bits: a copy
      {"a-far", kA ^ 0xf, "20210603", "a-far"},        // 4 bits: not a copy of a
      {"b", kB, "20210603", "b"},                      // unrelated
      {"b-copy", kB ^ (1ULL << 63), "", "b"},          // no date: dates do not keep it apart
      {"short", 0, "20210603", ""},                    // no fingerprint, no cluster
      {"a-copy-2", kA ^ 0x18, "20210604", "a"},        // 2 bits from a, 4 from a-far: a
      {"a-far-copy", kA ^ 0x1f, "20210603", "a-far"},  // 5 bits from a, 1 from a-far
  };
  for (const Entry& entry : kEntries) add(entry);
}

TEST_F(ClusterTable, CopiesChainToTheirFounderOnly) {
  // c is within 3 bits of b, b of a, but c is 6 bits from a: b joined a, and only founders are
  // joined, so c founds its own cluster rather than drift into a's.
  const Entry kEntries[] = {
      {"a", kA, "20210603", "a"},
      {"b", kA ^ 0x7, "20210603", "a"},
      {"c", kA ^ 0x3f, "20210603", "c"},
  };
  for (const Entry& entry : kEntries) add(entry);
}

TEST_F(ClusterTable, ReportsRepeatedDaysApartAreNotCopies) {
  const Entry kEntries[] = {
      {"mon", kA, "20210607", "mon"},
      {"wed", kA, "20210609", "mon"},  // 2 days: a copy sent again
      {"thu", kA, "20210610", "thu"},  // 3 days from mon: the next report
      {"next-month", kA, "20210707", "next-month"},
      {"month-only", kA, "20210700", "mon"},  // day unknown: the date does not decide
      {"year-end", kA, "20211231", "year-end"},
      {"new-year", kA, "20220101", "year-end"},  // 1 day, across a year
  };
  for (const Entry& entry : kEntries) add(entry);
}

TEST_F(ClusterTable, FurtherFingerprintsAreCopiesOnlyWhenTheTextsResemble) {
  std::string edited = test_stories::kCourtStory;
  edited.replace(edited.find("Tuesday"), 7, "Monday");
  add({"a", kA, "20210603", "a"}, test_stories::kCourtStory);
  add({"edited", kA ^ 0x3f, "20210603", "a"}, edited);  // 6 bits, one word changed: a copy
  add({"other", kA ^ 0x3f0, "20210603", "other"}, test_stories::kDroughtStory);  // 6 bits
  add({"far", kA ^ 0x1fff, "20210603", "far"}, test_stories::kCourtStory);       // 13: not compared
  add({"untold", kA ^ 0xf000, "20210603", "untold"});  // 4 bits from a, but no text to compare
}

TEST_F(ClusterTable, ReplacingADocumentDoesNotMatchItself) {
  const Entry kEntries[] = {
      {"a", kA, "20210603", "a"},       {"b", kA ^ 0x1, "20210603", "a"},
      {"a", kA ^ 0x2, "20210603", "a"},  // a edited: still the founder of its cluster
      {"b", kB, "20210603", "b"},        // b rewritten: a story of its own now
      {"b", kA ^ 0x4, "20210603", "a"},  // and back
      {"a", 0, "20210603", ""},          // a cut short: no fingerprint
      {"c", kA, "20210603", "c"},        // a's cluster has no founder left: c founds one
  };
  for (const Entry& entry : kEntries) add(entry);
}

}  // namespace
}  // namespace vigil::index
