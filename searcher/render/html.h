#pragma once
// The results page of the site search box (vigil-search as a CGI program): a complete HTML5
// document, accessible (landmarks, labelled controls, live result count), usable without
// JavaScript. Pure functions of a SearchResult and the page's context; no I/O.
//
// Safety: every value from the index or the request is escaped for where it goes (element text,
// attribute, URL parameter); result links are written only for http and https URLs. The only
// markup passed through is the site's own header and footer (from files its administrator names in
// the server's config) and the <mark> tags of Hit::title_html and Hit::snippet_html.

#include <string>
#include <string_view>

#include "render/url.h"
#include "search/search_result.h"

namespace vigil::render {

// How a site presents the search.
struct Site {
  std::string title = "Vigil";  // in <title>, the default header and the OpenSearch name
  std::string header_html;      // replaces the default header (trusted markup)
  std::string footer_html;      // replaces the default footer (trusted markup)
  bool stylesheet = false;      // the site has its own stylesheet (?asset=site.css), after ours
  // Version tokens of the assets (&v=...), so that browsers may cache them for long and still
  // fetch new ones after an upgrade or a new site stylesheet; empty: no token.
  std::string assets_version;
  std::string stylesheet_version;
};

struct PageContext {
  // The CGI's URL path (SCRIPT_NAME, "/search"): links are script + "?" + parameters.
  std::string script;
  Site site;
  PageState state;  // what the request asked for
};

// The page for a search's result: form, count, notice, spelling suggestion, active filters, sort
// links, timeline histogram, results, pagination (or an empty-result page with suggestions), and
// the facet sidebar.
std::string results_page(const search::SearchResult& result, const PageContext& context);

// The search form alone (no query yet).
std::string home_page(const PageContext& context);

// The form (keeping the query) and a message in an alert: a bad query or parameter, an index that
// cannot be opened. `message` is plain text.
std::string message_page(const PageContext& context, std::string_view heading,
                         std::string_view message);

// The histogram of SearchResult::timeline as inline SVG: one bar per period, each a link to the
// page narrowed to that period (from=to=period); empty when the timeline is.
std::string timeline_svg(const search::Timeline& timeline, const PageContext& context);

// "3 May 2021" from "2021-05-03", "May 2021" from "2021-05", "2021" from "2021"; other text as is.
std::string human_date(std::string_view iso);

// "1,234,567".
std::string with_commas(std::uint64_t number);

// `url` when it is an absolute http or https URL without spaces or control characters, else "".
std::string safe_link(std::string_view url);

}  // namespace vigil::render
