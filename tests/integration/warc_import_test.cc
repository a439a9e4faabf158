// `vigil-index add` on WARC files, run as the real binary: HTML responses become documents keyed
// by their URL, other records are skipped quietly, a truncated tail is one warning. With the
// shared data, real news pages wrapped into a WARC here are imported too.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "support/http_server.h"
#include "support/run_process.h"
#include "support/shared_data.h"
#include "support/temp_dir.h"
#include "warc/writer.h"

namespace vigil {
namespace {

using test::ProcessResult;
using test::run_process;

std::string index_bin() { return test::binary_from_env("VIGIL_INDEX_BIN"); }
std::string search_bin() { return test::binary_from_env("VIGIL_SEARCH_BIN"); }

warc::Capture capture(std::string uri, std::string head, std::string body) {
  warc::Capture c;
  c.target_uri = std::move(uri);
  c.fetched_at = 1795942800;
  c.response_head = std::move(head);
  c.body = std::move(body);
  return c;
}

std::string article(const std::string& title, const std::string& text) {
  std::string out = "<!DOCTYPE html><html lang=en><head><title>";
  out += title;
  out += "</title></head><body><article><h1>";
  out += title;
  out += "</h1><p>";
  out += text;
  out += "</p><p>The commission will publish its findings next month.</p></article></body></html>";
  return out;
}

// The keys ("id") of the hits of `query`, in rank order.
std::vector<std::string> search_keys(const std::string& db, const std::string& query) {
  const ProcessResult run =
      run_process({search_bin(), "--db", db, "--format", "json", "--per-page", "50", query});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::vector<std::string> keys;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(run.out).get(doc) != simdjson::SUCCESS) return keys;
  for (const simdjson::dom::element hit : doc["results"].get_array()) {
    keys.emplace_back(std::string_view(hit["id"]));
  }
  return keys;
}

const char* kHtmlHead = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n";

TEST(WarcImport, IndexesTheHtmlResponsesAndSkipsTheRestQuietly) {
  test::TempDir dir;
  {
    warc::Writer writer({dir.file("warcs"), "site"});
    warc::Capture first = capture("https://example.org/news/detention", kHtmlHead,
                                  article("Detention report", "Detainees were moved at night."));
    first.request_head = "GET /news/detention HTTP/1.1\r\nHost: example.org\r\n\r\n";
    writer.write(first);
    writer.write(capture("https://example.org/news/courts",
                         "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: "
                         "gzip\r\nContent-Length: 120\r\n\r\n",
                         article("Court ruling", "The court heard detainees from three camps.")));
    writer.write(capture("https://example.org/logo.png",
                         "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n", "\x89PNG\r\n"));
    writer.write(capture("https://example.org/gone",
                         "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n",
                         article("Detainees not found", "Nothing here about detainees.")));
  }
  const std::vector<std::string> files = warc::list_files(dir.file("warcs"));
  ASSERT_EQ(files.size(), 1U);
  const ProcessResult add = run_process({index_bin(), "add", "--db", dir.file("db"), files[0]});
  EXPECT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.err.find("added 2, replaced 0, unchanged 0, skipped 0, not articles 0; 2 "
                         "documents in index"),
            std::string::npos)
      << add.err;
  EXPECT_EQ(add.err.find("warning"), std::string::npos) << add.err;
  std::vector<std::string> keys = search_keys(dir.file("db"), "detainees");
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"https://example.org/news/courts",
                                            "https://example.org/news/detention"}));

  // Importing the same file again changes nothing.
  const ProcessResult again = run_process({index_bin(), "add", "--db", dir.file("db"), files[0]});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("added 0, replaced 0, unchanged 2"), std::string::npos) << again.err;
}

TEST(WarcImport, ATruncatedFileGivesOneWarningAndKeepsWhatCameBefore) {
  test::TempDir dir;
  std::string path;
  {
    warc::Writer writer({dir.path(), "cut"});
    writer.write(capture("https://example.org/a", kHtmlHead,
                         article("Torture inquiry", "Witnesses described torture in detention.")));
    writer.write(capture("https://example.org/b", kHtmlHead,
                         article("Second inquiry", "More witnesses described torture.")));
    writer.sync();
    path = writer.current_file() + ".open";
    // The writer is destroyed with the file renamed; keep a cut copy under the .open name.
    std::filesystem::copy_file(path, dir.file("killed.warc.gz.open"));
  }
  const std::string killed = dir.file("killed.warc.gz.open");
  std::filesystem::resize_file(killed, std::filesystem::file_size(killed) - 40);
  const ProcessResult add = run_process({index_bin(), "add", "--db", dir.file("db"), killed});
  EXPECT_EQ(add.exit_code, 1) << add.err;
  static const std::regex kWarning("warning: " + killed + "@[0-9]+: .*truncated.*, skipped\n");
  std::smatch match;
  EXPECT_TRUE(std::regex_search(add.err, match, kWarning)) << add.err;
  EXPECT_EQ(add.err.find("warning:"), add.err.rfind("warning:")) << "one warning only: " << add.err;
  EXPECT_NE(add.err.find("added 1, replaced 0, unchanged 0, skipped 1"), std::string::npos)
      << add.err;
  EXPECT_EQ(search_keys(dir.file("db"), "torture"),
            std::vector<std::string>{"https://example.org/a"});
}

// A WARC written by GNU wget itself (WARC/1.0, per-record gzip, request and metadata records,
// the payload stored as sent: here gzip-encoded), of pages served on 127.0.0.1.
TEST(WarcImport, ReadsWhatWgetWrites) {
  if (!std::filesystem::exists("/usr/bin/wget")) GTEST_SKIP() << "/usr/bin/wget is not installed";
  const test::HttpServer server(R"([{"routes": {
    "/news/1": {"gzip": true, "body": "<!DOCTYPE html><html lang=en><head><title>Camp closures</title></head><body><article><h1>Camp closures</h1><p>Detainees were released from two camps, their families said on Friday.</p><p>Officials declined to comment.</p></article></body></html>"},
    "/logo.png": {"headers": {"Content-Type": "image/png"}, "body": "PNG"}
  }}])");
  test::TempDir dir;
  const ProcessResult wget = run_process({"/usr/bin/wget", "-q", "--warc-file=" + dir.file("site"),
                                          "-O", dir.file("out"), server.url(0, "/news/1"),
                                          server.url(0, "/logo.png"), server.url(0, "/missing")});
  EXPECT_EQ(wget.exit_code, 8) << "wget reports the 404: " << wget.err;
  const ProcessResult add =
      run_process({index_bin(), "add", "--db", dir.file("db"), dir.file("site.warc.gz")});
  EXPECT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.err.find("added 1, replaced 0, unchanged 0, skipped 0"), std::string::npos)
      << add.err;
  EXPECT_EQ(search_keys(dir.file("db"), "detainees"),
            std::vector<std::string>{server.url(0, "/news/1")});
}

std::string gunzip_file(const std::string& path) {
  std::string out;
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return out;
  char buffer[1 << 15];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) {
    out.append(buffer, static_cast<std::size_t>(n));
  }
  gzclose(file);
  return out;
}

// Real pages as served (article_extraction/scrapinghub_aeb, with their URLs from its ground
// truth), wrapped into a WARC here and imported.
TEST(WarcImport, RealNewsPagesFromTheSharedData) {
  VIGIL_REQUIRE_SHARED();
  const std::string aeb = test::shared_path("data/article_extraction/scrapinghub_aeb");
  simdjson::dom::parser parser;
  simdjson::dom::object truth;
  ASSERT_EQ(parser.load(aeb + "/ground-truth.dev.json").get(truth), simdjson::SUCCESS);
  std::vector<std::pair<std::string, std::string>> pages;  // (id, url)
  for (const auto field : truth) {
    pages.emplace_back(std::string(field.key), std::string(std::string_view(field.value["url"])));
  }
  std::sort(pages.begin(), pages.end());
  pages.resize(std::min<std::size_t>(pages.size(), 8));
  test::TempDir dir;
  {
    warc::Writer writer({dir.path(), "aeb"});
    for (const auto& [id, url] : pages) {
      std::string file = aeb;
      file += "/html/";
      file += id;
      file += ".html.gz";
      const std::string html = gunzip_file(file);
      ASSERT_FALSE(html.empty()) << id;
      writer.write(capture(url, kHtmlHead, html));
    }
  }
  const std::vector<std::string> files = warc::list_files(dir.path());
  ASSERT_EQ(files.size(), 1U);
  const ProcessResult add = run_process({index_bin(), "add", "--db", dir.file("db"), files[0]});
  EXPECT_EQ(add.exit_code, 0) << add.err;
  static const std::regex kSummary(
      "added ([0-9]+), replaced 0, unchanged 0, skipped 0, "
      "not articles ([0-9]+);");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(add.err, match, kSummary)) << add.err;
  EXPECT_EQ(std::stoul(match[1].str()) + std::stoul(match[2].str()), pages.size()) << add.err;
  EXPECT_GE(std::stoul(match[1].str()), pages.size() - 1) << add.err;
  // The first page is found by a long word of its article text, under its URL.
  const std::string body{std::string_view(truth[pages[0].first]["articleBody"])};
  static const std::regex kWord("[A-Za-z]{10,}");
  ASSERT_TRUE(std::regex_search(body, match, kWord));
  const std::vector<std::string> keys = search_keys(dir.file("db"), match.str());
  EXPECT_NE(std::find(keys.begin(), keys.end(), pages[0].second), keys.end())
      << match.str() << " did not find " << pages[0].second;
}

}  // namespace
}  // namespace vigil
