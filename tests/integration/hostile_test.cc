// Hostile and careless queries against the real vigil-search, on the command line and as a CGI
// program, on the news-corpus index: deep nesting, thousands of words, wildcard explosions,
// overlong input and every kind of bad percent-encoding. Each is answered with the documented
// exit code or HTTP status and a short clear message, never a crash, within a time and memory
// bound that an explosion would break (wall time and peak RSS of the child, from wait4).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "cgi/handler.h"
#include "support/run_process.h"
#include "support/sanitized.h"
#include "support/temp_dir.h"

namespace vigil {
namespace {

const char* const kIndex = VIGIL_NEWS_INDEX;
constexpr double kMaxSeconds = 5.0;
constexpr long kMaxRssKib = 512L * 1024;

std::string repeat(const std::string& part, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += part;
  return out;
}

// n words, w0 ... w{n-1}, as one string.
std::string words(int n, const std::string& separator = " ") {
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (i != 0) out += separator;
    out += 'w';
    out += std::to_string(i);
  }
  return out;
}

// "q=" + text (gcc 12 warns wrongly about operator+ on a literal and a temporary string).
std::string q(const std::string& text) {
  std::string out = "q=";
  out += text;
  return out;
}

// `count` distinct two-letter wildcards joined by OR: "aa* OR ab* OR ...".
std::string distinct_wildcards(int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    if (i != 0) out += " OR ";
    out += static_cast<char>('a' + i / 26);
    out += static_cast<char>('a' + i % 26);
    out += '*';
  }
  return out;
}

void expect_bounded(const test::ProcessResult& run, const std::string& name) {
  EXPECT_EQ(run.signal, 0) << name << ": killed by a signal";
  if (!test::kSanitized) {  // sanitized.h: the bounds are checked in the Release build
    EXPECT_LT(run.seconds, kMaxSeconds) << name;
    EXPECT_LT(run.max_rss_kib, kMaxRssKib) << name;
  }
  testing::Test::RecordProperty(name + "_ms", static_cast<int>(run.seconds * 1000));
  testing::Test::RecordProperty(name + "_rss_kib", static_cast<int>(run.max_rss_kib));
  std::printf("%-28s %6.0f ms %7ld KiB peak RSS\n", name.c_str(), run.seconds * 1000,
              run.max_rss_kib);
}

struct CliCase {
  const char* name;
  std::vector<std::string> query;  // the words after the options; each under Linux's 128 KiB
  std::vector<std::string> options;
  int exit_code;
  const char* expected;  // in stdout (exit code 0) or in stderr's first line
};

class HostileCli : public testing::TestWithParam<CliCase> {};

TEST_P(HostileCli, AnsweredWithinBoundsWithAClearMessage) {
  const CliCase& c = GetParam();
  std::vector<std::string> argv{test::binary_from_env("VIGIL_SEARCH_BIN"),
                                "--db",
                                kIndex,
                                "--format",
                                "json",
                                "--per-page",
                                "3"};
  argv.insert(argv.end(), c.options.begin(), c.options.end());
  argv.insert(argv.end(), c.query.begin(), c.query.end());
  const test::ProcessResult run = test::run_process(argv);
  expect_bounded(run, c.name);
  EXPECT_EQ(run.exit_code, c.exit_code) << run.err.substr(0, 500);
  if (c.exit_code == 0) {
    EXPECT_NE(run.out.find(c.expected), std::string::npos) << run.out.substr(0, 500);
  } else {
    const std::string first = run.err.substr(0, run.err.find('\n'));
    EXPECT_EQ(first.rfind("vigil-search: error: ", 0), 0U) << first;
    EXPECT_NE(first.find(c.expected), std::string::npos) << first;
    EXPECT_NE(run.err.find("\nhint: "), std::string::npos) << run.err.substr(0, 500);
    EXPECT_LT(run.err.size(), 600U) << "the query is not written back whole";
    EXPECT_TRUE(run.out.empty());
  }
}

// The query split into arguments of 64 KiB (one argument may hold at most 128 KiB).
std::vector<std::string> in_pieces(const std::string& text) {
  std::vector<std::string> pieces;
  for (std::size_t at = 0; at < text.size(); at += 65536) pieces.push_back(text.substr(at, 65536));
  return pieces;
}

INSTANTIATE_TEST_SUITE_P(
    Table, HostileCli,
    testing::Values(
        CliCase{"Nested2000", {repeat("(", 2000) + "oil" + repeat(")", 2000)}, {}, 0, "\"total\":"},
        CliCase{
            "NestedOr300", {repeat("(oil OR gas ", 300) + repeat(")", 300)}, {}, 0, "\"total\":"},
        CliCase{"Nested10000",
                {repeat("(", 10000) + "oil" + repeat(")", 10000)},
                {},
                2,
                "the query is 20003 bytes; the limit is 4096"},
        CliCase{"Nested10000RaisedLimit",  // a site that raised the limit still gets an answer
                {repeat("(", 10000) + "oil" + repeat(")", 10000)},
                {"--max-query-bytes", "1000000"},
                0,
                "\"total\":"},
        CliCase{"Words20000", in_pieces(words(20000)), {}, 2, "bytes; the limit is 4096"},
        CliCase{"Words600", {words(600)}, {}, 2, "distinct terms; the limit is 100"},
        CliCase{"SameWord800", {repeat("oil ", 800)}, {}, 0, "\"total\":"},
        CliCase{"WildcardA", {"a*"}, {}, 0, "only the 200 most frequent"},
        CliCase{"WildcardAlone", {"*"}, {}, 2, "the query has no words to search for"},
        CliCase{"WildcardsOnly", {"** * ***"}, {}, 2, "the query has no words to search for"},
        CliCase{"WildcardA681Times",  // 800 x 200 words took 439 s and 1.3 GB before the budget
                {repeat("a* OR ", 680) + "a*"},
                {},
                0,
                "only the 1 most frequent"},
        CliCase{"Wildcards99Distinct", {distinct_wildcards(99)}, {}, 0, "\"total\":"},
        CliCase{"Wildcards580Distinct",  // took 87 s before wildcards counted as terms
                {distinct_wildcards(580)},
                {},
                2,
                "distinct terms; the limit is 100"},
        CliCase{"OneMegabyte",
                in_pieces(std::string(1 << 20, 'x')),
                {},
                2,
                "(1048591 bytes): the query is 1048591 bytes; the limit is 4096"},
        CliCase{"InvalidUtf8", {"oil \xC0\xAF \xFF\xFE gas"}, {}, 0, "\"total\":"}),
    [](const testing::TestParamInfo<CliCase>& param) { return param.param.name; });

// A CGI request: the real binary with QUERY_STRING (an environment string, so under 128 KiB).
class HostileCgi : public testing::Test {
 protected:
  HostileCgi() { config_ = dir_.write("search.conf", "db = " + std::string(kIndex) + "\n"); }

  struct Answer {
    test::ProcessResult run;
    int status = 0;
    std::string headers;
    std::string body;
  };

  Answer get(const std::string& query_string, const std::string& name) const {
    Answer answer;
    answer.run = test::run_process({test::binary_from_env("VIGIL_SEARCH_BIN")},
                                   {{"GATEWAY_INTERFACE", "CGI/1.1"},
                                    {"REQUEST_METHOD", "GET"},
                                    {"QUERY_STRING", query_string},
                                    {"SCRIPT_NAME", "/search"},
                                    {"VIGIL_CONFIG", config_}});
    expect_bounded(answer.run, name);
    const std::string& out = answer.run.out;
    const std::size_t end = out.find("\r\n\r\n");
    EXPECT_NE(end, std::string::npos) << name << ": " << out.substr(0, 300);
    if (end == std::string::npos) return answer;
    answer.headers = out.substr(0, end + 2);
    answer.body = out.substr(end + 4);
    if (out.rfind("Status: ", 0) == 0) answer.status = std::stoi(out.substr(8, 3));
    return answer;
  }

  test::TempDir dir_;
  std::string config_;
};

struct CgiCase {
  const char* name;
  std::string query_string;
  int status;
  const char* expected;  // in the body
};

// Every header line is "Name: value" of a known name: nothing a parameter said became a header.
void expect_clean_headers(const std::string& headers, const std::string& name) {
  std::size_t start = 0;
  while (start < headers.size()) {
    const std::size_t end = headers.find("\r\n", start);
    ASSERT_NE(end, std::string::npos) << name;
    const std::string line = headers.substr(start, end - start);
    EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos) << name;
    EXPECT_EQ(line.find("Injected"), std::string::npos) << name << ": " << line;
    EXPECT_EQ(line.find("Set-Cookie"), std::string::npos) << name << ": " << line;
    start = end + 2;
  }
}

TEST_F(HostileCgi, EveryRequestGetsAStatusAndAPageWithinBounds) {
  const std::string nested = repeat("%28", 2000) + "oil" + repeat("%29", 2000);
  const std::vector<CgiCase> cases = {
      {"CgiNested2000", q(nested), 200, "class=\"result\""},
      {"CgiNested10000", q(repeat("%28", 10000) + "oil" + repeat("%29", 10000)), 400,
       "longer than 16384 bytes"},
      {"CgiWords2000", q(words(2000, "+")), 400, "the limit is 4096"},
      {"CgiWords600", q(words(600, "+")), 400, "distinct terms; the limit is 100"},
      {"CgiWildcardA", "q=a*", 200, "only the 200 most frequent"},
      {"CgiWildcardAlone", "q=*", 400, "the query has no words to search for"},
      {"CgiWildcardA681Times", q(repeat("a*+OR+", 680) + "a*"), 200, "only the 1 most frequent"},
      {"CgiWildcards580", q(distinct_wildcards(580)), 400, "the limit is 100"},
      {"Cgi100KiB", q(std::string(100 << 10, 'x')), 400, "longer than 16384 bytes"},
      {"PercentAlone", "q=%", 400, "not followed by two hexadecimal digits"},
      {"PercentOneDigit", "q=%4", 400, "not followed by two hexadecimal digits"},
      {"PercentNotHex", "q=%zz", 400, "not followed by two hexadecimal digits"},
      {"PercentAtEnd", "q=oil%2", 400, "not followed by two hexadecimal digits"},
      {"Nul", "q=oil%00gas", 200, "class=\"result\""},  // a control character is a space
      {"OnlyNul", "q=%00", 400, "no words to search for"},
      {"OverlongSlash", "q=%C0%AF", 400, "not valid UTF-8"},
      {"OverlongNul", "q=oil%C0%80", 400, "not valid UTF-8"},
      {"Surrogate", "q=%ED%A0%80", 400, "not valid UTF-8"},
      {"InvalidByte", "q=%FF%FE", 400, "not valid UTF-8"},
      {"TruncatedUtf8", "q=oil%E2%82", 400, "not valid UTF-8"},
      {"HeaderInjectionInValue", "q=oil%0D%0AInjected:+1%0D%0ASet-Cookie:+a=b", 200,
       "value=\"oil  Injected: 1  Set-Cookie: a=b\""},  // control characters become spaces
      {"HeaderInjectionInName", "q=oil&x%0D%0AInjected:+1=2", 200, "class=\"result\""},
      {"HeaderInjectionInFormat", "q=oil&format=json%0D%0AInjected:+1", 400, "format"},
      {"MarkupInBadParameter", "q=oil&page=%3Cscript%3Ealert(1)%3C/script%3E", 400, "page"},
      {"MarkupInJsonError", "q=oil&format=json&sort=%22%3E%3Cscript%3E", 400, "\"error\""},
      {"ManyParameters", repeat("a=1&", 100) + "q=oil", 400, "more than 64 parameters"},
  };
  for (const CgiCase& c : cases) {
    const Answer answer = get(c.query_string, c.name);
    EXPECT_EQ(answer.status, c.status) << c.name << ": " << answer.body.substr(0, 300);
    EXPECT_EQ(answer.run.exit_code, 0) << c.name << ": " << answer.run.err;
    EXPECT_NE(answer.body.find(c.expected), std::string::npos)
        << c.name << ": " << answer.body.substr(0, 2000);
    expect_clean_headers(answer.headers, c.name);
    // The page's own script tag has attributes: markup from a parameter would be "<script>".
    EXPECT_EQ(answer.body.find("<script>"), std::string::npos) << c.name << ": markup injected";
    EXPECT_EQ(answer.body.find(kIndex), std::string::npos) << c.name << ": internal path shown";
    EXPECT_EQ(answer.body.find("Xapian"), std::string::npos) << c.name << ": internal error shown";
    if (c.status == 400 && answer.headers.find("application/json") == std::string::npos) {
      EXPECT_NE(answer.body.find("role=\"alert\""), std::string::npos) << c.name;
    }
  }
}

// A megabyte of query string cannot pass through the environment to a process (128 KiB per
// string), so the handler gets it in-process, as the process would.
TEST_F(HostileCgi, OneMegabyteQueryStringIsRefusedAt16KiB) {
  cgi::Environment environment;
  environment.method = "GET";
  environment.query_string = q(std::string(1 << 20, 'x'));
  environment.script_name = "/search";
  environment.config_path = config_;
  const Logger log{"vigil-search", LogLevel::kError};
  const cgi::Response response = cgi::handle(environment, log);
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("longer than 16384 bytes"), std::string::npos);
  EXPECT_LT(response.body.size(), 64U << 10) << "the query is not echoed";
}

}  // namespace
}  // namespace vigil
