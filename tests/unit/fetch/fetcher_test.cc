#include "fetch/fetcher.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

#include "support/http_server.h"

namespace vigil::fetch {
namespace {

using namespace std::chrono_literals;

constexpr const char* kAgent = "VigilBot/test (+https://example.org/bot)";

FetcherOptions options() {
  FetcherOptions o;
  o.user_agent = kAgent;
  o.timeout_seconds = 5;
  return o;
}

// Runs `requests` to completion and returns the responses by id.
std::map<std::uint64_t, FetchResponse> fetch_all(Fetcher& fetcher,
                                                 std::vector<FetchRequest> requests) {
  for (FetchRequest& request : requests) fetcher.start(std::move(request));
  std::map<std::uint64_t, FetchResponse> out;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (fetcher.in_flight() > 0 && std::chrono::steady_clock::now() < deadline) {
    for (FetchResponse& response : fetcher.poll(100ms)) out[response.id] = std::move(response);
  }
  return out;
}

FetchResponse fetch_one(FetchRequest request, FetcherOptions o = options()) {
  Fetcher fetcher(std::move(o));
  auto responses = fetch_all(fetcher, {std::move(request)});
  EXPECT_EQ(responses.size(), 1U);
  return responses.empty() ? FetchResponse{} : responses.begin()->second;
}

const char* kSites = R"([{"routes": {
  "/page": {"headers": {"ETag": "\"v1\"", "Last-Modified": "Mon, 05 Jun 2023 10:00:00 GMT",
            "X-Robots-Tag": "noarchive"}, "body": "<p>hello</p>"},
  "/gz": {"gzip": true, "body": "compressed text compressed text compressed text"},
  "/moved": {"status": 301, "headers": {"Location": "/page"}},
  "/to-file": {"status": 302, "headers": {"Location": "file:///etc/passwd"}},
  "/big": {"body": "0123456789012345678901234567890123456789"},
  "/endless": {"endless": "0123456789"},
  "/endless-head": {"header_lines": 0, "header_line_bytes": 1000},
  "/long-header-line": {"header_lines": 1, "header_line_bytes": 200000},
  "/slow": {"delay": 3, "body": "late"},
  "/busy": {"status": 503, "headers": {"Retry-After": "120"}},
  "/conditional": {"status": 304},
  "/a": {"delay": 0.3, "body": "a"}, "/b": {"delay": 0.3, "body": "b"},
  "/c": {"delay": 0.3, "body": "c"}, "/d": {"delay": 0.3, "body": "d"}
}}])";

class FetcherTest : public testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new test::HttpServer(kSites); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static std::string url(const std::string& path) { return server_->url(0, path); }
  static test::HttpServer* server_;
};

test::HttpServer* FetcherTest::server_ = nullptr;

TEST_F(FetcherTest, ReadsStatusBodyAndHeaders) {
  const FetchResponse r = fetch_one({1, url("/page"), {}, false, 0});
  EXPECT_EQ(r.failure, FetchFailure::kNone) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<p>hello</p>");
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.etag, "\"v1\"");
  EXPECT_EQ(r.last_modified, "Mon, 05 Jun 2023 10:00:00 GMT");
  EXPECT_EQ(r.x_robots_tag, "noarchive");
  EXPECT_EQ(r.http_version, "1.1");
  bool seen = false;
  for (const test::LoggedRequest& logged : server_->requests()) {
    if (logged.path == "/page") {
      seen = true;
      EXPECT_EQ(logged.user_agent, kAgent);
    }
  }
  EXPECT_TRUE(seen);
}

TEST_F(FetcherTest, DecodesGzip) {
  const FetchResponse r = fetch_one({1, url("/gz"), {}, false, 0});
  EXPECT_EQ(r.body, "compressed text compressed text compressed text");
}

// What a WARC writer needs: the heads as exchanged and the server's address.
TEST_F(FetcherTest, KeepsTheRawHeadsAndTheServerAddress) {
  const FetchResponse r = fetch_one({1, url("/gz"), {"X-Test: 1"}, false, 0});
  EXPECT_TRUE(r.raw_head.starts_with("HTTP/1.1 200 ")) << r.raw_head;
  EXPECT_NE(r.raw_head.find("\r\nContent-Encoding: gzip\r\n"), std::string::npos) << r.raw_head;
  EXPECT_TRUE(r.raw_head.ends_with("\r\n\r\n")) << r.raw_head;
  EXPECT_TRUE(r.request_head.starts_with("GET /gz HTTP/1.1\r\n")) << r.request_head;
  EXPECT_NE(r.request_head.find("\r\nX-Test: 1\r\n"), std::string::npos) << r.request_head;
  EXPECT_TRUE(r.request_head.ends_with("\r\n\r\n")) << r.request_head;
  EXPECT_EQ(r.ip_address, "127.0.0.1");

  // After a followed redirect, the heads are those of the final exchange only.
  const FetchResponse followed = fetch_one({2, url("/moved"), {}, true, 0});
  EXPECT_TRUE(followed.raw_head.starts_with("HTTP/1.1 200 ")) << followed.raw_head;
  EXPECT_EQ(followed.raw_head.find("Location:"), std::string::npos) << followed.raw_head;
  EXPECT_TRUE(followed.request_head.starts_with("GET /page HTTP/1.1\r\n")) << followed.request_head;

  FetcherOptions quiet = options();
  quiet.keep_request_head = false;
  EXPECT_EQ(fetch_one({3, url("/page"), {}, false, 0}, quiet).request_head, "");
}

TEST_F(FetcherTest, DoesNotFollowRedirectsUnlessAsked) {
  const FetchResponse r = fetch_one({1, url("/moved"), {}, false, 0});
  EXPECT_EQ(r.status, 301);
  EXPECT_EQ(r.location, "/page");
  const FetchResponse followed = fetch_one({2, url("/moved"), {}, true, 0});
  EXPECT_EQ(followed.status, 200);
  EXPECT_EQ(followed.body, "<p>hello</p>");
  EXPECT_EQ(followed.final_url, url("/page"));
}

TEST_F(FetcherTest, NeverFollowsARedirectToAnotherScheme) {
  const FetchResponse r = fetch_one({1, url("/to-file"), {}, true, 0});
  EXPECT_NE(r.failure, FetchFailure::kNone);
  EXPECT_TRUE(r.body.empty());
}

TEST_F(FetcherTest, RefusesOtherSchemes) {
  for (const char* bad :
       {"file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/", "not a url"}) {
    const FetchResponse r = fetch_one({1, bad, {}, false, 0});
    EXPECT_EQ(r.failure, FetchFailure::kBadUrl) << bad << ": " << r.error;
    EXPECT_TRUE(r.body.empty()) << bad;
  }
}

TEST_F(FetcherTest, CutsOffLargeBodies) {
  const FetchResponse r = fetch_one({1, url("/big"), {}, false, 10});
  EXPECT_EQ(r.failure, FetchFailure::kTooLarge);
  EXPECT_NE(r.error.find("larger than 10 bytes"), std::string::npos) << r.error;
  EXPECT_TRUE(r.body.empty());
}

TEST_F(FetcherTest, KeepsTheStartOfALongBodyWhenAsked) {
  for (const char* path : {"/big", "/endless"}) {
    FetchRequest request{1, url(path), {}, false, 25};
    request.truncate = true;
    const FetchResponse r = fetch_one(request);
    EXPECT_EQ(r.failure, FetchFailure::kNone) << path << ": " << r.error;
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_TRUE(r.truncated) << path;
    EXPECT_EQ(r.body, std::string("0123456789012345678901234").substr(0, 25)) << path;
  }
  FetchRequest whole{1, url("/big"), {}, false, 40};
  whole.truncate = true;
  const FetchResponse r = fetch_one(whole);
  EXPECT_FALSE(r.truncated);
  EXPECT_EQ(r.body.size(), 40U);
}

// A head libcurl refuses for its size is not a network fault worth retrying.
TEST_F(FetcherTest, AHugeResponseHeadIsTooLarge) {
  for (const char* path : {"/endless-head", "/long-header-line"}) {
    const FetchResponse r = fetch_one({1, url(path), {}, false, 0});
    EXPECT_EQ(r.failure, FetchFailure::kTooLarge) << path << ": " << r.error;
    EXPECT_NE(r.error.find("response head too large"), std::string::npos) << r.error;
  }
}

TEST_F(FetcherTest, TimesOut) {
  FetcherOptions o = options();
  o.timeout_seconds = 1;
  const FetchResponse r = fetch_one({1, url("/slow"), {}, false, 0}, o);
  EXPECT_EQ(r.failure, FetchFailure::kTimeout) << r.error;
}

TEST_F(FetcherTest, ConnectionRefusedIsANetworkFailure) {
  // Port 1 on loopback: nothing listens there.
  const FetchResponse r = fetch_one({1, "http://127.0.0.1:1/", {}, false, 0});
  EXPECT_EQ(r.failure, FetchFailure::kNetwork) << r.error;
  EXPECT_EQ(r.status, 0);
  EXPECT_FALSE(r.error.empty());
}

TEST_F(FetcherTest, SendsConditionalHeaders) {
  const FetchResponse r = fetch_one({1, url("/conditional"), {"If-None-Match: \"v1\""}, false, 0});
  EXPECT_EQ(r.status, 304);
  bool seen = false;
  for (const test::LoggedRequest& logged : server_->requests()) {
    if (logged.path == "/conditional") seen = logged.if_none_match == "\"v1\"";
  }
  EXPECT_TRUE(seen);
}

TEST_F(FetcherTest, ReportsRetryAfter) {
  const FetchResponse r = fetch_one({1, url("/busy"), {}, false, 0});
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.retry_after, "120");
}

TEST_F(FetcherTest, RunsManyTransfersAtOnce) {
  Fetcher fetcher(options());
  std::vector<FetchRequest> requests;
  std::uint64_t id = 0;
  for (const char* path : {"/a", "/b", "/c", "/d"}) {
    requests.push_back({++id, url(path), {}, false, 0});
  }
  for (FetchRequest& request : requests) fetcher.start(request);
  EXPECT_EQ(fetcher.in_flight(), 4U);
  const auto responses = fetch_all(fetcher, {});
  ASSERT_EQ(responses.size(), 4U);
  EXPECT_EQ(responses.at(1).body, "a");
  EXPECT_EQ(responses.at(4).body, "d");
  // All four were in flight together: each waited 0.3 s on the server, and the server saw the
  // four requests before the first answer could have been sent.
  const std::vector<test::LoggedRequest> logged = server_->requests();
  double first = 0;
  double last = 0;
  for (const test::LoggedRequest& request : logged) {
    if (request.path.size() != 2) continue;
    if (first == 0) first = request.time;
    last = request.time;
  }
  EXPECT_LT(last - first, 0.3);
}

TEST(RetryAfter, SecondsOrHttpDate) {
  const auto now = std::chrono::system_clock::from_time_t(1685959200);  // 2023-06-05 10:00:00 UTC
  EXPECT_EQ(retry_after_seconds("120", now), 120);
  EXPECT_EQ(retry_after_seconds(" 0 ", now), 0);
  EXPECT_EQ(retry_after_seconds("Mon, 05 Jun 2023 10:02:00 GMT", now), 120);
  EXPECT_EQ(retry_after_seconds("Mon, 05 Jun 2023 09:00:00 GMT", now), 0);  // in the past
  EXPECT_EQ(retry_after_seconds("", now), -1);
  EXPECT_EQ(retry_after_seconds("soon", now), -1);
  EXPECT_EQ(retry_after_seconds("-5", now), -1);
  EXPECT_EQ(retry_after_seconds("99999999999999", now), 1000000000L);
}

}  // namespace
}  // namespace vigil::fetch
