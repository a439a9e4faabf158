#pragma once
// The article's language: the page's declaration, checked against detection from the text
// (CLD2, from Debian). Thread-safe: CLD2 detection has no shared mutable state.

#include <string>
#include <string_view>

namespace vigil::extract {

// The language CLD2 reliably detects in `text` (its first 16 KiB) as a primary subtag ("en",
// "zh"), or empty when the text is too short or the detection unreliable.
std::string detect_language(std::string_view text);

// The language to record for an article whose page declared `declared` (a primary subtag, or
// empty) and whose text is `text`:
//  - no declaration: the detected language (or empty);
//  - a declaration CLD2 cannot detect (e.g. "cri"): kept as it is;
//  - a declaration contradicted by a reliable detection on at least 400 bytes of text, where at
//    least 80% of the text is in another language of another script (Latin or not) and at most
//    5% in the declared one: the detected language (site templates often declare one language
//    for every page). Within one script the declaration stands: names and quotations mislead
//    detectors, so an "en" page of French text keeps "en";
//  - otherwise the declaration.
std::string choose_article_language(std::string_view declared, std::string_view text);

}  // namespace vigil::extract
