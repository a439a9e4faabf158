// vigil-index crawl end to end against scripted web servers on 127.0.0.1 (tests/support/
// http_server.py): discovery from seeds, sitemaps and feeds, scope, robots.txt, politeness
// delays, retries, redirects, limits, and what reaches the index. Scope is by host name, not
// port: a site on another port of 127.0.0.1 is the same host, so "another host" is reached as
// localhost.

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "index/fetch_log.h"
#include "support/http_server.h"
#include "support/run_process.h"
#include "support/shared_data.h"
#include "support/temp_dir.h"
#include "support/test_site.h"

namespace vigil {
namespace {

using test::HttpServer;
using test::index_keys;
using test::LoggedRequest;
using test::ProcessResult;

std::string index_bin() { return test::binary_from_env("VIGIL_INDEX_BIN"); }

// An article page whose text mentions `word` (test_site.h).
std::string article(const std::string& title, const std::string& word,
                    const std::string& extra_body = "") {
  return test::article_page_json(title, word, "", extra_body);
}

// A JSON route: {"body": ...} with the text escaped for JSON (the helpers above already escape
// the quotes they write).
std::string route(const std::string& path, const std::string& body, const std::string& more = "") {
  return "\"" + path + "\": {\"body\": \"" + body + "\"" + (more.empty() ? "" : ", " + more) + "}";
}

struct Crawl {
  ProcessResult run;
  std::vector<LoggedRequest> requests;
  std::set<std::string> keys;  // document keys in the index
  std::string db;
};

// The fetch log entry of `url` in the crawl's index, decoded from its metadata.
std::optional<index::FetchRecord> fetch_record(const Crawl& c, const std::string& url) {
  return index::read_fetch_record(Xapian::Database(c.db), url);
}

Crawl crawl(const HttpServer& server, const test::TempDir& dir, std::vector<std::string> args) {
  std::vector<std::string> argv = {index_bin(), "crawl",
                                   "--db",      dir.file("db"),
                                   "--contact", "https://example.org/crawler-contact"};
  argv.insert(argv.end(), args.begin(), args.end());
  Crawl result;
  result.run = test::run_process(argv);
  result.requests = server.requests();
  result.keys = index_keys(dir.file("db"));
  result.db = dir.file("db");
  return result;
}

std::vector<std::string> paths_of(const std::vector<LoggedRequest>& requests, int site) {
  std::vector<std::string> paths;
  for (const LoggedRequest& r : requests) {
    if (r.site == site) paths.push_back(r.path);
  }
  return paths;
}

bool requested(const std::vector<LoggedRequest>& requests, int site, const std::string& path) {
  const std::vector<std::string> paths = paths_of(requests, site);
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

TEST(Crawl, FollowsLinksInScopeObeysRobotsAndIndexesArticles) {
  const std::string home =
      "<html><head><title>News</title></head><body><ul>"
      "<li><a href='/news/1'>One</a></li><li><a href='/news/2?utm_source=x'>Two</a></li>"
      "<li><a href='/news/2#comments'>Comments</a></li>"
      "<li><a href='/private/secret'>Secret</a></li>"
      "<li><a href='http://localhost:{port1}/elsewhere'>Elsewhere</a></li>"
      "<li><a href='mailto:desk@example.org'>Mail</a></li></ul></body></html>";
  HttpServer server(
      "[{\"routes\": {" +
      route("/robots.txt",
            "User-agent: *\\nDisallow: /\\n\\nUser-agent: VigilBot\\n"
            "Disallow: /private/\\n",
            "\"headers\": {\"Content-Type\": \"text/plain\"}") +
      ", " + route("/", home) + ", " + route("/news/1", article("One", "detention")) + ", " +
      route("/news/2",
            "<html><head><link rel=\\\"canonical\\\" href=\\\"/news/2?utm_medium=rss\\\">" +
                article("Two", "forced labour").substr(12)) +
      ", " + route("/private/secret", article("Secret", "leak")) + "}}, {\"routes\": {" +
      route("/elsewhere", article("Else", "x")) + "}}]");
  test::TempDir dir;
  const Crawl c = crawl(server, dir, {"--seed", server.url(0, "/"), "--delay", "0"});
  EXPECT_EQ(c.run.exit_code, 0) << c.run.err;
  // robots.txt comes first, and our group (not "*") applies.
  const std::vector<std::string> paths = paths_of(c.requests, 0);
  ASSERT_FALSE(paths.empty());
  EXPECT_EQ(paths.front(), "/robots.txt");
  EXPECT_FALSE(requested(c.requests, 0, "/private/secret")) << c.run.err;
  EXPECT_TRUE(paths_of(c.requests, 1).empty()) << "another host was contacted";
  EXPECT_EQ(c.keys, (std::set<std::string>{server.url(0, "/news/1"), server.url(0, "/news/2")}))
      << c.run.err;
  EXPECT_NE(c.run.err.find("checked 3: new 2, updated 0, unchanged 0, deleted 0, failed 0, "
                           "disallowed 1 (articles 2, not articles 1, "),
            std::string::npos)
      << c.run.err;
  EXPECT_NE(c.run.err.find("out of scope 1)"), std::string::npos) << c.run.err;
  for (const LoggedRequest& r : c.requests) {
    EXPECT_EQ(r.user_agent, "VigilBot/" VIGIL_VERSION " (+https://example.org/crawler-contact)");
  }
  // Every fetched URL is in the fetch log, with what became of it.
  const auto one = fetch_record(c, server.url(0, "/news/1"));
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 200);
  EXPECT_EQ(one->outcome, "article");
  EXPECT_EQ(one->content_hash.size(), 16U);
  EXPECT_GT(one->fetched_at, 1600000000);
  const auto front = fetch_record(c, server.url(0, "/"));
  ASSERT_TRUE(front);
  EXPECT_EQ(front->outcome, "not_article");
  EXPECT_NE(front->reason.find("index page"), std::string::npos) << front->reason;
  // Tracking parameters and fragments do not make another URL: /news/2 was fetched once.
  EXPECT_EQ(std::count(paths.begin(), paths.end(), "/news/2"), 1);
  // The page robots.txt forbids was not fetched, but is recorded as such (a page of the index
  // that robots.txt comes to forbid is removed by the next update).
  const auto secret = fetch_record(c, server.url(0, "/private/secret"));
  ASSERT_TRUE(secret);
  EXPECT_EQ(secret->outcome, "disallowed");
  EXPECT_EQ(secret->status, 0);
}

TEST(Crawl, WaitsBetweenRequestsToOneHostButNotAcrossHosts) {
  std::string site0 = route("/",
                            "<html><body><a href='/a'>a</a> <a href='/b'>b</a>"
                            " <a href='/c'>c</a></body></html>");
  std::string site1 = route("/",
                            "<html><body><a href='/a'>a</a> <a href='/b'>b</a>"
                            " <a href='/c'>c</a></body></html>");
  for (const char* p : {"/a", "/b", "/c"}) {
    site0 += ", " + route(p, article(p, "camps"));
    site1 += ", " + route(p, article(p, "camps"));
  }
  HttpServer server("[{\"routes\": {" + site0 + "}}, {\"routes\": {" + site1 + "}}]");
  test::TempDir dir;
  const Crawl c = crawl(server, dir,
                        {"--seed", server.url(0, "/"), "--seed", server.url(1, "/"), "--delay",
                         "0.4", "--concurrency", "4"});
  EXPECT_EQ(c.run.exit_code, 0) << c.run.err;
  EXPECT_EQ(c.keys.size(), 6U) << c.run.err;
  std::map<int, std::vector<double>> times;
  for (const LoggedRequest& r : c.requests) times[r.site].push_back(r.time);
  for (const auto& [site, t] : times) {
    ASSERT_EQ(t.size(), 5U) << "site " << site;  // robots.txt, /, /a, /b, /c
    for (std::size_t i = 1; i < t.size(); ++i) {
      // The delay runs from the end of one request to the start of the next.
      EXPECT_GE(t[i] - t[i - 1], 0.39) << "site " << site << " request " << i;
    }
  }
  // The two hosts were crawled side by side, not one after the other.
  EXPECT_LT(times[1].front(), times[0][2]);
  EXPECT_LT(times[0].front(), times[1][2]);
}

TEST(Crawl, HonoursCrawlDelay) {
  HttpServer server("[{\"routes\": {" +
                    route("/robots.txt", "User-agent: *\\nCrawl-delay: 0.7\\n",
                          "\"headers\": {\"Content-Type\": \"text/plain\"}") +
                    ", " + route("/", "<html><body><a href='/a'>a</a></body></html>") + ", " +
                    route("/a", article("A", "camps")) + "}}]");
  test::TempDir dir;
  const Crawl c = crawl(server, dir, {"--seed", server.url(0, "/"), "--delay", "0.1"});
  EXPECT_EQ(c.run.exit_code, 0) << c.run.err;
  ASSERT_EQ(c.requests.size(), 3U);
  EXPECT_GE(c.requests[1].time - c.requests[0].time, 0.69);
  EXPECT_GE(c.requests[2].time - c.requests[1].time, 0.69);
}

TEST(Crawl, RetriesAfterRetryAfterAndBacksOffOnServerErrors) {
  HttpServer server(
      "[{\"routes\": {" +
      route("/",
            "<html><body><a href='/busy'>b</a> <a href='/flaky'>f</a>"
            " <a href='/broken'>x</a></body></html>") +
      ", \"/busy\": {\"sequence\": [{\"status\": 503, \"headers\": {\"Retry-After\": \"1\"}}, "
      "{\"body\": \"" +
      article("Busy", "detention") + "\"}]}" +
      ", \"/flaky\": {\"sequence\": [{\"status\": 502}, {\"body\": \"" +
      article("Flaky", "detention") + "\"}]}" + ", \"/broken\": {\"status\": 500}}}]");
  test::TempDir dir;
  const Crawl c =
      crawl(server, dir, {"--seed", server.url(0, "/"), "--delay", "0", "--max-retries", "1"});
  // /broken failed twice: the page is lost for this run, which the exit code says.
  EXPECT_EQ(c.run.exit_code, 1) << c.run.err;
  EXPECT_EQ(c.keys, (std::set<std::string>{server.url(0, "/busy"), server.url(0, "/flaky")}));
  EXPECT_NE(c.run.err.find("page " + server.url(0, "/broken") + ": HTTP 500 (after 2 attempts)"),
            std::string::npos)
      << c.run.err;
  EXPECT_NE(c.run.err.find("failed 1"), std::string::npos) << c.run.err;
  EXPECT_NE(c.run.err.find("retries 3"), std::string::npos) << c.run.err;
  const auto broken = fetch_record(c, server.url(0, "/broken"));
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->outcome, "failed");
  EXPECT_EQ(broken->status, 500);
  EXPECT_EQ(broken->reason, "HTTP 500 (after 2 attempts)");
  // The second request for /busy came at least Retry-After (1 s) after the first.
  std::vector<double> busy;
  for (const LoggedRequest& r : c.requests) {
    if (r.path == "/busy") busy.push_back(r.time);
  }
  ASSERT_EQ(busy.size(), 2U);
  EXPECT_GE(busy[1] - busy[0], 0.99);
}

TEST(Crawl, RetryAfterBeyondTheLimitIsNotWaitedFor) {
  HttpServer server(
      "[{\"routes\": {\"/\": {\"status\": 429, \"headers\": {\"Retry-After\": "
      "\"86400\"}}}}]");
  test::TempDir dir;
  const Crawl c = crawl(server, dir, {"--seed", server.url(0, "/"), "--delay", "0"});
  EXPECT_EQ(c.run.exit_code, 1) << c.run.err;
  EXPECT_NE(c.run.err.find("retry after 86400 s, longer than the limit"), std::string::npos)
      << c.run.err;
}

TEST(Crawl, UnreachableRobotsTxtMeansNothingIsFetched) {
  HttpServer server("[{\"routes\": {\"/robots.txt\": {\"status\": 503}, " +
                    route("/", article("Home", "camps")) + "}}]");
  test::TempDir dir;
  const Crawl c =
      crawl(server, dir, {"--seed", server.url(0, "/"), "--delay", "0", "--max-retries", "1"});
  EXPECT_FALSE(requested(c.requests, 0, "/")) << c.run.err;
  EXPECT_TRUE(c.keys.empty());
  EXPECT_NE(c.run.err.find("the site's pages are not fetched in this run"), std::string::npos)
      << c.run.err;
}

TEST(Crawl, ReadsSitemapIndexesGzippedSitemapsAndFeeds) {
  const std::string urlset =
      "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
      "<url><loc>http://127.0.0.1:{port0}/s/1</loc><lastmod>2021-06-03</lastmod></url>"
      "<url><loc>/s/2</loc></url></urlset>";
  const std::string index =
      "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
      "<sitemap><loc>http://127.0.0.1:{port0}/sitemap-1.xml</loc></sitemap></sitemapindex>";
  const std::string rss =
      "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
      "<item><title>F</title><link>http://127.0.0.1:{port0}/f/1</link>"
      "<pubDate>Thu, 03 Jun 2021 10:00:00 GMT</pubDate></item></channel></rss>";
  const std::string xml = "\"headers\": {\"Content-Type\": \"application/xml\"}";
  HttpServer server("[{\"routes\": {" + route("/sitemap.xml", index, xml) + ", " +
                    route("/sitemap-1.xml", urlset, xml + ", \"gzip\": true") + ", " +
                    route("/feed", rss, xml) + ", " + route("/s/1", article("S1", "camps")) + ", " +
                    route("/s/2", article("S2", "camps")) + ", " +
                    route("/f/1", article("F1", "camps")) + "}}]");
  test::TempDir dir;
  const Crawl c = crawl(server, dir,
                        {"--sitemap", server.url(0, "/sitemap.xml"), "--feed",
                         server.url(0, "/feed"), "--delay", "0"});
  EXPECT_EQ(c.run.exit_code, 0) << c.run.err;
  EXPECT_EQ(c.keys, (std::set<std::string>{server.url(0, "/s/1"), server.url(0, "/s/2"),
                                           server.url(0, "/f/1")}))
      << c.run.err;
}

TEST(Crawl, FollowsRedirectsInScopeOnly) {
  HttpServer server(
      "[{\"routes\": {" +
      route("/",
            "<html><body><a href='/old'>o</a> <a href='/away'>a</a> <a href='/file'>f</a>"
            "</body></html>") +
      ", \"/old\": {\"status\": 301, \"headers\": {\"Location\": \"/new\"}}"
      ", \"/away\": {\"status\": 302, \"headers\": {\"Location\": "
      "\"http://localhost:{port1}/x\"}}"
      ", \"/file\": {\"status\": 302, \"headers\": {\"Location\": \"file:///etc/passwd\"}}, " +
      route("/new", article("New", "camps")) + "}}, {\"routes\": {" +
      route("/x", article("X", "camps")) + "}}]");
  test::TempDir dir;
  const Crawl c = crawl(server, dir, {"--seed", server.url(0, "/"), "--delay", "0"});
  EXPECT_EQ(c.keys, std::set<std::string>{server.url(0, "/new")}) << c.run.err;
  EXPECT_TRUE(paths_of(c.requests, 1).empty());
  EXPECT_NE(c.run.err.find("file:///etc/passwd', which is not an http(s) URL"), std::string::npos)
      << c.run.err;
}

TEST(Crawl, AllowDomainWidensTheScope) {
  HttpServer server("[{\"routes\": {" +
                    route("/",
                          "<html><body><a href='http://localhost:{port1}/x'>x</a></body>"
                          "</html>") +
                    "}}, {\"routes\": {" + route("/x", article("X", "camps")) + "}}]");
  test::TempDir dir;
  const Crawl c = crawl(
      server, dir, {"--seed", server.url(0, "/"), "--delay", "0", "--allow-domain", "localhost"});
  EXPECT_EQ(c.keys,
            std::set<std::string>{"http://localhost:" + std::to_string(server.port(1)) + "/x"})
      << c.run.err;
}

TEST(Crawl, StopsAtMaxDepthAndMaxPages) {
  std::string routes = route("/", "<html><body><a href='/1'>1</a></body></html>");
  for (int i = 1; i <= 5; ++i) {
    const std::string n = std::to_string(i);
    std::string next = "<a href='/";
    next += std::to_string(i + 1);
    next += "'>next</a>";
    routes += ", ";
    routes += route("/" + n, article("P" + n, "camps", next));
  }
  HttpServer server("[{\"routes\": {" + routes + "}}]");
  {
    test::TempDir dir;
    const Crawl c =
        crawl(server, dir, {"--seed", server.url(0, "/"), "--delay", "0", "--max-depth", "2"});
    EXPECT_EQ(c.keys, (std::set<std::string>{server.url(0, "/1"), server.url(0, "/2")}))
        << c.run.err;
  }
  {
    test::TempDir dir;
    const Crawl c = crawl(
        server, dir,
        {"--seed", server.url(0, "/"), "--delay", "0", "--max-depth", "9", "--max-pages", "3"});
    EXPECT_EQ(c.keys, (std::set<std::string>{server.url(0, "/1"), server.url(0, "/2")}))
        << c.run.err;
  }
}

TEST(Crawl, NoindexPagesAreNotIndexed) {
  HttpServer server(
      "[{\"routes\": {" +
      route("/",
            "<html><body><a href='/meta'>m</a> <a href='/header'>h</a>"
            " <a href='/other-bot'>o</a></body></html>") +
      ", " +
      route("/meta", "<html><head><meta name=\\\"robots\\\" content=\\\"noindex\\\">" +
                         article("M", "camps").substr(12)) +
      ", " +
      route("/header", article("H", "camps"), "\"headers\": {\"X-Robots-Tag\": \"noindex\"}") +
      ", " +
      route("/other-bot", article("O", "camps"),
            "\"headers\": {\"X-Robots-Tag\": \"otherbot: noindex\"}") +
      "}}]");
  test::TempDir dir;
  const Crawl c = crawl(server, dir, {"--seed", server.url(0, "/"), "--delay", "0"});
  EXPECT_EQ(c.run.exit_code, 0) << c.run.err;
  EXPECT_EQ(c.keys, std::set<std::string>{server.url(0, "/other-bot")}) << c.run.err;
  EXPECT_NE(c.run.err.find("noindex 2"), std::string::npos) << c.run.err;
}

TEST(Crawl, ASecondCrawlChangesNothing) {
  HttpServer server("[{\"routes\": {" + route("/", "<html><body><a href='/a'>a</a></body></html>") +
                    ", " + route("/a", article("A", "camps")) + "}}]");
  test::TempDir dir;
  const Crawl first = crawl(server, dir, {"--seed", server.url(0, "/"), "--delay", "0"});
  ASSERT_EQ(first.run.exit_code, 0) << first.run.err;
  // The seed is fetched again (it is where new pages appear); the article, fetched less than
  // --revisit-min (1 day) ago, is not.
  const Crawl second = crawl(server, dir, {"--seed", server.url(0, "/"), "--delay", "0"});
  EXPECT_NE(second.run.err.find("checked 1: new 0, updated 0, unchanged 1, deleted 0"),
            std::string::npos)
      << second.run.err;
  EXPECT_EQ(std::count_if(second.requests.begin(), second.requests.end(),
                          [](const LoggedRequest& r) { return r.path == "/a"; }),
            1)
      << "an article fetched a moment ago was fetched again";
  // --revisit-all: both are fetched, found unchanged (same bytes), and nothing is re-indexed.
  const ProcessResult third = test::run_process(
      {index_bin(), "update", "--db", dir.file("db"), "--revisit-all", "--delay", "0"});
  EXPECT_EQ(third.exit_code, 0) << third.err;
  EXPECT_NE(third.err.find("checked 2: new 0, updated 0, unchanged 2, deleted 0"),
            std::string::npos)
      << third.err;
}

TEST(Extract, FetchesAUrlAsTheCrawlerWould) {
  HttpServer server(
      "[{\"routes\": {" +
      route("/robots.txt", "User-agent: *\\nDisallow: /private\\n",
            "\"headers\": {\"Content-Type\": \"text/plain\"}") +
      ", \"/old\": {\"status\": 301, \"headers\": {\"Location\": \"/a\"}}, " +
      route("/a", article("Camps in the north", "detention", "<a href='/b'>next</a>")) + ", " +
      route("/private", article("P", "x")) + "}}]");
  const ProcessResult run = test::run_process({index_bin(), "extract", server.url(0, "/old")});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\"url\":\"" + server.url(0, "/a") + "\""), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\"title\":\"Camps in the north\""), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\"links\":[\"" + server.url(0, "/b") + "\"]"), std::string::npos)
      << run.out;
  const ProcessResult refused =
      test::run_process({index_bin(), "extract", server.url(0, "/private")});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("robots.txt does not allow"), std::string::npos) << refused.err;
  const ProcessResult missing = test::run_process({index_bin(), "extract", server.url(0, "/nope")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find(server.url(0, "/nope") + ": HTTP 404"), std::string::npos)
      << missing.err;
}

// The site of tests/support/news_site.py: 213 article pages (real pages from the extraction
// benchmarks, news-corpus articles in a template, two legacy charsets) found through a sitemap
// index with a gzipped sitemap, RSS and Atom feeds and section pages, with the faults of real
// sites around them.
TEST(Crawl, NewsSiteFromSharedDataMatchesALocalImport) {
  VIGIL_REQUIRE_SHARED();
  test::TempDir dir;
  const ProcessResult made =
      test::run_process({"/usr/bin/env", "python3", test::source_path("tests/support/news_site.py"),
                         *test::shared_dir(), dir.file("site")});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::ifstream sites_file(dir.file("site/sites.json"));
  const std::string sites((std::istreambuf_iterator<char>(sites_file)),
                          std::istreambuf_iterator<char>());
  HttpServer server(sites);
  const Crawl c = crawl(server, dir, {"--seed",           server.url(0, "/"),
                                      "--sitemap",        server.url(0, "/sitemap.xml"),
                                      "--feed",           server.url(0, "/rss.xml"),
                                      "--feed",           server.url(0, "/atom.xml"),
                                      "--delay",          "0",
                                      "--timeout",        "2",
                                      "--max-retries",    "1",
                                      "--max-depth",      "2",
                                      "--max-page-bytes", "2500000",
                                      "--concurrency",    "4"});
  // /slow (timeouts) and /big (too large) are lost, so the crawl reports failures.
  EXPECT_EQ(c.run.exit_code, 1) << c.run.err;
  // The home page and three sections are index pages; 4xx come from the real pages' own relative
  // links, which land on this host.
  EXPECT_NE(c.run.err.find("not articles 4, noindex 3, not HTML 0, "), std::string::npos)
      << c.run.err;
  EXPECT_NE(c.run.err.find(", failed 2, "), std::string::npos) << c.run.err;

  // The same pages imported from files: the same articles, one document each.
  const ProcessResult add = test::run_process(
      {index_bin(), "add", "-q", "--db", dir.file("added"), dir.file("site/articles")});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  std::set<std::string> expected;
  const std::string file_prefix = "file://" + dir.file("site/articles/");
  std::set<std::string> noindex;
  std::ifstream noindex_file(dir.file("site/noindex.txt"));
  for (std::string name; std::getline(noindex_file, name);) noindex.insert(name);
  EXPECT_EQ(noindex.size(), 3U);  // measured: two benchmark pages and one Readability page
  for (const std::string& key : index_keys(dir.file("added"))) {
    ASSERT_TRUE(key.starts_with(file_prefix)) << key;
    const std::string name = key.substr(file_prefix.size());
    if (!noindex.contains(name)) expected.insert(server.url(0, "/articles/" + name));
  }
  EXPECT_GT(expected.size(), 200U);
  EXPECT_EQ(c.keys, expected);

  // Nothing disallowed was requested; each article page once (twice after a 500 or a 429);
  // retries bounded; the redirect loop ended; the Crawl-delay held between requests.
  std::map<std::string, int> count;
  double previous = -1;
  double smallest_gap = 1e9;
  for (const LoggedRequest& r : c.requests) {
    ++count[r.path];
    EXPECT_FALSE(r.path.starts_with("/private/")) << r.path;
    if (previous >= 0) smallest_gap = std::min(smallest_gap, r.time - previous);
    previous = r.time;
  }
  for (const auto& [path, n] : count) {
    if (!path.starts_with("/articles/")) continue;
    const bool retried = path == "/articles/corpus-3.html" || path == "/articles/corpus-4.html";
    EXPECT_EQ(n, retried ? 2 : 1) << path;
  }
  EXPECT_EQ(count["/slow"], 2);
  EXPECT_EQ(count["/big"], 1);
  EXPECT_EQ(count["/loop/a"], 1);
  EXPECT_EQ(count["/loop/b"], 1);
  EXPECT_GE(smallest_gap, 0.019);

  // Legacy charsets arrive as UTF-8.
  const Xapian::Database db(c.db);
  const auto text_of = [&](const std::string& path) {
    std::string term = "Q";
    term += server.url(0, path);
    Xapian::PostingIterator it = db.postlist_begin(term);
    return it == db.postlist_end(term) ? std::string() : db.get_document(*it).get_data();
  };
  EXPECT_NE(text_of("/articles/latin.html").find("D\xC3\xA9tenus \xC3\xA0 Gen\xC3\xA8ve"),
            std::string::npos);
  EXPECT_NE(text_of("/articles/gbk.html").find("\xE6\x96\xB0\xE7\x96\x86"), std::string::npos);
}

TEST(Crawl, DryRunFetchesAndExtractsButWritesNothing) {
  HttpServer server("[{\"routes\": {" + route("/", "<html><body><a href='/a'>a</a></body></html>") +
                    ", " + route("/a", article("A", "camps")) + "}}]");
  test::TempDir dir;
  const ProcessResult run = test::run_process({index_bin(), "crawl", "--dry-run", "--contact", "c",
                                               "--seed", server.url(0, "/"), "--delay", "0"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("(articles 1, not articles 1,"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("dry run, nothing written"), std::string::npos) << run.err;
  EXPECT_EQ(server.requests().size(), 3U);  // robots.txt, the home page, the article
}

// The test server reads its routes again when they are replaced, on the same ports, so a test can
// change the site between two runs; its validators reach the fetch log and come back as a
// conditional request, which it answers with 304.
TEST(Crawl, SeesTheSiteChangeBetweenRuns) {
  const std::string validators =
      "\"etag\": \"\\\"v1\\\"\", \"last_modified\": \"Tue, 01 Jun 2021 10:00:00 GMT\"";
  const std::string page_a = route("/a", article("A", "camps"), validators);
  HttpServer server("[{\"routes\": {" +
                    route("/", "<html><body><a href='/a'>a</a> <a href='/b'>b</a></body></html>") +
                    ", " + page_a + ", " + route("/b", article("B", "courts")) + "}}]");
  const int port = server.port(0);
  test::TempDir dir;
  const Crawl first = crawl(server, dir, {"--seed", server.url(0, "/"), "--delay", "0"});
  EXPECT_EQ(first.run.exit_code, 0) << first.run.err;
  EXPECT_EQ(first.keys, (std::set<std::string>{server.url(0, "/a"), server.url(0, "/b")}));
  const auto a = fetch_record(first, server.url(0, "/a"));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->etag, "\"v1\"");
  EXPECT_EQ(a->last_modified, "Tue, 01 Jun 2021 10:00:00 GMT");
  const std::size_t before = first.requests.size();

  // /a is unchanged, /b is gone (but still linked), /c is new.
  server.replace_sites(
      "[{\"routes\": {" +
      route("/",
            "<html><body><a href='/a'>a</a> <a href='/b'>b</a> <a href='/c'>c</a></body></html>") +
      ", " + page_a + ", " + route("/c", article("C", "tribunal")) + "}}]");
  const ProcessResult update = test::run_process(
      {index_bin(), "update", "--db", dir.file("db"), "--revisit-all", "--delay", "0"});
  EXPECT_EQ(update.exit_code, 0) << update.err;
  EXPECT_EQ(server.port(0), port);
  EXPECT_EQ(index_keys(dir.file("db")).count(server.url(0, "/c")), 1U) << update.err;
  std::map<std::string, LoggedRequest> last;
  const std::vector<LoggedRequest> requests = server.requests();
  for (std::size_t i = before; i < requests.size(); ++i) last[requests[i].path] = requests[i];
  EXPECT_EQ(last["/"].status, 200);
  EXPECT_EQ(last["/a"].if_none_match, "\"v1\"");
  EXPECT_EQ(last["/a"].status, 304);
  EXPECT_EQ(last["/b"].status, 404);
  EXPECT_EQ(last["/c"].status, 200);
}

TEST(Crawl, RequiresAContact) {
  const ProcessResult run = test::run_process(
      {index_bin(), "crawl", "--db", "/nonexistent/db", "--seed", "http://127.0.0.1:1/"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("crawl needs --contact"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("hint: "), std::string::npos) << run.err;
}

}  // namespace
}  // namespace vigil
