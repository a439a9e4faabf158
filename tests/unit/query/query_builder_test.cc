#include "query/query_builder.h"

#include <gtest/gtest.h>

namespace vigil::query {
namespace {

struct QueryCase {
  const char* input;
  const char* description;  // Xapian::Query::get_description()
};

class QueryBuilder : public testing::TestWithParam<QueryCase> {
 protected:
  Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
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
        QueryCase{"forced labour", "Query((Zforc@1 AND Zlabour@2))"},
        QueryCase{"\"forced labour\"", "Query((forced@1 PHRASE 2 labour@2))"},
        QueryCase{"cotton OR tomato", "Query((Zcotton@1 OR Ztomato@2))"},
        QueryCase{"cotton NOT tomato", "Query((Zcotton@1 AND_NOT Ztomato@2))"},
        QueryCase{"cotton -tomato", "Query((Zcotton@1 AND_NOT Ztomato@2))"},
        QueryCase{"(a OR b) c", "Query(((Za@1 OR Zb@2) AND Zc@3))"},
        QueryCase{"title:xinjiang", "Query(ZSxinjiang@1)"},
        QueryCase{"author:smith", "Query(ZAsmith@1)"},
        QueryCase{"site:WWW.Example.org cotton", "Query((Zcotton@1 FILTER Hexample.org))"},
        QueryCase{"lang:EN cotton", "Query((Zcotton@1 FILTER Len))"},
        QueryCase{"lang:en-GB cotton", "Query((Zcotton@1 FILTER Len))"},
        QueryCase{"source:reuters cotton", "Query((Zcotton@1 FILTER XSOURCEreuters))"}));

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

}  // namespace
}  // namespace vigil::query
