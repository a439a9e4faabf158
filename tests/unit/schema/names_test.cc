#include "vigil/names.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "utf8_for_test.h"

namespace vigil {
namespace {

using test::utf8;

struct FoldCase {
  const char* word;
  const char* folded;
};

class Fold : public testing::TestWithParam<FoldCase> {};

TEST_P(Fold, FoldsCaseFully) {
  EXPECT_EQ(fold(GetParam().word), GetParam().folded) << GetParam().word;
  EXPECT_EQ(fold_through_icu(GetParam().word), GetParam().folded) << GetParam().word;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Fold,
    testing::Values(FoldCase{"", ""}, FoldCase{"Xinjiang", "xinjiang"},
                    FoldCase{"ÜRÜMQI", "ürümqi"}, FoldCase{"Straße", "strasse"},  // ß: two letters
                    FoldCase{"ﬁnance", "finance"},                                // a ligature
                    FoldCase{"İstanbul", "i̇stanbul"},  // dotted capital I: i + combining dot
                    FoldCase{"МОСКВА", "москва"}, FoldCase{"ΣΟΦΊΑ", "σοφία"},
                    FoldCase{"Ὀδυσσεύς", "ὀδυσσεύσ"},
                    FoldCase{"ᾼ", "αι"},  // final sigma folds to σ; Greek with iota
                    FoldCase{"北京", "北京"}, FoldCase{"𐐀", "𐐨"},  // Deseret: four bytes
                    FoldCase{"a\xFF"
                             "B",
                             "a\xEF\xBF\xBD"
                             "b"},  // ill-formed: U+FFFD, as ICU
                    FoldCase{"\xED\xA0\x80",
                             "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"}));  // a surrogate

// Every code point alone and between letters, against ICU's folding of the whole word.
TEST(Names, FoldEqualsIcuForEveryCodePoint) {
  for (char32_t c = 0x80; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const std::string alone = utf8(c);
    ASSERT_EQ(fold(alone), fold_through_icu(alone))
        << "U+" << std::hex << static_cast<std::uint32_t>(c);
    if (c % 7 == 0) {  // in context too, for a seventh of them (every range is sampled)
      std::string word = "A";
      word.append(alone).append("b").append(alone);
      ASSERT_EQ(fold(word), fold_through_icu(word))
          << "U+" << std::hex << static_cast<std::uint32_t>(c);
    }
  }
}

// Names as the gazetteer holds them, whose keys must not change with the folding's path.
TEST(Names, KeysOfNamesInManyScripts) {
  EXPECT_EQ(name_key("Washington, D.C."), "washington d.c.");
  EXPECT_EQ(name_key("ÜRÜMQI"), "ürümqi");
  EXPECT_EQ(name_key("Sankt-Peterburg"), "sankt peterburg");
  EXPECT_EQ(name_key("Санкт-Петербург"), "санкт петербург");
  EXPECT_EQ(name_key("Côte d'Ivoire"), "côte d'ivoire");
  EXPECT_EQ(name_key("GROẞBRITANNIEN"), "grossbritannien");
  EXPECT_EQ(name_key("新疆维吾尔自治区"), "新疆维吾尔自治区");
}

}  // namespace
}  // namespace vigil
