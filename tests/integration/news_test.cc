// End-to-end checks on the real news corpus (../shared/data/news_corpus) plus the seed article,
// indexed once by the news_index_fixture test with the real vigil-index binary.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <string>

#include "search/searcher.h"
#include "support/run_process.h"
#include "support/shared_data.h"

namespace vigil {
namespace {

const char* const kIndex = VIGIL_NEWS_INDEX;
constexpr std::uint64_t kCorpusLines = 20253;  // every line of articles.jsonl.gz, none skipped

search::SearchResult search_for(const std::string& query, int per_page = 10) {
  const search::Searcher searcher({kIndex}, schema::Schema::builtin());
  const Result<search::SearchResult> result = searcher.search({query, 1, per_page, {}});
  if (!result) ADD_FAILURE() << result.error().message;
  return result ? result.value() : search::SearchResult{};
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

TEST(NewsCorpus, EveryLineAndTheSeedAreIndexed) {
  VIGIL_REQUIRE_SHARED();
  EXPECT_EQ(Xapian::Database(kIndex).get_doccount(), kCorpusLines + 1);
}

TEST(NewsCorpus, SeedArticleIsFirstForForcedLabourCottonInJson) {
  VIGIL_REQUIRE_SHARED();
  const test::ProcessResult run =
      test::run_process({test::binary_from_env("VIGIL_SEARCH_BIN"), "--db", kIndex, "--format",
                         "json", "forced", "labour", "cotton"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  simdjson::dom::parser parser;
  const simdjson::dom::element doc = parser.parse(run.out);
  const simdjson::dom::array results = doc["results"].get_array();
  ASSERT_GT(results.size(), 0u);
  const simdjson::dom::element first = results.at(0);
  EXPECT_EQ(std::string_view(first["title"].get_string()), "Seed article");
  EXPECT_EQ(std::string_view(first["date"].get_string()), "2021-06-03");
  const std::string snippet = lower(std::string(std::string_view(first["snippet_html"])));
  for (const char* word : {"<mark>forced</mark>", "<mark>labour</mark>", "<mark>cotton</mark>"}) {
    EXPECT_NE(snippet.find(word), std::string::npos) << word << " not highlighted in " << snippet;
  }
}

TEST(NewsCorpus, SeedArticleIsFirstForForcedLabourCottonInText) {
  VIGIL_REQUIRE_SHARED();
  const std::string bin = test::binary_from_env("VIGIL_SEARCH_BIN");
  const test::ProcessResult colored =
      test::run_process({bin, "--db", kIndex, "--color", "always", "forced labour cotton"});
  ASSERT_EQ(colored.exit_code, 0) << colored.err;
  const std::size_t first_hit = colored.out.find("1. ");
  ASSERT_NE(first_hit, std::string::npos) << colored.out;
  const std::size_t second_hit = colored.out.find("\n2. ");
  const std::string hit = colored.out.substr(first_hit, second_hit - first_hit);
  EXPECT_NE(hit.find("Seed article"), std::string::npos) << hit;
  for (const char* word : {"forced", "labour", "cotton"}) {
    // Emphasis is an ANSI sequence ending in 'm' directly before the word.
    const std::string marked = lower(hit);
    const std::size_t at = marked.find(std::string("m") + word + "\x1b[0m");
    EXPECT_NE(at, std::string::npos) << word << " not emphasised in: " << hit;
  }
  const test::ProcessResult plain =
      test::run_process({bin, "--db", kIndex, "forced labour cotton"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(plain.out.find('\x1b'), std::string::npos) << "escape codes when piped";
  EXPECT_NE(plain.out.find("1. Seed article"), std::string::npos) << plain.out;
}

TEST(NewsCorpus, ReutersTopicsRankOnTopic) {
  VIGIL_REQUIRE_SHARED();
  // Reuters titles are upper case headlines; BM25 with title weighting should put cocoa market
  // reports on top for "cocoa", and the phrase must match the famous first Reuters item.
  const search::SearchResult cocoa = search_for("cocoa", 10);
  ASSERT_EQ(cocoa.hits.size(), 10u);
  int on_topic = 0;
  for (const search::Hit& hit : cocoa.hits) {
    on_topic += lower(hit.title).find("cocoa") != std::string::npos ? 1 : 0;
  }
  EXPECT_GE(on_topic, 8) << "cocoa hits without cocoa in the title";
  const search::SearchResult phrase = search_for("\"bahia cocoa review\"");
  ASSERT_FALSE(phrase.hits.empty());
  EXPECT_EQ(phrase.hits.front().title, "BAHIA COCOA REVIEW");
  EXPECT_EQ(phrase.hits.front().date, "1987-02-26");
}

TEST(NewsCorpus, FieldsAndBooleanOperatorsNarrowResults) {
  VIGIL_REQUIRE_SHARED();
  const search::SearchResult all = search_for("oil");
  const search::SearchResult titled = search_for("title:oil");
  const search::SearchResult without = search_for("oil -title:oil");
  const search::SearchResult either = search_for("oil OR cotton");
  ASSERT_GT(all.total, 0u);
  EXPECT_LT(titled.total, all.total);
  EXPECT_GT(titled.total, 0u);
  EXPECT_LT(without.total, all.total);
  EXPECT_GT(either.total, all.total);
  for (const search::Hit& hit : titled.hits) {
    EXPECT_NE(lower(hit.title).find("oil"), std::string::npos) << hit.title;
  }
  const search::SearchResult bbc = search_for("source:\"BBC News\" election");
  ASSERT_GT(bbc.total, 0u);
  for (const search::Hit& hit : bbc.hits) EXPECT_EQ(hit.source, "BBC News");
}

TEST(NewsCorpus, SecondRunAddsNothing) {
  VIGIL_REQUIRE_SHARED();
  const test::ProcessResult run =
      test::run_process({test::binary_from_env("VIGIL_INDEX_BIN"), "add", "--db", kIndex,
                         test::shared_path("data/news_corpus/articles.jsonl.gz")});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find(
                "added 0, replaced 0, unchanged 20253, skipped 0, not articles 0; 20254 documents"),
            std::string::npos)
      << run.err;
}

TEST(NewsCorpus, SortsByDateEitherWay) {
  VIGIL_REQUIRE_SHARED();
  const search::Searcher searcher({kIndex}, schema::Schema::builtin());
  for (const search::Sort sort : {search::Sort::kDateAscending, search::Sort::kDateDescending}) {
    search::SearchRequest request{"cotton", 1, search::kMaxPerPage, {}, sort};
    const Result<search::SearchResult> result = searcher.search(request);
    ASSERT_TRUE(result.ok());
    ASSERT_GT(result.value().hits.size(), 20u);
    std::vector<std::string> dates;
    bool undated_seen = false;
    for (const search::Hit& hit : result.value().hits) {
      if (!hit.date.empty()) {
        dates.push_back(hit.date);
        // Newest first: articles without a date come after every dated one.
        EXPECT_FALSE(undated_seen && sort == search::Sort::kDateDescending) << hit.key;
      }
      undated_seen = undated_seen || hit.date.empty();
    }
    if (sort == search::Sort::kDateAscending) {
      EXPECT_TRUE(std::is_sorted(dates.begin(), dates.end()));
    } else {
      EXPECT_TRUE(std::is_sorted(dates.rbegin(), dates.rend()));
    }
  }
}

}  // namespace
}  // namespace vigil
