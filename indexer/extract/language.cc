#include "extract/language.h"

// compact_lang_det.h uses FILE without including <cstdio>.
#include <cstdio>
// clang-format off
#include <cld2/public/compact_lang_det.h>
// clang-format on

#include "vigil/text.h"

namespace vigil::extract {
namespace {

constexpr std::size_t kMaxDetectBytes = std::size_t{16} * 1024;
constexpr std::size_t kMinOverrideBytes = 400;
constexpr int kMinOverridePercent = 80;  // of the text in the detected language
constexpr int kMaxDeclaredPercent = 5;   // of the text in the declared language

// `text` cut to at most `limit` bytes without splitting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// CLD2's view of `text`: the top three languages and the share of the text in each.
struct Detection {
  bool reliable = false;
  CLD2::Language languages[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE,
                                 CLD2::UNKNOWN_LANGUAGE};
  int percents[3] = {0, 0, 0};

  // Percent of the text CLD2 assigns to `language`.
  int percent_of(CLD2::Language language) const {
    for (int i = 0; i < 3; ++i) {
      if (languages[i] == language) return percents[i];
    }
    return 0;
  }
};

Detection detect(std::string_view text) {
  Detection detection;
  const std::string_view sample = utf8_prefix(text, kMaxDetectBytes);
  if (sample.empty() || !is_valid_utf8(sample)) return detection;
  int text_bytes = 0;
  CLD2::DetectLanguageSummary(sample.data(), static_cast<int>(sample.size()),
                              /*is_plain_text=*/true, detection.languages, detection.percents,
                              &text_bytes, &detection.reliable);
  return detection;
}

std::string code(CLD2::Language language) { return language_subtag(CLD2::LanguageCode(language)); }

}  // namespace

std::string detect_language(std::string_view text) {
  const Detection detection = detect(text);
  if (!detection.reliable || detection.languages[0] == CLD2::UNKNOWN_LANGUAGE) return {};
  return code(detection.languages[0]);
}

std::string choose_article_language(std::string_view declared, std::string_view text) {
  if (declared.empty()) return detect_language(text);
  std::string declared_tag(declared);
  const CLD2::Language declared_language = CLD2::GetLanguageFromName(declared_tag.c_str());
  if (declared_language == CLD2::UNKNOWN_LANGUAGE || text.size() < kMinOverrideBytes) {
    return declared_tag;
  }
  // Only a declaration of which the text holds (almost) nothing, in another script, is overruled:
  // an "en" template around Chinese or Russian text. Within one script, names and quotations
  // mislead detectors (English text full of Italian names reads as Italian), so the declaration
  // stands.
  const Detection detection = detect(text);
  if (!detection.reliable || detection.languages[0] == CLD2::UNKNOWN_LANGUAGE ||
      detection.percents[0] < kMinOverridePercent ||
      detection.percent_of(declared_language) > kMaxDeclaredPercent ||
      CLD2::IsLatnLanguage(detection.languages[0]) == CLD2::IsLatnLanguage(declared_language)) {
    return declared_tag;
  }
  return code(detection.languages[0]);
}

}  // namespace vigil::extract
