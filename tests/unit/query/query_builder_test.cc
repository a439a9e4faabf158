#include "query/query_builder.h"

#include <gtest/gtest.h>

#include "query/facet_values.h"

namespace vigil::query {
namespace {

struct QueryCase {
  const char* input;
  const char* description;  // Xapian::Query::get_description()
};

// An index of English documents: a word is searched as written and by its English stem.
Xapian::WritableDatabase english_db() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  doc.add_boolean_term("Len");
  db.add_document(doc);
  return db;
}

class QueryBuilder : public testing::TestWithParam<QueryCase> {
 protected:
  Xapian::WritableDatabase db_ = english_db();
};

TEST_P(QueryBuilder, ParsesTheQueryLanguage) {
  const Result<ParsedQuery> parsed = build_query(GetParam().input, db_, schema::Schema::builtin());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed.value().query.get_description(), GetParam().description);
  EXPECT_TRUE(parsed.value().notice.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, QueryBuilder,
    testing::Values(
        QueryCase{"forced labour",
                  "Query(((Zforc@en SYNONYM forced) AND ((Zlabour@en SYNONYM labour) SYNONYM "
                  "(Zlabor@en SYNONYM "
                  "labor))))"},
        QueryCase{"\"forced labour\"", "Query((forced PHRASE 2 (labour OR labor)))"},
        QueryCase{"\"forced detention\"", "Query((forced@1 PHRASE 2 detention@2))"},
        QueryCase{"cotton OR tomato",
                  "Query(((Zcotton@en SYNONYM cotton) OR (Ztomato@en SYNONYM tomato)))"},
        QueryCase{"cotton NOT tomato",
                  "Query(((Zcotton@en SYNONYM cotton) AND_NOT (Ztomato@en SYNONYM tomato)))"},
        QueryCase{"cotton -tomato",
                  "Query(((Zcotton@en SYNONYM cotton) AND_NOT (Ztomato@en SYNONYM tomato)))"},
        QueryCase{"(a OR b) c",
                  "Query((((Za@en SYNONYM a) OR (Zb@en SYNONYM b)) AND (Zc@en SYNONYM c)))"},
        QueryCase{
            "title:xinjiang",
            "Query(((Sxinjiang SYNONYM ZSxinjiang@en) SYNONYM (Ssinkiang SYNONYM ZSsinkiang@en)))"},
        QueryCase{"author:smith", "Query((Asmith SYNONYM ZAsmith@en))"},
        QueryCase{"site:WWW.Example.org cotton",
                  "Query(((Zcotton@en SYNONYM cotton) FILTER Hexample.org))"},
        QueryCase{"lang:EN cotton", "Query(((Zcotton@en SYNONYM cotton) FILTER Len))"},
        QueryCase{"lang:en-GB cotton", "Query(((Zcotton@en SYNONYM cotton) FILTER Len))"},
        QueryCase{"source:reuters cotton",
                  "Query(((Zcotton@en SYNONYM cotton) FILTER XSOURCEreuters))"},
        QueryCase{"date:2021", "Query(0 * Y2021)"}, QueryCase{"date:2021-05", "Query(0 * M202105)"},
        QueryCase{"date:2021-05-12", "Query(0 * D20210512)"},
        QueryCase{"date:2020..2021", "Query(VALUE_RANGE 0 20200000 20219999)"},
        QueryCase{"date:2021-03..2021-06", "Query(VALUE_RANGE 0 20210300 20210699)"},
        QueryCase{"date:2021-03-01..2021-03-15", "Query(VALUE_RANGE 0 20210301 20210315)"},
        QueryCase{"date:..2019", "Query(VALUE_LE 0 20199999)"},
        QueryCase{"date:2020..", "Query(VALUE_GE 0 20200000)"},
        QueryCase{"cotton date:2021-03..2021-06",
                  "Query(((Zcotton@en SYNONYM cotton) FILTER VALUE_RANGE 0 20210300 20210699))"}));

// An index of English, French, Russian and Chinese documents.
Xapian::WritableDatabase multilingual_db() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* lang : {"Len", "Lfr", "Lru", "Lzh"}) {
    Xapian::Document doc;
    doc.add_boolean_term(lang);
    db.add_document(doc);
  }
  return db;
}

class Multilingual : public testing::TestWithParam<QueryCase> {};

// A word meets each language's documents through that language's stem; lang: narrows the stems
// to its languages; CJK text is searched as n-grams, also between other words; Cyrillic words
// also search their Latin spellings; accents and Arabic vowel marks are ignored.
TEST_P(Multilingual, SearchesEveryLanguageOfTheIndex) {
  const Result<ParsedQuery> parsed =
      build_query(GetParam().input, multilingual_db(), schema::Schema::builtin());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed.value().query.get_description(), GetParam().description);
  EXPECT_TRUE(parsed.value().notice.empty()) << parsed.value().notice;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Multilingual,
    testing::Values(
        QueryCase{"droits",
                  "Query((Zdroit@en SYNONYM Zdroit@fr SYNONYM Zdroits@ru SYNONYM droits))"},
        QueryCase{"lang:fr droits", "Query(((Zdroit@fr SYNONYM droits) FILTER Lfr))"},
        QueryCase{"правами",
                  "Query((Zправ@ru SYNONYM Zправами@en SYNONYM Zправами@fr SYNONYM pravami SYNONYM "
                  "pravamy SYNONYM правами))"},
        QueryCase{"Навальный", "Query((navalny SYNONYM навальный))"},
        QueryCase{"Bachélet", "Query(bachelet@1)"},
        // A query in Chinese characters gives Chinese articles a small bonus (a tie-breaker).
        QueryCase{
            "human 中国 rights",
            "Query((((Zhuman@en SYNONYM Zhuman@fr SYNONYM Zhuman@ru SYNONYM human) AND "
            "(中@2 AND 中国@2 AND 国@2) AND (Zright@en SYNONYM Zright@fr SYNONYM Zrights@ru "
            "SYNONYM rights)) AND_MAYBE (PostingSource(Xapian::FixedWeightPostingSource(wt=1)) "
            "FILTER Lzh)))"},
        QueryCase{"\"人权\"",
                  "Query(((人@1 PHRASE 2 权@1) AND_MAYBE "
                  "(PostingSource(Xapian::FixedWeightPostingSource(wt=1)) FILTER Lzh)))"},
        // Kana is Japanese; a lang: filter takes the place of the bonus.
        QueryCase{"すべて",
                  "Query(((す@1 AND すべ@1 AND べ@1 AND べて@1 AND て@1) AND_MAYBE "
                  "(PostingSource(Xapian::FixedWeightPostingSource(wt=1)) FILTER Lja)))"},
        QueryCase{"lang:zh 人权", "Query(((人@1 AND 人权@1 AND 权@1) FILTER Lzh))"}));

TEST(QueryBuilderErrors, UnreadableDatesMatchNothingAndSaySo) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* query : {"date:May", "date:2021-13", "date:2021-13..2022", "date:x..2019"}) {
    const Result<ParsedQuery> parsed = build_query(query, db, schema::Schema::builtin());
    ASSERT_TRUE(parsed.ok()) << query;
    EXPECT_NE(parsed.value().notice.find("date: takes"), std::string::npos) << query;
  }
}

TEST(QueryBuilderErrors, FallsBackToPlainWordsOnSyntaxErrors) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const Result<ParsedQuery> parsed = build_query("cotton AND", db, schema::Schema::builtin());
  ASSERT_TRUE(parsed.ok());
  EXPECT_FALSE(parsed.value().notice.empty());
  EXPECT_NE(parsed.value().query.get_description().find("cotton"), std::string::npos);
}

TEST(QueryBuilderErrors, RejectsEmptyAndOverlongQueries) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const Result<ParsedQuery> empty = build_query("   ", db, schema::Schema::builtin());
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, "empty_query");
  const Result<ParsedQuery> long_query =
      build_query(std::string(kMaxQueryBytes + 1, 'a'), db, schema::Schema::builtin());
  ASSERT_FALSE(long_query.ok());
  EXPECT_EQ(long_query.error().code, "query_too_long");
}

TEST(QueryBuilderErrors, InvalidUtf8IsRepairedNotFatal) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const Result<ParsedQuery> parsed = build_query("caf\xE9 cotton", db, schema::Schema::builtin());
  ASSERT_TRUE(parsed.ok());
}

// An in-memory index holding only a facet catalog, as the indexer writes it.
Xapian::WritableDatabase catalog_db() {
  Xapian::WritableDatabase db = english_db();
  db.set_metadata("vigil.facet.place.cn.13", "Xinjiang\tcn");
  db.set_metadata("vigil.facet.place.cn", "China\t");
  db.set_metadata("vigil.alias.place.xinjiang", "10\tcn.13");
  db.set_metadata("vigil.alias.place.sinkiang", "5\tcn.13");
  db.set_metadata("vigil.alias.place.新疆", "5\tcn.13");
  db.set_metadata("vigil.facet.org.un", "United Nations\t");
  db.set_metadata("vigil.alias.org.united nations", "2\tun");
  db.set_metadata("vigil.alias.org.un", "1\tun");
  db.set_metadata("vigil.facet.org.x.center_for_global_policy", "Centre for Global Policy\t");
  return db;
}

// Facet filters resolve names through the index's facet catalog (written by the indexer).
class FacetFilters : public testing::TestWithParam<QueryCase> {
 protected:
  Xapian::WritableDatabase db_ = catalog_db();
};

TEST_P(FacetFilters, ResolveNamesAndIdsToOneTerm) {
  const Result<ParsedQuery> parsed = build_query(GetParam().input, db_, schema::Schema::builtin());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed.value().query.get_description(), GetParam().description);
  EXPECT_EQ(parsed.value().notice, "");
}

INSTANTIATE_TEST_SUITE_P(
    Table, FacetFilters,
    testing::Values(
        QueryCase{"place:xinjiang", "Query(0 * XPcn.13)"},
        QueryCase{"place:Xinjiang cotton", "Query(((Zcotton@en SYNONYM cotton) FILTER XPcn.13))"},
        QueryCase{"place:Sinkiang", "Query(0 * XPcn.13)"},
        QueryCase{"place:新疆", "Query(0 * XPcn.13)"},
        QueryCase{"place:cn.13", "Query(0 * XPcn.13)"}, QueryCase{"place:CN", "Query(0 * XPcn)"},
        QueryCase{"org:UN", "Query(0 * XOun)"}, QueryCase{"org:un", "Query(0 * XOun)"},
        QueryCase{"org:\"United Nations\"", "Query(0 * XOun)"},
        QueryCase{"org:\"Center for Global Policy\"", "Query(0 * XOx.center_for_global_policy)"},
        QueryCase{"org:un place:xinjiang", "Query(0 * (XOun AND XPcn.13))"},
        QueryCase{"place:xinjiang place:cn", "Query(0 * (XPcn.13 OR XPcn))"},
        QueryCase{"mentions:2018", "Query(0 * XM2018)"},
        QueryCase{"mentions:2018-05", "Query(0 * XM201805)"},
        QueryCase{"mentions:2018-05-12", "Query(0 * XM20180512)"},
        QueryCase{"mentions:2016..2018", "Query(0 * (XM2016 OR XM2017 OR XM2018))"}));

TEST(FacetFilterNotices, UnknownNamesAndBadDatesMatchNothingAndSaySo) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* query : {"place:Atlantis", "org:\"Ministry of Magic\"", "mentions:May",
                            "mentions:2018-13", "mentions:1000..3000"}) {
    const Result<ParsedQuery> parsed = build_query(query, db, schema::Schema::builtin());
    ASSERT_TRUE(parsed.ok()) << query;
    EXPECT_NE(parsed.value().notice, "") << query;
    EXPECT_EQ(db.get_termfreq(*parsed.value().query.get_terms_begin()), 0u) << query;
  }
}

struct FilterCase {
  std::vector<Filter> filters;
  const char* description;
};

class FilterQueries : public testing::TestWithParam<FilterCase> {
 protected:
  Xapian::WritableDatabase db_ = catalog_db();
};

TEST_P(FilterQueries, OrWithinANameAndAcrossNames) {
  std::vector<std::string> notices;
  const Result<Xapian::Query> query =
      filter_query(GetParam().filters, db_, schema::Schema::builtin(), notices);
  ASSERT_TRUE(query.ok()) << query.error().message;
  EXPECT_EQ(query.value().get_description(), GetParam().description);
  EXPECT_TRUE(notices.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, FilterQueries,
    testing::Values(FilterCase{{{"place", "cn.13"}}, "Query(XPcn.13)"},
                    FilterCase{{{"place", "Xinjiang"}}, "Query(XPcn.13)"},
                    FilterCase{{{"org", "UN"}, {"year", "2021"}}, "Query((XOun AND Y2021))"},
                    FilterCase{{{"year", "2020"}, {"year", "2021"}}, "Query((Y2020 OR Y2021))"},
                    FilterCase{{{"month", "2021-05"}}, "Query(M202105)"},
                    FilterCase{{{"mentions", "2018"}, {"lang", "EN"}}, "Query((Len AND XM2018))"},
                    FilterCase{{{"date", "2020..2021"}}, "Query(VALUE_RANGE 0 20200000 20219999)"},
                    FilterCase{{{"date", "2021-03..2021-03"}},
                               "Query(VALUE_RANGE 0 20210300 20210399)"},
                    FilterCase{{{"date", "2021-03-04.."}}, "Query(VALUE_GE 0 20210304)"},
                    FilterCase{{{"date", "..2019"}}, "Query(VALUE_LE 0 20199999)"},
                    FilterCase{{}, "Query()"}));

TEST(FilterQueryErrors, NameTheFilterAndWhatIsExpected) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const Filter& filter : std::vector<Filter>{{"planet", "mars"},
                                                  {"year", "21"},
                                                  {"month", "2021"},
                                                  {"month", "2021-13"},
                                                  {"mentions", "soon"},
                                                  {"date", "2021"},
                                                  {"date", ".."},
                                                  {"date", "2022..2021"},
                                                  {"date", "2021-13..2022"},
                                                  {"date", "yesterday..today"}}) {
    std::vector<std::string> notices;
    const Result<Xapian::Query> query =
        filter_query({filter}, db, schema::Schema::builtin(), notices);
    ASSERT_FALSE(query.ok()) << filter.name;
    EXPECT_EQ(query.error().code, "bad_filter");
    EXPECT_NE(query.error().message.find(filter.name + "=" + filter.value), std::string::npos);
  }
  std::vector<std::string> notices;
  const Result<Xapian::Query> unknown =
      filter_query({{"place", "Atlantis"}}, db, schema::Schema::builtin(), notices);
  ASSERT_TRUE(unknown.ok());
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices.front(), "No place called \"Atlantis\" is in the index.");
}

}  // namespace
}  // namespace vigil::query
