// vigil-index update end to end against a scripted site on 127.0.0.1 that changes between runs
// (tests/support/http_server.py reloads its routes): pages edited, added, removed with 404 and
// 410, turning noindex, a 503 outage, 304 answers. After each run the index must equal what a
// fresh crawl of the site as it is now produces (except a first 404, kept until confirmed), and
// an outage deletes nothing. Also: a killed crawl resumes without fetching again what it
// committed and ends equal to an uninterrupted one.

#include <gtest/gtest.h>
#include <signal.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "index/fetch_log.h"
#include "index/index_lock.h"
#include "support/http_server.h"
#include "support/run_process.h"
#include "support/temp_dir.h"
#include "support/test_site.h"

namespace vigil {
namespace {

using test::HttpServer;
using test::LoggedRequest;
using test::ProcessResult;

std::string index_bin() { return test::binary_from_env("VIGIL_INDEX_BIN"); }

std::string article(const std::string& title, const std::string& word,
                    const std::string& head = "") {
  return test::article_page_json(title, word, head);
}

// The site as a map of path -> route JSON; rendered as SITES.json for one site.
using Site = std::map<std::string, std::string>;

std::string page(const std::string& body, const std::string& etag = "") {
  std::string route = "{\"body\": \"" + body + "\"";
  if (!etag.empty()) route += ", \"etag\": \"\\\"" + etag + "\\\"\"";
  return route + "}";
}

std::string status(int code) { return "{\"status\": " + std::to_string(code) + "}"; }

std::string home(const std::vector<std::string>& paths) {
  std::string links;
  for (const std::string& path : paths) {
    links += "<a href='";
    links += path;
    links += "'>";
    links += path;
    links += "</a> ";
  }
  return page("<html><body><nav>" + links + "</nav></body></html>");
}

std::string sites_json(const Site& site) {
  std::string json = "[{\"routes\": {";
  const char* separator = "";
  for (const auto& [path, route] : site) {
    json += separator;
    json += '"';
    json += path;
    json += "\": ";
    json += route;
    separator = ", ";
  }
  return json + "}}]";
}

using Documents = std::map<std::string, std::string>;

Documents documents(const std::string& db_path) { return test::documents_by_key(db_path); }

std::set<std::string> keys_of(const Documents& docs) {
  std::set<std::string> keys;
  for (const auto& [key, content] : docs) keys.insert(key);
  return keys;
}

class UpdateTest : public ::testing::Test {
 protected:
  UpdateTest() : server_(sites_json(site_)) {}

  ProcessResult crawl(const std::string& db, std::vector<std::string> more = {}) {
    std::vector<std::string> argv = {index_bin(), "crawl", "--db",          db,
                                     "--contact", "c",     "--seed",        server_.url(0, "/"),
                                     "--delay",   "0",     "--max-retries", "1"};
    argv.insert(argv.end(), more.begin(), more.end());
    return test::run_process(argv);
  }

  ProcessResult update(std::vector<std::string> more = {}) {
    std::vector<std::string> argv = {index_bin(),       "update",   "--db",
                                     dir_.file("live"), "--report", dir_.file("report.json")};
    argv.insert(argv.end(), more.begin(), more.end());
    return test::run_process(argv);
  }

  // The live index against a fresh crawl of the site as it is now.
  void expect_equal_to_fresh_crawl(const std::set<std::string>& pending = {}) {
    const std::string fresh = dir_.file("fresh-" + std::to_string(++fresh_runs_));
    const ProcessResult run = crawl(fresh);
    ASSERT_LE(run.exit_code, 1) << run.err;
    Documents live = documents(dir_.file("live"));
    const Documents expected = documents(fresh);
    for (const std::string& key : pending) {
      EXPECT_TRUE(live.contains(key)) << key << " was removed before its 404 was confirmed";
      live.erase(key);
    }
    EXPECT_EQ(keys_of(live), keys_of(expected));
    for (const auto& [key, content] : expected) {
      const auto it = live.find(key);
      if (it != live.end()) {
        EXPECT_EQ(it->second, content) << key;
      }
    }
  }

  std::string url(const std::string& path) const { return server_.url(0, path); }

  // Requests for `path` sent after the first `from` requests, and their statuses.
  std::vector<int> statuses(const std::string& path, std::size_t from) const {
    std::vector<int> out;
    const std::vector<LoggedRequest> requests = server_.requests();
    for (std::size_t i = from; i < requests.size(); ++i) {
      if (requests[i].path == path) out.push_back(requests[i].status);
    }
    return out;
  }

  Site site_ = {
      {"/robots.txt",
       "{\"body\": \"User-agent: *\\nDisallow: /private\\n\", \"headers\": "
       "{\"Content-Type\": \"text/plain\"}}"},
      {"/", home({"/a", "/b", "/c", "/d", "/e", "/f", "/p"})},
      {"/a", page(article("Alpha", "detention"), "a1")},
      {"/b", page(article("Beta", "censorship"), "b1")},
      {"/c", page(article("Gamma", "displacement"), "c1")},
      {"/d", page(article("Delta", "forced labour"), "d1")},
      {"/e", page(article("Epsilon", "surveillance"), "e1")},
      {"/f", page(article("Phi", "torture"))},  // no validators: unchanged is told by its bytes
      {"/p", page(article("Pi", "hunger strike"), "p1")},
  };
  HttpServer server_;
  test::TempDir dir_;
  int fresh_runs_ = 0;
};

TEST_F(UpdateTest, FollowsTheSiteAsItChangesAndLosesNothingInAnOutage) {
  const ProcessResult first = crawl(dir_.file("live"), {"--revisit-min", "0"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  expect_equal_to_fresh_crawl();

  // Run 1: /a unchanged (304), /b edited, /c gone (404: kept until confirmed), /d gone (410),
  // /e asks not to be indexed, /g is new, /f unchanged without validators, /p now forbidden by
  // robots.txt.
  site_["/b"] = page(article("Beta", "censorship of the press"), "b2");
  site_["/c"] = status(404);
  site_["/d"] = status(410);
  site_["/e"] =
      page(article("Epsilon", "surveillance", "<meta name=\\\"robots\\\" content=\\\"noindex\\\">"),
           "e2");
  site_["/g"] = page(article("Eta", "arbitrary arrest"), "g1");
  site_["/"] = home({"/a", "/b", "/c", "/d", "/e", "/f", "/g", "/p"});
  site_["/robots.txt"] =
      "{\"body\": \"User-agent: *\\nDisallow: /private\\nDisallow: /p\\n\", \"headers\": "
      "{\"Content-Type\": \"text/plain\"}}";
  server_.replace_sites(sites_json(site_));
  std::size_t mark = server_.requests().size();
  const ProcessResult run1 = update();
  EXPECT_EQ(run1.exit_code, 0) << run1.err;
  EXPECT_NE(run1.err.find("new 1, updated 1, unchanged 2, deleted 3, failed 0, disallowed 1"),
            std::string::npos)
      << run1.err;
  EXPECT_NE(run1.err.find("404 pending 1"), std::string::npos) << run1.err;
  EXPECT_EQ(statuses("/a", mark), std::vector<int>{304}) << "an unchanged page costs one 304";
  EXPECT_EQ(statuses("/p", mark), std::vector<int>{}) << "a disallowed page was fetched";
  EXPECT_EQ(statuses("/f", mark), std::vector<int>{200});
  expect_equal_to_fresh_crawl({url("/c")});
  const std::optional<index::FetchRecord> a =
      index::read_fetch_record(Xapian::Database(dir_.file("live")), url("/a"));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->outcome, "article");
  EXPECT_EQ(a->etag, "\"a1\"");

  // Run 2: an outage. Every page answers 503 (the 8 known URLs not forbidden, including those
  // whose documents are gone): nothing is removed, the run says it failed.
  const Documents before_outage = documents(dir_.file("live"));
  Site outage = site_;
  for (auto& [path, route] : outage) {
    if (path != "/robots.txt") route = status(503);
  }
  server_.replace_sites(sites_json(outage));
  const ProcessResult run2 = update({"--revisit-all"});
  EXPECT_EQ(run2.exit_code, 1) << run2.err;
  EXPECT_NE(run2.err.find("deleted 0, failed 8"), std::string::npos) << run2.err;
  EXPECT_EQ(documents(dir_.file("live")), before_outage) << "the outage changed the index";

  // Run 3: back again; /c still answers 404, now confirmed and removed. Equal to a fresh crawl.
  server_.replace_sites(sites_json(site_));
  const ProcessResult run3 = update({"--revisit-all"});
  EXPECT_EQ(run3.exit_code, 0) << run3.err;
  EXPECT_NE(run3.err.find("deleted 1,"), std::string::npos) << run3.err;
  expect_equal_to_fresh_crawl();
}

TEST_F(UpdateTest, UpdateNeedsACrawlFirst) {
  const ProcessResult run = update();
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("holds no crawl settings"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("hint: run 'vigil-index crawl"), std::string::npos) << run.err;
}

TEST_F(UpdateTest, QuietRunsSayNothingUnlessSomethingFailed) {
  ASSERT_EQ(crawl(dir_.file("live")).exit_code, 0);
  const ProcessResult quiet = update({"-q", "--revisit-all"});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.err, "");
  EXPECT_EQ(quiet.out, "");
  site_["/a"] = status(500);
  server_.replace_sites(sites_json(site_));
  const ProcessResult failing = update({"-q", "--revisit-all"});
  EXPECT_EQ(failing.exit_code, 1) << failing.err;
  EXPECT_NE(failing.err.find(url("/a") + ": HTTP 500"), std::string::npos) << failing.err;
  EXPECT_NE(failing.err.find("failed 1"), std::string::npos) << failing.err;
  // The report says the same, and stats lists the failing URL.
  const ProcessResult stats = test::run_process({index_bin(), "stats", "--db", dir_.file("live")});
  EXPECT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_NE(stats.out.find("failing URLs: 1\n  " + url("/a") + ": HTTP 500"), std::string::npos)
      << stats.out;
}

// One indexer at a time: a second update exits at once, or waits with --wait-lock.
TEST_F(UpdateTest, ASecondIndexerExitsAtOnceOrWaitsForTheLock) {
  ASSERT_EQ(crawl(dir_.file("live")).exit_code, 0);
  std::optional<index::IndexLock> held(index::IndexLock::acquire(dir_.file("live"), 0));
  const auto start = std::chrono::steady_clock::now();
  const ProcessResult refused = update();
  EXPECT_EQ(refused.exit_code, 3) << refused.err;
  EXPECT_NE(refused.err.find("is being updated by another vigil-index"), std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("--wait-lock"), std::string::npos) << refused.err;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5)) << "it waited";
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    held.reset();
  });
  const ProcessResult waited = update({"--wait-lock", "30"});
  release.join();
  EXPECT_EQ(waited.exit_code, 0) << waited.err;
}

// A disk that fills up during a run (simulated with a file size limit, SIGXFSZ ignored, so writes
// fail with EFBIG as on a full disk): the run stops with exit code 3 and a message, and the index
// opens as of its last commit; the next run, with room again, completes it.
TEST_F(UpdateTest, ADiskFullStopsTheRunCleanlyWithTheIndexIntact) {
  ASSERT_EQ(crawl(dir_.file("live")).exit_code, 0);
  const Documents before = documents(dir_.file("live"));
  std::vector<std::string> paths;
  for (int i = 0; i < 150; ++i) {
    const std::string path = "/more/" + std::to_string(i);
    paths.push_back(path);
    site_[path] =
        page(article("More " + std::to_string(i), "detention in camp " + std::to_string(i)));
  }
  site_["/"] = home(paths);
  server_.replace_sites(sites_json(site_));
  // The limit: the largest file of the index now, so that the index cannot grow.
  std::uintmax_t largest = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_.file("live"))) {
    if (entry.is_regular_file()) largest = std::max(largest, entry.file_size());
  }
  const std::string blocks = std::to_string(largest / 512 + 1);
  const ProcessResult full = test::run_process(
      {"/bin/sh", "-c",
       "trap '' XFSZ; ulimit -f " + blocks + "; exec \"$0\" update --db \"$1\" --revisit-all " +
           "--max-depth 1 --max-pages 400 --batch-size 50",
       index_bin(), dir_.file("live")});
  EXPECT_EQ(full.exit_code, 3) << full.err;
  EXPECT_NE(full.err.find("error: "), std::string::npos) << full.err;
  EXPECT_NE(full.err.find("hint: check free disk space"), std::string::npos) << full.err;
  // The index opens and holds what it held, or more (complete commits only).
  const Documents after = documents(dir_.file("live"));
  for (const auto& [key, content] : before) EXPECT_EQ(after.at(key), content) << key;
  const ProcessResult resumed = update({"--max-depth", "1", "--max-pages", "400"});
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(documents(dir_.file("live")).size(), before.size() + 150) << full.err << resumed.err;
}

// Kills the crawl with SIGKILL at a point of its run, resumes it with `update`, and compares the
// result with an uninterrupted crawl. Many small commits (--batch-size 1) put kills inside commits
// too.
class KilledCrawlTest : public ::testing::TestWithParam<int> {};

TEST_P(KilledCrawlTest, ResumesWithoutRefetchingWhatWasCommitted) {
  Site site = {{"/", ""}};
  std::vector<std::string> paths;
  for (int i = 0; i < 40; ++i) {
    const std::string path = "/n/" + std::to_string(i);
    paths.push_back(path);
    site[path] = page(article("Story " + std::to_string(i), "detention " + std::to_string(i)),
                      std::string(1, 'v').append(std::to_string(i)));
  }
  // One slow page: a kill during a fetch.
  site["/n/20"] = "{\"body\": \"" + article("Story 20", "detention 20") + "\", \"delay\": 1.5}";
  site["/"] = home(paths);
  HttpServer server(sites_json(site));
  test::TempDir dir;
  const auto crawl_argv = [&](const std::string& db) {
    return std::vector<std::string>{index_bin(),     "crawl", "--db",         db,
                                    "--contact",     "c",     "--seed",       server.url(0, "/"),
                                    "--delay",       "0.01",  "--batch-size", "1",
                                    "--concurrency", "1"};
  };
  const ProcessResult whole = test::run_process(crawl_argv(dir.file("whole")));
  ASSERT_EQ(whole.exit_code, 0) << whole.err;

  const std::size_t mark = server.requests().size();
  {
    // Killed once the server has answered GetParam() requests of this run (robots.txt is the
    // first, the home page the second, the slow /n/20 about the 23rd), and a moment more.
    test::Child child(crawl_argv(dir.file("killed")));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (server.requests().size() < mark + static_cast<std::size_t>(GetParam()) &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    child.send_signal(SIGKILL);
    const ProcessResult killed = child.wait();
    ASSERT_EQ(killed.signal, SIGKILL) << "the crawl ended before it was killed: " << killed.err;
  }
  // What the killed run committed: the index opens, and its fetch log says what was fetched.
  std::set<std::string> committed;
  {
    const Xapian::Database db(dir.file("killed"));
    index::for_each_fetch_record(db, [&](index::FetchRecord&& record) {
      if (record.fetched_at != 0) committed.insert(record.url);
    });
  }
  // The next run resumes: `update` once the crawl stored its settings (its first commit), else
  // the same crawl again.
  const bool stored =
      !Xapian::Database(dir.file("killed")).get_metadata("vigil.crawl.settings").empty();
  EXPECT_TRUE(stored) << "no settings stored after " << GetParam() << " requests";
  const std::size_t resumed_from = server.requests().size();
  const ProcessResult resumed = test::run_process(
      stored ? std::vector<std::string>{index_bin(), "update", "--db", dir.file("killed")}
             : crawl_argv(dir.file("killed")));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  if (stored) {
    EXPECT_NE(resumed.err.find("resuming run "), std::string::npos) << resumed.err;
  }
  const std::vector<LoggedRequest> requests = server.requests();
  for (std::size_t i = resumed_from; i < requests.size(); ++i) {
    EXPECT_FALSE(committed.contains(server.url(0, requests[i].path)))
        << requests[i].path << " was committed before the kill and fetched again";
  }
  EXPECT_EQ(documents(dir.file("killed")), documents(dir.file("whole")));
}

// Killed at the start, among the first commits, while the slow page is being fetched, and late.
INSTANTIATE_TEST_SUITE_P(AfterRequests, KilledCrawlTest, ::testing::Values(1, 6, 23, 36));

}  // namespace
}  // namespace vigil
