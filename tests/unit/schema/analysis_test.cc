#include "vigil/analysis.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "utf8_for_test.h"

namespace vigil::analysis {
namespace {

struct NormaliseCase {
  const char* text;
  const char* normalised;
};

class Normalise : public testing::TestWithParam<NormaliseCase> {};

TEST_P(Normalise, FoldsVariantsButKeepsCaseAndSyntax) {
  EXPECT_EQ(normalise(GetParam().text), GetParam().normalised) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Normalise,
    testing::Values(
        NormaliseCase{"", ""},
        NormaliseCase{"forced labour AND (Xinjiang OR title:camps)",
                      "forced labour AND (Xinjiang OR title:camps)"},  // ASCII: unchanged
        NormaliseCase{"Michelle Bachélet", "Michelle Bachelet"},
        NormaliseCase{"BACHÉLET São Paulo Zürich", "BACHELET Sao Paulo Zurich"},
        NormaliseCase{"İstanbul ırk Çin'de", "Istanbul irk Cin de"},  // Turkish
        NormaliseCase{"Wałęsa Ødegaard Straße Đoković", "Walesa Odegaard Strasse Dokovic"},
        NormaliseCase{"l'homme d’Ivoire", "l homme d Ivoire"},  // elision, both apostrophes
        NormaliseCase{"China’s rights 'quoted'", "China s rights 'quoted'"},
        NormaliseCase{"don't 1990's", "don t 1990 s"},
        NormaliseCase{"ﬁnancial ＵＮ ３", "financial UN 3"},  // compatibility forms
        NormaliseCase{"ΔΙΚΑΙΩΜΑΤΑ δικαιώματα νόμος", "ΔΙΚΑΙΩΜΑΤΑ δικαιωματα νομοσ"},
        NormaliseCase{"σοφός", "σοφοσ"},                              // final sigma
        NormaliseCase{"Горбачёв всё", "Горбачев все"},                // ё, Russian
        NormaliseCase{"Навальный Київ й", "Навальный Київ й"},        // й and ї are letters
        NormaliseCase{"أحمد إعلان آمن ٱلله", "احمد اعلان امن الله"},  // hamza and madda carriers
        NormaliseCase{"الإعلانُ العالميُّ لحقوقِ الإنسان", "الاعلان العالمي لحقوق الانسان"},
        NormaliseCase{"حـــقوق", "حقوق"},           // tatweel
        NormaliseCase{"مسؤول رئيس", "مسوول رييس"},  // ؤ ئ
        NormaliseCase{"على یک", "علي يك"},          // ى, Persian ی and ک
        NormaliseCase{"שָׁלוֹם", "שלום"},
        NormaliseCase{"نمی\u200cتوان",
                      "نمي توان"},  // ZWNJ, Persian yeh                         // niqqud
        NormaliseCase{"मनुष्य अधिकार", "मनुष्य अधिकार"},           // Devanagari signs kept
        NormaliseCase{"ｶﾞｯｺｳ がっこう", "ガッコウ がっこう"},  // half-width kana
        NormaliseCase{"인권 선언", "인권 선언"},               // Hangul recomposed
        NormaliseCase{"人人生而自由 UN’s", "人人生而自由 UN s"}));

using test::utf8;

// The characters normalise spells from its own table, and some that need ICU.
std::vector<char32_t> latin_and_punctuation() {
  std::vector<char32_t> out;
  for (char32_t c = 0xA0; c < 0x180; ++c) out.push_back(c);
  for (const char32_t c : {0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x0301,
                           0x0308, 0x0180, 0x0430, 0x4EBA}) {
    out.push_back(c);
  }
  return out;
}

// The table of normalise (Latin-1 Supplement, Latin Extended-A, punctuation) gives what ICU
// gives: every character alone and in every position the apostrophe rule looks at.
TEST(Analysis, LatinFormsAreIcusForEveryCharacterAndContext) {
  const std::vector<std::string> contexts{"%",    "a%b",  "%'s", "a'%", "1’%", "%’s",
                                          "%%",   "x %y", "%-%", "é’%", "%’é", "%\u0301",
                                          "A%’B", "%' ",  " '%", "%’’%"};
  for (const char32_t c : latin_and_punctuation()) {
    for (const std::string& context : contexts) {
      std::string text;
      for (std::size_t i = 0; i < context.size(); ++i) {
        if (context[i] == '%') {
          text += utf8(c);
        } else {
          text += context[i];
        }
      }
      EXPECT_EQ(normalise(text), normalise_through_icu(text)) << text;
    }
  }
}

// And in random mixtures of those characters with ASCII letters, digits, apostrophes and spaces.
TEST(Analysis, LatinFormsAreIcusInRandomText) {
  std::vector<std::string> alphabet;
  for (const char32_t c : latin_and_punctuation()) alphabet.push_back(utf8(c));
  for (const char* ascii : {"a", "Z", "7", "'", " ", " ", "s", "-", "."}) {
    alphabet.emplace_back(ascii);
  }
  std::uint32_t state = 12345;
  const auto next = [&state] {
    state = state * 1664525U + 1013904223U;
    return state >> 8U;
  };
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const std::uint32_t length = 1 + next() % 12;
    for (std::uint32_t i = 0; i < length; ++i) text += alphabet[next() % alphabet.size()];
    ASSERT_EQ(normalise(text), normalise_through_icu(text)) << text;
  }
}

TEST(Analysis, StemmerLanguages) {
  EXPECT_EQ(stemmer_language("en"), "english");
  EXPECT_EQ(stemmer_language("ru"), "russian");
  EXPECT_EQ(stemmer_language("nb"), "norwegian");
  EXPECT_EQ(stemmer_language("ms"), "indonesian");
  EXPECT_EQ(stemmer_language("zh"), "");
  EXPECT_EQ(stemmer_language("el"), "");
  EXPECT_EQ(stemmer_language(""), "");
  for (const std::string_view subtag : stemmed_subtags()) {
    EXPECT_FALSE(stemmer_language(subtag).empty()) << subtag;
  }
  EXPECT_EQ(stemmed_subtags().size(), 27U);
}

TEST(Analysis, CjkCharactersAreXapiansNgramOnes) {
  EXPECT_TRUE(is_cjk(U'人'));
  EXPECT_TRUE(is_cjk(U'が'));
  EXPECT_TRUE(is_cjk(U'カ'));
  EXPECT_TRUE(is_cjk(U'인'));
  EXPECT_TRUE(is_cjk(U'\U00020000'));
  EXPECT_FALSE(is_cjk(U'。'));  // punctuation
  EXPECT_FALSE(is_cjk(U'　'));  // ideographic space
  EXPECT_FALSE(is_cjk(U'a'));
  EXPECT_FALSE(is_cjk(U'я'));
}

struct SpellingCase {
  const char* word;
  const char* subtag;
  std::vector<std::string> latin;
};

class Spellings : public testing::TestWithParam<SpellingCase> {};

TEST_P(Spellings, CyrillicNamesInLatin) {
  EXPECT_EQ(latin_spellings(GetParam().word, GetParam().subtag), GetParam().latin)
      << GetParam().word;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Spellings,
    testing::Values(SpellingCase{"навальный", "ru", {"navalny"}},
                    SpellingCase{"навальный", "", {"navalny"}},  // ы: Russian only
                    SpellingCase{"горбачев", "", {"gorbachev", "horbachev"}},
                    SpellingCase{"путин", "ru", {"putin"}},
                    SpellingCase{"ходорковский", "ru", {"khodorkovsky"}},
                    SpellingCase{"зеленський", "", {"zelensky"}},  // both spell it so
                    SpellingCase{"київ", "", {"kyiv"}}, SpellingCase{"харків", "uk", {"kharkiv"}},
                    SpellingCase{"киев", "ru", {"kiev"}},
                    SpellingCase{"мемориал", "ru", {"memorial"}},
                    SpellingCase{"ад", "ru", {}},     // too short
                    SpellingCase{"navalny", "", {}},  // not Cyrillic
                    SpellingCase{"путин2", "", {}},   // not only letters
                    SpellingCase{"Путин", "", {}}));  // lower case only

}  // namespace
}  // namespace vigil::analysis
