// vigil-index --shard I/N end to end, as the real binary. Crawl: a site of several hosts (ports of
// 127.0.0.1, tests/support/http_server.py) crawled as shards 1/3, 2/3 and 3/3 gives three
// disjoint indexes whose union is the unsharded crawl, each holding and contacting only the
// hosts of its shard; update keeps the shard; another shard is refused. Add: JSON Lines (a slice
// of the shared news corpus when ../shared is present), HTML files and a WARC file imported as
// shards 1/2 and 2/2 likewise, with the items of the other shard counted.

#include "vigil/shard.h"

#include <gtest/gtest.h>
#include <simdjson.h>
#include <xapian.h>
#include <zlib.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "support/http_server.h"
#include "support/run_process.h"
#include "support/shared_data.h"
#include "support/temp_dir.h"
#include "support/test_site.h"
#include "warc/writer.h"

namespace vigil {
namespace {

using test::HttpServer;
using test::ProcessResult;
using test::run_process;

using Keys = std::set<std::string>;

std::string index_bin() { return test::binary_from_env("VIGIL_INDEX_BIN"); }

Keys index_keys(const std::string& db) {
  Keys keys;
  const Xapian::Database database(db);
  for (auto it = database.allterms_begin("Q"); it != database.allterms_end("Q"); ++it) {
    keys.insert((*it).substr(1));
  }
  return keys;
}

std::string metadata(const std::string& db, const std::string& key) {
  return Xapian::Database(db).get_metadata(key);
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (std::size_t pos = text.find(what); pos != std::string::npos;
       pos = text.find(what, pos + 1)) {
    ++count;
  }
  return count;
}

// ---- crawl ----------------------------------------------------------------------------------

constexpr int kSites = 6;
constexpr unsigned kCrawlShards = 3;

// Site i: a home page linking to its two articles, to the first article of every other site
// (another port of 127.0.0.1: in scope, but maybe in another shard) and to a page on localhost
// (out of scope: the scope is by host name).
std::string sites_json() {
  std::string json = "[";
  for (int i = 0; i < kSites; ++i) {
    const std::string n = std::to_string(i);
    std::string links = "<a href='/a'>a</a> <a href='/b'>b</a> ";
    for (int j = 0; j < kSites; ++j) {
      if (j == i) continue;
      links += "<a href='http://127.0.0.1:{port";
      links += std::to_string(j);
      links += "}/a'>x</a> ";
    }
    links += "<a href='http://localhost:{port";
    links += n;
    links += "}/elsewhere'>e</a>";
    if (i != 0) json += ", ";
    json += R"({"routes": {"/": {"body": "<html><body><nav>)";
    json += links;
    json += R"(</nav></body></html>"}, "/a": {"body": ")";
    json += test::article_page_json("Alpha " + n, "detention in region " + n);
    json += R"("}, "/b": {"body": ")";
    json += test::article_page_json("Beta " + n, "censorship in region " + n);
    json += R"("}}})";
  }
  return json + "]";
}

class ShardedCrawl : public ::testing::Test {
 protected:
  // A server whose hosts fall in every one of the three shards (ports are chosen by the system,
  // so a few servers may have to be started before one does).
  ShardedCrawl() {
    for (int attempt = 0; attempt < 50; ++attempt) {
      server_ = std::make_unique<HttpServer>(sites_json());
      std::set<unsigned> shards;
      for (int i = 0; i < kSites; ++i) shards.insert(shard_of_site(i));
      if (shards.size() == kCrawlShards) return;
    }
    ADD_FAILURE() << "no server spread its hosts over all three shards";
  }

  unsigned shard_of_site(int site) const {
    return shard_index(shard_of_url(server_->url(site, "/")), kCrawlShards);
  }

  std::vector<int> sites_of(unsigned shard) const {
    std::vector<int> sites;
    for (int i = 0; i < kSites; ++i) {
      if (shard_of_site(i) == shard) sites.push_back(i);
    }
    return sites;
  }

  ProcessResult index(const std::string& command, const std::string& db,
                      const std::vector<std::string>& more) const {
    std::vector<std::string> argv = {index_bin(), command, "--db", db, "--no-entities"};
    argv.insert(argv.end(), more.begin(), more.end());
    return run_process(argv);
  }

  // A crawl from every site's home page.
  ProcessResult crawl(const std::string& db, const std::vector<std::string>& more = {}) const {
    std::vector<std::string> args = {"--contact", "c", "--delay", "0", "--max-retries", "0"};
    for (int i = 0; i < kSites; ++i) {
      args.emplace_back("--seed");
      args.push_back(server_->url(i, "/"));
    }
    args.insert(args.end(), more.begin(), more.end());
    return index("crawl", db, args);
  }

  // The sites contacted since the first `from` requests of the server.
  std::set<int> sites_contacted(std::size_t from) const {
    std::set<int> sites;
    const auto requests = server_->requests();
    for (std::size_t i = from; i < requests.size(); ++i) sites.insert(requests[i].site);
    return sites;
  }

  std::unique_ptr<HttpServer> server_;
  test::TempDir dir_;
};

TEST_F(ShardedCrawl, ThreeShardsSplitTheHostsOfTheUnshardedCrawl) {
  ASSERT_TRUE(server_);
  const ProcessResult whole = crawl(dir_.file("whole"));
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  const Keys all = index_keys(dir_.file("whole"));
  ASSERT_EQ(all.size(), 2U * kSites) << whole.err;
  EXPECT_EQ(whole.err.find("other shard"), std::string::npos) << whole.err;
  EXPECT_EQ(metadata(dir_.file("whole"), kShardMetadataKey), "");

  Keys seen;
  for (unsigned s = 1; s <= kCrawlShards; ++s) {
    const std::string name = std::to_string(s) + "/3";
    const std::string db = dir_.file("shard" + std::to_string(s));
    const std::size_t mark = server_->requests().size();
    const ProcessResult run = crawl(db, {"--shard", name});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const std::vector<int> mine = sites_of(s);
    Keys expected;
    for (const int site : mine) {
      expected.insert(server_->url(site, "/a"));
      expected.insert(server_->url(site, "/b"));
    }
    const Keys keys = index_keys(db);
    EXPECT_EQ(keys, expected) << name << "\n" << run.err;
    for (const std::string& key : keys) {
      EXPECT_TRUE(in_shard(shard_of_url(key), {s, kCrawlShards})) << key;
      EXPECT_FALSE(seen.contains(key)) << key << " is in two shards";
      seen.insert(key);
    }
    EXPECT_EQ(sites_contacted(mark), std::set<int>(mine.begin(), mine.end())) << name;
    // Links to the other shards' hosts are counted apart from those out of scope.
    const std::size_t others = mine.size() * (kSites - mine.size());
    EXPECT_NE(run.err.find("out of scope " + std::to_string(mine.size()) + ", other shard " +
                           std::to_string(others) + ")"),
              std::string::npos)
        << name << "\n"
        << run.err;
    // Each seed of another shard is named once.
    for (int i = 0; i < kSites; ++i) {
      const std::string host = shard_of_url(server_->url(i, "/"));
      std::string skipped = "--seed " + server_->url(i, "/") + ": its host " + host;
      skipped += " is in shard " + std::to_string(shard_of_site(i)) + "/3";
      skipped += ", not in this crawl's " + name + "; skipped";
      EXPECT_EQ(occurrences(run.err, skipped), shard_of_site(i) == s ? 0U : 1U) << skipped << "\n"
                                                                                << run.err;
    }
    EXPECT_EQ(metadata(db, kShardMetadataKey), name);
  }
  EXPECT_EQ(seen, all) << "the shards together are not the unsharded crawl";

  // stats shows the shard.
  const ProcessResult stats = index("stats", dir_.file("shard2"), {});
  EXPECT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_NE(stats.out.find("\nshard: 2/3\n"), std::string::npos) << stats.out;
  const ProcessResult json = index("stats", dir_.file("shard2"), {"--json"});
  EXPECT_NE(json.out.find("\"shard\": \"2/3\""), std::string::npos) << json.out;
  const ProcessResult unsharded = index("stats", dir_.file("whole"), {"--json"});
  EXPECT_NE(unsharded.out.find("\"shard\": null"), std::string::npos) << unsharded.out;
}

TEST_F(ShardedCrawl, UpdateKeepsTheShardAndAnotherShardIsRefused) {
  ASSERT_TRUE(server_);
  const std::string db = dir_.file("shard1");
  const ProcessResult first = crawl(db, {"--shard", "1/3"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const Keys before = index_keys(db);
  ASSERT_EQ(before.size(), 2 * sites_of(1).size());

  const std::size_t mark = server_->requests().size();
  const ProcessResult update = index("update", db, {"--revisit-all"});
  EXPECT_EQ(update.exit_code, 0) << update.err;
  EXPECT_NE(update.err.find(", other shard "), std::string::npos) << update.err;
  const std::vector<int> mine = sites_of(1);
  EXPECT_EQ(sites_contacted(mark), std::set<int>(mine.begin(), mine.end()));
  EXPECT_EQ(index_keys(db), before);
  EXPECT_EQ(metadata(db, kShardMetadataKey), "1/3");

  // Another shard, or none, on a sharded index; a shard on an unsharded one: exit code 2, and
  // nothing is touched.
  const ProcessResult other = index("update", db, {"--shard", "2/3"});
  EXPECT_EQ(other.exit_code, 2) << other.err;
  EXPECT_NE(other.err.find("error: '" + db + "' holds shard 1/3, not 2/3\nhint: pass --shard 1/3"),
            std::string::npos)
      << other.err;
  const ProcessResult none = crawl(db);
  EXPECT_EQ(none.exit_code, 2) << none.err;
  EXPECT_NE(none.err.find("holds shard 1/3 of a sharded collection"), std::string::npos)
      << none.err;
  const ProcessResult whole = crawl(dir_.file("whole"));
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  const ProcessResult into_whole = crawl(dir_.file("whole"), {"--shard", "1/3"});
  EXPECT_EQ(into_whole.exit_code, 2) << into_whole.err;
  EXPECT_NE(into_whole.err.find("holds a whole collection (it was built without --shard), not "
                                "shard 1/3\nhint: build shard 1/3 into a new index directory"),
            std::string::npos)
      << into_whole.err;
  EXPECT_EQ(index_keys(db), before);
  EXPECT_EQ(metadata(db, kShardMetadataKey), "1/3");
  EXPECT_EQ(metadata(dir_.file("whole"), kShardMetadataKey), "");
}

// ---- add ------------------------------------------------------------------------------------

std::string article_html(const std::string& title, const std::string& text) {
  std::string out = "<!DOCTYPE html><html lang=en><head><title>";
  out += title;
  out += "</title></head><body><article><h1>";
  out += title;
  out += "</h1><p>";
  out += text;
  out += "</p><p>The commission will publish its findings next month.</p></article></body></html>";
  return out;
}

// Every 40th line of the shared news corpus (about 500 records), with the key of each.
void shared_slice(std::string& jsonl, std::vector<std::string>& keys) {
  gzFile file = gzopen(test::shared_path("data/news_corpus/articles.jsonl.gz").c_str(), "rb");
  ASSERT_NE(file, nullptr);
  std::string text;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) text.append(buffer, n);
  gzclose(file);
  simdjson::dom::parser parser;
  std::size_t number = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (number++ % 40 == 0) {
      const std::string line = text.substr(start, end - start);
      simdjson::dom::element record;
      ASSERT_EQ(parser.parse(line).get(record), simdjson::SUCCESS);
      std::string_view url;
      if (record["url"].get_string().get(url) == simdjson::SUCCESS && !url.empty()) {
        keys.emplace_back(url);
      } else {
        keys.emplace_back(std::string_view(record["id"]));
      }
      jsonl += line;
      jsonl += '\n';
    }
    start = end + 1;
  }
}

// The inputs: JSON Lines (with a line of no key, which fails in every shard, and one of a key
// but no title, which fails in its own shard only), HTML files and a WARC file.
struct AddInputs {
  std::vector<std::string> paths;
  std::vector<std::string> keys;  // of the items that become documents
  std::string untitled_key;       // the line without a title
};

AddInputs write_inputs(const test::TempDir& dir) {
  AddInputs inputs;
  std::string jsonl;
  if (test::shared_dir()) {
    shared_slice(jsonl, inputs.keys);
  } else {
    for (int i = 0; i < 200; ++i) {
      const std::string id = "record-" + std::to_string(i);
      jsonl += R"({"id": ")" + id + R"(", "title": "Report )" + std::to_string(i) +
               R"(", "body": "Detainees in region )" + std::to_string(i) +
               R"( were moved at night, witnesses said."})" + "\n";
      inputs.keys.push_back(id);
    }
  }
  jsonl += R"({"title": "no key", "body": "b"})"
           "\n";
  inputs.untitled_key = "https://example.org/untitled";
  jsonl += R"({"url": ")" + inputs.untitled_key + R"(", "body": "b"})" + "\n";
  inputs.paths.push_back(dir.write("corpus.jsonl", jsonl));

  std::filesystem::create_directory(dir.file("pages"));
  for (int i = 0; i < 8; ++i) {
    const std::string name = "pages/page" + std::to_string(i) + ".html";
    dir.write(name, article_html("Page " + std::to_string(i),
                                 "Witnesses described torture in camp " + std::to_string(i)));
    inputs.keys.push_back("file://" + dir.file(name));
  }
  inputs.paths.push_back(dir.file("pages"));

  {
    warc::Writer writer({dir.file("warcs"), "site"});
    for (int i = 0; i < 8; ++i) {
      warc::Capture capture;
      capture.target_uri = "https://news.example.org/story/" + std::to_string(i);
      capture.fetched_at = 1795942800;
      capture.response_head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
      capture.body = article_html("Story " + std::to_string(i),
                                  "Courts heard detainees from camp " + std::to_string(i));
      writer.write(capture);
      inputs.keys.push_back(capture.target_uri);
    }
  }
  inputs.paths.push_back(warc::list_files(dir.file("warcs")).at(0));
  return inputs;
}

ProcessResult add(const std::string& db, const AddInputs& inputs,
                  const std::vector<std::string>& more = {}) {
  std::vector<std::string> argv = {index_bin(), "add", "--db", db, "--no-entities"};
  argv.insert(argv.end(), more.begin(), more.end());
  argv.insert(argv.end(), inputs.paths.begin(), inputs.paths.end());
  return run_process(argv);
}

TEST(ShardedAdd, TwoShardsSplitJsonlHtmlAndWarcInputsByKey) {
  test::TempDir dir;
  const AddInputs inputs = write_inputs(dir);
  const ProcessResult whole = add(dir.file("whole"), inputs);
  EXPECT_EQ(whole.exit_code, 1) << whole.err;  // the two bad lines
  EXPECT_NE(whole.err.find("skipped 2, not articles 0; "), std::string::npos) << whole.err;
  const Keys all = index_keys(dir.file("whole"));
  ASSERT_EQ(all, Keys(inputs.keys.begin(), inputs.keys.end())) << whole.err;

  Keys seen;
  for (unsigned s = 1; s <= 2; ++s) {
    const std::string name = std::to_string(s) + "/2";
    const std::string db = dir.file("shard" + std::to_string(s));
    const ProcessResult run = add(db, inputs, {"--shard", name});
    Keys expected;
    std::size_t others = 0;  // items of the other shard, the untitled line included
    for (const std::string& key : inputs.keys) {
      if (in_shard(key, {s, 2})) {
        expected.insert(key);
      } else {
        ++others;
      }
    }
    const bool untitled_here = in_shard(inputs.untitled_key, {s, 2});
    others += untitled_here ? 0 : 1;
    const Keys keys = index_keys(db);
    EXPECT_EQ(keys, expected) << name;
    for (const std::string& key : keys) {
      EXPECT_FALSE(seen.contains(key)) << key << " is in two shards";
      seen.insert(key);
    }
    // The line without a key fails everywhere, the untitled one only in its own shard.
    const std::string skipped = untitled_here ? "skipped 2" : "skipped 1";
    EXPECT_EQ(run.exit_code, 1) << run.err;
    EXPECT_NE(run.err.find("added " + std::to_string(expected.size()) +
                           ", replaced 0, unchanged 0, " + skipped + ", not articles 0, " +
                           std::to_string(others) + " in other shards; " +
                           std::to_string(expected.size()) + " documents in index"),
              std::string::npos)
        << name << "\n"
        << run.err;
    EXPECT_EQ(run.err.find("no \"title\" field") != std::string::npos, untitled_here) << run.err;
    EXPECT_EQ(metadata(db, kShardMetadataKey), name);
  }
  EXPECT_EQ(seen, all) << "the shards together are not the unsharded import";

  // The same shard again changes nothing; another shard, or none, is refused with exit code 2.
  const ProcessResult again = add(dir.file("shard1"), inputs, {"--shard", "1/2"});
  EXPECT_NE(again.err.find("added 0, replaced 0, unchanged "), std::string::npos) << again.err;
  const ProcessResult other = add(dir.file("shard1"), inputs, {"--shard", "2/2"});
  EXPECT_EQ(other.exit_code, 2) << other.err;
  EXPECT_NE(other.err.find("holds shard 1/2, not 2/2\nhint: pass --shard 1/2, or build shard 2/2 "
                           "into a new index directory"),
            std::string::npos)
      << other.err;
  const ProcessResult none = add(dir.file("shard1"), inputs);
  EXPECT_EQ(none.exit_code, 2) << none.err;
  EXPECT_NE(none.err.find("hint: pass --shard 1/2:"), std::string::npos) << none.err;
  const ProcessResult into_whole = add(dir.file("whole"), inputs, {"--shard", "1/2"});
  EXPECT_EQ(into_whole.exit_code, 2) << into_whole.err;
  EXPECT_EQ(index_keys(dir.file("shard1")).size() + index_keys(dir.file("shard2")).size(),
            all.size());
}

}  // namespace
}  // namespace vigil
