#pragma once
// CGI request parameters (QUERY_STRING) -> the page a visitor asked for. Pure functions; every
// failure names the parameter and says what it takes, for a 400 page.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "render/url.h"
#include "search/search_result.h"
#include "vigil/result.h"

namespace vigil::cgi {

// Bounds on what a request may carry, checked before anything else is done with it.
inline constexpr std::size_t kMaxQueryString = 16384;  // bytes of QUERY_STRING
inline constexpr std::size_t kMaxParameters = 64;
inline constexpr std::size_t kMaxFilters = 32;
inline constexpr std::size_t kMaxFilterValue = 200;  // bytes of one filter value

// One component of a query string: '+' is a space and %XX a byte (hex digits in either case).
// Fails with code "bad_encoding" for '%' without two hex digits after it or a result that is not
// valid UTF-8. Control characters (C0 other than tab, and DEL) become spaces.
Result<std::string> percent_decode(std::string_view text);

// The name=value pairs of a query string, in order ('&' or ';' between pairs; a pair without '='
// has an empty value; empty pairs are skipped). Fails past kMaxQueryString or kMaxParameters, or
// on a bad encoding ("bad_encoding", "request_too_large").
Result<std::vector<std::pair<std::string, std::string>>> parse_query_string(std::string_view text);

enum class Format { kHtml, kJson, kOpenSearch };

// What a request asks for.
struct WebRequest {
  render::PageState state;  // query, filters, dates, order, page, per_page as given (0: default)
  Format format = Format::kHtml;
  std::string asset;    // asset=NAME: a static file instead of a search
  std::string version;  // v=TOKEN: the asset's version token in the page's link
};

// The request's format=, from the pairs alone (for answering even a request that fails to parse
// in the format it asked for): JSON when format=json is among them, HTML otherwise.
Format requested_format(const std::vector<std::pair<std::string, std::string>>& pairs);

// Reads the parameters: q, page, per_page, sort, format, asset, from, to, and the filters org,
// place, year, month, mentions, lang (repeatable; values of one name ORed). Other names are
// ignored (links with tracking parameters still work). Fails with code "bad_parameter" for a
// repeated single parameter, a page or per_page that is no positive number, an unknown sort or
// format, a from or to that is no date or a range that ends before it starts, too many filters or
// an overlong filter value. A huge page is clamped to search::kMaxPage.
Result<WebRequest> read_request(const std::vector<std::pair<std::string, std::string>>& pairs);

// The search a page state stands for, with the site's page size: per_page 0 becomes
// `default_per_page`, and no more than `max_per_page`; from/to become the filter date=FROM..TO.
search::SearchRequest to_search_request(const render::PageState& state, int default_per_page,
                                        int max_per_page);

}  // namespace vigil::cgi
