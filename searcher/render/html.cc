// The results page (render/html.h).
#include "render/html.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>
#include <utility>

#include "render/html_write.h"

namespace vigil::render {
namespace {

using html_detail::cat;
using html_detail::escaped;
using html_detail::hidden;
using html_detail::link;
using html_detail::text;

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
  if (!is_filtered(state)) return;
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
  out += "<li>";
  link(context, unfiltered(state), "class=\"clear\"", "Clear all filters", out);
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
  if (!result.missing_shards.empty()) {
    // Which shard, and why, is for the error log: visitors see no addresses.
    out +=
        "<p class=\"notice\" role=\"alert\">Part of the archive could not be searched just "
        "now, so these results and counts are incomplete. Please try again in a minute.</p>\n";
  }
  did_you_mean(result, context, out);
  active_filters(&result, context, out);
  if (result.hits.empty()) {
    if (result.total == 0) {
      html_detail::empty_result(result, context, out);
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
    for (const search::Hit& hit : result.hits) html_detail::hit_item(hit, context, out);
    out += "</ol>\n";
    html_detail::pagination(result, context, out);
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
