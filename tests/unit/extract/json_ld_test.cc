#include "extract/json_ld.h"

#include <gtest/gtest.h>

namespace vigil::extract {
namespace {

TEST(JsonLd, ReadsATopLevelNewsArticle) {
  JsonLdReader reader;
  const auto article = reader.read(R"({"@context": "https://schema.org", "@type": "NewsArticle",
      "headline": "Detainees released", "datePublished": "2021-06-03T10:00:00Z",
      "dateModified": "2021-06-04", "author": {"@type": "Person", "name": "Jane Doe"}})");
  ASSERT_TRUE(article);
  EXPECT_EQ(article->headline, "Detainees released");
  EXPECT_EQ(article->published, "2021-06-03T10:00:00Z");
  EXPECT_EQ(article->modified, "2021-06-04");
  EXPECT_EQ(article->authors, std::vector<std::string>{"Jane Doe"});
}

TEST(JsonLd, FindsTheArticleInAGraphOrArray) {
  JsonLdReader reader;
  const auto graph = reader.read(R"({"@graph": [
      {"@type": "WebPage", "datePublished": "2000-01-01", "name": "Home"},
      {"@type": ["Article", "ReportageNewsArticle"], "headline": "Inside the camps",
       "datePublished": "2021-05-01", "author": ["A. Writer", {"name": "B. Writer"}]}]})");
  ASSERT_TRUE(graph);
  EXPECT_EQ(graph->headline, "Inside the camps");
  EXPECT_EQ(graph->published, "2021-05-01") << "the WebPage's date is not the article's";
  EXPECT_EQ(graph->authors, (std::vector<std::string>{"A. Writer", "B. Writer"}));
  const auto array = reader.read(R"([{"@type": "Organization", "name": "Example"},
      {"@type": "BlogPosting", "headline": "Field notes"}])");
  ASSERT_TRUE(array);
  EXPECT_EQ(array->headline, "Field notes");
}

TEST(JsonLd, NothingForInvalidJsonOrNoArticle) {
  JsonLdReader reader;
  EXPECT_FALSE(reader.read(R"({"@type": "NewsArticle", "headline": "Trailing comma",})"));
  EXPECT_FALSE(reader.read(R"({"@type": "Organization", "name": "Example"})"));
  EXPECT_FALSE(reader.read(""));
}

}  // namespace
}  // namespace vigil::extract
