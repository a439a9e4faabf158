// Entity facet filters on the real news corpus (the news_index fixture): a place filter returns
// exactly the articles whose text names that place or a place inside it, whichever name the user
// types; organisation filters likewise.
#include "search/facets.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "entities/places.h"
#include "search/searcher.h"
#include "support/shared_data.h"
#include "vigil/record.h"

namespace vigil {
namespace {

const char* const kIndex = VIGIL_NEWS_INDEX;

const entities::Gazetteer& gazetteer() {
  static const entities::Gazetteer g = entities::Gazetteer::load(VIGIL_TEST_DATA_DIR);
  return g;
}

// Every hit of `query` (all pages, every copy of a story), by key.
std::set<std::string> all_hits(const std::string& query, std::uint64_t* total = nullptr) {
  const search::Searcher searcher({kIndex}, schema::Schema::builtin());
  std::set<std::string> keys;
  for (int page = 1;; ++page) {
    search::SearchRequest request{query, page, search::kMaxPerPage, {}};
    request.collapse = false;
    const Result<search::SearchResult> result = searcher.search(request);
    if (!result) {
      ADD_FAILURE() << query << ": " << result.error().message;
      return keys;
    }
    EXPECT_EQ(result.value().notice, "") << query;
    if (total != nullptr) *total = result.value().total;
    for (const search::Hit& hit : result.value().hits) keys.insert(hit.key);
    if (result.value().hits.size() < search::kMaxPerPage) return keys;
  }
}

StoredRecord record_of(const Xapian::Database& db, const std::string& key) {
  const std::string term = "Q" + key;
  Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return {};
  return decode_record(db.get_document(*it).get_data());
}

// The places the record's title and text name that are `place_id` or inside it, as written.
std::vector<std::string> mentions_within(const StoredRecord& record, const std::string& place_id) {
  const std::int32_t target = gazetteer().index_of(place_id);
  const std::string text = record.title.empty() ? record.text : record.title + "\n\n" + record.text;
  std::vector<std::string> found;
  for (const entities::FoundPlace& place : entities::find_places(text, gazetteer())) {
    const std::vector<std::int32_t> chain = entities::with_ancestors(gazetteer(), place.place);
    if (std::find(chain.begin(), chain.end(), target) == chain.end()) continue;
    for (const entities::Mention& m : place.mentions) {
      EXPECT_EQ(text.substr(m.start, m.end - m.start), m.text);
      found.push_back(m.text);
    }
  }
  return found;
}

TEST(NewsFacets, APlaceFilterReturnsOnlyArticlesNamingItOrAPlaceInsideIt) {
  VIGIL_REQUIRE_SHARED();
  const Xapian::Database db(kIndex);
  std::uint64_t total = 0;
  const std::set<std::string> hits = all_hits("place:xinjiang", &total);
  ASSERT_GE(hits.size(), 20u);
  EXPECT_EQ(total, hits.size());
  EXPECT_EQ(hits.size(), db.get_termfreq("XPcn.13"));
  std::size_t only_inside = 0;  // hits that name a town in Xinjiang but not Xinjiang itself
  for (const std::string& key : hits) {
    const StoredRecord record = record_of(db, key);
    const std::vector<std::string> mentions = mentions_within(record, "cn.13");
    EXPECT_FALSE(mentions.empty()) << key << " (" << record.title << ") names no place in Xinjiang";
    const bool names_region = std::any_of(record.places.begin(), record.places.end(),
                                          [](const StoredFacet& p) { return p.id == "cn.13"; });
    if (!names_region) ++only_inside;
  }
  EXPECT_GT(only_inside, 0u) << "no hit was found through a town inside Xinjiang alone";
}

TEST(NewsFacets, EveryArticleSayingXinjiangIsFound) {
  VIGIL_REQUIRE_SHARED();
  const Xapian::Database db(kIndex);
  const std::set<std::string> hits = all_hits("place:xinjiang");
  // The unstemmed word, from the full text: every article that has it must be a hit.
  for (Xapian::PostingIterator it = db.postlist_begin("xinjiang");
       it != db.postlist_end("xinjiang"); ++it) {
    const StoredRecord record = decode_record(db.get_document(*it).get_data());
    EXPECT_TRUE(hits.contains(record.key)) << record.key << " (" << record.title << ")";
  }
}

TEST(NewsFacets, EveryNameOfAPlaceOrOrganisationIsOneFilter) {
  VIGIL_REQUIRE_SHARED();
  const std::set<std::string> xinjiang = all_hits("place:Xinjiang");
  for (const char* query : {"place:cn.13", "place:Sinkiang", "place:XUAR",
                            "place:\"Xinjiang Uyghur Autonomous Region\"", "place:新疆"}) {
    EXPECT_EQ(all_hits(query), xinjiang) << query;
  }
  const std::set<std::string> un = all_hits("org:un");
  EXPECT_GT(un.size(), 50u);
  for (const char* query : {"org:UN", "org:\"United Nations\"", "org:\"united nations\""}) {
    EXPECT_EQ(all_hits(query), un) << query;
  }
}

TEST(NewsFacets, ACountryFilterIncludesItsRegionsAndTowns) {
  VIGIL_REQUIRE_SHARED();
  const std::set<std::string> china = all_hits("place:China");
  const std::set<std::string> xinjiang = all_hits("place:Xinjiang");
  for (const std::string& key : xinjiang) EXPECT_TRUE(china.contains(key)) << key;
  EXPECT_GT(china.size(), xinjiang.size());
}

TEST(NewsFacets, TheSeedArticleIsFoundByItsFacets) {
  VIGIL_REQUIRE_SHARED();
  for (const char* query :
       {"forced labour place:Aksu", "cotton place:xinjiang org:UN", "cotton mentions:2022"}) {
    const search::Searcher searcher({kIndex}, schema::Schema::builtin());
    const Result<search::SearchResult> result = searcher.search({query, 1, 10, {}});
    ASSERT_TRUE(result.ok()) << query;
    ASSERT_FALSE(result.value().hits.empty()) << query;
    EXPECT_EQ(result.value().hits.front().title, "Seed article") << query;
  }
}

TEST(NewsFacets, DrillDownFiltersMatchTheQueryLanguage) {
  VIGIL_REQUIRE_SHARED();
  const search::Searcher searcher({kIndex}, schema::Schema::builtin());
  const auto total = [&](const std::string& query,
                         std::vector<std::pair<std::string, std::string>> filters) {
    const Result<search::SearchResult> result = searcher.search({query, 1, 10, std::move(filters)});
    EXPECT_TRUE(result.ok()) << query;
    return result ? result.value().total : 0;
  };
  EXPECT_EQ(total("", {{"place", "cn.13"}}), total("place:xinjiang", {}));
  EXPECT_EQ(total("cotton", {{"place", "xinjiang"}}), total("cotton place:xinjiang", {}));
  EXPECT_EQ(total("", {{"org", "un"}, {"place", "cn"}}), total("org:un place:china", {}));
  EXPECT_EQ(total("", {{"place", "cn"}, {"place", "in"}}), total("place:cn place:in", {}));
  const Xapian::Database db(kIndex);
  EXPECT_EQ(total("", {{"year", "1987"}}), db.get_termfreq("Y1987"));
  EXPECT_EQ(total("", {{"month", "1987-03"}}), db.get_termfreq("M198703"));
  EXPECT_EQ(total("", {{"mentions", "2008"}}), db.get_termfreq("XM2008"));
  EXPECT_GT(db.get_termfreq("XM2008"), 0u);
}

TEST(NewsFacets, DateRangesMatchABruteForceCountOfPublicationDates) {
  VIGIL_REQUIRE_SHARED();
  const Xapian::Database db(kIndex);
  const search::Searcher searcher({kIndex}, schema::Schema::builtin());
  struct Range {
    const char* query;
    const char* low;  // inclusive bounds on the sortable date value
    const char* high;
  };
  for (const Range& range :
       {Range{"date:1987-03..1987-04", "19870300", "19870499"},
        Range{"date:1987-03-01..1987-03-15", "19870301", "19870315"},
        Range{"date:..1987-03-05", "", "19870305"}, Range{"date:2000..", "20000000", "99999999"},
        Range{"date:1987..1987", "19870000", "19879999"}}) {
    std::uint64_t expected = 0;
    for (Xapian::ValueIterator it = db.valuestream_begin(0); it != db.valuestream_end(0); ++it) {
      if (*it >= range.low && *it <= range.high) ++expected;
    }
    const Result<search::SearchResult> result = searcher.search({range.query, 1, 10, {}});
    ASSERT_TRUE(result.ok()) << range.query;
    EXPECT_EQ(result.value().total, expected) << range.query;
    EXPECT_TRUE(result.value().exact) << range.query;
    EXPECT_GT(expected, 0u) << range.query;
  }
}

// Facet counts from documents' term lists, for the keys given: term -> documents.
std::map<std::string, std::uint64_t> brute_force_counts(const Xapian::Database& db,
                                                        const std::set<std::string>& keys,
                                                        std::string_view prefix) {
  std::map<std::string, std::uint64_t> counts;
  for (const std::string& key : keys) {
    const std::string id_term = "Q" + key;
    const Xapian::docid id = *db.postlist_begin(id_term);
    for (Xapian::TermIterator it = db.termlist_begin(id); it != db.termlist_end(id); ++it) {
      const std::string term = *it;
      if (term.compare(0, prefix.size(), prefix) != 0) continue;
      if (prefix == "Y" && term.size() != 5) continue;
      if (prefix == "M" && term.size() != 7) continue;
      if (prefix == "XM" && term.size() != 6) continue;
      ++counts[term];
    }
  }
  return counts;
}

std::set<std::string> all_hits_filtered(const std::string& query,
                                        const std::vector<std::pair<std::string, std::string>>& f) {
  std::set<std::string> keys;
  if (query.empty() && f.empty()) {  // no query and no filter: everything
    const Xapian::Database db(kIndex);
    for (auto it = db.allterms_begin("Q"); it != db.allterms_end("Q"); ++it) {
      keys.insert((*it).substr(1));
    }
    return keys;
  }
  const search::Searcher searcher({kIndex}, schema::Schema::builtin());
  for (int page = 1;; ++page) {
    search::SearchRequest request{query, page, search::kMaxPerPage, f};
    request.facets = false;
    request.collapse = false;  // every article, copies included
    const Result<search::SearchResult> result = searcher.search(request);
    if (!result) return keys;
    for (const search::Hit& hit : result.value().hits) keys.insert(hit.key);
    if (result.value().hits.size() < search::kMaxPerPage) return keys;
  }
}

TEST(NewsFacets, CountsEqualBruteForceCountsIncludingDisjunctiveSelections) {
  VIGIL_REQUIRE_SHARED();
  const Xapian::Database db(kIndex);
  const search::Searcher searcher({kIndex}, schema::Schema::builtin());
  using Filters = std::vector<std::pair<std::string, std::string>>;
  const std::vector<std::pair<std::string, Filters>> cases = {
      {"cotton", {}},
      {"forced labour", {}},
      {"china", {{"year", "1987"}}},
      {"", {{"place", "cn.13"}}},
      {"trade", {{"place", "cn"}, {"place", "jp"}, {"org", "un"}}},
      {"oil", {{"month", "1987-03"}, {"mentions", "1986"}}},
  };
  const std::map<std::string, std::string> prefixes = {{"organisations", "XO"},
                                                       {"places", "XP"},
                                                       {"years", "Y"},
                                                       {"months", "M"},
                                                       {"mentioned_years", "XM"}};
  const std::map<std::string, std::string> filter_of = {{"organisations", "org"},
                                                        {"places", "place"},
                                                        {"years", "year"},
                                                        {"months", "month"},
                                                        {"mentioned_years", "mentions"}};
  for (const auto& [query, filters] : cases) {
    // Copies collapse into one hit (the default), but the facets count every matching article.
    const Result<search::SearchResult> result =
        searcher.search({query, 1, 10, filters, search::Sort::kRelevance});
    ASSERT_TRUE(result.ok()) << query;
    ASSERT_EQ(result.value().facets.size(), 5u);
    for (const search::FacetList& list : result.value().facets) {
      // Disjunctive: without this facet's own filters.
      Filters others;
      for (const auto& f : filters) {
        if (f.first != filter_of.at(list.name)) others.push_back(f);
      }
      const std::map<std::string, std::uint64_t> expected =
          brute_force_counts(db, all_hits_filtered(query, others), prefixes.at(list.name));
      std::size_t listed_with_count = 0;
      for (const search::FacetCount& value : list.values) {
        std::string term = prefixes.at(list.name) + value.value;
        if (list.name == "months") term.erase(term.find('-'), 1);
        const auto it = expected.find(term);
        EXPECT_EQ(value.count, it == expected.end() ? 0 : it->second)
            << query << " " << list.name << " " << value.value;
        if (value.count > 0) ++listed_with_count;
      }
      EXPECT_EQ(listed_with_count + list.more, expected.size()) << query << " " << list.name;
      // The listed values are the ones with the most documents.
      if (list.more > 0 && !list.values.empty()) {
        std::uint64_t smallest_listed = UINT64_MAX;
        for (const search::FacetCount& value : list.values) {
          if (!value.selected) smallest_listed = std::min(smallest_listed, value.count);
        }
        std::vector<std::uint64_t> all;
        all.reserve(expected.size());
        for (const auto& [term, count] : expected) all.push_back(count);
        std::sort(all.rbegin(), all.rend());
        EXPECT_GE(smallest_listed, all[search::kFacetValues - 1]) << query << " " << list.name;
      }
    }
  }
}

// Browsing (filters only) counts facets another way when the filters keep most of the index:
// the terms' document frequencies less their counts over the documents left out. Every way must
// give the counts of the documents' own term lists: most of the index, all of it, a small part,
// and a disjunctive selection over all of it.
TEST(NewsFacets, BrowseCountsEqualBruteForceCountsFromTermLists) {
  VIGIL_REQUIRE_SHARED();
  const Xapian::Database db(kIndex);
  const search::Searcher searcher({kIndex}, schema::Schema::builtin());
  using Filters = std::vector<std::pair<std::string, std::string>>;
  const std::map<std::string, std::string> prefix_of = {{"organisations", "XO"},
                                                        {"places", "XP"},
                                                        {"years", "Y"},
                                                        {"months", "M"},
                                                        {"mentioned_years", "XM"}};
  const std::map<std::string, std::string> filter_of = {{"organisations", "org"},
                                                        {"places", "place"},
                                                        {"years", "year"},
                                                        {"months", "month"},
                                                        {"mentioned_years", "mentions"}};
  const std::map<std::string, std::string> term_prefix = {
      {"org", "XO"}, {"place", "XP"}, {"year", "Y"}, {"lang", "L"}};
  // Every document's facet terms, from its term list.
  std::map<Xapian::docid, std::vector<std::string>> terms_of;
  for (auto doc = db.postlist_begin(""); doc != db.postlist_end(""); ++doc) {
    std::vector<std::string>& terms = terms_of[*doc];
    for (auto it = db.termlist_begin(*doc); it != db.termlist_end(*doc); ++it) {
      const std::string term = *it;
      const bool facet = term.starts_with("XO") || term.starts_with("XP") ||
                         (term.starts_with("XM") && term.size() == 6) ||
                         (term.starts_with("Y") && term.size() == 5) ||
                         (term.starts_with("M") && term.size() == 7);
      if (facet) terms.push_back(term);
    }
  }
  // The documents that pass `filters` (values of one name ORed, names ANDed).
  const auto passing = [&](const Filters& filters) {
    std::map<std::string, std::set<Xapian::docid>> by_name;
    for (const auto& [name, value] : filters) {
      const std::string term = term_prefix.at(name) + value;
      std::set<Xapian::docid>& docs = by_name[name];
      for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) docs.insert(*it);
    }
    std::vector<Xapian::docid> docs;
    for (const auto& entry : terms_of) {
      const Xapian::docid doc = entry.first;  // clang 14 cannot capture a structured binding
      const bool all = std::all_of(by_name.begin(), by_name.end(),
                                   [&](const auto& group) { return group.second.contains(doc); });
      if (all) docs.push_back(doc);
    }
    return docs;
  };
  const std::vector<Filters> cases = {
      {{"year", "1987"}},                     // most of the index
      {{"lang", "en"}},                       // all of it
      {{"place", "us"}, {"year", "1987"}},    // a small part
      {{"year", "1987"}, {"year", "2005"}},   // years: disjunctive over all of it
      {{"org", "reuters"}, {"year", "1987"}}  // a small part and most of it
  };
  for (const Filters& filters : cases) {
    const std::string what = filters.front().first + "=" + filters.front().second + " and " +
                             std::to_string(filters.size() - 1) + " more";
    const Result<search::SearchResult> result =
        searcher.search({"", 1, 10, filters, search::Sort::kRelevance});
    ASSERT_TRUE(result.ok()) << what;
    ASSERT_EQ(result.value().facets.size(), 5u) << what;
    for (const search::FacetList& list : result.value().facets) {
      Filters others;  // disjunctive: without this facet's own filters
      for (const auto& f : filters) {
        if (f.first != filter_of.at(list.name)) others.push_back(f);
      }
      const std::string& prefix = prefix_of.at(list.name);
      std::map<std::string, std::uint64_t> expected;
      for (const Xapian::docid doc : passing(others)) {
        for (const std::string& term : terms_of.at(doc)) {
          if (term.starts_with(prefix) && !(prefix == "M" && term.starts_with("XM"))) {
            ++expected[term];
          }
        }
      }
      std::size_t listed_with_count = 0;
      for (const search::FacetCount& value : list.values) {
        std::string term = prefix + value.value;
        if (list.name == "months") term.erase(term.find('-'), 1);
        const auto it = expected.find(term);
        EXPECT_EQ(value.count, it == expected.end() ? 0 : it->second)
            << what << " " << list.name << " " << value.value;
        if (value.count > 0) ++listed_with_count;
      }
      EXPECT_EQ(listed_with_count + list.more, expected.size()) << what << " " << list.name;
    }
  }
}

}  // namespace
}  // namespace vigil
