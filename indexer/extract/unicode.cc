#include "extract/unicode.h"

#include <unicode/errorcode.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <climits>
#include <memory>

#include "vigil/text.h"

namespace vigil::extract {
namespace {

// Below this ICU confidence (0-100) a guess is refused: short or mostly-ASCII pages give weak
// guesses, and windows-1252 (the fallback) is then the least harmful reading.
constexpr int32_t kMinConfidence = 25;

// The detector needs text, not markup or scripts: this much text is enough for a confident guess.
constexpr std::size_t kSampleBytes = std::size_t{32} * 1024;

// The page's text for the detector: tags, comments, and the contents of <script> and <style>
// removed (ICU's own filter removes tags only, and on a real Czech page the English-like script
// text then outvotes the Czech prose: windows-1252 26, windows-1250 18).
std::string text_sample(std::string_view html) {
  std::string sample;
  std::size_t pos = 0;
  while (pos < html.size() && sample.size() < kSampleBytes) {
    const std::size_t open = html.find('<', pos);
    sample.append(html.substr(pos, open - pos));
    if (open == std::string_view::npos) break;
    sample += ' ';
    std::string_view rest = html.substr(open);
    std::string_view closing = ">";
    if (rest.starts_with("<!--")) {
      closing = "-->";
    } else if (ascii_istarts_with(rest, "<script")) {
      closing = "</script";
    } else if (ascii_istarts_with(rest, "<style")) {
      closing = "</style";
    }
    const std::size_t end = closing == ">" ? rest.find('>') : ascii_ifind(rest, closing);
    if (end == std::string_view::npos) break;
    pos = open + end + closing.size();
  }
  return sample;
}

bool is_ascii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

struct DetectorDeleter {
  void operator()(UCharsetDetector* detector) const { ucsdet_close(detector); }
};

struct ConverterDeleter {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};

}  // namespace

void normalize_nfc(std::string& text) {
  if (is_ascii(text)) return;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || text.size() > static_cast<std::size_t>(INT32_MAX)) return;
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return;
  status = U_ZERO_ERROR;
  std::string out;
  out.reserve(text.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_SUCCESS(status)) text = std::move(out);
}

void finish_text(Article& article) {
  const auto finish = [](std::string& text) {
    if (!is_valid_utf8(text)) text = to_valid_utf8(text);
    normalize_nfc(text);
  };
  finish(article.title);
  for (std::string& author : article.authors) finish(author);
  finish(article.source);
  finish(article.section);
  finish(article.description);
  finish(article.main_text);
}

std::optional<std::string> detect_charset(std::string_view bytes) {
  const std::string sample = text_sample(bytes);
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<UCharsetDetector, DetectorDeleter> detector(ucsdet_open(&status));
  if (U_FAILURE(status)) return std::nullopt;
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  if (U_FAILURE(status) || match == nullptr) return std::nullopt;
  const int32_t confidence = ucsdet_getConfidence(match, &status);
  const char* name = ucsdet_getName(match, &status);
  if (U_FAILURE(status) || name == nullptr || confidence < kMinConfidence) return std::nullopt;
  return std::string(name);
}

std::optional<std::string> to_utf8(std::string_view bytes, const std::string& charset) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX) / 4) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<UConverter, ConverterDeleter> converter(
      ucnv_open(charset.c_str(), &status));
  if (U_FAILURE(status)) return std::nullopt;
  const icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(),
                                status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace vigil::extract
