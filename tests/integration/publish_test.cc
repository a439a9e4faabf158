// Preservation and publication end to end: a crawl with --warc archives every response in WARC
// files that pass gzip -t and the strict ISO 28500 check and that `add` imports; `reindex`
// rebuilds the same documents from them into a new generation and switches to it; searches
// running all the while (update commits, the reindex swap, compaction) never fail and never see
// a partial state.

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/http_server.h"
#include "support/run_process.h"
#include "support/temp_dir.h"
#include "support/test_site.h"
#include "support/warc_strict.h"

namespace vigil {
namespace {

using test::HttpServer;
using test::ProcessResult;

std::string index_bin() { return test::binary_from_env("VIGIL_INDEX_BIN"); }
std::string search_bin() { return test::binary_from_env("VIGIL_SEARCH_BIN"); }

// A site of `count` articles linked from the home page, each with an ETag.
std::string site_json(int count) {
  std::string routes;
  std::string links;
  for (int i = 0; i < count; ++i) {
    const std::string path = "/story/" + std::to_string(i);
    links += "<a href='";
    links += path;
    links += "'>";
    links += path;
    links += "</a> ";
    routes += ", \"" + path + "\": {\"body\": \"" +
              test::article_page_json("Story " + std::to_string(i),
                                      "detention and abuse number " + std::to_string(i)) +
              "\", \"etag\": \"\\\"s" + std::to_string(i) + "\\\"\"}";
  }
  return "[{\"routes\": {\"/\": {\"body\": \"<html><body>" + links + "</body></html>\"}" + routes +
         "}}]";
}

std::map<std::string, std::string> documents(const std::string& path) {
  return test::documents_by_key(path);
}

std::vector<std::string> warc_files(const std::string& db) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(db + "/warc")) {
    files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string live_generation(const std::string& db) {
  std::ifstream in(db + "/XAPIANDB");
  std::string line;
  std::getline(in, line);
  return line;
}

ProcessResult crawl(const HttpServer& server, const std::string& db,
                    std::vector<std::string> more = {}) {
  std::vector<std::string> argv = {index_bin(), "crawl", "--db",   db,
                                   "--contact", "c",     "--seed", server.url(0, "/"),
                                   "--delay",   "0",     "--warc"};
  argv.insert(argv.end(), more.begin(), more.end());
  return test::run_process(argv);
}

TEST(Preservation, CrawledPagesAreArchivedImportableAndRebuildTheSameIndex) {
  HttpServer server(site_json(12));
  test::TempDir dir;
  const std::string db = dir.file("index");
  const ProcessResult first = crawl(server, db);
  ASSERT_EQ(first.exit_code, 0) << first.err;

  // Every response (robots.txt, the home page, 12 articles) is archived, strictly well formed.
  const std::vector<std::string> files = warc_files(db);
  ASSERT_FALSE(files.empty());
  std::set<std::string> ids;
  std::size_t responses = 0;
  for (const std::string& file : files) {
    EXPECT_EQ(file.substr(file.size() - 8), ".warc.gz") << "a file left open: " << file;
    const ProcessResult gzip = test::run_process({"/bin/gzip", "-t", file});
    EXPECT_EQ(gzip.exit_code, 0) << file << ": " << gzip.err;
    responses += test::expect_strict_warc_file(file, ids);
  }
  EXPECT_EQ(responses, 14U);

  // `add` reads them back into the same documents the crawl indexed.
  std::vector<std::string> add = {index_bin(), "add", "--db", dir.file("imported")};
  add.insert(add.end(), files.begin(), files.end());
  const ProcessResult imported = test::run_process(add);
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
  const std::map<std::string, std::string> crawled = documents(db);
  EXPECT_EQ(crawled.size(), 12U);
  EXPECT_EQ(documents(dir.file("imported")), crawled);

  // reindex rebuilds every document from the archive, without a request, into a new
  // generation that replaces the live one.
  const std::size_t requests = server.requests().size();
  EXPECT_EQ(live_generation(db), "auto gen-000001");
  const ProcessResult rebuilt = test::run_process({index_bin(), "reindex", "--db", db});
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
  EXPECT_NE(
      rebuilt.err.find("rebuilt 12 documents: 12 from archived pages, 0 from files, 0 copied"),
      std::string::npos)
      << rebuilt.err;
  EXPECT_EQ(server.requests().size(), requests) << "reindex fetched something";
  EXPECT_EQ(live_generation(db), "auto gen-000002");
  EXPECT_EQ(documents(db), crawled);

  // The fetch log came along: the next update finds everything unchanged (304s).
  const ProcessResult update =
      test::run_process({index_bin(), "update", "--db", db, "--revisit-all"});
  EXPECT_EQ(update.exit_code, 0) << update.err;
  EXPECT_NE(update.err.find("checked 13: new 0, updated 0, unchanged 13, deleted 0"),
            std::string::npos)
      << update.err;
}

TEST(Preservation, DocumentsWithoutAnArchivedPageAreRereadOrKept) {
  test::TempDir dir;
  {
    std::ofstream page(dir.file("page.html"));
    page << "<html><head><title>A local page</title><meta property=\"og:type\" "
            "content=\"article\"></head><body><article><p>Detention in Xinjiang was documented "
            "by lawyers and journalists over many weeks of careful work.</p></article></body>"
            "</html>";
    std::ofstream lines(dir.file("records.jsonl"));
    lines << "{\"id\": \"r1\", \"title\": \"A record\", \"body\": \"Forced labour in cotton "
             "fields was reported by the United Nations.\"}\n";
  }
  const std::string db = dir.file("index");
  ASSERT_EQ(test::run_process(
                {index_bin(), "add", "--db", db, dir.file("page.html"), dir.file("records.jsonl")})
                .exit_code,
            0);
  const std::map<std::string, std::string> before = documents(db);
  const ProcessResult rebuilt = test::run_process({index_bin(), "reindex", "--db", db});
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
  EXPECT_NE(rebuilt.err.find("rebuilt 2 documents: 0 from archived pages, 1 from files, 1 copied"),
            std::string::npos)
      << rebuilt.err;
  EXPECT_EQ(documents(db), before);
}

// One search as the site's visitors make it: a vigil-search process.
struct Seen {
  int exit_code = 0;
  long total = -1;
  std::string err;
};

Seen search_once(const std::string& db) {
  const ProcessResult run =
      test::run_process({search_bin(), "--db", db, "--format", "json", "detention"});
  Seen seen{run.exit_code, -1, run.err};
  static const std::regex kTotal("\"total\":([0-9]+)");
  std::smatch match;
  if (std::regex_search(run.out, match, kTotal)) seen.total = std::stol(match[1].str());
  return seen;
}

TEST(Publication, SearchesNeverFailDuringUpdateReindexAndCompaction) {
  HttpServer server(site_json(30));
  test::TempDir dir;
  const std::string db = dir.file("index");
  ASSERT_EQ(crawl(server, db, {"--batch-size", "3"}).exit_code, 0);
  ASSERT_EQ(search_once(db).total, 30);
  server.replace_sites(site_json(60));

  std::atomic<bool> done{false};
  std::atomic<int> phase{0};
  std::vector<std::pair<int, Seen>> seen;  // (phase, what the search saw)
  std::thread searcher([&] {
    while (!done.load()) seen.emplace_back(phase.load(), search_once(db));
  });
  phase = 1;
  const ProcessResult update =
      test::run_process({index_bin(), "update", "--db", db, "--revisit-all", "--batch-size", "3"});
  phase = 2;
  const ProcessResult reindex =
      test::run_process({index_bin(), "reindex", "--db", db, "--batch-size", "7"});
  phase = 3;
  const ProcessResult compact = test::run_process({index_bin(), "compact", "--db", db});
  phase = 4;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  done = true;
  searcher.join();
  EXPECT_EQ(update.exit_code, 0) << update.err;
  EXPECT_EQ(reindex.exit_code, 0) << reindex.err;
  EXPECT_EQ(compact.exit_code, 0) << compact.err;

  std::map<int, int> per_phase;
  long last = 30;
  for (const auto& [when, s] : seen) {
    ++per_phase[when];
    EXPECT_EQ(s.exit_code, 0) << "phase " << when << ": " << s.err;
    // Commits only add here, each complete: the total never goes back, and stays within bounds.
    EXPECT_GE(s.total, last) << "phase " << when;
    EXPECT_LE(s.total, 60) << "phase " << when;
    if (s.total > last) last = s.total;
    if (when >= 2) {
      EXPECT_EQ(s.total, 60) << "phase " << when;
    }
  }
  EXPECT_EQ(last, 60);
  EXPECT_GE(per_phase[1], 3) << "too few searches during the update to tell";
  EXPECT_GE(per_phase[2], 1) << "no search during the reindex";
  EXPECT_EQ(documents(db).size(), 60U);
}

}  // namespace
}  // namespace vigil
