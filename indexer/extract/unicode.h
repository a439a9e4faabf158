#pragma once
// Unicode services of the extractor, on ICU: NFC normalisation of extracted text and detection of
// the charset of pages that do not declare one. Thread-safe.

#include <optional>
#include <string>
#include <string_view>

#include "article/article.h"

namespace vigil::extract {

// Normalises valid UTF-8 `text` to NFC in place ("e" + U+0301 becomes "é"), so that a word typed
// with precomposed characters finds text written with combining ones. ASCII and text that is
// already NFC (nearly all of it) return after a quick check without copying.
void normalize_nfc(std::string& text);

// Every text field of `article` (title, authors, source, section, description, main_text) made
// valid UTF-8 (invalid bytes become U+FFFD) and NFC: what every reader does last.
void finish_text(Article& article);

// A charset guessed from the bytes of a page that is not valid UTF-8 and declares no charset:
// the ICU name ("windows-1251", "Shift_JIS", "GB18030", "EUC-KR", ...) when the detector is
// confident, else nullopt (the caller then reads the bytes as windows-1252, as browsers do in the
// West). Markup, scripts and styles are skipped so that they do not outvote the text.
std::optional<std::string> detect_charset(std::string_view bytes);

// `bytes` in `charset` converted to UTF-8 (undecodable sequences become U+FFFD), or nullopt when
// ICU does not know the charset.
std::optional<std::string> to_utf8(std::string_view bytes, const std::string& charset);

}  // namespace vigil::extract
