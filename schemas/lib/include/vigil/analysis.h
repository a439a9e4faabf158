#pragma once
// Text analysis both binaries must agree on: the indexer's TermGenerator and the searcher's
// QueryParser must stem the same way, or stemmed query terms will not meet indexed ones.

#include <string_view>

namespace vigil::analysis {

// Xapian stemmer language (Xapian::Stem name). Per-language analysis is a later issue.
inline constexpr std::string_view kStemmerLanguage = "english";

}  // namespace vigil::analysis
