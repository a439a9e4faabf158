// The results list of the page (render/html.h): results with chips, pagination, and the page for
// no results.
#include <algorithm>
#include <utility>
#include <vector>

#include "render/html_write.h"

namespace vigil::render::html_detail {
namespace {

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

}  // namespace

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
  if (is_filtered(state)) {
    out += "<li>";
    link(context, unfiltered(state), "", "Search without the filters", out);
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

}  // namespace vigil::render::html_detail
