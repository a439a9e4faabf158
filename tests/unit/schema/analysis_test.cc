#include "vigil/analysis.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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
