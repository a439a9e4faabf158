// Search features on the real news corpus (spelling variants, highlighting, "did you mean",
// exports, limits), on the index the news_index_fixture test builds with the real vigil-index.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>

#include "search/searcher.h"
#include "support/run_process.h"
#include "support/shared_data.h"
#include "vigil/names.h"
#include "vigil/record.h"

namespace vigil {
namespace {

const char* const kIndex = VIGIL_NEWS_INDEX;

search::SearchResult run(const std::string& query, bool exact = false, int per_page = 100,
                         std::vector<std::pair<std::string, std::string>> filters = {}) {
  const search::Searcher searcher({kIndex}, schema::Schema::builtin());
  search::SearchRequest request;
  request.query = query;
  request.per_page = per_page;
  request.filters = std::move(filters);
  request.exact = exact;
  const Result<search::SearchResult> result = searcher.search(request);
  if (!result) ADD_FAILURE() << query << ": " << result.error().message;
  return result ? result.value() : search::SearchResult{};
}

// Documents holding any of `terms`, straight from the posting lists.
std::set<Xapian::docid> with_any(const std::vector<std::string>& terms) {
  const Xapian::Database db(kIndex);
  std::set<Xapian::docid> docs;
  for (const std::string& term : terms) {
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) docs.insert(*it);
  }
  return docs;
}

// The folded words of `text`, each followed by one space, after a leading space.
std::string word_string(const std::string& text) {
  std::string out = " ";
  for (const Word& word : split_words(text)) {
    out += fold(std::string_view(text).substr(word.start, word.end - word.start));
    out += ' ';
  }
  return out;
}

// Whether `text` has the words of `name` in a row.
bool contains_folded(const std::string& text, const std::string& name) {
  return word_string(text).find(word_string(name)) != std::string::npos;
}

TEST(NewsSearch, EverySpellingOfUyghurFindsTheSameArticles) {
  VIGIL_REQUIRE_SHARED();
  const std::set<Xapian::docid> any =
      with_any({"uyghur", "uighur", "uygur", "uigur", "uyghurs", "uighurs", "uygurs", "uigurs",
                "Zuyghur", "Zuighur", "Zuygur", "Zuigur", "Suygur", "ZSuygur"});
  ASSERT_GT(any.size(), 5u) << "the corpus has Xinhua articles on the Xinjiang Uygur region";
  for (const char* spelling : {"uyghur", "uighur", "Uygur", "uigur"}) {
    EXPECT_EQ(run(spelling).total, any.size()) << spelling;
  }
  // Inside a phrase, too.
  const std::uint64_t phrase = run("\"xinjiang uygur\"").total;
  EXPECT_GT(phrase, 0u);
  EXPECT_EQ(run("\"xinjiang uighur\"").total, phrase);
  EXPECT_EQ(run("\"Xinjiang Uyghur\"").total, phrase);
  // Exact matching turns variants off: the corpus writes "Uygur".
  EXPECT_EQ(run("uighur", true).total, with_any({"uighur"}).size());
  EXPECT_EQ(run("\"xinjiang uighur\"", true).total, 0u);
}

TEST(NewsSearch, SnippetsMarkStemsFieldTermsAndFacetNames) {
  VIGIL_REQUIRE_SHARED();
  const Xapian::Database db(kIndex);
  // title: terms are marked in the title and in the text.
  for (const search::Hit& hit : run("title:cotton").hits) {
    EXPECT_NE(fold(hit.title_html).find("<mark>cotton</mark>"), std::string::npos)
        << hit.title_html;
    const StoredRecord record =
        decode_record(db.get_document(*db.postlist_begin("Q" + hit.key)).get_data());
    if (contains_folded(record.text, "cotton")) {
      EXPECT_NE(fold(hit.snippet_html).find("<mark>cotton"), std::string::npos) << hit.snippet_html;
    }
  }
  // Stems: "detained" marks its inflections ("detains", "detaining") in the title or the text.
  for (const search::Hit& hit : run("detained").hits) {
    EXPECT_NE((hit.title_html + hit.snippet_html).find("<mark>"), std::string::npos) << hit.key;
  }
  // An org: filter marks how the text names the organisation (UN, U.N., United Nations).
  std::size_t checked = 0;
  for (const search::Hit& hit : run("org:UN").hits) {
    const StoredRecord record =
        decode_record(db.get_document(*db.postlist_begin("Q" + hit.key)).get_data());
    for (const StoredFacet& org : record.orgs) {
      if (org.id != "un") continue;
      bool written = false;
      for (const std::string& name : org.names) {
        written = written || contains_folded(record.text, name);
      }
      if (!written) continue;
      ++checked;
      EXPECT_NE(hit.snippet_html.find("<mark>"), std::string::npos)
          << hit.key << ": " << hit.snippet_html;
    }
  }
  EXPECT_GT(checked, 10u);
}

TEST(NewsSearch, SuggestsSpellingsFromTheIndex) {
  VIGIL_REQUIRE_SHARED();
  EXPECT_EQ(run("xinjang").did_you_mean, "xinjiang");
  EXPECT_EQ(run("forced labuor").did_you_mean, "forced labour");
  EXPECT_EQ(run("cofee prices").did_you_mean, "coffee prices");
  EXPECT_EQ(run("cotton").did_you_mean, "");
  EXPECT_EQ(run("place:xinjiang cotton").did_you_mean, "");
  EXPECT_EQ(run("uighur").did_you_mean, "") << "a variant of an indexed word is no typo";
}

TEST(NewsSearch, ExportWritesEveryMatchOnce) {
  VIGIL_REQUIRE_SHARED();
  const std::uint64_t total = run("oil", false, 10).total;
  ASSERT_GT(total, search::kMaxPerPage * 5u);
  const std::string bin = test::binary_from_env("VIGIL_SEARCH_BIN");
  const test::ProcessResult jsonl =
      test::run_process({bin, "--db", kIndex, "--export", "jsonl", "oil"});
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
  simdjson::dom::parser parser;
  std::set<std::string> ids;
  std::istringstream lines(jsonl.out);
  std::int64_t rank = 0;
  for (std::string line; std::getline(lines, line);) {
    const simdjson::dom::element row = parser.parse(line);
    ids.insert(std::string(std::string_view(row["id"].get_string())));
    EXPECT_EQ(std::int64_t(row["rank"].get_int64()), ++rank);
  }
  EXPECT_EQ(ids.size(), total);
  const test::ProcessResult csv =
      test::run_process({bin, "--db", kIndex, "--export", "csv", "oil"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(static_cast<std::uint64_t>(std::count(csv.out.begin(), csv.out.end(), '\n')),
            total + 1);
  EXPECT_EQ(csv.out.rfind("rank,id,url,title,date,source,organisations,places,score\r\n", 0), 0u);
}

TEST(NewsSearch, RecencyBlendFavoursNewerArticlesWithoutChangingTheMatches) {
  VIGIL_REQUIRE_SHARED();
  const search::Searcher searcher({kIndex}, schema::Schema::builtin());
  const auto top_dates = [&](double recency) {
    search::SearchRequest request;
    request.query = "election";
    request.per_page = 20;
    request.recency_days = recency;
    const Result<search::SearchResult> result = searcher.search(request);
    EXPECT_TRUE(result.ok());
    std::uint64_t dated = 0;
    for (const search::Hit& hit : result.value().hits) {
      if (hit.date >= "2000") ++dated;
    }
    return std::pair{result.value().total, dated};
  };
  const auto [plain_total, plain_recent] = top_dates(0);
  // Ten years before the newest article (the seed, 2021): 2005-6 newswire gets about twice the
  // bonus of 1987 Reuters.
  const auto [blend_total, blend_recent] = top_dates(3650);
  EXPECT_EQ(plain_total, blend_total);
  EXPECT_GT(blend_recent, plain_recent) << "articles from 2000 on in the top 20";
}

TEST(NewsSearch, LimitsAnswerWithAClearMessage) {
  VIGIL_REQUIRE_SHARED();
  const std::string bin = test::binary_from_env("VIGIL_SEARCH_BIN");
  std::string many;
  for (int i = 0; i < 150; ++i) many += "word" + std::to_string(i) + " ";
  const test::ProcessResult terms = test::run_process({bin, "--db", kIndex, many});
  EXPECT_EQ(terms.exit_code, 2);
  EXPECT_NE(terms.err.find("the limit is 100"), std::string::npos) << terms.err;
  const test::ProcessResult wide =
      test::run_process({bin, "--db", kIndex, "--format", "json", "--max-wildcard", "5", "s*"});
  EXPECT_EQ(wide.exit_code, 0) << wide.err;
  EXPECT_NE(wide.out.find("only the 5 most frequent were searched"), std::string::npos);
  const search::SearchResult result = run("oil");
  EXPECT_TRUE(result.exact);
  EXPECT_GT(result.took_ms, 0);
}

}  // namespace
}  // namespace vigil
