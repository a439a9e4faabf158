// vigil-search as a CGI program on the news-corpus index: statuses, headers, the page and the JSON
// for real requests, hostile ones included; in-process (cgi::handle) and as a process.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <simdjson.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <string>

#include "cgi/handler.h"
#include "support/run_process.h"
#include "support/temp_dir.h"

namespace vigil {
namespace {

const char* const kIndex = VIGIL_NEWS_INDEX;

class CgiTest : public ::testing::Test {
 protected:
  CgiTest() {
    config_ = dir_.write("search.conf", "db = " + std::string(kIndex) +
                                            "\nsite-title = Rights Archive\n"
                                            "cors-origin = https://widget.example\n");
  }

  cgi::Response get(const std::string& query_string, const std::string& method = "GET") const {
    return with_config(config_, query_string, method);
  }

  cgi::Response with_config(const std::string& config, const std::string& query_string,
                            const std::string& method = "GET") const {
    cgi::Environment environment;
    environment.method = method;
    environment.query_string = query_string;
    environment.script_name = "/search";
    environment.config_path = config;
    environment.server_name = "archive.example";
    environment.server_port = "443";
    environment.https = "on";
    environment.origin = origin_;
    environment.if_none_match = if_none_match_;
    return cgi::handle(environment, log_);
  }

  test::TempDir dir_;
  std::string config_;
  std::string origin_;
  std::string if_none_match_;
  Logger log_{"vigil-search", LogLevel::kError};
};

std::uint64_t json_total(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  EXPECT_EQ(parser.parse(body).get(doc), simdjson::SUCCESS) << body.substr(0, 200);
  std::uint64_t total = 0;
  EXPECT_EQ(doc["total"].get(total), simdjson::SUCCESS);
  return total;
}

TEST_F(CgiTest, ResultsPage) {
  const cgi::Response response = get("q=forced+labour");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(response.header("Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
  EXPECT_EQ(response.header("X-Content-Type-Options"), "nosniff");
  const std::string& page = response.body;
  EXPECT_NE(page.find("<li class=\"result\">"), std::string::npos);
  EXPECT_NE(page.find("<mark>"), std::string::npos);
  EXPECT_NE(page.find("<aside id=\"facets\""), std::string::npos);
  EXPECT_NE(page.find("<svg class=\"timeline-bars\""), std::string::npos);
  EXPECT_NE(page.find("value=\"forced labour\""), std::string::npos);
  EXPECT_EQ(page.find(kIndex), std::string::npos) << "no internal path on the page";
}

TEST_F(CgiTest, JsonIsTheCliSchemaWithCors) {
  origin_ = "https://widget.example";
  const cgi::Response response = get("q=cotton&format=json&place=xinjiang");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(response.header("Access-Control-Allow-Origin"), "https://widget.example");
  EXPECT_GT(json_total(response.body), 0U);
  EXPECT_NE(response.body.find("\"facets\":{"), std::string::npos);
  origin_ = "https://elsewhere.example";
  EXPECT_EQ(get("q=cotton&format=json").header("Access-Control-Allow-Origin"), "");
}

TEST_F(CgiTest, FilterNarrowsAndDatesRange) {
  const std::uint64_t all = json_total(get("q=oil&format=json").body);
  const std::uint64_t in_1987 = json_total(get("q=oil&format=json&from=1987&to=1987").body);
  const std::uint64_t in_uk = json_total(get("q=oil&format=json&place=united+kingdom").body);
  EXPECT_GT(all, in_1987);
  EXPECT_GT(in_1987, 0U);
  EXPECT_GT(all, in_uk);
  EXPECT_GT(in_uk, 0U);
  // Exact: the date filter equals the year facet's count.
  const std::string body = get("q=oil&format=json&year=1987").body;
  EXPECT_EQ(json_total(body), in_1987);
}

// The histogram's bars count what their links find, for a search and for a browse by filters
// alone (counted from document frequencies).
TEST_F(CgiTest, TimelineBarsCountWhatTheyFind) {
  for (const std::string base : {"q=oil", "place=united+kingdom"}) {
    const std::string body = get(base + "&format=json").body;
    simdjson::dom::parser parser;
    simdjson::dom::element doc = parser.parse(body);
    simdjson::dom::element timeline;
    ASSERT_EQ(doc["timeline"].get(timeline), simdjson::SUCCESS) << base;
    EXPECT_EQ(std::string_view(timeline["unit"]), "year");
    int checked = 0;
    for (simdjson::dom::element period : timeline["periods"].get_array()) {
      const std::uint64_t count = period["count"];
      if (count == 0 || checked == 4) continue;
      const std::string year{std::string_view(period["value"])};
      std::string narrowed = base;
      narrowed += "&format=json&from=";
      narrowed += year;
      narrowed += "&to=";
      narrowed += year;
      EXPECT_EQ(json_total(get(narrowed).body), count) << base << " " << year;
      ++checked;
    }
    EXPECT_GT(checked, 1) << base;
  }
}

// Filters written in the query (counted from document frequencies, as a browse) count the same as
// the same filters chosen in the sidebar.
TEST_F(CgiTest, FiltersInTheQueryCountAsInTheSidebar) {
  const auto facet = [&](const std::string& query_string, const char* name) {
    const std::string body = get(query_string + "&format=json").body;
    simdjson::dom::parser parser;
    simdjson::dom::element doc = parser.parse(body);
    std::string out = "total " + std::to_string(std::uint64_t(doc["total"])) + ":";
    for (simdjson::dom::element value : doc["facets"][name].get_array()) {
      out += ' ';
      out += std::string_view(value["value"]);
      out += '=';
      out += std::to_string(std::uint64_t(value["count"]));
    }
    return out;
  };
  EXPECT_EQ(facet("q=lang:en", "places"), facet("lang=en", "places"));
  EXPECT_EQ(facet("q=place:xinjiang", "organisations"), facet("place=xinjiang", "organisations"));
  EXPECT_EQ(facet("q=mentions:2020", "places"), facet("mentions=2020", "places"));
  EXPECT_EQ(facet("q=date:1987..1987", "organisations"),
            facet("from=1987&to=1987", "organisations"));
}

struct StatusCase {
  std::string method;
  std::string query_string;
  int status;
};

TEST_F(CgiTest, StatusCodes) {
  const std::vector<StatusCase> cases = {
      {"GET", "", 200},  // the search form
      {"HEAD", "q=oil", 200},
      {"POST", "q=oil", 405},
      {"PUT", "", 405},
      {"GET", "q=oil&page=abc", 400},
      {"GET", "q=oil&q=gas", 400},
      {"GET", "q=%ZZ", 400},
      {"GET", "q=%FF%FE", 400},
      {"GET", "q=oil&sort=best", 400},
      {"GET", "q=oil&from=2020&to=2019", 400},
      {"GET", "q=oil&year=87", 400},
      {"GET", "q=oil&org=nosuchorganisation", 200},     // matches nothing, says so
      {"GET", "q=" + std::string(5000, 'a'), 400},      // past max-query-bytes
      {"GET", "q=oil&page=99999999999999999999", 200},  // clamped: past the last result
      {"GET", "asset=style.css", 200},
      {"GET", "asset=search.js", 200},
      {"GET", "asset=../../etc/passwd", 404},
      {"GET", "asset=site.css", 404},  // no site stylesheet configured
      {"GET", "format=opensearch", 200},
      {"GET", "format=json", 400},  // nothing to search for
  };
  for (const StatusCase& c : cases) {
    const cgi::Response response = get(c.query_string, c.method);
    EXPECT_EQ(response.status, c.status) << c.method << " " << c.query_string.substr(0, 80);
    if (c.status == 405) {
      EXPECT_EQ(response.header("Allow"), "GET, HEAD");
    }
    if (c.status == 400 && c.query_string.find("format=json") == std::string::npos) {
      EXPECT_NE(response.body.find("role=\"alert\""), std::string::npos) << c.query_string;
    }
  }
}

TEST_F(CgiTest, HostileQueryIsShownAsText) {
  const cgi::Response response = get("q=%3Cscript%3Ealert(1)%3C/script%3E%22%3E%3Cimg+src=x%3E");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(response.body.find("<img src=x>"), std::string::npos);
  EXPECT_NE(response.body.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img"),
            std::string::npos);
}

TEST_F(CgiTest, BadParameterInJsonIsJson) {
  const cgi::Response response = get("q=oil&format=json&page=0");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_NE(response.body.find("\"code\":\"bad_parameter\""), std::string::npos) << response.body;
}

TEST_F(CgiTest, MissingIndexIs503WithoutDetails) {
  const std::string config = dir_.write("missing.conf", "db = " + dir_.file("nowhere") + "\n");
  const cgi::Response response = with_config(config, "q=oil");
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.header("Retry-After"), "30");
  EXPECT_EQ(response.body.find(dir_.path()), std::string::npos) << "no internal path shown";
  EXPECT_NE(response.body.find("unavailable"), std::string::npos);
  // The search form without a query needs no index.
  EXPECT_EQ(with_config(config, "").status, 200);
}

TEST_F(CgiTest, BadConfigurationIs500WithoutDetails) {
  const std::string missing = dir_.file("no-such.conf");
  const cgi::Response unreadable = with_config(missing, "q=oil");
  EXPECT_EQ(unreadable.status, 500);
  EXPECT_EQ(unreadable.body.find(missing), std::string::npos);
  const std::string bad = dir_.write("bad.conf", "db = x\nper-page = 0\n");
  EXPECT_EQ(with_config(bad, "q=oil").status, 500);
  const std::string unknown = dir_.write("unknown.conf", "db = x\ncolour = red\n");
  EXPECT_EQ(with_config(unknown, "q=oil").status, 500);
}

TEST_F(CgiTest, SiteHeaderFooterStylesheetAndPageSize) {
  const std::string config = dir_.write(
      "site.conf", "db = " + std::string(kIndex) + "\nheader-file = " +
                       dir_.write("header.html", "<h1 class=\"org\">Our Archive</h1>") +
                       "\nfooter-file = " + dir_.write("footer.html", "<p>Contact us</p>") +
                       "\nstylesheet-file = " + dir_.write("site.css", "body{color:#000}") +
                       "\nper-page = 3\nmax-per-page = 5\n");
  const cgi::Response page = with_config(config, "q=oil");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<h1 class=\"org\">Our Archive</h1>"), std::string::npos);
  EXPECT_NE(page.body.find("<p>Contact us</p>"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/search?asset=site.css&amp;v="), std::string::npos);
  EXPECT_EQ(with_config(config, "asset=site.css").body, "body{color:#000}");
  const auto results = [&](const std::string& query_string) {
    const std::string body = with_config(config, query_string + "&format=json").body;
    simdjson::dom::parser parser;
    return parser.parse(body)["results"].get_array().size();
  };
  EXPECT_EQ(results("q=oil"), 3U);
  EXPECT_EQ(results("q=oil&per_page=4"), 4U);
  EXPECT_EQ(results("q=oil&per_page=100"), 5U);
}

TEST_F(CgiTest, OutputSizeIsBounded) {
  const std::string config = dir_.write("small.conf", "db = " + std::string(kIndex) +
                                                          "\nmax-output-bytes = 65536\n"
                                                          "max-per-page = 100\n");
  const cgi::Response response = with_config(config, "q=oil&per_page=100");
  EXPECT_EQ(response.status, 500);
  EXPECT_LT(response.body.size(), 1000U);
}

TEST_F(CgiTest, AssetsRevalidate) {
  const cgi::Response first = get("asset=style.css");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_FALSE(first.header("ETag").empty());
  EXPECT_EQ(first.header("Cache-Control"), "public, max-age=3600");
  if_none_match_ = first.header("ETag");
  EXPECT_EQ(get("asset=style.css").status, 304);
  // The page links them with a version token: those URLs may be cached for good.
  const std::string page = get("q=oil").body;
  const std::size_t link = page.find("?asset=style.css&amp;v=");
  ASSERT_NE(link, std::string::npos);
  const std::size_t start = link + std::string("?asset=style.css&amp;v=").size();
  const std::string version = page.substr(start, page.find('"', start) - start);
  EXPECT_EQ(get("asset=style.css&v=" + version).header("Cache-Control"),
            "public, max-age=31536000, immutable");
  EXPECT_EQ(get("asset=search.js&v=old").header("Cache-Control"), "public, max-age=3600");
}

TEST_F(CgiTest, OpenSearchDescription) {
  const cgi::Response response = get("format=opensearch");
  EXPECT_EQ(response.header("Content-Type"),
            "application/opensearchdescription+xml; charset=utf-8");
  EXPECT_NE(response.body.find("template=\"https://archive.example/search?q={searchTerms}\""),
            std::string::npos)
      << response.body;
  EXPECT_NE(response.body.find("<ShortName>Rights Archive</ShortName>"), std::string::npos);
}

// The real binary started by a web server: GATEWAY_INTERFACE makes it a CGI program whatever its
// arguments; the response starts with a Status line and a HEAD request gets no body.
TEST_F(CgiTest, ProcessSpeaksCgi) {
  const std::string bin = test::binary_from_env("VIGIL_SEARCH_BIN");
  std::map<std::string, std::string> env = {{"GATEWAY_INTERFACE", "CGI/1.1"},
                                            {"REQUEST_METHOD", "GET"},
                                            {"QUERY_STRING", "q=oil&format=json"},
                                            {"SCRIPT_NAME", "/search"},
                                            {"VIGIL_CONFIG", config_}};
  test::ProcessResult result = test::run_process({bin, "--db", "/ignored", "ignored"}, env);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.rfind("Status: 200 OK\r\n", 0), 0U) << result.out.substr(0, 200);
  const std::size_t body = result.out.find("\r\n\r\n");
  ASSERT_NE(body, std::string::npos);
  EXPECT_GT(json_total(result.out.substr(body + 4)), 0U);

  env["REQUEST_METHOD"] = "HEAD";
  result = test::run_process({bin}, env);
  EXPECT_EQ(result.out.substr(result.out.size() - 4), "\r\n\r\n") << "HEAD: headers only";

  env["REQUEST_METHOD"] = "GET";
  env["VIGIL_CONFIG"] = dir_.file("absent.conf");
  result = test::run_process({bin}, env);
  EXPECT_EQ(result.out.rfind("Status: 500", 0), 0U);
  EXPECT_EQ(result.out.find("absent.conf"), std::string::npos) << "not shown to visitors";
  EXPECT_NE(result.err.find("absent.conf"), std::string::npos) << "but logged for the admin";
}

// A request past request-timeout gets 503 and the process ends, whatever it was waiting for: here
// a remote shard (a Xapian stub database) on a loopback port that accepts connections (the
// listen backlog) but never answers.
TEST_F(CgiTest, ProcessAnswers503PastTheRequestTimeout) {
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), length), 0);
  ASSERT_EQ(listen(listener, 8), 0);
  ASSERT_EQ(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string stub =
      dir_.write("stub", "remote 127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "\n");
  const std::string config = dir_.write("slow.conf", "db = " + stub + "\nrequest-timeout = 1\n");
  const auto started = std::chrono::steady_clock::now();
  const test::ProcessResult result = test::run_process({test::binary_from_env("VIGIL_SEARCH_BIN")},
                                                       {{"GATEWAY_INTERFACE", "CGI/1.1"},
                                                        {"REQUEST_METHOD", "GET"},
                                                        {"QUERY_STRING", "q=oil"},
                                                        {"VIGIL_CONFIG", config}});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  close(listener);
  EXPECT_EQ(result.out.rfind("Status: 503 Service Unavailable\r\n", 0), 0U) << result.out;
  EXPECT_NE(result.out.find("Retry-After: 30\r\n"), std::string::npos);
  EXPECT_NE(result.err.find("request-timeout"), std::string::npos) << result.err;
  EXPECT_LT(seconds, 5.0) << "the process ended at its timeout, not the remote's";
}

}  // namespace
}  // namespace vigil
