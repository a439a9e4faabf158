#include "vigil/record.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(Record, RoundTripsEveryFieldWithNewlinesAndBackslashes) {
  StoredRecord record;
  record.key = "reuters21578-1";
  record.url = "https://example.org/a?b=c";
  record.title = "Title = with equals";
  record.date = "1987-02-26";
  record.source = "Reuters";
  record.author = "A. Writer; B. Writer";
  record.lang = "en";
  record.text = "First paragraph.\n\nSecond \\n literal backslash-n\nlast";
  const StoredRecord back = decode_record(encode_record(record));
  EXPECT_EQ(back.key, record.key);
  EXPECT_EQ(back.url, record.url);
  EXPECT_EQ(back.title, record.title);
  EXPECT_EQ(back.date, record.date);
  EXPECT_EQ(back.source, record.source);
  EXPECT_EQ(back.author, record.author);
  EXPECT_EQ(back.lang, record.lang);
  EXPECT_EQ(back.text, record.text);
}

// Escapes as stored: "\\n" is a newline, "\\\\" a backslash, a backslash before anything else
// that thing, and a backslash ending the value is kept.
TEST(Record, DecodesEscapesWherever) {
  const struct {
    const char* stored;
    const char* text;
  } cases[] = {
      {"", ""},          {"plain", "plain"}, {"\\n", "\n"},
      {"a\\nb", "a\nb"}, {"\\\\n", "\\n"},   {"a\\\\\\nb", "a\\\nb"},
      {"a\\x", "ax"},    {"end\\", "end\\"}, {"\\n\\n", "\n\n"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(decode_record(std::string("text=") + c.stored + "\n").text, c.text) << c.stored;
  }
}

TEST(Record, UsesOmegaFieldNamesForUrlAndCaption) {
  StoredRecord record;
  record.url = "https://example.org/";
  record.title = "Headline";
  const std::string data = encode_record(record);
  EXPECT_NE(data.find("url=https://example.org/\n"), std::string::npos);
  EXPECT_NE(data.find("caption=Headline\n"), std::string::npos);
}

TEST(Record, IgnoresUnknownAndMalformedLines) {
  const StoredRecord record = decode_record("future=x\nno equals sign\ncaption=T\n");
  EXPECT_EQ(record.title, "T");
  EXPECT_TRUE(record.text.empty());
}

TEST(Record, FacetsRoundTripInOrderWithAwkwardLabels) {
  StoredRecord record;
  record.orgs = {{"un", "United Nations", {"UN", "U.N."}}, {"x.a_b", "A\\B\nC", {}}};
  record.places = {{"g1529660", "Aksu", {"Aksu"}}, {"cn.13", "Xinjiang", {"Sinkiang"}}};
  record.text = "body";
  const StoredRecord back = decode_record(encode_record(record));
  EXPECT_EQ(back.orgs, record.orgs);
  EXPECT_EQ(back.places, record.places);
  EXPECT_EQ(back.text, "body");
}

TEST(Record, TabsInsideFacetNamesBecomeSpaces) {
  StoredRecord record;
  record.orgs = {{"x.a", "A\tB", {"A\tB", "C"}}};
  const StoredRecord back = decode_record(encode_record(record));
  ASSERT_EQ(back.orgs.size(), 1u);
  EXPECT_EQ(back.orgs[0], (StoredFacet{"x.a", "A B", {"A B", "C"}}));
}

TEST(Record, FacetLinesWithoutNamesStillRead) {
  const StoredRecord record = decode_record("org=un\tUnited Nations\nplace=cn\n");
  ASSERT_EQ(record.orgs.size(), 1u);
  EXPECT_EQ(record.orgs[0], (StoredFacet{"un", "United Nations", {}}));
  ASSERT_EQ(record.places.size(), 1u);
  EXPECT_EQ(record.places[0], (StoredFacet{"cn", "cn", {}}));
}

}  // namespace
}  // namespace vigil
