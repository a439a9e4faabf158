#pragma once
// Links of the results page: the state a page shows (query, filters, dates, order, page) and the
// query string that reproduces it. Pure functions; what CGI parameter parsing reads back.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search/search_result.h"

namespace vigil::render {

// `text` percent-encoded for a URL query component: every byte but A-Z a-z 0-9 - . _ ~ becomes
// %XX (a space too: %20), so the result needs no further escaping in a URL; still HTML-escape it
// inside an attribute (it contains '&' between parameters).
std::string percent_encode(std::string_view text);

// What one results page shows. Parameter names are those of the CGI (README, "The site search
// box").
struct PageState {
  std::string query;                                         // q
  std::vector<std::pair<std::string, std::string>> filters;  // org=un, place=cn.13, year=2021...
  std::string from;                                          // from (YYYY, YYYY-MM, YYYY-MM-DD)
  std::string to;                                            // to
  search::Sort sort = search::Sort::kRelevance;              // sort (relevance is not written)
  int page = 1;                                              // page (1 is not written)
  int per_page = 0;                                          // per_page (0: the site's default)
};

// "q=forced%20labour&place=cn.13&sort=-date&page=2": the parameters in a fixed order (q, filters
// in their order, from, to, sort, per_page, page), defaults left out; empty for the empty state.
std::string query_string(const PageState& state);

// The state with filter name=value added (when absent) or removed (when present), on page 1.
PageState toggled(PageState state, std::string_view name, std::string_view value);
bool has_filter(const PageState& state, std::string_view name, std::string_view value);

// Whether the state narrows by a facet filter or a date; the state without any of them, on page 1.
bool is_filtered(const PageState& state);
PageState unfiltered(PageState state);

// "sort" parameter values: relevance, date, -date.
std::string_view sort_name(search::Sort sort);

}  // namespace vigil::render
