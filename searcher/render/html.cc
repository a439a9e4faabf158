// The results page (render/html.h).
#include "render/html.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>
#include <utility>

#include "vigil/text.h"

namespace vigil::render {
namespace {

// The parts appended in order (GCC 12 warns falsely about "literal" + std::string).
template <typename... Parts>
std::string cat(const Parts&... parts) {
  std::string out;
  (out.append(std::string_view(parts)), ...);
  return out;
}

// Element text or attribute value: escaped, ill-formed UTF-8 repaired.
void text(std::string_view value, std::string& out) {
  if (is_valid_utf8(value)) {
    append_html_escaped(value, out);
  } else {
    append_html_escaped(to_valid_utf8(value), out);
  }
}

// A link to the page showing `state`, escaped for an attribute.
std::string href(const PageContext& context, const PageState& state) {
  std::string url = context.script;
  const std::string parameters = query_string(state);
  if (!parameters.empty()) {
    url += '?';
    url += parameters;
  }
  std::string out;
  text(url, out);
  return out;
}

void link(const PageContext& context, const PageState& state, std::string_view attributes,
          std::string_view label_html, std::string& out) {
  out += "<a href=\"";
  out += href(context, state);
  out += '"';
  if (!attributes.empty()) {
    out += ' ';
    out += attributes;
  }
  out += '>';
  out += label_html;
  out += "</a>";
}

std::string escaped(std::string_view value) {
  std::string out;
  text(value, out);
  return out;
}

void hidden(std::string_view name, std::string_view value, std::string& out) {
  out += "<input type=\"hidden\" name=\"";
  out += name;
  out += "\" value=\"";
  text(value, out);
  out += "\">";
}

// The facets of the sidebar: JSON name, heading, filter parameter.
struct FacetInfo {
  std::string_view name;
  std::string_view heading;
  std::string_view filter;
};
constexpr std::array<FacetInfo, 6> kFacets = {{
    {"organisations", "Organisations", "org"},
    {"places", "Places", "place"},
    {"years", "Year published", "year"},
    {"months", "Month published", "month"},
    {"mentioned_years", "Years mentioned", "mentions"},
    {"languages", "Language", "lang"},
}};

const FacetInfo* facet_info(std::string_view name) {
  for (const FacetInfo& info : kFacets) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::string filter_heading(std::string_view filter) {
  for (const FacetInfo& info : kFacets) {
    if (info.filter == filter) return std::string(info.heading);
  }
  return std::string(filter);
}

void head(const PageContext& context, std::string_view title, std::string& out) {
  const std::string script = escaped(context.script);
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  if (!title.empty()) {
    text(title, out);
    out += " – ";
  }
  out += "Search – ";
  text(context.site.title, out);
  out += "</title>\n<link rel=\"stylesheet\" href=\"";
  out += script;
  out += "?asset=style.css";
  if (!context.site.assets_version.empty()) out += "&amp;v=" + escaped(context.site.assets_version);
  out += "\">\n";
  if (context.site.stylesheet) {
    out += "<link rel=\"stylesheet\" href=\"";
    out += script;
    out += "?asset=site.css";
    if (!context.site.stylesheet_version.empty()) {
      out += "&amp;v=" + escaped(context.site.stylesheet_version);
    }
    out += "\">\n";
  }
  out += "<link rel=\"search\" type=\"application/opensearchdescription+xml\" title=\"";
  text(context.site.title, out);
  out += "\" href=\"";
  out += script;
  out += "?format=opensearch\">\n<script src=\"";
  out += script;
  out += "?asset=search.js";
  if (!context.site.assets_version.empty()) out += "&amp;v=" + escaped(context.site.assets_version);
  out += "\" defer></script>\n</head>\n<body>\n";
  out += "<a class=\"skip\" href=\"#main\">Skip to results</a>\n";
}

// The banner: the site's header or ours, then the search form keeping the query, its filters
// and its order (a new query narrows like the old one; the filters are listed to remove).
void banner(const PageContext& context, std::string& out) {
  out += "<header class=\"banner\">\n";
  if (!context.site.header_html.empty()) {
    out += context.site.header_html;
    out += '\n';
  } else {
    out += "<p class=\"site-name\"><a href=\"";
    out += escaped(context.script);
    out += "\">";
    text(context.site.title, out);
    out += "</a></p>\n";
  }
  const PageState& state = context.state;
  out += "<form class=\"search\" role=\"search\" method=\"get\" action=\"";
  out += escaped(context.script);
  out +=
      "\">\n<label for=\"q\">Search the archive</label>\n<div class=\"searchbar\">"
      "<input id=\"q\" name=\"q\" type=\"search\" dir=\"auto\" autocomplete=\"off\" "
      "spellcheck=\"false\" autofocus value=\"";
  text(state.query, out);
  out +=
      "\" aria-describedby=\"q-help\"><button id=\"search-button\" type=\"submit\">Search</button>"
      "</div>\n<p id=\"q-help\" class=\"help\">Words, \"exact phrases\", OR, -exclude, "
      "org:UN, place:Xinjiang, date:2020..2021</p>\n";
  for (const auto& [name, value] : state.filters) hidden(name, value, out);
  if (!state.from.empty()) hidden("from", state.from, out);
  if (!state.to.empty()) hidden("to", state.to, out);
  if (state.sort != search::Sort::kRelevance) hidden("sort", sort_name(state.sort), out);
  if (state.per_page > 0) hidden("per_page", std::to_string(state.per_page), out);
  out += "</form>\n</header>\n";
}

void footer(const PageContext& context, std::string& out) {
  out += "<footer class=\"site-footer\">\n";
  if (!context.site.footer_html.empty()) {
    out += context.site.footer_html;
    out += '\n';
  } else {
    out += "<p>Search by Vigil. <a href=\"";
    out += escaped(context.script);
    out += "?format=opensearch\">Add this search to your browser</a>.</p>\n";
  }
  out += "</footer>\n</body>\n</html>\n";
}

// "1,234 articles match forced labour (0.05 seconds)" in a live region.
void count_line(const search::SearchResult& result, std::string& out) {
  out += "<p id=\"count\" role=\"status\"><strong>";
  if (!result.exact) out += "About ";
  out += with_commas(result.total);
  out += "</strong> ";
  out += result.total == 1 ? "article" : "articles";
  if (!result.query.empty()) {
    out += " for <q dir=\"auto\">";
    text(result.query, out);
    out += "</q>";
  }
  if (result.collapsed > 0) {
    out += ", ";
    out += with_commas(result.total - result.collapsed);
    out += " after grouping near-identical copies";
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, " (%.3f seconds)", result.took_ms / 1000);
  out += seconds;
  out += "</p>\n";
  // On a phone the facets follow the results: a way down to them.
  if (result.total > 0 && !result.facets.empty()) {
    out += "<p class=\"to-facets\"><a href=\"#facets\">Narrow the results</a></p>\n";
  }
}

void did_you_mean(const search::SearchResult& result, const PageContext& context,
                  std::string& out) {
  if (result.did_you_mean.empty()) return;
  PageState state = context.state;
  state.query = result.did_you_mean;
  state.page = 1;
  out += "<p class=\"did-you-mean\">Did you mean ";
  link(context, state, "dir=\"auto\"", cat("<strong>", escaped(result.did_you_mean), "</strong>"),
       out);
  out += "?</p>\n";
}

std::string facet_label(const search::SearchResult& result, std::string_view filter,
                        std::string_view value) {
  const FacetInfo* info = nullptr;
  for (const FacetInfo& candidate : kFacets) {
    if (candidate.filter == filter) info = &candidate;
  }
  if (info != nullptr) {
    for (const search::FacetList& list : result.facets) {
      if (list.name != info->name) continue;
      for (const search::FacetCount& count : list.values) {
        if (count.value == value) return count.label;
      }
    }
  }
  return std::string(value);
}

// The filters in force, each a link that removes it.
void active_filters(const search::SearchResult* result, const PageContext& context,
                    std::string& out) {
  const PageState& state = context.state;
  if (state.filters.empty() && state.from.empty() && state.to.empty()) return;
  out += "<div class=\"active-filters\"><h2 class=\"inline\">Filters</h2><ul>";
  for (const auto& [name, value] : state.filters) {
    out += "<li>";
    const std::string label = result != nullptr ? facet_label(*result, name, value) : value;
    link(context, toggled(state, name, value), "",
         cat(escaped(filter_heading(name)), ": <span dir=\"auto\">", escaped(label),
             "</span> <span class=\"remove\" aria-hidden=\"true\">×</span>"
             "<span class=\"visually-hidden\"> (remove)</span>"),
         out);
    out += "</li>";
  }
  if (!state.from.empty() || !state.to.empty()) {
    PageState without = state;
    without.from.clear();
    without.to.clear();
    without.page = 1;
    std::string label = "Published: ";
    if (state.from == state.to) {
      label += human_date(state.from);
    } else {
      label += state.from.empty() ? "…" : human_date(state.from);
      label += " to ";
      label += state.to.empty() ? "…" : human_date(state.to);
    }
    out += "<li>";
    link(context, without, "",
         cat(escaped(label),
             " <span class=\"remove\" aria-hidden=\"true\">×</span>"
             "<span class=\"visually-hidden\"> (remove)</span>"),
         out);
    out += "</li>";
  }
  PageState none = state;
  none.filters.clear();
  none.from.clear();
  none.to.clear();
  none.page = 1;
  out += "<li>";
  link(context, none, "class=\"clear\"", "Clear all filters", out);
  out += "</li></ul></div>\n";
}

void sort_links(const PageContext& context, std::string& out) {
  constexpr std::array<std::pair<search::Sort, std::string_view>, 3> kOrders = {{
      {search::Sort::kRelevance, "Relevance"},
      {search::Sort::kDateDescending, "Newest first"},
      {search::Sort::kDateAscending, "Oldest first"},
  }};
  out += "<nav class=\"sort\" aria-label=\"Sort\"><span>Sort by:</span><ul>";
  for (const auto& [sort, label] : kOrders) {
    out += "<li>";
    PageState state = context.state;
    state.sort = sort;
    state.page = 1;
    link(context, state, sort == context.state.sort ? "aria-current=\"true\"" : "", label, out);
    out += "</li>";
  }
  out += "</ul></nav>\n";
}

void chips(const search::Hit& hit, const PageContext& context, std::string& out) {
  constexpr std::size_t kChips = 8;
  std::vector<std::pair<std::string_view, const search::FacetValue*>> all;
  for (const search::FacetValue& value : hit.organisations) all.emplace_back("org", &value);
  for (const search::FacetValue& value : hit.places) all.emplace_back("place", &value);
  if (all.empty()) return;
  out += "<ul class=\"chips\" aria-label=\"Organisations and places named\">";
  for (std::size_t i = 0; i < all.size() && i < kChips; ++i) {
    const auto& [filter, value] = all[i];
    out += "<li class=\"chip chip-";
    out += filter;
    out += "\">";
    const std::string label = escaped(value->label.empty() ? value->value : value->label);
    if (has_filter(context.state, filter, value->value)) {
      out += cat("<span class=\"selected\" dir=\"auto\">", label, "</span>");
    } else {
      const std::string title =
          cat("title=\"Only articles naming ", escaped(value->label), "\" dir=\"auto\"");
      link(context, toggled(context.state, filter, value->value), title, label, out);
    }
    out += "</li>";
  }
  out += "</ul>";
}

std::string host_of(std::string_view url) {
  const std::size_t start = url.find("://");
  if (start == std::string_view::npos) return "";
  url.remove_prefix(start + 3);
  const std::size_t end = url.find_first_of("/?#");
  return std::string(url.substr(0, end));
}

void hit_item(const search::Hit& hit, const PageContext& context, std::string& out) {
  out += "<li class=\"result\">\n<h2 class=\"title\">";
  std::string title_html = hit.title_html;
  if (title_html.empty()) title_html = escaped(hit.title);
  if (title_html.empty()) title_html = "Untitled article";
  const std::string url = safe_link(hit.url);
  if (!url.empty()) {
    out += "<a href=\"";
    text(url, out);
    out += "\" dir=\"auto\">";
    out += title_html;
    out += "</a>";
  } else {
    out += "<span dir=\"auto\">";
    out += title_html;
    out += "</span>";
  }
  out += "</h2>\n<p class=\"meta\">";
  bool first = true;
  const auto separate = [&] {
    if (!first) out += " <span aria-hidden=\"true\">·</span> ";
    first = false;
  };
  if (!hit.source.empty()) {
    separate();
    out += "<span class=\"source\" dir=\"auto\">";
    text(hit.source, out);
    out += "</span>";
  }
  if (!hit.date.empty()) {
    separate();
    out += "<time datetime=\"";
    text(hit.date, out);
    out += "\">";
    text(human_date(hit.date), out);
    out += "</time>";
  }
  const std::string host = url.empty() ? "" : host_of(url);
  if (!host.empty()) {
    separate();
    out += "<span class=\"host\">";
    text(host, out);
    out += "</span>";
  }
  out += "</p>\n";
  if (!hit.snippet_html.empty()) {
    out += "<p class=\"snippet\" dir=\"auto\">";
    out += hit.snippet_html;
    out += "</p>\n";
  }
  chips(hit, context, out);
  if (hit.similar > 0) {
    out += "<p class=\"similar\">";
    out += with_commas(hit.similar);
    out += hit.similar == 1 ? " similar copy" : " similar copies";
    out += " of this article</p>";
  }
  out += "\n</li>\n";
}

void pagination(const search::SearchResult& result, const PageContext& context, std::string& out) {
  const std::uint64_t listed = result.total - std::min(result.collapsed, result.total);
  const auto per_page = static_cast<std::uint64_t>(std::max(result.per_page, 1));
  const auto pages = static_cast<int>(
      std::min<std::uint64_t>((listed + per_page - 1) / per_page, search::kMaxPage));
  if (pages <= 1 && result.page <= 1) return;
  const int current = result.page;
  out += "<nav class=\"pages\" aria-label=\"Pages\"><ul>";
  PageState state = context.state;
  if (current > 1) {
    state.page = current - 1;
    out += "<li>";
    link(context, state, "rel=\"prev\"", "← Previous", out);
    out += "</li>";
  }
  const int low = std::max(1, current - 2);
  const int high = std::min(pages, current + 2);
  if (low > 1) {
    state.page = 1;
    out += "<li>";
    link(context, state, "aria-label=\"Page 1\"", "1", out);
    out += "</li>";
    if (low > 2) out += "<li aria-hidden=\"true\">…</li>";
  }
  for (int page = low; page <= high; ++page) {
    out += "<li>";
    if (page == current) {
      out += "<span aria-current=\"page\">";
      out += std::to_string(page);
      out += "</span>";
    } else {
      state.page = page;
      link(context, state, cat("aria-label=\"Page ", std::to_string(page), "\""),
           std::to_string(page), out);
    }
    out += "</li>";
  }
  if (current < pages) {
    state.page = current + 1;
    out += "<li>";
    link(context, state, "rel=\"next\"", "Next →", out);
    out += "</li>";
  }
  out += "</ul></nav>\n";
}

// No match: why, and what to try.
void empty_result(const search::SearchResult& result, const PageContext& context,
                  std::string& out) {
  const PageState& state = context.state;
  out += "<div class=\"empty\"><h2>No articles match";
  if (!result.query.empty()) {
    out += " <q dir=\"auto\">";
    text(result.query, out);
    out += "</q>";
  }
  out += "</h2>\n<p>Suggestions:</p><ul>";
  if (!result.did_you_mean.empty()) {
    PageState corrected = state;
    corrected.query = result.did_you_mean;
    out += "<li>Search for ";
    link(context, corrected, "dir=\"auto\"", escaped(result.did_you_mean), out);
    out += " instead.</li>";
  }
  if (!state.filters.empty() || !state.from.empty() || !state.to.empty()) {
    PageState unfiltered = state;
    unfiltered.filters.clear();
    unfiltered.from.clear();
    unfiltered.to.clear();
    unfiltered.page = 1;
    out += "<li>";
    link(context, unfiltered, "", "Search without the filters", out);
    out += ": they may exclude what you are looking for.</li>";
  }
  if (state.query.find(' ') != std::string::npos && state.query.find('"') == std::string::npos &&
      state.query.find(':') == std::string::npos) {
    // Any of the words, not all of them.
    PageState any = state;
    any.query.clear();
    std::size_t start = 0;
    while (start < state.query.size()) {
      std::size_t end = state.query.find(' ', start);
      if (end == std::string::npos) end = state.query.size();
      if (end > start) {
        if (!any.query.empty()) any.query += " OR ";
        any.query.append(state.query, start, end - start);
      }
      start = end + 1;
    }
    out += "<li>Find articles with ";
    link(context, any, "", "any of the words", out);
    out += " rather than all of them.</li>";
  }
  out +=
      "<li>Check the spelling, or try other words (detention rather than detained camps, a "
      "place's other name).</li><li>Use fewer words, or search for a place or organisation "
      "with place: or org:.</li></ul></div>\n";
}

void facet_sidebar(const search::SearchResult& result, const PageContext& context,
                   std::string& out) {
  const PageState& state = context.state;
  out +=
      "<aside id=\"facets\" class=\"facets\" aria-labelledby=\"facets-heading\">\n"
      "<h2 id=\"facets-heading\">Narrow the results</h2>\n"
      "<form id=\"facet-form\" method=\"get\" action=\"";
  out += escaped(context.script);
  out += "\">\n";
  if (!state.query.empty()) hidden("q", state.query, out);
  if (state.sort != search::Sort::kRelevance) hidden("sort", sort_name(state.sort), out);
  if (state.per_page > 0) hidden("per_page", std::to_string(state.per_page), out);
  std::set<std::pair<std::string, std::string>> shown;
  int id = 0;
  for (const search::FacetList& list : result.facets) {
    const FacetInfo* info = facet_info(list.name);
    if (info == nullptr || list.values.empty()) continue;
    const bool any_selected = std::any_of(list.values.begin(), list.values.end(),
                                          [](const search::FacetCount& c) { return c.selected; });
    // Months are the timeline's; the sidebar lists them only when one is chosen.
    if (info->filter == "month" && !any_selected) continue;
    out += "<fieldset><legend>";
    out += info->heading;
    out += "</legend><ul>";
    for (const search::FacetCount& value : list.values) {
      const std::string input_id = cat("f", std::to_string(++id));
      out += cat("<li><input type=\"checkbox\" id=\"", input_id, "\" name=\"");
      out += info->filter;
      out += "\" value=\"";
      text(value.value, out);
      out += '"';
      if (value.selected) out += " checked";
      out += cat("><label for=\"", input_id, "\"><span dir=\"auto\">");
      text(value.label.empty() ? value.value : value.label, out);
      out += "</span> <span class=\"count\">";
      out += with_commas(value.count);
      out += "</span></label></li>";
      shown.emplace(std::string(info->filter), value.value);
    }
    out += "</ul>";
    if (list.more > 0) {
      out += "<p class=\"more\">and ";
      out += with_commas(list.more);
      out += " more</p>";
    }
    out += "</fieldset>\n";
  }
  // Filters no list shows (a facet left out) stay as they are.
  for (const auto& [name, value] : state.filters) {
    if (shown.count({name, value}) == 0) hidden(name, value, out);
  }
  out +=
      "<fieldset class=\"dates\"><legend>Published</legend>"
      "<label for=\"from\">From</label><input id=\"from\" name=\"from\" inputmode=\"numeric\" "
      "placeholder=\"YYYY-MM-DD\" size=\"10\" maxlength=\"10\" value=\"";
  text(state.from, out);
  out +=
      "\"><label for=\"to\">to</label><input id=\"to\" name=\"to\" inputmode=\"numeric\" "
      "placeholder=\"YYYY-MM-DD\" size=\"10\" maxlength=\"10\" value=\"";
  text(state.to, out);
  out +=
      "\"></fieldset>\n<button id=\"apply-filters\" type=\"submit\">Apply filters</button>\n"
      "</form>\n</aside>\n";
}

void timeline_figure(const search::SearchResult& result, const PageContext& context,
                     std::string& out) {
  const search::Timeline& timeline = result.timeline;
  if (timeline.periods.size() < 2) return;
  out += "<figure class=\"timeline\"><figcaption id=\"timeline-caption\">Articles per ";
  out += timeline.unit;
  out += ", ";
  text(human_date(timeline.periods.front().value), out);
  out += " to ";
  text(human_date(timeline.periods.back().value), out);
  out += ". Choose a bar to see that ";
  out += timeline.unit;
  out += " only.</figcaption>\n";
  out += timeline_svg(timeline, context);
  out += "<div class=\"axis\" aria-hidden=\"true\"><span>";
  text(timeline.periods.front().value, out);
  out += "</span><span>";
  text(timeline.periods.back().value, out);
  out += "</span></div></figure>\n";
}

}  // namespace

std::string results_page(const search::SearchResult& result, const PageContext& context) {
  std::string out;
  out.reserve(32768);
  head(context, context.state.query, out);
  banner(context, out);
  out += "<div class=\"layout\">\n<main id=\"main\" tabindex=\"-1\">\n";
  out += "<h1 class=\"visually-hidden\">Search results</h1>\n";
  count_line(result, out);
  if (!result.notice.empty()) {
    out += "<p class=\"notice\">";
    text(result.notice, out);
    out += "</p>\n";
  }
  did_you_mean(result, context, out);
  active_filters(&result, context, out);
  if (result.hits.empty()) {
    if (result.total == 0) {
      empty_result(result, context, out);
    } else {
      out += "<p class=\"past-end\">This page is past the last result. ";
      PageState first = context.state;
      first.page = 1;
      link(context, first, "", "Go to the first page", out);
      out += ".</p>\n";
    }
  } else {
    sort_links(context, out);
    timeline_figure(result, context, out);
    out += "<ol class=\"results\" start=\"";
    out += std::to_string(result.hits.front().rank);
    out += "\">\n";
    for (const search::Hit& hit : result.hits) hit_item(hit, context, out);
    out += "</ol>\n";
    pagination(result, context, out);
  }
  out += "</main>\n";
  if (!result.facets.empty() && result.total > 0) facet_sidebar(result, context, out);
  out += "</div>\n";
  footer(context, out);
  return out;
}

std::string home_page(const PageContext& context) {
  std::string out;
  head(context, "", out);
  banner(context, out);
  out +=
      "<div class=\"layout\">\n<main id=\"main\" tabindex=\"-1\">\n"
      "<h1 class=\"visually-hidden\">Search</h1>\n"
      "<div class=\"intro\"><p>Search every article of the archive. Examples: ";
  constexpr std::array<std::string_view, 3> kExamples = {
      "\"forced labour\" cotton", "detention place:Xinjiang", "censorship org:UN date:2020..2022"};
  for (std::size_t i = 0; i < kExamples.size(); ++i) {
    PageState state;
    state.query = kExamples[i];
    if (i > 0) out += ", ";
    link(context, state, "", cat("<code>", escaped(kExamples[i]), "</code>"), out);
  }
  out += ".</p></div>\n</main>\n</div>\n";
  footer(context, out);
  return out;
}

std::string message_page(const PageContext& context, std::string_view heading,
                         std::string_view message) {
  std::string out;
  head(context, heading, out);
  banner(context, out);
  out +=
      "<div class=\"layout\">\n<main id=\"main\" tabindex=\"-1\">\n<div class=\"error\" "
      "role=\"alert\"><h1>";
  text(heading, out);
  out += "</h1><p>";
  text(message, out);
  out += "</p></div>\n</main>\n</div>\n";
  footer(context, out);
  return out;
}

}  // namespace vigil::render
