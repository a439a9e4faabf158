#include "extract/language.h"

#include <gtest/gtest.h>

#include <string>

namespace vigil::extract {
namespace {

std::string repeat(const std::string& sentence, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += sentence + " ";
  return out;
}

const std::string kEnglish = repeat(
    "Witnesses said the detainees were held for weeks without access to lawyers or family.", 6);
const std::string kRussian = repeat(
    "Правозащитники сообщили о задержании десятков активистов в Москве на прошлой неделе.", 6);
const std::string kChinese =
    repeat("新疆维吾尔自治区政府官员周四在北京举行新闻发布会，否认强迫劳动的指控。", 6);
// English prose around many Italian names and places: still English.
const std::string kEnglishWithNames = repeat(
    "Scorers after Sunday: Giuseppe Rossi (Fiorentina), Francesco Totti (Roma), Alessandro Del "
    "Piero (Juventus), Andrea Pirlo (Milano), Gennaro Gattuso (Milano) and Luca Toni (Bologna).",
    4);
const std::string kArabic =
    repeat("قالت منظمة العفو الدولية إن السلطات اعتقلت عشرات الناشطين خلال الأسبوع الماضي.", 6);

TEST(DetectLanguage, ReliableOnArticleLengthText) {
  EXPECT_EQ(detect_language(kEnglish), "en");
  EXPECT_EQ(detect_language(kRussian), "ru");
  EXPECT_EQ(detect_language(kChinese), "zh");
  EXPECT_EQ(detect_language(kArabic), "ar");
}

TEST(DetectLanguage, NothingForShortOrInvalidText) {
  EXPECT_EQ(detect_language(""), "");
  EXPECT_EQ(detect_language("ok"), "");
  EXPECT_EQ(detect_language("caf\xE9 " + kEnglish), "");  // not UTF-8: no guess
}

struct ChoiceCase {
  const char* name;
  std::string declared;
  std::string text;
  std::string expected;
};

class ChooseArticleLanguage : public testing::TestWithParam<ChoiceCase> {};

TEST_P(ChooseArticleLanguage, Table) {
  EXPECT_EQ(choose_article_language(GetParam().declared, GetParam().text), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ChooseArticleLanguage,
    testing::Values(ChoiceCase{"UndeclaredIsDetected", "", kRussian, "ru"},
                    ChoiceCase{"UndeclaredShortStaysUnknown", "", "ok", ""},
                    ChoiceCase{"AgreeingDeclarationKept", "en", kEnglish, "en"},
                    ChoiceCase{"WrongTemplateDeclarationCorrected", "en", kChinese, "zh"},
                    ChoiceCase{"ShortTextDoesNotOverride", "en", "Правозащитники сообщили.", "en"},
                    ChoiceCase{"DeclarationCld2CannotCheckIsKept", "cri", kEnglish, "cri"},
                    ChoiceCase{"ForeignNamesDoNotOverrideEnglish", "en", kEnglishWithNames, "en"}),
    [](const testing::TestParamInfo<ChoiceCase>& param) { return std::string(param.param.name); });

}  // namespace
}  // namespace vigil::extract
