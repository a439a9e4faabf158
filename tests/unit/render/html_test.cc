#include "render/html.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vigil::render {
namespace {

using search::Hit;
using search::SearchResult;

constexpr std::string_view kAttack = "\"><script>alert(1)</script><x y='";

PageContext context_for(std::string query) {
  PageContext context;
  context.script = "/search";
  context.site.title = "Rights <Archive>";
  context.state.query = std::move(query);
  return context;
}

Hit hostile_hit() {
  Hit hit;
  hit.rank = 1;
  hit.key = "k1";
  hit.url = "javascript:alert(document.cookie)";
  hit.title = std::string(kAttack);
  hit.date = "2021-05-03";
  hit.source = std::string(kAttack);
  hit.snippet_html = "a <mark>b</mark> c";
  hit.organisations = {{std::string(kAttack), std::string(kAttack)}};
  hit.places = {{"cn.13", "Xinjiang"}};
  return hit;
}

SearchResult hostile_result() {
  SearchResult result;
  result.query = std::string(kAttack);
  result.total = 1;
  result.exact = true;
  result.hits = {hostile_hit()};
  result.did_you_mean = std::string(kAttack);
  result.notice = std::string(kAttack);
  result.facets = {search::FacetList{
      "organisations", {{std::string(kAttack), std::string(kAttack), 1, false}}, 0}};
  result.timeline = {"year", {{"2020", "2020", 1, false}, {"2021", "2021", 0, false}}};
  return result;
}

// The markup a page may contain comes from the renderer only: no value from the index or the
// request opens an element or leaves its attribute.
TEST(HtmlPage, EveryValueIsEscapedInItsContext) {
  PageContext context = context_for(std::string(kAttack));
  context.state.filters = {{"org", std::string(kAttack)}};
  context.state.from = "2020";
  const std::string page = results_page(hostile_result(), context);
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page.find("<x y="), std::string::npos);
  EXPECT_NE(page.find("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;x y=&#39;"),
            std::string::npos);
  // In URLs the value is percent-encoded, then the URL attribute-escaped.
  EXPECT_NE(page.find("org=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E%3Cx%20y%3D%27"),
            std::string::npos);
  EXPECT_EQ(page.find("javascript:"), std::string::npos) << "unsafe result links are not links";
  EXPECT_NE(page.find("<title>&quot;&gt;&lt;script&gt;"), std::string::npos);
  EXPECT_NE(page.find("Rights &lt;Archive&gt;"), std::string::npos);
  EXPECT_NE(page.find("a <mark>b</mark> c"), std::string::npos) << "snippet marks pass";
  // The only scripts are our own file.
  EXPECT_EQ(page.find("<script>"), std::string::npos);
  EXPECT_NE(page.find("<script src=\"/search?asset=search.js\" defer></script>"),
            std::string::npos);
}

TEST(HtmlPage, HostileScriptNameIsEscaped) {
  PageContext context = context_for("x");
  context.script = std::string(kAttack);
  const std::string page = home_page(context);
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
}

TEST(HtmlPage, InvalidUtf8IsRepaired) {
  SearchResult result;
  result.query = "caf\xE9";
  result.total = 0;
  const std::string page = results_page(result, context_for("caf\xE9"));
  EXPECT_EQ(page.find("caf\xE9"), std::string::npos);
  EXPECT_NE(page.find("caf\xEF\xBF\xBD"), std::string::npos);
}

TEST(HtmlPage, Landmarks) {
  SearchResult result = hostile_result();
  result.total = 30;
  result.page = 2;
  result.per_page = 10;
  result.hits[0].rank = 11;
  PageContext context = context_for("q");
  context.state.page = 2;
  const std::string page = results_page(result, context);
  for (const std::string_view needle :
       {"<html lang=\"en\">", "<header class=\"banner\">", "role=\"search\"", "<label for=\"q\">",
        "<main id=\"main\"", "<aside id=\"facets\"", "<footer", "<nav class=\"sort\" aria-label",
        "<nav class=\"pages\" aria-label=\"Pages\">", "id=\"count\" role=\"status\"",
        "<ol class=\"results\" start=\"11\">", "rel=\"prev\"", "rel=\"next\"",
        "<span aria-current=\"page\">2</span>", "<h1", "autofocus", "dir=\"auto\"",
        "<meta name=\"viewport\""}) {
    EXPECT_NE(page.find(needle), std::string::npos) << needle;
  }
}

TEST(HtmlPage, FacetCheckboxesKeepTheOtherParameters) {
  SearchResult result;
  result.query = "cotton";
  result.total = 3;
  result.hits = {hostile_hit()};
  result.facets = {
      search::FacetList{"places", {{"cn.13", "Xinjiang", 3, true}, {"cn", "China", 2, false}}, 4}};
  PageContext context = context_for("cotton");
  context.state.filters = {{"place", "cn.13"}, {"lang", "en"}};
  context.state.sort = search::Sort::kDateDescending;
  const std::string page = results_page(result, context);
  EXPECT_NE(page.find("name=\"place\" value=\"cn.13\" checked>"), std::string::npos);
  EXPECT_NE(page.find("name=\"place\" value=\"cn\">"), std::string::npos);
  // lang=en has no list on this page: it stays as a hidden field of the facet form.
  const std::size_t form = page.find("<form id=\"facet-form\"");
  ASSERT_NE(form, std::string::npos);
  EXPECT_NE(page.find("<input type=\"hidden\" name=\"lang\" value=\"en\">", form),
            std::string::npos);
  EXPECT_NE(page.find("<input type=\"hidden\" name=\"sort\" value=\"-date\">", form),
            std::string::npos);
  EXPECT_NE(page.find("and 4 more"), std::string::npos);
  // The chip of a place already chosen is no link; the other adds itself.
  EXPECT_NE(page.find("<span class=\"selected\" dir=\"auto\">Xinjiang</span>"), std::string::npos);
  // Removing a filter keeps the rest.
  EXPECT_NE(page.find("href=\"/search?q=cotton&amp;lang=en&amp;sort=-date\""), std::string::npos);
}

TEST(HtmlPage, EmptyResultSuggests) {
  SearchResult result;
  result.query = "forced labuor camps";
  result.total = 0;
  result.did_you_mean = "forced labour camps";
  PageContext context = context_for("forced labuor camps");
  context.state.filters = {{"year", "2021"}};
  const std::string page = results_page(result, context);
  EXPECT_NE(page.find("No articles match"), std::string::npos);
  EXPECT_NE(page.find("q=forced%20labour%20camps&amp;year=2021"), std::string::npos);
  EXPECT_NE(page.find(">Search without the filters</a>"), std::string::npos);
  EXPECT_NE(page.find("q=forced%20OR%20labuor%20OR%20camps"), std::string::npos);
  EXPECT_EQ(page.find("<aside"), std::string::npos) << "no facets for nothing";
}

TEST(HtmlPage, PastTheLastPage) {
  SearchResult result;
  result.query = "x";
  result.total = 5;
  result.page = 1000;
  const std::string page = results_page(result, context_for("x"));
  EXPECT_NE(page.find("past the last result"), std::string::npos);
}

TEST(HtmlPage, MessagePageIsAnAlert) {
  const std::string page =
      message_page(context_for("a AND"), "Cannot search for that", "The query <b> is too long.");
  EXPECT_NE(page.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(page.find("The query &lt;b&gt; is too long."), std::string::npos);
  EXPECT_NE(page.find("value=\"a AND\""), std::string::npos) << "the form keeps the query";
}

TEST(TimelineSvg, BarsLinkToTheirPeriod) {
  search::Timeline timeline{"month",
                            {{"2021-01", "2021-01", 4, false},
                             {"2021-02", "2021-02", 0, false},
                             {"2021-03", "2021-03", 1, false}}};
  PageContext context = context_for("cotton");
  context.state.page = 3;
  context.state.from = "2021-03";
  context.state.to = "2021-03";
  const std::string svg = timeline_svg(timeline, context);
  EXPECT_NE(svg.find("href=\"/search?q=cotton&amp;from=2021-01&amp;to=2021-01\""),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("aria-label=\"January 2021: 4 articles\""), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"March 2021: 1 article\" aria-current=\"true\""),
            std::string::npos);
  EXPECT_EQ(svg.find("February"), std::string::npos) << "no bar for an empty period";
  EXPECT_EQ(svg.find("style="), std::string::npos) << "no inline styles under the CSP";
  EXPECT_EQ(timeline_svg({}, context), "");
}

TEST(HtmlText, Tables) {
  const std::vector<std::pair<std::string, std::string>> dates = {{"2021-05-03", "3 May 2021"},
                                                                  {"2021-12", "December 2021"},
                                                                  {"1987", "1987"},
                                                                  {"2021-13", "2021-13"},
                                                                  {"2021-05-32", "2021-05-32"},
                                                                  {"", ""},
                                                                  {"soon", "soon"}};
  for (const auto& [iso, human] : dates) EXPECT_EQ(human_date(iso), human) << iso;
  EXPECT_EQ(with_commas(0), "0");
  EXPECT_EQ(with_commas(999), "999");
  EXPECT_EQ(with_commas(1000), "1,000");
  EXPECT_EQ(with_commas(1234567), "1,234,567");
  const std::vector<std::pair<std::string, std::string>> links = {
      {"https://example.org/a?b=c", "https://example.org/a?b=c"},
      {"HTTP://EXAMPLE.ORG/", "HTTP://EXAMPLE.ORG/"},
      {"javascript:alert(1)", ""},
      {"JaVaScRiPt:alert(1)", ""},
      {" javascript:alert(1)", ""},
      {"data:text/html,<script>", ""},
      {"file:///etc/passwd", ""},
      {"https://exa mple.org/", ""},
      {"https://example.org/\nx", ""},
      {"http://", ""},
      {"", ""}};
  for (const auto& [url, safe] : links) EXPECT_EQ(safe_link(url), safe) << url;
}

TEST(PercentEncode, OnlyUnreservedBytesStay) {
  EXPECT_EQ(percent_encode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(percent_encode("a b&c=d/é\"<"), "a%20b%26c%3Dd%2F%C3%A9%22%3C");
  EXPECT_EQ(percent_encode(std::string("\0\x7F", 2)), "%00%7F");
}

}  // namespace
}  // namespace vigil::render
