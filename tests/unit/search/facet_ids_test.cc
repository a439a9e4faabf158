// Facet ids end to end: the writer's dictionary numbers terms and keeps its numbers across runs,
// and counts by id name the terms so that every facet list is the one a count of the terms
// themselves gives.
#include "vigil/facet_ids.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "index/facet_dictionary.h"
#include "search/facets.h"
#include "support/temp_dir.h"
#include "vigil/errors.h"
#include "vigil/schema.h"

namespace vigil::search {
namespace {

constexpr Xapian::valueno kTerms = 2;
constexpr Xapian::valueno kIds = 6;  // the order value, then the facet ids

TEST(FacetDictionary, NumbersEachKindInOrderAndKeepsItsNumbersAcrossRuns) {
  test::TempDir dir;
  const std::string path = dir.file("db");
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    index::FacetDictionary dictionary(db);
    EXPECT_EQ(dictionary.id_of("XOun"), schema::facet_id(0, 0));
    EXPECT_EQ(dictionary.id_of("XPcn"), schema::facet_id(0, 1));
    EXPECT_EQ(dictionary.id_of("XOeu"), schema::facet_id(1, 0));
    EXPECT_EQ(dictionary.id_of("XOun"), schema::facet_id(0, 0));
    EXPECT_EQ(dictionary.id_of("D19870301"), std::nullopt);  // not a facet term
    EXPECT_EQ(dictionary.encode("XPcn\nXOeu\nXOun\nD19870301\n"),
              schema::encode_facet_ids({0, 1, 8}));
    dictionary.flush();
    db.commit();
  }
  {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    index::FacetDictionary dictionary(db);
    EXPECT_EQ(dictionary.id_of("XOeu"), schema::facet_id(1, 0));
    EXPECT_EQ(dictionary.id_of("XOamnesty"), schema::facet_id(2, 0));
    // Past a chunk of names.
    for (int i = 0; i < 100; ++i) {
      EXPECT_EQ(dictionary.id_of("XPg" + std::to_string(i)), schema::facet_id(i + 1, 1));
    }
    // Not flushed: a killed writer's numbers are lost with its documents.
  }
  Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
  EXPECT_EQ(db.get_metadata(schema::facet_next_key(0)), "2");
  EXPECT_EQ(db.get_metadata(schema::facet_names_key(0, 0)), "XOun\nXOeu\n");
  index::FacetDictionary dictionary(db);
  EXPECT_EQ(dictionary.id_of("XOamnesty"), schema::facet_id(2, 0));
}

TEST(FacetDictionary, RefusesToNumberPastWhatAnIdHolds) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.set_metadata(schema::facet_next_key(1), std::to_string(schema::kMaxFacetSeq));
  index::FacetDictionary dictionary(db);
  EXPECT_EQ(dictionary.id_of("XPlast"), schema::facet_id(schema::kMaxFacetSeq, 1));
  EXPECT_THROW(dictionary.id_of("XPone_more"), RuntimeError);
  EXPECT_EQ(dictionary.id_of("XOother_kind"), schema::facet_id(0, 0));
}

// Documents of `rows` (facet terms, '\n'-separated) with both slots, and a word "all".
Xapian::WritableDatabase index_of(const std::vector<std::string>& rows) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  index::FacetDictionary dictionary(db);
  for (const std::string& row : rows) {
    Xapian::Document doc;
    doc.add_term("all");
    doc.add_value(kTerms, row);
    doc.add_value(kIds, schema::order_value("", row) + dictionary.encode(row));
    db.add_document(doc);
  }
  dictionary.flush();
  return db;
}

FacetCounts count(const Xapian::Database& db, FacetSource::Spy spy, const FacetKind* kind,
                  const std::vector<std::string>& named) {
  FacetTally tally(db, {kTerms, kIds, spy}, kind, named);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("all"));
  enquire.add_matchspy(tally.spy());
  enquire.get_mset(0, 0, db.get_doccount());
  return std::move(tally).counts();
}

std::string describe(const FacetList& list) {
  std::string text = list.name + " more " + std::to_string(list.more) + ":";
  for (const FacetCount& value : list.values) {
    text += " " + value.value + "=" + std::to_string(value.count) + (value.selected ? "*" : "");
  }
  return text;
}

TEST(FacetIds, ListsAreThoseOfCountingTheTermsThemselves) {
  // 40 organisations with counts 1 ... 9 (ties at the tenth), 247 places, years and
  // months for the timeline, mentions and languages.
  std::vector<std::string> rows;
  for (int doc = 0; doc < 120; ++doc) {
    std::string row;
    for (int org = 0; org < 40; ++org) {
      if ((doc + org) % (org % 8 + 1) == 0 && doc < (org % 9 + 1) * (org % 8 + 1)) {
        row += "XOorg" + std::to_string(org) + "\n";
      }
    }
    row += "XPp" + std::to_string(doc % 7) + "\n";
    // Places of one document each, so that the spy's table grows past its first size.
    row += "XPq" + std::to_string(doc) + "\nXPr" + std::to_string(doc) + "\n";
    row += "Y" + std::to_string(1980 + doc % 13) + "\n";
    row += "M" + std::to_string(1980 + doc % 13) + (doc % 2 == 0 ? "03" : "11") + "\n";
    if (doc % 5 == 0) row += "XM" + std::to_string(1900 + doc) + "\n";
    row += doc % 3 == 0 ? "Lfr\n" : "Len\n";
    rows.push_back(row);
  }
  const Xapian::WritableDatabase db = index_of(rows);
  const query::Catalog catalog(db);
  const std::vector<std::vector<std::string>> selections = {
      {}, {"XOorg39"}, {"XOorg0", "XOorg7"}, {"XOnone"}, {"XM1900", "XM2015"}};
  for (const std::vector<std::string>& selected : selections) {
    const FacetCounts by_terms = count(db, FacetSource::Spy::kTerms, nullptr, {});
    const FacetCounts by_ids = count(db, FacetSource::Spy::kIds, nullptr, selected);
    for (const FacetKind& kind : facet_kinds()) {
      std::vector<std::string> mine;
      for (const std::string& term : selected) {
        if (counts_as(kind, term)) mine.push_back(term);
      }
      EXPECT_EQ(describe(make_facet_list(kind, by_ids, mine, catalog)),
                describe(make_facet_list(kind, by_terms, mine, catalog)));
      // One kind alone, as a facet with a selection is counted.
      const FacetCounts own = count(db, FacetSource::Spy::kIds, &kind, mine);
      EXPECT_EQ(describe(make_facet_list(kind, own, mine, catalog)),
                describe(make_facet_list(kind, by_terms, mine, catalog)));
    }
    const Timeline ids_timeline = make_timeline(by_ids);
    const Timeline terms_timeline = make_timeline(by_terms);
    ASSERT_EQ(ids_timeline.periods.size(), terms_timeline.periods.size());
    for (std::size_t i = 0; i < ids_timeline.periods.size(); ++i) {
      EXPECT_EQ(ids_timeline.periods[i].value, terms_timeline.periods[i].value);
      EXPECT_EQ(ids_timeline.periods[i].count, terms_timeline.periods[i].count);
    }
  }
}

TEST(FacetIds, ADamagedDictionaryIsReportedWithAHint) {
  Xapian::WritableDatabase db = index_of({"XOun\nY1987\n"});
  db.set_metadata(schema::facet_names_key(0, 0), "");
  try {
    count(db, FacetSource::Spy::kIds, nullptr, {});
    ADD_FAILURE() << "no error";
  } catch (const RuntimeError& e) {
    EXPECT_NE(std::string(e.what()).find("facet dictionary"), std::string::npos) << e.what();
    EXPECT_NE(e.hint().find("reindex"), std::string::npos);
  }
  Xapian::Document bad;
  bad.add_term("all");
  bad.add_value(kIds, schema::order_value("", "bad") + "\x85");  // cut short
  const Xapian::docid id = db.add_document(bad);
  EXPECT_THROW(count(db, FacetSource::Spy::kIds, nullptr, {}), RuntimeError);
  bad.add_value(kIds, "short");  // no room for the order
  db.replace_document(id, bad);
  EXPECT_THROW(count(db, FacetSource::Spy::kIds, nullptr, {}), RuntimeError);
}

}  // namespace
}  // namespace vigil::search
