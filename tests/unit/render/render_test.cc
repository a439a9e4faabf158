#include "render/render.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "render/escape.h"
#include "render/html.h"
#include "support/shared_data.h"
#include "vigil/text.h"

namespace vigil::render {
namespace {

using search::Hit;
using search::SearchResult;

constexpr std::string_view kHostileTitle = "<script>alert(1)</script>";

Hit hit(int rank, double score, std::string key, std::string url, std::string title,
        std::string date, std::string source, std::string snippet_html) {
  Hit out;
  out.rank = rank;
  out.score = score;
  out.key = std::move(key);
  out.url = std::move(url);
  out.title = std::move(title);
  out.date = std::move(date);
  out.source = std::move(source);
  out.snippet_html = std::move(snippet_html);
  return out;
}

// One page of a realistic search plus everything a hostile or broken document can carry.
SearchResult sample_result() {
  SearchResult result;
  result.query = "journalists \"death penalty";
  result.total = 1234;
  result.exact = false;
  result.page = 2;
  result.per_page = 5;
  result.notice = "Unbalanced quotes: searched for the words instead.";
  result.hits = {
      hit(6, 12.3456789, "Q1", "https://example.org/news?id=42&lang=en", std::string(kHostileTitle),
          "2023-05-17", "Example Daily",
          "…the <mark>death</mark> <mark>penalty</mark> was imposed on two &lt;b&gt;"
          "<mark>journalists</mark>&lt;/b&gt; &amp; a lawyer after a closed trial…"),
      hit(7, 9.87, "Q2", "https://example.com/2022/lawyer-interview",
          R"(Lawyer: "Justice delayed is justice denied")", "2022-11", "Human Rights Monitor",
          "Defence lawyers said the <mark>death</mark> <mark>penalty</mark> case against the "
          "<mark>journalists</mark> had been rushed through a revolutionary court in a single "
          "hearing lasting less than an hour, without access to counsel of their choosing…"),
      hit(8, 7.5, "Q7f3a9c2e01b4d5e6", "", "", "2019", "",
          "<mark>Journalists</mark> detained in the capital were later released on bail."),
      hit(9, 5.25, "Q4", "https://exemple.fr/actualités/peine-de-mort",
          "Défenseurs des droits : « la peine de mort doit être abolie »", "2021-10-10",
          "Le Monde — Édition internationale",
          "…des <mark>journalistes</mark> condamnés à mort ; « اعدام » (exécution) reste la "
          "sentence la plus prononcée contre les militants, selon l&#39;organisation, qui "
          "dénonce des aveux forcés et des procès inéquitables…"),
      hit(10, std::numeric_limits<double>::quiet_NaN(), "Q5", "https://evil.example/x",
          "Breaking\x1B[2J news\r\x07", "", "Caf\xE9 Press",
          "Ignore this \x1B[31mred\x1B[0m text and <mark>journalists</mark>\x07 bell \xC2\x9B"
          "2J."),
  };
  result.collapsed = 34;
  result.hits[1].similar = 3;  // copies of the story elsewhere
  result.hits[1].organisations = {{"x.revolutionary_court", "Revolutionary Court"}};
  result.hits[1].places = {{"ir", "Iran"}, {"g112931", "Tehran"}};
  result.hits[4].organisations = {{"x.evil", "<b>Evil</b>\x1B[2J \"Org\""}};
  for (int i = 0; i < 7; ++i) result.hits[4].places.push_back({"p" + std::to_string(i), "P"});
  result.hits[0].title_html = "&lt;script&gt;alert(1)&lt;/script&gt;";
  result.did_you_mean = "journalists \"death penalty\"";
  result.took_ms = 3.25;
  result.facets = {
      search::FacetList{
          "places", {{"ir", "Iran", 2, true}, {"g112931", "Tehran\x1B[2J", 1, false}}, 0},
      search::FacetList{"years",
                        {{"2023", "2023", 1, false},
                         {"2022", "2022", 1, false},
                         {"2021", "2021", 1, false},
                         {"2020", "2020", 1, false},
                         {"2019", "2019", 1, false},
                         {"2018", "2018", 1, false}},
                        3},
      search::FacetList{"organisations", {}, 0}};
  result.timeline = {"year",
                     {{"2018", "2018", 1, false},
                      {"2019", "2019", 0, false},
                      {"2020", "2020", 1, false},
                      {"2021", "2021", 1, false},
                      {"2022", "2022", 1, false},
                      {"2023", "2023", 1, false}}};
  return result;
}

SearchResult empty_result() {
  SearchResult result;
  result.query = "xyzzy";
  result.total = 0;
  result.exact = true;
  return result;
}

bool updating_golden() {
  const char* value = std::getenv("UPDATE_GOLDEN");
  return value != nullptr && std::string_view(value) == "1";
}

// Compares `got` with tests/data/golden/NAME, or rewrites that file under UPDATE_GOLDEN=1.
void expect_golden(const std::string& name, const std::string& got) {
  const std::string path = test::source_path("tests/data/golden/" + name);
  if (updating_golden()) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << got;
    file.close();
    ASSERT_TRUE(file) << "cannot write " << path;
    return;
  }
  std::ifstream file(path, std::ios::binary);
  ASSERT_TRUE(file) << "cannot read " << path
                    << "; set VIGIL_SOURCE_DIR to the repository, or UPDATE_GOLDEN=1 to create it";
  std::ostringstream buffer;
  buffer << file.rdbuf();
  const std::string expected = buffer.str();
  EXPECT_EQ(expected, got) << "output differs from " << path
                           << "; if the change is intended, rerun with UPDATE_GOLDEN=1 and review "
                              "the diff";
}

TEST(RenderGolden, BasicJson) { expect_golden("render_basic.json", to_json(sample_result())); }

// The whole results page for the same result (search box, count, notice, suggestion, active
// filters, sort, timeline, results with chips, pagination, facet sidebar).
TEST(RenderGolden, ResultsPage) {
  PageContext context;
  context.script = "/cgi-bin/search";
  context.site.title = "Rights Archive";
  context.state.query = sample_result().query;
  context.state.filters = {{"place", "ir"}};
  context.state.page = 2;
  context.state.per_page = 5;
  expect_golden("render_basic.html", results_page(sample_result(), context));
}

TEST(RenderGolden, BasicPlainText) {
  expect_golden("render_basic_plain.txt", to_text(sample_result(), TextStyle{.color = false}));
}

TEST(RenderGolden, BasicColorText) {
  expect_golden("render_basic_color.txt", to_text(sample_result(), TextStyle{.color = true}));
}

TEST(RenderGolden, EmptyJson) { expect_golden("render_empty.json", to_json(empty_result())); }

TEST(RenderGolden, EmptyPlainText) {
  expect_golden("render_empty_plain.txt", to_text(empty_result(), TextStyle{}));
}

// --- JSON ---------------------------------------------------------------------------------------

simdjson::dom::element parse(simdjson::dom::parser& parser, const std::string& json) {
  simdjson::dom::element root;
  const simdjson::error_code error = parser.parse(json).get(root);
  EXPECT_EQ(error, simdjson::SUCCESS) << simdjson::error_message(error) << "\n" << json;
  return root;
}

TEST(ToJson, ParsesWithTheExpectedValues) {
  const std::string json = to_json(sample_result());
  ASSERT_TRUE(json.ends_with("}\n"));
  EXPECT_EQ(json.find('\n'), json.size() - 1) << "expected a single line";

  simdjson::dom::parser parser;
  const simdjson::dom::element root = parse(parser, json);
  EXPECT_EQ(std::string_view(root["query"]), "journalists \"death penalty");
  EXPECT_EQ(std::uint64_t(root["total"]), 1234u);
  EXPECT_EQ(std::uint64_t(root["collapsed"]), 34u);
  EXPECT_FALSE(bool(root["exact"]));
  EXPECT_EQ(std::int64_t(root["page"]), 2);
  EXPECT_EQ(std::int64_t(root["per_page"]), 5);
  EXPECT_EQ(std::string_view(root["notice"]), sample_result().notice);

  const simdjson::dom::array results = root["results"];
  ASSERT_EQ(results.size(), 5u);
  EXPECT_EQ(std::int64_t(results.at(0)["rank"]), 6);
  EXPECT_EQ(std::string_view(results.at(0)["title"]), kHostileTitle);
  EXPECT_EQ(std::string_view(results.at(0)["url"]), "https://example.org/news?id=42&lang=en");
  EXPECT_NEAR(double(results.at(0)["score"]), 12.3457, 1e-9);
  EXPECT_EQ(std::uint64_t(results.at(0)["similar"]), 0u);
  EXPECT_EQ(std::uint64_t(results.at(1)["similar"]), 3u);
  EXPECT_EQ(std::string_view(results.at(1)["title"]),
            R"(Lawyer: "Justice delayed is justice denied")");
  EXPECT_TRUE(results.at(2)["url"].is_null());
  EXPECT_EQ(std::string_view(results.at(2)["title"]), "");
  EXPECT_TRUE(results.at(2)["source"].is_null());
  EXPECT_EQ(std::string_view(results.at(3)["source"]), "Le Monde — Édition internationale");
  EXPECT_TRUE(results.at(4)["date"].is_null());
  EXPECT_EQ(std::string_view(results.at(4)["title"]), "Breaking\x1B[2J news\r\x07");
  EXPECT_EQ(std::string_view(results.at(4)["source"]), "Caf\xEF\xBF\xBD Press");
  EXPECT_EQ(double(results.at(4)["score"]), 0.0);
}

TEST(ToJson, FacetsListValuesCountsSelectionAndTheRest) {
  SearchResult result = empty_result();
  result.facets = {search::FacetList{
                       "places", {{"cn.13", "Xinjiang", 26, true}, {"cn", "China", 120, false}}, 7},
                   search::FacetList{"years", {{"2021", "2021", 3, false}}, 0}};
  simdjson::dom::parser parser;
  const simdjson::dom::element root = parse(parser, to_json(result));
  const simdjson::dom::array places = root["facets"]["places"];
  ASSERT_EQ(places.size(), 2u);
  EXPECT_EQ(std::string_view(places.at(0)["value"]), "cn.13");
  EXPECT_EQ(std::string_view(places.at(0)["label"]), "Xinjiang");
  EXPECT_EQ(uint64_t(places.at(0)["count"]), 26u);
  EXPECT_TRUE(bool(places.at(0)["selected"]));
  EXPECT_FALSE(bool(places.at(1)["selected"]));
  EXPECT_EQ(uint64_t(root["facets_more"]["places"]), 7u);
  EXPECT_EQ(uint64_t(root["facets_more"]["years"]), 0u);
  EXPECT_EQ(root.at_key("facets").at_key("months").error(), simdjson::NO_SUCH_FIELD);
}

TEST(ToJson, OmitsAnEmptyNotice) {
  simdjson::dom::parser parser;
  const simdjson::dom::element root = parse(parser, to_json(empty_result()));
  EXPECT_EQ(root["notice"].error(), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(simdjson::dom::array(root["results"]).size(), 0u);
}

TEST(ToJson, EveryByteAndScoreStaysValidJson) {
  std::string all_bytes;
  for (int c = 0; c < 256; ++c) {
    all_bytes += static_cast<char>(c);
  }
  SearchResult result;
  result.query = all_bytes;
  result.notice = all_bytes;
  result.total = std::numeric_limits<std::uint64_t>::max();
  const double scores[] = {std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity(),
                           -0.0,
                           1e-300,
                           1e300,
                           -2.5};
  for (const double score : scores) {
    result.hits.push_back(
        hit(1, score, all_bytes, all_bytes, all_bytes, all_bytes, all_bytes, all_bytes));
  }
  simdjson::dom::parser parser;
  const simdjson::dom::element root = parse(parser, to_json(result));
  EXPECT_EQ(std::string_view(root["query"]), to_valid_utf8(all_bytes));
  EXPECT_EQ(std::uint64_t(root["total"]), result.total);
  EXPECT_EQ(std::string_view(root["results"].at(0)["snippet_html"]), to_valid_utf8(all_bytes));
  EXPECT_EQ(double(root["results"].at(0)["score"]), 0.0);
  EXPECT_EQ(double(root["results"].at(5)["score"]), -2.5);
}

TEST(ToJson, ValidUtf8RoundTripsExactly) {
  const std::string tricky = "\"\\/\b\f\n\r\t\x01\x1F\x7F \u2028\u2029 </script> 😀 \xC2\x9B";
  SearchResult result;
  result.hits.push_back(hit(1, 1.0, "k", "u", tricky, "d", "s", tricky));
  simdjson::dom::parser parser;
  const simdjson::dom::element root = parse(parser, to_json(result));
  EXPECT_EQ(std::string_view(root["results"].at(0)["title"]), tricky);
  EXPECT_EQ(to_json(result).find("\u2028"), std::string::npos);
}

// --- Text ---------------------------------------------------------------------------------------

TEST(ToText, HeaderTable) {
  struct Case {
    std::uint64_t total;
    bool exact;
    int page;
    int per_page;
    const char* notice;
    const char* expected;
  };
  const Case cases[] = {
      {0, true, 1, 10, "", "No results for \"q\"\n"},
      {1, true, 1, 10, "", "1 result for \"q\"\n"},
      {1, false, 1, 10, "", "About 1 result for \"q\"\n"},
      {10, true, 1, 10, "", "10 results for \"q\"\n"},
      {11, true, 2, 10, "", "11 results for \"q\" (page 2 of 2)\n"},
      {1234, false, 3, 100, "", "About 1234 results for \"q\" (page 3 of 13)\n"},
      {5, true, 1, 0, "", "5 results for \"q\"\n"},
      {0, true, 1, 10, "Searched as words.", "No results for \"q\"\nSearched as words.\n"},
  };
  for (const Case& c : cases) {
    SearchResult result;
    result.query = "q";
    result.total = c.total;
    result.exact = c.exact;
    result.page = c.page;
    result.per_page = c.per_page;
    result.notice = c.notice;
    SCOPED_TRACE(c.expected);
    EXPECT_EQ(to_text(result, TextStyle{}), c.expected);
  }
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) {
    lines.push_back(line);
  }
  return lines;
}

TEST(ToText, CollapsedCopiesInTheHeaderAndAfterTheTitle) {
  SearchResult result;
  result.query = "q";
  result.total = 25;     // every matching article
  result.collapsed = 6;  // so the list has 19 entries: 2 pages of 10
  result.exact = true;
  result.page = 2;
  result.per_page = 10;
  result.hits.push_back(hit(11, 1.0, "k", "", "Title", "", "", "text"));
  result.hits.back().similar = 2;
  result.hits.push_back(hit(12, 1.0, "k2", "", "Other", "", "", "text"));
  const std::vector<std::string> lines = lines_of(to_text(result, TextStyle{}));
  ASSERT_GE(lines.size(), 7u);
  EXPECT_EQ(lines[0], "25 results (6 similar collapsed) for \"q\" (page 2 of 2)");
  EXPECT_EQ(lines[2], "11. Title (2 similar)");
  EXPECT_EQ(lines[6], "12. Other");  // no "(0 similar)"
}

std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }
  return count;
}

SearchResult one_hit(std::string snippet_html) {
  SearchResult result;
  result.query = "q";
  result.total = 1;
  result.exact = true;
  result.hits.push_back(hit(1, 1.0, "key", "", "Title", "", "", std::move(snippet_html)));
  return result;
}

TEST(ToText, WrapsSnippetsAtOneHundredCodePoints) {
  std::string snippet;
  for (int i = 0; i < 80; ++i) {
    snippet += (i % 7 == 0 ? "<mark>droits</mark> " : "é€ü ");
  }
  const std::string text = to_text(one_hit(snippet), TextStyle{});
  const std::vector<std::string> lines = lines_of(text);
  ASSERT_GT(lines.size(), 6u);
  std::string rejoined;
  for (std::size_t i = 4; i < lines.size(); ++i) {  // header, blank, title, key, then the snippet
    EXPECT_LE(code_points(lines[i]), 100u) << lines[i];
    // Words are at most 6 columns wide, so a line broken early would be shorter than this.
    if (i + 1 < lines.size()) {
      EXPECT_GT(code_points(lines[i]), 93u) << lines[i];
    }
    ASSERT_TRUE(lines[i].starts_with("   ")) << lines[i];
    rejoined += lines[i].substr(3) + " ";
  }
  EXPECT_EQ(rejoined, snippet_for_terminal(snippet, "", ""));
}

TEST(ToText, LongWordGetsItsOwnLine) {
  const std::string word(150, 'x');
  const std::string text = to_text(one_hit("a " + word + " b"), TextStyle{});
  EXPECT_TRUE(text.ends_with("\n   a\n   " + word + "\n   b\n")) << text;
}

TEST(ToText, ColorMarkIsClosedAtEveryLineBreak) {
  std::string snippet = "<mark>";
  for (int i = 0; i < 60; ++i) {
    snippet += "word ";
  }
  snippet += "word</mark> after";
  const std::string text = to_text(one_hit(snippet), TextStyle{.color = true});
  const std::vector<std::string> lines = lines_of(text);
  for (std::size_t i = 4; i < lines.size(); ++i) {
    EXPECT_TRUE(lines[i].starts_with("   \x1B[1;33mword")) << lines[i];
    if (i + 1 < lines.size()) {
      EXPECT_TRUE(lines[i].ends_with("\x1B[0m")) << lines[i];
    }
  }
}

TEST(ToText, NoControlCharactersFromDocuments) {
  const std::string plain = to_text(sample_result(), TextStyle{});
  for (const char c : plain) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte >= 0x20 || c == '\n') << "control byte " << int{byte};
  }
  EXPECT_EQ(plain.find("\xC2\x9B"), std::string::npos);

  std::string color = to_text(sample_result(), TextStyle{.color = true});
  for (const std::string_view code : {"\x1B[1;33m", "\x1B[1m", "\x1B[0m"}) {
    for (auto at = color.find(code); at != std::string::npos; at = color.find(code)) {
      color.erase(at, code.size());
    }
  }
  EXPECT_EQ(color, plain) << "colour must only add our own codes";
}

TEST(ToText, FallsBackToUntitledAndKey) {
  const std::string text = to_text(sample_result(), TextStyle{});
  EXPECT_NE(text.find("\n8. (untitled)\n   Q7f3a9c2e01b4d5e6 · 2019\n"), std::string::npos) << text;
  EXPECT_TRUE(
      text.starts_with("About 1234 results (34 similar collapsed) for \"journalists \"death "
                       "penalty\" (page 2 of 240)\n"
                       "Unbalanced quotes: searched for the words instead.\n"
                       "Did you mean: journalists \"death penalty\"\n\n6. "))
      << text;
}

}  // namespace
}  // namespace vigil::render
