#include "query/variants.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

#include "query/query_builder.h"
#include "vigil/analysis.h"
#include "vigil/stemmer.h"

namespace vigil::query {
extern const std::string_view kEmbeddedVariants;  // variants_data.cc, generated
namespace {

// Documents indexed the way vigil-index indexes English text (normalised, English stemming,
// STEM_SOME, positions, the lang term),
// the title also under its S prefix.
struct Doc {
  const char* id;
  const char* title;
  const char* text;
};
constexpr Doc kDocs[] = {
    {"uighur", "Camps", "Uighur camps in the north."},
    {"uyghur", "Uyghur families", "Uyghur camps hold thousands."},
    {"uygurs", "Exiles", "Uygurs abroad speak of camps."},
    {"apart", "Camps", "Camps were built; no Uyghur was named in them. Uyghur."},
    {"ivoire", "Cocoa", "Côte d'Ivoire exports rose."},
    {"ivory", "Cocoa", "The Ivory Coast government met."},
    {"isis", "Attack", "ISIS claimed the attack."},
    {"state", "Attack", "The Islamic State claimed it."},
    {"labor", "Work", "Forced labor in cotton fields."},
    {"kiev", "Talks", "Talks in Kiev ended."},
};

class VariantsMatch : public testing::TestWithParam<std::pair<const char*, const char*>> {
 protected:
  static void SetUpTestSuite() {
    db_ = new Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::TermGenerator generator;
    generator.set_stemmer(analysis::language_stemmer("en"));
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    for (const Doc& doc : kDocs) {
      Xapian::Document document;
      generator.set_document(document);
      const std::string title = analysis::normalise(doc.title);
      generator.index_text(title, 1, "S");
      generator.increase_termpos(100);
      generator.index_text(title);
      generator.increase_termpos(100);
      generator.index_text(analysis::normalise(doc.text));
      document.add_boolean_term("Len");
      document.set_data(doc.id);
      db_->add_document(document);
    }
  }
  static void TearDownTestSuite() { delete db_; }

  static std::string matches(const std::string& text, Matching matching) {
    const Result<ParsedQuery> parsed =
        build_query(text, *db_, schema::Schema::builtin(), {}, matching);
    EXPECT_TRUE(parsed.ok()) << text;
    if (!parsed) return "";
    Xapian::Enquire enquire(*db_);
    enquire.set_query(parsed.value().query);
    std::set<std::string> ids;
    const Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.insert(it.get_document().get_data());
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : " ") + id;
    return out;
  }

  static Xapian::WritableDatabase* db_;
};

Xapian::WritableDatabase* VariantsMatch::db_ = nullptr;

TEST_P(VariantsMatch, FindsEverySpelling) {
  EXPECT_EQ(matches(GetParam().first, Matching::kVariants), GetParam().second) << GetParam().first;
}

INSTANTIATE_TEST_SUITE_P(
    Table, VariantsMatch,
    testing::Values(std::pair{"uighur", "apart uighur uyghur uygurs"},
                    std::pair{"Uighurs", "uygurs"},  // unstemmed (capitalised): the ending is kept
                    std::pair{"\"uighur camps\"", "uighur uyghur"},
                    std::pair{"title:uighur", "uyghur"}, std::pair{"uighur -camps", ""},
                    std::pair{"ivory coast", "ivoire ivory"},
                    std::pair{"\"ivory coast\"", "ivoire ivory"},
                    std::pair{"\"côte d'ivoire\"", "ivoire ivory"},
                    std::pair{"cote d'ivoire", "ivoire ivory"}, std::pair{"daesh", "isis state"},
                    std::pair{"\"islamic state\" claimed", "isis state"},
                    std::pair{"forced labour", "labor"},
                    std::pair{"kyiv OR uygurs", "apart kiev uighur uyghur uygurs"}));

TEST_F(VariantsMatch, ExactMatchingTurnsVariantsAndStemmingOff) {
  EXPECT_EQ(matches("uighur", Matching::kExact), "uighur");
  EXPECT_EQ(matches("\"uighur camps\"", Matching::kExact), "uighur");
  EXPECT_EQ(matches("uygur", Matching::kExact), "");
  EXPECT_EQ(matches("kyiv", Matching::kExact), "");
}

TEST(Variants, FiltersAndUnknownWordsAreLeftAlone) {
  const Variants& variants = Variants::builtin();
  for (const char* term : {"Hkiev.example.org", "XPua", "cotton", "Zcotton", "Q123"}) {
    EXPECT_EQ(variants.expand(Xapian::Query(term)).get_description(),
              Xapian::Query(term).get_description());
  }
}

TEST(Variants, ParseNamesTheBadLine) {
  const Xapian::Stem stem("english");
  const Result<Variants> ok = Variants::parse("# comment\n\nKyiv, Kiev\n", stem, {""});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value().groups(), 1u);
  const Result<Variants> single = Variants::parse("Kyiv, Kiev\nBurma\n", stem, {""});
  ASSERT_FALSE(single.ok());
  EXPECT_NE(single.error().message.find("line 2"), std::string::npos);
  EXPECT_FALSE(Variants::parse("Kyiv, kyiv, KYIV\n", stem, {""}).ok());
}

TEST(Variants, TheBuiltInListLoads) { EXPECT_GT(Variants::builtin().groups(), 50u); }

// Variants stems the members lazily, by first byte, when a query's stem with that byte is
// looked up: exact only while the stemmer keeps every member's first byte, as the English
// stemmer does (checked also on the 200,000 distinct words of the news and UDHR indexes).
TEST(Variants, EnglishStemsKeepTheFirstByte) {
  const Xapian::Stem stemmer{std::string(analysis::kVariantsStemmer)};
  std::size_t words = 0;
  std::string word;
  const std::string text = analysis::normalise(kEmbeddedVariants);
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      continue;
    }
    if (word.empty()) continue;
    ++words;
    for (const std::string& form : {word, word + "s", word + "ing", word + "ed"}) {
      const std::string stem = stemmer(form);
      ASSERT_FALSE(stem.empty()) << form;
      EXPECT_EQ(stem[0], form[0]) << form << " -> " << stem;
    }
    word.clear();
  }
  EXPECT_GT(words, 150U);
  // The stemmer's exceptions and short stems (dying -> die, ieds -> i) keep it too.
  for (const char* form : {"dying", "lying", "ieds", "oed", "skies"}) {
    EXPECT_EQ(stemmer(form).substr(0, 1), std::string(form, 1)) << form;
  }
}

}  // namespace
}  // namespace vigil::query
