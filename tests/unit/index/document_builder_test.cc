#include "index/document_builder.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "vigil/record.h"

namespace vigil::index {
namespace {

std::set<std::string> terms_of(const Xapian::Document& doc) {
  std::set<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.insert(*it);
  return terms;
}

Article sample() {
  Article article;
  article.key = "https://www.example.org/news/1";
  article.url = article.key;
  article.title = "Forced labour in cotton fields";
  article.authors = {"Jane Doe"};
  article.published = PartialDate{2021, 6, 3};
  article.language = "en";
  article.source = "Example News";
  article.main_text = "Workers described forced labour.\n\nA second paragraph.";
  return article;
}

TEST(DocumentBuilder, WritesTheSchemasTerms) {
  DocumentBuilder builder(schema::Schema::builtin());
  const std::set<std::string> terms = terms_of(builder.build(sample()));
  for (const char* expected :
       {"Qhttps://www.example.org/news/1", "Uhttps://www.example.org/news/1", "Hexample.org", "Len",
        "XSOURCEexample news", "Y2021", "M202106", "D20210603", "Sforced", "ZSforc@en", "cotton",
        "Zcotton@en", "Ajane", "paragraph", "labour"}) {
    EXPECT_EQ(terms.count(expected), 1u) << expected;
  }
}

struct LanguageCase {
  const char* lang;
  const char* text;
  std::vector<const char*> present;
  std::vector<const char*> absent;
};

class DocumentLanguages : public testing::TestWithParam<LanguageCase> {};

// Each document is stemmed by its own language (stems tagged with it), normalised, CJK as
// n-grams, capitalised Cyrillic words also in Latin.
TEST_P(DocumentLanguages, AnalysesTheTextByItsLanguage) {
  DocumentBuilder builder(schema::Schema::builtin());
  Article article = sample();
  article.title.clear();
  article.authors.clear();
  article.language = GetParam().lang;
  article.main_text = GetParam().text;
  const std::set<std::string> terms = terms_of(builder.build(article));
  for (const char* term : GetParam().present) EXPECT_EQ(terms.count(term), 1u) << term;
  for (const char* term : GetParam().absent) EXPECT_EQ(terms.count(term), 0u) << term;
}

INSTANTIATE_TEST_SUITE_P(
    Table, DocumentLanguages,
    testing::Values(
        LanguageCase{"fr",
                     "Les droits de l'homme à Genève.",
                     {"Zdroit@fr", "droits", "homme", "l", "geneve", "Zgenev@fr"},
                     {"Zdroit@en", "l'homme", "genève"}},
        LanguageCase{"ru",
                     "Алексей Навальный и права человека.",
                     {"Zправ@ru", "навальный", "navalny", "aleksey"},
                     {"Zправа@en", "prava"}},  // only capitalised words get a Latin spelling
        LanguageCase{"uk", "Київ і Харків.", {"kyiv", "kharkiv", "київ"}, {}},
        LanguageCase{"zh",
                     "人人生而自由，在尊严和权利上一律平等。",
                     {"人", "人人", "尊严", "权利", "平等"},
                     {"人人生而自由", "Z人"}},  // no Chinese stemmer: no stemmed terms
        LanguageCase{"ja", "すべての人間は、生まれながらにして自由であり", {"人間", "自由"}, {}},
        LanguageCase{"ar", "الإعلانُ العالميُّ لحقوقِ الإنسان", {"الاعلان", "Zاعل@ar"}, {"الإعلانُ"}},
        LanguageCase{"el", "Ανθρώπινα δικαιώματα", {"ανθρωπινα", "δικαιωματα"}, {"δικαιώματα"}},
        LanguageCase{"", "Forced labour", {"forced", "labour"}, {"Zforc@en", "Zforced"}}));

TEST(DocumentBuilder, DescriptionIsSearchableAndWeighsLikeAField) {
  DocumentBuilder builder(schema::Schema::builtin());
  Article article = sample();
  article.description = "Detention camps in Xinjiang";
  const Xapian::Document doc = builder.build(article);
  const std::set<std::string> terms = terms_of(doc);
  EXPECT_EQ(terms.count("XDdetention"), 1u);
  EXPECT_EQ(terms.count("xinjiang"), 1u);
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to("camps");
  ASSERT_EQ(*it, "camps");
  EXPECT_EQ(it.get_wdf(), schema::Schema::builtin().require("description").weight);
  Article changed = article;
  changed.description = "Another summary";
  EXPECT_NE(builder.prepare(article).digest, builder.prepare(changed).digest);
}

TEST(DocumentBuilder, DateTermsOnlyAtTheKnownPrecision) {
  DocumentBuilder builder(schema::Schema::builtin());
  Article article = sample();
  article.published = PartialDate{2010, 0, 0};
  const Xapian::Document doc = builder.build(article);
  const std::set<std::string> terms = terms_of(doc);
  EXPECT_EQ(terms.count("Y2010"), 1u);
  for (const std::string& term : terms) {
    EXPECT_NE(term.rfind("M2010", 0), 0u) << term;
    EXPECT_NE(term.rfind("D2010", 0), 0u) << term;
  }
  EXPECT_EQ(doc.get_value(0), "20100000");
}

TEST(DocumentBuilder, StoresWhatTheSearcherShows) {
  DocumentBuilder builder(schema::Schema::builtin());
  const StoredRecord record = decode_record(builder.build(sample()).get_data());
  EXPECT_EQ(record.title, "Forced labour in cotton fields");
  EXPECT_EQ(record.url, "https://www.example.org/news/1");
  EXPECT_EQ(record.date, "2021-06-03");
  EXPECT_EQ(record.source, "Example News");
  EXPECT_EQ(record.author, "Jane Doe");
  EXPECT_EQ(record.text, sample().main_text);
}

TEST(DocumentBuilder, DigestFollowsContent) {
  DocumentBuilder builder(schema::Schema::builtin());
  const std::string digest = builder.prepare(sample()).digest;
  EXPECT_EQ(digest, builder.prepare(sample()).digest);
  Article changed = sample();
  changed.main_text += " More.";
  EXPECT_NE(digest, builder.prepare(changed).digest);
  changed = sample();
  changed.published = PartialDate{2021, 6, 4};
  EXPECT_NE(digest, builder.prepare(changed).digest);
}

TEST(DocumentBuilder, NoPhraseAcrossTitleAndBody) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  DocumentBuilder builder(schema::Schema::builtin());
  Article article = sample();
  article.title = "Alpha";
  article.main_text = "Beta gamma.";
  db.add_document(builder.build(article));
  Xapian::Enquire enquire(db);
  const auto phrase = [](const char* a, const char* b) {
    const std::vector<std::string> terms{a, b};
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), 2);
  };
  enquire.set_query(phrase("alpha", "beta"));
  EXPECT_EQ(enquire.get_mset(0, 10).size(), 0u);
  enquire.set_query(phrase("beta", "gamma"));
  EXPECT_EQ(enquire.get_mset(0, 10).size(), 1u);
}

}  // namespace
}  // namespace vigil::index
