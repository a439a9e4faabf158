#include "search/highlight.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace vigil::search {
namespace {

const std::vector<std::string> kTextPrefixes = {"XD", "S", "A", ""};
const std::vector<std::string> kFacetPrefixes = {"XO", "XP"};

Highlighter highlighter_for(const Xapian::Query& query, std::string_view text = "") {
  return Highlighter(mark_terms(query, text, kTextPrefixes, kFacetPrefixes));
}

Xapian::Query terms(std::initializer_list<const char*> names) {
  std::vector<Xapian::Query> queries;
  for (const char* name : names) queries.emplace_back(name);
  return Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end());
}

struct MarkCase {
  std::vector<const char*> query_terms;
  const char* query_text;
  const char* text;
  const char* expected;
};

class Marks : public testing::TestWithParam<MarkCase> {};

TEST_P(Marks, MarkEveryMatchedForm) {
  std::vector<Xapian::Query> queries;
  for (const char* term : GetParam().query_terms) queries.emplace_back(term);
  const Xapian::Query query(Xapian::Query::OP_OR, queries.begin(), queries.end());
  EXPECT_EQ(highlighter_for(query, GetParam().query_text).snippet(GetParam().text, {}, 300, "en"),
            GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Marks,
    testing::Values(
        // Stems: every inflection of the stem.
        MarkCase{{"Zdetain@en"},
                 "detained",
                 "Detained, detaining and detains.",
                 "<mark>Detained</mark>, <mark>detaining</mark> and <mark>detains</mark>."},
        // Unstemmed words (phrases) only as written.
        MarkCase{{"forced", "labour"},
                 "\"forced labour\"",
                 "Forced labour; forces.",
                 "<mark>Forced</mark> <mark>labour</mark>; forces."},
        // Variants are terms of the query like any other.
        MarkCase{{"Zuighur@en", "Zuyghur@en"},
                 "uighur",
                 "The Uyghurs and the Uighur.",
                 "The <mark>Uyghurs</mark> and the <mark>Uighur</mark>."},
        // Field-prefixed terms mark the word in the text too.
        MarkCase{{"ZSxinjiang@en", "Acorrespondent"},
                 "title:xinjiang",
                 "Xinjiang correspondent",
                 "<mark>Xinjiang</mark> <mark>correspondent</mark>"},
        // Filters and dates mark nothing.
        MarkCase{
            {"Hexample.org", "Y2021", "Len"}, "", "en 2021 example.org", "en 2021 example.org"},
        // Wildcards from the query text.
        MarkCase{{"Zcotton@en"},
                 "detain* cotton",
                 "Cotton detainees were detained.",
                 "<mark>Cotton</mark> <mark>detainees</mark> were <mark>detained</mark>."},
        // Acronyms are indexed without periods.
        MarkCase{{"us"}, "US", "The U.S. said", "The <mark>U.S.</mark> said"},
        // Words written in capitals, of two letters and of one.
        MarkCase{{"un", "a"},
                 "UN a",
                 "The UN, A and Un.",
                 "The <mark>UN</mark>, <mark>A</mark> and <mark>Un</mark>."},
        // A short wildcard marks every word it starts, in any case.
        MarkCase{{"Zcamp@en"},
                 "camp de*",
                 "Camps: Detention, DEPORTED, dead.",
                 "<mark>Camps</mark>: <mark>Detention</mark>, <mark>DEPORTED</mark>, "
                 "<mark>dead</mark>."},
        // Everything is escaped; whitespace runs become one space.
        MarkCase{{"Zscript@en"},
                 "script",
                 "<script>alert('x') & \"y\"</script>\n\n next",
                 "&lt;<mark>script</mark>&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/"
                 "<mark>script</mark>&gt; next"}));

struct LanguageCase {
  std::vector<const char*> query_terms;
  const char* lang;
  const char* text;
  const char* expected;
};

class Languages : public testing::TestWithParam<LanguageCase> {};

// Words are compared as the index has them: normalised, stemmed by the text's language, split at
// inner apostrophes, CJK by character pairs.
TEST_P(Languages, MarksWhatTheIndexMatched) {
  std::vector<Xapian::Query> queries;
  for (const char* name : GetParam().query_terms) queries.emplace_back(name);
  const Xapian::Query query(Xapian::Query::OP_OR, queries.begin(), queries.end());
  EXPECT_EQ(highlighter_for(query).snippet(GetParam().text, {}, 300, GetParam().lang),
            GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Languages,
    testing::Values(
        LanguageCase{{"bachelet"},
                     "es",
                     "Michelle Bachélet habló.",
                     "Michelle <mark>Bachélet</mark> habló."},
        LanguageCase{{"Zdroit@fr"},
                     "fr",
                     "Les droits de l'homme.",
                     "Les <mark>droits</mark> de l&#39;homme."},
        LanguageCase{
            {"homme"}, "fr", "Les droits de l'homme.", "Les droits de l&#39;<mark>homme</mark>."},
        LanguageCase{{"Zправ@ru"},
                     "ru",
                     "Права человека и правами.",
                     "<mark>Права</mark> человека и <mark>правами</mark>."},
        LanguageCase{{"Zправ@ru"}, "", "Права человека.", "Права человека."},  // no stemmer
        LanguageCase{{"人", "人权", "权"},
                     "zh",
                     "保障人权。人人有权。",
                     "保障<mark>人</mark><mark>权</mark>。人人有权"},
        LanguageCase{{"人"}, "zh", "人人有权", "<mark>人</mark><mark>人</mark>有权"},
        LanguageCase{
            {"宣言"}, "ja", "世界人権宣言 UN", "世界人権<mark>宣</mark><mark>言</mark> UN"},
        LanguageCase{{"الاعلان"}, "ar", "الإعلانُ العالمي", "<mark>الإعلانُ</mark> العالمي"}));

// A word, its stems and its variants (one synonym of the query) are one thing asked for: a passage
// with "forced" and "forces" has one of the query's two, the one with "cotton" both.
TEST(Highlight, SynonymsCountAsOneWordWhenChoosingThePassage) {
  const Xapian::Query forced(Xapian::Query::OP_SYNONYM, Xapian::Query("Zforc@en"),
                             Xapian::Query("forced"));
  const Xapian::Query cotton(Xapian::Query::OP_SYNONYM, Xapian::Query("Zcotton@en"),
                             Xapian::Query("cotton"));
  const Highlighter highlighter =
      highlighter_for(Xapian::Query(Xapian::Query::OP_AND, forced, cotton));
  std::string text = "Security forces forced the workers out. ";
  for (int i = 0; i < 20; ++i) text += "Filler sentence number " + std::to_string(i) + ". ";
  text += "Picking cotton was forced on them.";
  const std::string snippet = highlighter.snippet(text, {}, 60, "en");
  EXPECT_NE(snippet.find("<mark>cotton</mark>"), std::string::npos) << snippet;
}

// Common words weigh little when the passage is chosen: "de" and "l" are in nearly every French
// document, "droits" in few, so the passage with "droits" wins over one with "de" and "l".
TEST(Highlight, RareWordsOutweighCommonOnesWhenChoosingThePassage) {
  MarkTerms marks =
      mark_terms(terms({"droits", "de", "l", "homme"}), "", kTextPrefixes, kFacetPrefixes);
  const std::map<std::string, Xapian::doccount> frequencies{
      {"droits", 5}, {"de", 990}, {"l", 950}, {"homme", 10}};
  weigh_words(marks, 1000, [&](const std::string& word) { return frequencies.at(word); });
  EXPECT_EQ(marks.weight.at("droits"), 1000);
  EXPECT_LT(marks.weight.at("de"), 200);
  std::string text = "Le rapport de l'ONU et de l'UE. ";
  for (int i = 0; i < 20; ++i) text += "Filler sentence number " + std::to_string(i) + ". ";
  text += "Les droits des femmes.";
  const std::string snippet = Highlighter(marks).snippet(text, {}, 40, "fr");
  EXPECT_NE(snippet.find("<mark>droits</mark>"), std::string::npos) << snippet;
  // Unweighed, the two common words win.
  const std::string unweighed =
      highlighter_for(terms({"droits", "de", "l", "homme"})).snippet(text, {}, 40, "fr");
  EXPECT_EQ(unweighed.find("<mark>droits</mark>"), std::string::npos) << unweighed;
}

TEST(Highlight, NamesOfMatchedFacetsAreMarked) {
  const Xapian::Query query("XOun");
  const MarkTerms marks = mark_terms(query, "org:UN", kTextPrefixes, kFacetPrefixes);
  EXPECT_EQ(marks.facet_terms, std::vector<std::string>{"XOun"});
  EXPECT_TRUE(marks.empty());
  const Highlighter highlighter(marks);
  EXPECT_EQ(
      highlighter.snippet("The United Nations and the U.N. met.", {"United Nations", "U.N."}, 300),
      "The <mark>United</mark> <mark>Nations</mark> and the <mark>U.N.</mark> met.");
}

TEST(Highlight, PicksTheDensestPassageAndCutsAtWords) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "Filler sentence number " + std::to_string(i) + ". ";
  text += "Here the cotton harvest used forced labour in Aksu. ";
  for (int i = 0; i < 60; ++i) text += "More filler " + std::to_string(i) + ". ";
  text += "A lone cotton mention.";
  const Highlighter highlighter = highlighter_for(terms({"Zcotton@en", "Zforc@en", "Zlabour@en"}));
  const std::string snippet = highlighter.snippet(text, {}, 120, "en");
  EXPECT_NE(snippet.find("<mark>cotton</mark> harvest used <mark>forced</mark> "
                         "<mark>labour</mark>"),
            std::string::npos)
      << snippet;
  EXPECT_EQ(snippet.rfind("\u2026", 0), 0u) << snippet;  // starts inside the text
  EXPECT_NE(snippet.find("Here the"), std::string::npos) << "starts at the sentence: " << snippet;
  EXPECT_LE(snippet.size(), 120u + 6 * 13 + 6);  // the text, marks and two ellipses
  const std::string last = snippet.substr(snippet.size() - std::string("\u2026").size());
  EXPECT_EQ(last, "\u2026");
}

TEST(Highlight, WithoutMatchesTheStartOfTheText) {
  const Highlighter highlighter = highlighter_for(terms({"Zxyzzy@en"}));
  EXPECT_EQ(highlighter.snippet("One two three four five six.", {}, 12), "One two\u2026");
  EXPECT_EQ(highlighter.snippet("", {}, 12), "");
}

TEST(Highlight, InvalidUtf8IsRepaired) {
  const Highlighter highlighter = highlighter_for(terms({"Zcaf@en"}));
  const std::string snippet = highlighter.snippet("caf\xE9 <b>", {}, 100, "en");
  EXPECT_EQ(snippet, "<mark>caf</mark>\xEF\xBF\xBD &lt;b&gt;");
}

TEST(Highlight, TitlesAreMarkedWhole) {
  const Highlighter highlighter = highlighter_for(terms({"Zcamp@en", "uighur"}));
  EXPECT_EQ(highlighter.mark_all("<i>Uighur</i> camps: a report?!", "en"),
            "&lt;i&gt;<mark>Uighur</mark>&lt;/i&gt; <mark>camps</mark>: a report?!");
}

}  // namespace
}  // namespace vigil::search
