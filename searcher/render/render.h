#pragma once
// Pure functions SearchResult -> output text. No Xapian, no I/O.

#include <string>
#include <string_view>

#include "search/search_result.h"

namespace vigil::render {

// The JSON document printed by `vigil-search --format json` (schema in README.md):
// {"query", "filters", "total", "exact", "page", "per_page", "notice"?, "did_you_mean",
//  "took_ms", "facets"?, "facets_more"?, "timeline"?: {"unit", "periods": [{"value", "count"}]},
//  "results": [{"rank", "id", "url", "title", "title_html",
//  "date", "source", "snippet_html", "organisations", "places", "score"}]}
// Always valid UTF-8 JSON, one object, ending in a newline. Invalid UTF-8 in the input is
// replaced with U+FFFD; control characters are escaped.
std::string to_json(const search::SearchResult& result);

// Exports (vigil-search --export): one line per hit, no snippet, every match.
// CSV (RFC 4180, UTF-8, CRLF line ends): csv_header() then one csv_row() per hit, columns rank,
// id, url, title, date, source, organisations, places, score (organisations and places as
// labels joined by "; "). A cell starting with = + - @ or a tab gets a leading apostrophe, so a
// spreadsheet never runs a hostile title as a formula.
std::string csv_header();
std::string csv_row(const search::Hit& hit);
// JSON Lines: one object per hit with the JSON output's result fields except snippet_html and
// title_html.
std::string jsonl_row(const search::Hit& hit);

struct TextStyle {
  bool color = false;  // ANSI bold/colour for matches (a terminal); plain text otherwise
};

// The terminal listing: a header line with the count (and any notice or spelling suggestion),
// then per hit its rank and title, a line with the URL (or key), date and source, the snippet
// with matches emphasised and its organisations and places; then the top facet counts.
std::string to_text(const search::SearchResult& result, const TextStyle& style);

}  // namespace vigil::render
