#pragma once
// Pure functions SearchResult -> output text. No Xapian, no I/O.

#include <string>
#include <string_view>

#include "search/search_result.h"

namespace vigil::render {

// The JSON document printed by `vigil-search --format json` (schema in README.md):
// {"query", "total", "exact", "page", "per_page", "notice"?,
//  "results": [{"rank", "url", "title", "date", "source", "snippet_html", "score"}]}
// Always valid UTF-8 JSON, one object, ending in a newline. Invalid UTF-8 in the input is
// replaced with U+FFFD; control characters are escaped.
std::string to_json(const search::SearchResult& result);

struct TextStyle {
  bool color = false;  // ANSI bold/colour for matches (a terminal); plain text otherwise
};

// The terminal listing: a header line with the count, then per hit its rank and title, a line
// with the URL (or key), date and source, and the snippet with matches emphasised.
std::string to_text(const search::SearchResult& result, const TextStyle& style);

}  // namespace vigil::render
