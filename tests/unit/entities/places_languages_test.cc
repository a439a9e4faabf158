// Place recognition in the main languages of the corpus (issue 12): localised country and
// region names map to the same ids as the English ones, inside runs of Chinese and Japanese,
// through Russian and Ukrainian case endings, Arabic clitics, Korean particles, French elision
// and Turkish endings after an apostrophe.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "entities/gazetteer.h"
#include "entities/inflection.h"
#include "entities/places.h"
#include "place_ids.h"

namespace vigil::entities {
namespace {

using test::gazetteer;
using test::place_ids;

struct LanguageCase {
  const char* name;
  const char* text;
  std::set<std::string> ids;
};

class FindPlacesInLanguages : public testing::TestWithParam<LanguageCase> {};

TEST_P(FindPlacesInLanguages, FindsExactlyThesePlaces) {
  EXPECT_EQ(place_ids(GetParam().text), GetParam().ids) << GetParam().text;
}

// cn China, cn.13 Xinjiang, g1816670 Beijing, g1529102 Ürümqi, ru Russia, ua Ukraine, kr South
// Korea, ir Iran, dz Algeria, de Germany, tr Turkey, us United States.
INSTANTIATE_TEST_SUITE_P(
    Sentences, FindPlacesInLanguages,
    testing::Values(
        LanguageCase{
            "ChineseInsideARun", "中国政府否认新疆维吾尔自治区存在强迫劳动。", {"cn", "cn.13"}},
        LanguageCase{"ChineseCity", "据报道，外交部发言人在北京表示反对。", {"g1816670"}},
        LanguageCase{"ChineseTraditional", "中國政府在新疆設立了拘留營。", {"cn", "cn.13"}},
        LanguageCase{"ChineseNameAcrossWordsIsNone", "这是非法国家行为。", {}},
        LanguageCase{"JapaneseWithParticles",
                     "中国政府は新疆ウイグル自治区での人権侵害を否定した。",
                     {"cn", "cn.13"}},
        LanguageCase{"JapaneseKatakana", "ロシア軍がウクライナに侵攻した。", {"ru", "ua"}},
        LanguageCase{"KoreanParticles", "미국과 중국의 무역 갈등이 계속되고 있다.", {"us", "cn"}},
        LanguageCase{"KoreanRegion",
                     "중국 정부는 신장 위구르 자치구에서의 강제 노동을 부인했다.",
                     {"cn", "cn.13"}},
        LanguageCase{"ArabicClitics",
                     "اعتقلت السلطات بالصين ناشطين، وقالت مصادر في روسيا والصين إن الوضع خطير.",
                     {"cn", "ru"}},
        LanguageCase{"ArabicLamBeforeArticle", "قدمت الجزائر دعما للصين.", {"dz", "cn"}},
        LanguageCase{"ArabicFinancialIsNotMali", "قدم البنك دعم مالي كبير.", {}},
        LanguageCase{"Persian",
                     "ایران و چین توافق‌نامه‌ای امضا کردند.",
                     {"ir", "cn"}},
        LanguageCase{"PersianZeroWidthNonJoiner",
                     "گزارش‌هایی از سین‌کیانگ منتشر شد.",
                     {"cn.13"}},
        LanguageCase{"UyghurCaseEnding", "ئۇيغۇرلار جۇڭگودا زىيانكەشلىككە ئۇچرىماقتا.", {"cn"}},
        LanguageCase{"RussianCases",
                     "В Китае задержали правозащитников, МИД России заявил протест.",
                     {"cn", "ru"}},
        LanguageCase{"RussianRegion", "Власти в Синьцзяне отрицают обвинения.", {"cn.13"}},
        LanguageCase{"RussianCityDeclined",
                     "Переговоры прошли в Пекине и Урумчи.",
                     {"g1816670", "g1529102"}},
        LanguageCase{"UkrainianCases", "Росія продовжує обстрілювати Україну.", {"ru", "ua"}},
        LanguageCase{"UkrainianTwoWordsDeclined", "Вибори в Південній Кореї відбулися.", {"kr"}},
        LanguageCase{"Spanish", "El gobierno de Turquía y Estados Unidos firmaron.", {"tr", "us"}},
        LanguageCase{
            "FrenchElision", "Les autorités de l'Algérie et la Chine ont réagi.", {"dz", "cn"}},
        LanguageCase{"FrenchPersonNotMauritius", "Maurice Dupont a parlé.", {}},
        LanguageCase{"German", "Die Regierung in Russland kritisierte die Türkei.", {"ru", "tr"}},
        LanguageCase{"Portuguese", "O governo da Rússia e da Alemanha discordam.", {"ru", "de"}},
        LanguageCase{"TurkishApostrophe",
                     "Çin'de Uygurlara yönelik baskıya Türkiye'nin tepkisi sert oldu.",
                     {"cn", "tr"}},
        LanguageCase{"EnglishApostropheUnchanged", "O'Brien visited Iran's capital.", {"ir"}}),
    [](const testing::TestParamInfo<LanguageCase>& param) {
      return std::string(param.param.name);
    });

TEST(PlacesInLanguages, EnclosingCountryOfALocalisedRegion) {
  for (const char* text : {"新疆维吾尔自治区", "Синьцзян", "سین‌کیانگ"}) {
    const std::vector<FoundPlace> found = find_places(text, gazetteer());
    ASSERT_EQ(found.size(), 1U) << text;
    const std::vector<std::int32_t> chain = with_ancestors(gazetteer(), found.front().place);
    ASSERT_EQ(chain.size(), 2U) << text;
    EXPECT_EQ(gazetteer().place(chain[0]).id, "cn.13") << text;
    EXPECT_EQ(gazetteer().place(chain[1]).id, "cn") << text;
  }
}

TEST(PlacesInLanguages, MentionCoversTheNameWithoutClitics) {
  const std::string text = "وقالت مصادر في روسيا والصين";
  const std::vector<FoundPlace> found = find_places(text, gazetteer());
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[1].mentions.front().text, "الصين");
}

TEST(Inflection, CyrillicStems) {
  EXPECT_EQ(cyrillic_stem("китай"), cyrillic_stem("китае"));
  EXPECT_EQ(cyrillic_stem("китая"), cyrillic_stem("китаем"));
  EXPECT_EQ(cyrillic_stem("россия"), cyrillic_stem("россией"));
  EXPECT_EQ(cyrillic_stem("україна"), cyrillic_stem("україною"));
  EXPECT_EQ(cyrillic_stem("сирия"), cyrillic_stem("сирией"));
  EXPECT_EQ(cyrillic_stem("сша"), "сша");                   // too short to lose an ending
  EXPECT_NE(cyrillic_stem("кит"), cyrillic_stem("китай"));  // the whale is no China
  EXPECT_EQ(stem_key("південна корея"), stem_key("південній кореї"));
  EXPECT_EQ(cyrillic_stem("berlin"), "berlin");
}

TEST(Inflection, AsciiWordsWithoutApostropheHaveNoCandidates) {
  EXPECT_TRUE(affix_candidates("Jordans").empty());
  EXPECT_TRUE(affix_candidates("China").empty());
  EXPECT_FALSE(affix_candidates("Iran'da").empty());
}

TEST(Inflection, CjkCutsEndAtTheRunEnd) {
  const std::string run = "中国政府";
  const std::vector<std::size_t> cuts = cjk_cuts(run);
  ASSERT_FALSE(cuts.empty());
  EXPECT_EQ(cuts.back(), run.size());
  EXPECT_TRUE(has_cjk(run));
  EXPECT_FALSE(has_cjk("Китай"));
}

}  // namespace
}  // namespace vigil::entities
