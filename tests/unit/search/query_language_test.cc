// The query language end to end: each syntax form against a small index written by the
// indexer's own IndexWriter (terms, facet catalog, dates as vigil-index writes them), searched
// through the Searcher vigil-search uses.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "index/index_writer.h"
#include "search/searcher.h"
#include "support/temp_dir.h"

namespace vigil::search {
namespace {

EntityRef entity(std::string id, std::string label, std::string parent, bool mentioned,
                 std::vector<std::string> names) {
  return EntityRef{std::move(id), std::move(label), std::move(parent), mentioned, std::move(names)};
}

Article article(const std::string& key, const std::string& title, const std::string& text,
                PartialDate date, const std::string& site, const std::string& lang) {
  Article a;
  a.key = key;
  a.url = "https://" + site + "/" + key;
  a.title = title;
  a.main_text = text;
  a.published = date;
  a.language = lang;
  return a;
}

std::vector<Article> fixture() {
  std::vector<Article> articles;
  Article a = article("a", "Forced labour in cotton fields",
                      "Workers in Aksu described forced labour picking cotton. The UN said so.",
                      {2021, 6, 3}, "www.example.org", "en");
  a.authors = {"Jane Doe"};
  a.entities.organisations = {entity("un", "United Nations", "", true, {"UN"})};
  a.entities.places = {entity("g1529660", "Aksu", "cn.13", true, {"Aksu"}),
                       entity("cn.13", "Xinjiang", "cn", false, {}),
                       entity("cn", "China", "", false, {})};
  a.entities.dates = {{2018, 5, 0}};
  articles.push_back(a);
  Article b = article("b", "Tomato harvest", "Tomato pickers in Xinjiang worked long hours.",
                      {2020, 2, 0}, "news.example.com", "en");
  b.entities.places = {entity("cn.13", "Xinjiang", "cn", true, {"Xinjiang"}),
                       entity("cn", "China", "", false, {})};
  articles.push_back(b);
  articles.push_back(article("c", "Sport results", "Cotton prices and football scores.",
                             {2019, 0, 0}, "example.org", "fr"));
  Article d = article("d", "Detention centres",
                      "Three men were detained without trial, and forced confessions followed.",
                      {2021, 3, 15}, "rights.example.net", "en");
  d.authors = {"John Smith"};
  d.entities.organisations = {
      entity("x.human_rights_watch", "Human Rights Watch", "", true, {"Human Rights Watch"})};
  articles.push_back(d);
  articles.push_back(article("e", "Uyghur camps", "Uyghur camps hold thousands of people.",
                             {2018, 12, 1}, "rights.example.net", "en"));
  return articles;
}

class QueryLanguage : public testing::TestWithParam<std::pair<const char*, const char*>> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    index::WriterOptions options;
    options.facet_names = [](std::string_view, const EntityRef& value) {
      std::vector<FacetAlias> names{{value.label, 10}};
      if (value.id == "un") names.push_back({"UN", 5});
      return names;
    };
    index::IndexWriter writer(dir_->file("index"), schema::Schema::builtin(), options);
    for (const Article& a : fixture()) writer.write(a);
    writer.commit();
  }
  static void TearDownTestSuite() { delete dir_; }

  static std::string keys(const std::string& query) {
    const Searcher searcher({dir_->file("index")}, schema::Schema::builtin());
    SearchRequest request;
    request.query = query;
    request.per_page = 100;
    request.collapse = false;
    const Result<SearchResult> result = searcher.search(request);
    if (!result) return "error: " + result.error().message;
    std::vector<std::string> found;
    for (const Hit& hit : result.value().hits) found.push_back(hit.key);
    std::sort(found.begin(), found.end());
    std::string out;
    for (const std::string& key : found) out += (out.empty() ? "" : " ") + key;
    return out;
  }

  static test::TempDir* dir_;
};

test::TempDir* QueryLanguage::dir_ = nullptr;

TEST_P(QueryLanguage, FindsExactlyTheseArticles) {
  EXPECT_EQ(keys(GetParam().first), GetParam().second) << GetParam().first;
}

INSTANTIATE_TEST_SUITE_P(
    Table, QueryLanguage,
    testing::Values(
        // Words, phrases, operators.
        std::pair{"cotton", "a c"}, std::pair{"forced labour", "a"},
        std::pair{"\"forced labour\"", "a"}, std::pair{"\"labour forced\"", ""},
        std::pair{"forced -labour", "d"}, std::pair{"cotton OR tomato", "a b c"},
        std::pair{"cotton NOT sport", "a"}, std::pair{"+cotton prices", "c"},
        std::pair{"(cotton OR tomato) xinjiang", "b"}, std::pair{"detained", "d"},
        std::pair{"detains", "d"}, std::pair{"detain*", "d"}, std::pair{"uighur", "e"},
        // Fields.
        std::pair{"title:cotton", "a"}, std::pair{"title:forced", "a"},
        std::pair{"author:smith", "d"}, std::pair{"site:example.org", "a c"},
        std::pair{"site:www.example.org", "a c"}, std::pair{"lang:fr", "c"},
        std::pair{"cotton lang:en", "a"},
        // Entity facets, by alias and through the place hierarchy.
        std::pair{"org:UN", "a"}, std::pair{"org:\"United Nations\"", "a"},
        std::pair{"org:un", "a"}, std::pair{"org:\"Human Rights Watch\"", "d"},
        std::pair{"place:aksu", "a"}, std::pair{"place:xinjiang", "a b"},
        std::pair{"place:cn.13", "a b"}, std::pair{"place:china", "a b"},
        std::pair{"place:xinjiang place:aksu", "a b"}, std::pair{"place:atlantis", ""},
        // Publication dates at each precision, ranges, open ranges.
        std::pair{"date:2021", "a d"}, std::pair{"date:2021-06", "a"},
        std::pair{"date:2021-06-03", "a"}, std::pair{"date:2019", "c"},
        std::pair{"date:2020..2021", "a b d"}, std::pair{"date:2021-03..2021-06", "a d"},
        std::pair{"date:..2019", "c e"}, std::pair{"date:2020..", "a b d"},
        std::pair{"cotton date:2021", "a"},
        // Dates the text mentions.
        std::pair{"mentions:2018", "a"}, std::pair{"mentions:2018-05", "a"},
        std::pair{"mentions:2016..2018", "a"}, std::pair{"mentions:2019", ""}));

}  // namespace
}  // namespace vigil::search
