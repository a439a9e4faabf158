// Searching shards as one index: the news corpus split into three shards by `vigil-index add
// --shard I/3` (the news_shards fixture), two of them served by stock xapian-tcpsrv on 127.0.0.1
// and one read locally, must give what the single news index gives: the same hits in the same
// order with the same scores and snippets, the same totals, facet counts and timeline. A server
// stopped mid-test is reported as a missing shard, or replaced by its replica.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "render/render.h"
#include "search/searcher.h"
#include "support/run_process.h"
#include "support/shared_data.h"
#include "support/temp_dir.h"
#include "vigil/errors.h"

namespace vigil {
namespace {

const std::string kIndex = VIGIL_NEWS_INDEX;
const std::string kShards = VIGIL_NEWS_SHARDS;

std::string shard_path(int number) { return kShards + "/shard" + std::to_string(number); }

// A port nothing listens on now (the kernel's choice for an ephemeral bind).
unsigned free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), size), 0);
  EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size), 0);
  close(fd);
  return ntohs(address.sin_port);
}

bool accepts(unsigned port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

// Stock xapian-tcpsrv serving one shard on 127.0.0.1, in a process group of its own so that
// stopping it also ends the processes it forked for open connections.
class ShardServer {
 public:
  explicit ShardServer(const std::string& db) : port_(free_port()) {
    child_ = std::make_unique<test::Child>(
        std::vector<std::string>{"/usr/bin/setsid", "/usr/bin/xapian-tcpsrv", "--quiet",
                                 "--interface", "127.0.0.1", "--port", std::to_string(port_), db});
    for (int i = 0; i < 100 && !accepts(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (!accepts(port_)) {
      const test::ProcessResult ended = child_->wait();
      child_.reset();
      ADD_FAILURE() << "xapian-tcpsrv did not start on port " << port_ << " for " << db << ": "
                    << "exit " << ended.exit_code << " signal " << ended.signal << " " << ended.err
                    << ended.out;
    }
  }
  bool running() const { return child_ != nullptr; }
  ~ShardServer() { stop(); }
  ShardServer(const ShardServer&) = delete;
  ShardServer& operator=(const ShardServer&) = delete;
  ShardServer(ShardServer&&) = delete;
  ShardServer& operator=(ShardServer&&) = delete;

  std::string spec() const { return "tcp:127.0.0.1:" + std::to_string(port_); }
  void signal(int number) const { kill(-child_->pid(), number); }
  void stop() {
    if (!child_) return;  // never started
    signal(SIGCONT);
    signal(SIGKILL);
    child_->wait();
    child_.reset();
  }

 private:
  unsigned port_;
  std::unique_ptr<test::Child> child_;
};

search::SearchResult must(const Result<search::SearchResult>& result, const std::string& what) {
  EXPECT_TRUE(result) << what << ": " << (result ? "" : result.error().message);
  return result ? result.value() : search::SearchResult{};
}

// The result as JSON without its timing: every field a user sees.
std::string shown(search::SearchResult result) {
  result.took_ms = 0;
  return render::to_json(result);
}

// Where two renderings first differ, with some context.
std::string first_difference(const std::string& a, const std::string& b) {
  std::size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  const std::size_t from = at < 80 ? 0 : at - 80;
  return "one index: ..." + a.substr(from, 200) + "\nshards:    ..." + b.substr(from, 200);
}

using Filters = std::vector<std::pair<std::string, std::string>>;

struct Case {
  explicit Case(std::string query_text, Filters filter_list = {},
                search::Sort order = search::Sort::kRelevance, double recency_days = 0,
                int page_number = 1)
      : query(std::move(query_text)),
        filters(std::move(filter_list)),
        sort(order),
        recency(recency_days),
        page(page_number) {}
  std::string query;
  Filters filters;
  search::Sort sort;
  double recency;
  int page;
};

// At least 50 searches: words, phrases, booleans, fields, wildcards, dates; with and without
// filters, sorts, pages and the recency blend.
std::vector<Case> cases() {
  using search::Sort;
  const std::vector<std::string> words = {"cocoa",
                                          "oil prices",
                                          "\"interest rates\"",
                                          "coffee OR tea",
                                          "wheat -corn",
                                          "title:gold",
                                          "bank*",
                                          "trade deficit japan",
                                          "strike",
                                          "forced labour",
                                          "election",
                                          "refugees",
                                          "\"central bank\"",
                                          "dollar NOT yen",
                                          "shares",
                                          "inflation",
                                          "football",
                                          "film",
                                          "detained",
                                          "crude oil",
                                          "sugar exports",
                                          "date:1987-03",
                                          "grain AND (soviet OR ussr)",
                                          "merger",
                                          "human rights",
                                          "tax",
                                          "opec",
                                          "music",
                                          "iraq",
                                          "mobile phone",
                                          "defence ministry",
                                          "labor unions",
                                          "organisation",
                                          "uighur",
                                          "gaddafi",
                                          "peking",
                                          "shiite",
                                          "detain*",
                                          "title:oil*"};
  std::vector<Case> all;
  all.reserve(words.size() + 16);
  for (const std::string& word : words) all.emplace_back(word);
  all.emplace_back("oil", Filters{}, Sort::kDateDescending);
  all.emplace_back("oil", Filters{}, Sort::kDateAscending);
  all.emplace_back("bank", Filters{}, Sort::kRelevance, 0, 3);
  all.emplace_back("government", Filters{}, Sort::kRelevance, 30);
  all.emplace_back("prices", Filters{}, Sort::kRelevance, 365, 2);
  all.emplace_back("", Filters{{"year", "1987"}});
  all.emplace_back("", Filters{{"month", "1987-04"}}, Sort::kDateDescending);
  all.emplace_back("", Filters{{"lang", "en"}}, Sort::kRelevance, 0, 5);
  all.emplace_back("", Filters{{"date", "1998..2006"}});
  all.emplace_back("", Filters{{"mentions", "1987"}});
  all.emplace_back("oil", Filters{{"year", "1987"}});
  all.emplace_back("prices", Filters{{"month", "1987-03"}, {"month", "1987-04"}});
  all.emplace_back("trade", Filters{{"date", "1987-03-01..1987-03-31"}}, Sort::kDateAscending);
  all.emplace_back("government", Filters{{"lang", "en"}, {"year", "2005"}});
  all.emplace_back("minister", Filters{{"mentions", "1986"}});
  all.emplace_back("market", Filters{{"date", "..1990"}}, Sort::kDateDescending, 0, 2);
  return all;
}

// Entity filters from the single index's own top places and organisations (so that they match).
std::vector<Case> facet_cases(const search::Searcher& one) {
  search::SearchRequest browse;
  browse.query = "the";
  const search::SearchResult result = must(one.search(browse), "the");
  std::vector<Case> all;
  all.reserve(24);
  for (const search::FacetList& list : result.facets) {
    if (list.name != "organisations" && list.name != "places") continue;
    const std::string name = list.name == "places" ? "place" : "org";
    for (std::size_t i = 0; i < list.values.size() && i < 4; ++i) {
      all.emplace_back("", Filters{{name, list.values[i].value}});
      all.emplace_back("prices", Filters{{name, list.values[i].value}});
      all.emplace_back("", Filters{{name, list.values[i].value}, {"year", "1987"}});
    }
  }
  return all;
}

search::SearchRequest request_of(const Case& c, bool collapse) {
  search::SearchRequest request;
  request.query = c.query;
  request.filters = c.filters;
  request.sort = c.sort;
  request.recency_days = c.recency;
  request.page = c.page;
  request.per_page = 20;
  request.collapse = collapse;
  return request;
}

class ShardsTest : public ::testing::Test {
 protected:
  void SetUp() override { VIGIL_REQUIRE_SHARED(); }
};

TEST_F(ShardsTest, TwoRemoteShardsAndOneLocalSearchLikeOneIndex) {
  const search::Searcher one({kIndex}, schema::Schema::builtin());
  ShardServer first(shard_path(1));
  ShardServer second(shard_path(2));
  ASSERT_TRUE(first.running() && second.running());
  const search::Searcher remote({first.spec(), second.spec(), shard_path(3)},
                                schema::Schema::builtin());
  const search::Searcher local({shard_path(1), shard_path(2), shard_path(3)},
                               schema::Schema::builtin());
  std::vector<Case> all = cases();
  for (const Case& c : facet_cases(one)) all.push_back(c);
  ASSERT_GE(all.size(), 50U);
  int with_filters = 0;
  for (const Case& c : all) {
    with_filters += c.filters.empty() ? 0 : 1;
    std::string what = "'";
    what += c.query;
    what += '\'';
    for (const auto& [name, value] : c.filters) {
      what += ' ';
      what += name;
      what += '=';
      what += value;
    }
    // Every copy listed: the whole result is the same, hits, scores, snippets and counts.
    const std::string expected = shown(must(one.search(request_of(c, false)), what));
    for (const search::Searcher* sharded : {&remote, &local}) {
      const std::string got = shown(must(sharded->search(request_of(c, false)), what));
      EXPECT_TRUE(expected == got)
          << what << (sharded == &remote ? " (remote)" : " (local)") << "\n"
          << first_difference(expected, got);
    }
    // Collapsed: the totals and every count are the same (copies of one story that fell into
    // different shards are not collapsed together; see indexer/index/clusters.h).
    const search::SearchResult collapsed = must(one.search(request_of(c, true)), what);
    const search::SearchResult sharded = must(remote.search(request_of(c, true)), what);
    EXPECT_EQ(collapsed.total, sharded.total) << what;
    EXPECT_EQ(collapsed.exact, sharded.exact) << what;
    search::SearchResult counts_only = collapsed;
    search::SearchResult sharded_counts = sharded;
    counts_only.hits.clear();
    sharded_counts.hits.clear();
    counts_only.collapsed = sharded_counts.collapsed = 0;
    EXPECT_TRUE(shown(counts_only) == shown(sharded_counts))
        << what << " (collapsed)\n"
        << first_difference(shown(counts_only), shown(sharded_counts));
  }
  EXPECT_GE(with_filters, 20);
  std::cout << "compared " << all.size() << " searches, " << with_filters << " with filters\n";
}

TEST_F(ShardsTest, AStoppedServerIsReportedAsAMissingShard) {
  ShardServer first(shard_path(1));
  ShardServer second(shard_path(2));
  ASSERT_TRUE(first.running() && second.running());
  const std::vector<std::string> dbs = {first.spec(), second.spec(), shard_path(3)};
  search::SearchRequest request;
  request.query = "oil";
  const search::Searcher searcher(dbs, schema::Schema::builtin());
  const search::SearchResult before = must(searcher.search(request), "oil");
  EXPECT_TRUE(before.missing_shards.empty());

  second.stop();
  // The open searcher's connection is gone: it says so instead of answering from two shards.
  EXPECT_THROW((void)searcher.search(request), Xapian::NetworkError);
  // Opened again, it searches the shards that answer and names the one that did not.
  const search::Searcher reopened(dbs, schema::Schema::builtin());
  const search::SearchResult after = must(reopened.search(request), "oil");
  ASSERT_EQ(after.missing_shards.size(), 1U);
  EXPECT_EQ(after.missing_shards[0].number, 2);
  EXPECT_EQ(after.missing_shards[0].name, second.spec());
  const search::Searcher rest({shard_path(1), shard_path(3)}, schema::Schema::builtin());
  search::SearchResult expected = must(rest.search(request), "oil");
  expected.missing_shards = after.missing_shards;
  EXPECT_TRUE(shown(expected) == shown(after)) << first_difference(shown(expected), shown(after));
  EXPECT_LT(after.total, before.total);

  // The command line: the results of the other shards, the missing one named, exit code 1.
  const test::ProcessResult cli =
      test::run_process({test::binary_from_env("VIGIL_SEARCH_BIN"), "--db", dbs[0], "--db", dbs[1],
                         "--db", dbs[2], "--format", "json", "oil"});
  EXPECT_EQ(cli.exit_code, 1) << cli.err;
  EXPECT_NE(cli.err.find("shard 2 (" + second.spec() + ") did not answer"), std::string::npos)
      << cli.err;
  EXPECT_NE(cli.out.find("\"missing_shards\":[{\"shard\":2"), std::string::npos) << cli.out;

  // The CGI: the page says the results are incomplete; the visitor sees no address, the error log
  // names the shard.
  const test::TempDir dir;
  {
    std::ofstream config(dir.file("search.conf"));
    for (const std::string& db : dbs) config << "db = " << db << "\n";
  }
  std::map<std::string, std::string> env = {{"GATEWAY_INTERFACE", "CGI/1.1"},
                                            {"REQUEST_METHOD", "GET"},
                                            {"QUERY_STRING", "q=oil&format=json"},
                                            {"SCRIPT_NAME", "/search"},
                                            {"VIGIL_CONFIG", dir.file("search.conf")}};
  const std::string bin = test::binary_from_env("VIGIL_SEARCH_BIN");
  test::ProcessResult cgi = test::run_process({bin}, env);
  EXPECT_EQ(cgi.out.rfind("Status: 200 OK\r\n", 0), 0U) << cgi.out.substr(0, 200);
  EXPECT_NE(cgi.out.find("\"missing_shards\":[{\"shard\":2}]"), std::string::npos) << cgi.out;
  EXPECT_EQ(cgi.out.find("127.0.0.1"), std::string::npos) << "an address reached the visitor";
  EXPECT_NE(cgi.err.find(second.spec()), std::string::npos) << cgi.err;
  env["QUERY_STRING"] = "q=oil";
  cgi = test::run_process({bin}, env);
  EXPECT_NE(cgi.out.find("these results and counts are incomplete"), std::string::npos);
  EXPECT_EQ(cgi.out.find("127.0.0.1"), std::string::npos) << "an address reached the visitor";

  // No shard answering at all is an error, not an empty result.
  first.stop();
  EXPECT_THROW(search::Searcher({first.spec(), second.spec()}, schema::Schema::builtin()),
               RuntimeError);
}

TEST_F(ShardsTest, AReplicaTakesOverFromOneThatStoppedOrHangs) {
  const search::Searcher one({kIndex}, schema::Schema::builtin());
  ShardServer first(shard_path(1));
  ShardServer replica_a(shard_path(2));
  ShardServer replica_b(shard_path(2));
  ASSERT_TRUE(first.running() && replica_a.running() && replica_b.running());
  search::Settings settings;
  settings.remote = search::remote_timeouts(1.0);
  const std::vector<std::string> dbs = {first.spec(), replica_a.spec() + "," + replica_b.spec(),
                                        shard_path(3)};
  search::SearchRequest request;
  request.query = "coffee";
  request.collapse = false;
  const std::string expected = shown(must(one.search(request), "coffee"));
  const auto searched = [&] {
    return shown(
        must(search::Searcher(dbs, schema::Schema::builtin(), settings).search(request), "coffee"));
  };
  std::string got;
  got = searched();
  EXPECT_TRUE(got == expected) << first_difference(expected, got);

  // Hung (stopped, its port still accepting): the reply times out and the other replica answers.
  replica_a.signal(SIGSTOP);
  const auto started = std::chrono::steady_clock::now();
  got = searched();
  EXPECT_TRUE(got == expected) << first_difference(expected, got);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));

  // Gone: refused at once, the other replica answers.
  replica_a.stop();
  got = searched();
  EXPECT_TRUE(got == expected) << first_difference(expected, got);
}

}  // namespace
}  // namespace vigil
