#include "vigil/schema.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/shared_data.h"

namespace vigil::schema {
namespace {

TEST(Schema, BuiltinMatchesTheShippedFile) {
  std::ifstream in(test::source_path("schemas/fields.schema"));
  ASSERT_TRUE(in) << "cannot read schemas/fields.schema";
  std::ostringstream text;
  text << in.rdbuf();
  const Result<Schema> parsed = Schema::parse(text.str(), "schemas/fields.schema");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed.value().version(), Schema::builtin().version());
  EXPECT_EQ(parsed.value().digest(), Schema::builtin().digest());
}

TEST(Schema, BuiltinUsesOmegaPrefixes) {
  const Schema& schema = Schema::builtin();
  const struct {
    const char* name;
    const char* prefix;
    FieldKind kind;
  } kExpected[] = {
      {"id", "Q", FieldKind::kExact},
      {"url", "U", FieldKind::kExact},
      {"title", "S", FieldKind::kText},
      {"author", "A", FieldKind::kText},
      {"site", "H", FieldKind::kBoolean},
      {"lang", "L", FieldKind::kBoolean},
      {"date", "D", FieldKind::kDate},
      {"body", "", FieldKind::kText},
      {"source", "XSOURCE", FieldKind::kBoolean},
      {"simhash", "XSIM", FieldKind::kSimhash},
      {"dupkey", "", FieldKind::kValue},
  };
  for (const auto& expected : kExpected) {
    const Field* field = schema.find(expected.name);
    ASSERT_NE(field, nullptr) << expected.name;
    EXPECT_EQ(field->prefix, expected.prefix) << expected.name;
    EXPECT_EQ(field->kind, expected.kind) << expected.name;
  }
  EXPECT_GT(schema.require("title").weight, 1u);
  EXPECT_EQ(schema.find("nonexistent"), nullptr);
}

TEST(Schema, ParsesColumnsAndComments) {
  const Result<Schema> parsed = Schema::parse(
      "# comment\nversion 7\n\ntitle S text - no 3  # trailing comment\n"
      "date D date 4 yes -\n",
      "test.schema");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const Schema& schema = parsed.value();
  EXPECT_EQ(schema.version(), 7);
  ASSERT_EQ(schema.fields().size(), 2u);
  EXPECT_EQ(schema.require("title").weight, 3u);
  EXPECT_EQ(schema.require("date").slot, 4);
  EXPECT_TRUE(schema.require("date").facet);
  EXPECT_EQ(schema.digest().size(), 16u);
}

struct BadSchema {
  const char* text;
  const char* message;  // expected substring, with position
};

class SchemaErrors : public testing::TestWithParam<BadSchema> {};

TEST_P(SchemaErrors, NamesPositionAndProblem) {
  const Result<Schema> parsed = Schema::parse(GetParam().text, "f.schema");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "invalid_schema");
  EXPECT_NE(parsed.error().message.find(GetParam().message), std::string::npos)
      << parsed.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Table, SchemaErrors,
    testing::Values(BadSchema{"title S text - no 1\n", "missing 'version N'"},
                    BadSchema{"version x\n", "f.schema:1:1: expected 'version N'"},
                    BadSchema{"version 1\ntitle S dat - no 1\n",
                              "f.schema:2:9: unknown field kind 'dat'"},
                    BadSchema{"version 1\ntitle S text\n", "f.schema:2:1: expected 6 columns"},
                    BadSchema{"version 1\ntitle S text x no 1\n", "f.schema:2:14: slot must be"},
                    BadSchema{"version 1\ntitle S text - maybe 1\n", "f.schema:2:16: facet must"},
                    BadSchema{"version 1\ntitle S text - no 0\n", "f.schema:2:19: weight must"},
                    BadSchema{"version 1\ndate D date - no -\n", "needs a value slot"},
                    BadSchema{"version 1\na A text - no 1\na B text - no 1\n",
                              "f.schema:3:1: duplicate field 'a'"},
                    BadSchema{"version 1\na - value 1 no -\nb - value 1 no -\n",
                              "value slot 1 is already used by 'a'"},
                    BadSchema{"version 1\ns XS simhash - no -\n",
                              "f.schema:2:14: a date, value or "
                              "simhash field needs a value slot"},
                    BadSchema{"version 1\ns - simhash 3 no -\n",
                              "f.schema:2:3: a simhash field needs a term prefix"}));

TEST(BooleanTerm, LowerCasesBooleanAndKeepsExact) {
  const Schema& schema = Schema::builtin();
  EXPECT_EQ(boolean_term(schema.require("site"), "Example.ORG"), "Hexample.org");
  EXPECT_EQ(boolean_term(schema.require("id"), "Reuters-1"), "QReuters-1");
}

TEST(BooleanTerm, SiteAndLangAreNormalisedForIndexAndQueryAlike) {
  const Schema& schema = Schema::builtin();
  EXPECT_EQ(boolean_term(schema.require("site"), "https://WWW.Example.org/a"), "Hexample.org");
  EXPECT_EQ(boolean_term(schema.require("lang"), "en-GB"), "Len");
  EXPECT_EQ(boolean_term(schema.require("source"), "BBC News"), "XSOURCEbbc news");
}

TEST(BooleanTerm, LongValuesStayUniqueAndWithinXapiansLimit) {
  const Field& url = Schema::builtin().require("url");
  const std::string base = "https://example.org/" + std::string(400, 'a');
  const std::string one = boolean_term(url, base + "1");
  const std::string two = boolean_term(url, base + "2");
  EXPECT_LE(one.size(), kMaxTermBytes);
  EXPECT_NE(one, two);
  EXPECT_EQ(one, boolean_term(url, base + "1"));
}

TEST(BooleanTerm, ShorteningDoesNotSplitUtf8) {
  const Field& id = Schema::builtin().require("id");
  std::string value;
  for (int i = 0; i < 200; ++i) value += "\xC3\xA9";  // é
  const std::string term = boolean_term(id, value);
  const std::string head = term.substr(0, term.find('#'));
  ASSERT_FALSE(head.empty());
  EXPECT_EQ(head.size() % 2, 1u);  // "Q" + whole two-byte sequences
}

TEST(MentionedTerms, ADayCountsForItsMonthAndYear) {
  const Field& mentions = Schema::builtin().require("mentions");
  EXPECT_EQ(mentioned_terms(mentions, "20210512"),
            (std::vector<std::string>{"XM2021", "XM202105", "XM20210512"}));
  EXPECT_EQ(mentioned_terms(mentions, "20210500"),
            (std::vector<std::string>{"XM2021", "XM202105"}));
  EXPECT_EQ(mentioned_terms(mentions, "20210000"), (std::vector<std::string>{"XM2021"}));
  EXPECT_TRUE(mentioned_terms(mentions, "2021").empty());
}

TEST(FacetCatalog, KeysNameTheFieldAndTheValue) {
  EXPECT_EQ(facet_key("place", "cn.13"), "vigil.facet.place.cn.13");
  EXPECT_EQ(alias_key("org", "united nations"), "vigil.alias.org.united nations");
}

}  // namespace
}  // namespace vigil::schema

namespace vigil::schema {
namespace {

TEST(CatalogEntryWins, TheSameEntryWhateverTheOrder) {
  struct Row {
    std::string key;
    std::string a;
    std::string b;
    bool a_wins;
  };
  const std::string facet = facet_key("org", "x.ministry_of_defense");
  const std::string alias = alias_key("place", "georgia");
  const std::vector<Row> rows = {
      {facet, "Ministry of Defence\t", "Ministry of Defense\t", true},
      {facet, "Ministry of Defense\t", "Ministry of Defence\t", false},
      {facet, "Aksu\tcn.13", "Aksu\tcn.13", false},
      {facet, "Aksu\tcn", "Aksu\tcn.13", true},
      {alias, "20\tus.ga", "100\tge", false},
      {alias, "100\tge", "20\tus.ga", true},
      {alias, "100\tge", "100\tus.ga", true},
      {alias, "100\tus.ga", "100\tge", false},
      {"vigil.other", "b", "a", false},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(catalog_entry_wins(row.key, row.a, row.b), row.a_wins) << row.a << " / " << row.b;
    if (row.a != row.b) {
      EXPECT_NE(catalog_entry_wins(row.key, row.a, row.b),
                catalog_entry_wins(row.key, row.b, row.a))
          << "exactly one of two different entries wins: " << row.a << " / " << row.b;
    }
  }
}

TEST(OrderValue, SortsByDateThenByAFixedOrderOfKeys) {
  EXPECT_EQ(order_value("20210512", "a").size(), 12U);
  EXPECT_EQ(order_value("20210512", "a").substr(0, 4), std::string("\x01\x34\x63\x50", 4));
  EXPECT_EQ(order_value("20210512", "a").substr(4), hash_bytes("a"));
  EXPECT_EQ(hash_bytes("").size(), 8U);
  // Unknown and ill-formed dates sort first, as "00000000".
  for (const std::string date : {"", "2021", "2021051x", "202105120"}) {
    EXPECT_EQ(order_value(date, "k").substr(0, 4), std::string(4, '\0')) << date;
  }
  const std::vector<std::string> ascending = {"",         "09870301", "19870300",
                                              "19870301", "20210500", "20210512"};
  for (std::size_t i = 1; i < ascending.size(); ++i) {
    // Bytewise, as Xapian sorts values, whatever the keys.
    EXPECT_LT(order_value(ascending[i - 1], "zzz"), order_value(ascending[i], "aaa")) << i;
  }
  EXPECT_NE(order_value("20210512", "a"), order_value("20210512", "b"));
}

}  // namespace
}  // namespace vigil::schema
