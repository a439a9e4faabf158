#include "crawl/url_resolve.h"

#include <gtest/gtest.h>

#include <string>

#include "crawl/idna.h"

namespace vigil::crawl {
namespace {

struct ResolveCase {
  const char* base;
  const char* reference;
  const char* expected;  // "" for nullopt
};

void PrintTo(const ResolveCase& c, std::ostream* os) { *os << c.base << " + " << c.reference; }

class ResolveUrl : public testing::TestWithParam<ResolveCase> {};

TEST_P(ResolveUrl, Table) {
  const std::optional<std::string> got = resolve_url(GetParam().base, GetParam().reference);
  EXPECT_EQ(got.value_or(""), GetParam().expected)
      << "base " << GetParam().base << " reference " << GetParam().reference;
}

constexpr const char* kRfcBase = "http://a/b/c/d;p?q";

// RFC 3986 section 5.4.1, with fragments dropped and "http://g" given its "/" path.
INSTANTIATE_TEST_SUITE_P(Rfc3986Normal, ResolveUrl,
                         testing::Values(ResolveCase{kRfcBase, "g:h", ""},  // not http(s)
                                         ResolveCase{kRfcBase, "g", "http://a/b/c/g"},
                                         ResolveCase{kRfcBase, "./g", "http://a/b/c/g"},
                                         ResolveCase{kRfcBase, "g/", "http://a/b/c/g/"},
                                         ResolveCase{kRfcBase, "/g", "http://a/g"},
                                         ResolveCase{kRfcBase, "//g", "http://g/"},
                                         ResolveCase{kRfcBase, "?y", "http://a/b/c/d;p?y"},
                                         ResolveCase{kRfcBase, "g?y", "http://a/b/c/g?y"},
                                         ResolveCase{kRfcBase, "#s", "http://a/b/c/d;p?q"},
                                         ResolveCase{kRfcBase, "g#s", "http://a/b/c/g"},
                                         ResolveCase{kRfcBase, "g?y#s", "http://a/b/c/g?y"},
                                         ResolveCase{kRfcBase, ";x", "http://a/b/c/;x"},
                                         ResolveCase{kRfcBase, "g;x", "http://a/b/c/g;x"},
                                         ResolveCase{kRfcBase, "g;x?y#s", "http://a/b/c/g;x?y"},
                                         ResolveCase{kRfcBase, "", "http://a/b/c/d;p?q"},
                                         ResolveCase{kRfcBase, ".", "http://a/b/c/"},
                                         ResolveCase{kRfcBase, "./", "http://a/b/c/"},
                                         ResolveCase{kRfcBase, "..", "http://a/b/"},
                                         ResolveCase{kRfcBase, "../", "http://a/b/"},
                                         ResolveCase{kRfcBase, "../g", "http://a/b/g"},
                                         ResolveCase{kRfcBase, "../..", "http://a/"},
                                         ResolveCase{kRfcBase, "../../", "http://a/"},
                                         ResolveCase{kRfcBase, "../../g", "http://a/g"}));

// RFC 3986 section 5.4.2; "http:g" takes the backward-compatible reading.
INSTANTIATE_TEST_SUITE_P(Rfc3986Abnormal, ResolveUrl,
                         testing::Values(ResolveCase{kRfcBase, "../../../g", "http://a/g"},
                                         ResolveCase{kRfcBase, "../../../../g", "http://a/g"},
                                         ResolveCase{kRfcBase, "/./g", "http://a/g"},
                                         ResolveCase{kRfcBase, "/../g", "http://a/g"},
                                         ResolveCase{kRfcBase, "g.", "http://a/b/c/g."},
                                         ResolveCase{kRfcBase, ".g", "http://a/b/c/.g"},
                                         ResolveCase{kRfcBase, "g..", "http://a/b/c/g.."},
                                         ResolveCase{kRfcBase, "..g", "http://a/b/c/..g"},
                                         ResolveCase{kRfcBase, "./../g", "http://a/b/g"},
                                         ResolveCase{kRfcBase, "./g/.", "http://a/b/c/g/"},
                                         ResolveCase{kRfcBase, "g/./h", "http://a/b/c/g/h"},
                                         ResolveCase{kRfcBase, "g/../h", "http://a/b/c/h"},
                                         ResolveCase{kRfcBase, "g;x=1/./y", "http://a/b/c/g;x=1/y"},
                                         ResolveCase{kRfcBase, "g;x=1/../y", "http://a/b/c/y"},
                                         ResolveCase{kRfcBase, "g?y/./x", "http://a/b/c/g?y/./x"},
                                         ResolveCase{kRfcBase, "g?y/../x", "http://a/b/c/g?y/../x"},
                                         ResolveCase{kRfcBase, "g#s/./x", "http://a/b/c/g"},
                                         ResolveCase{kRfcBase, "g#s/../x", "http://a/b/c/g"},
                                         ResolveCase{kRfcBase, "http:g", "http://a/b/c/g"},
                                         ResolveCase{"https://a/b/c", "http:g",
                                                     ""}));  // no host for http:

constexpr const char* kPage = "https://news.example.org/2021/06/story.html?page=2";

INSTANTIATE_TEST_SUITE_P(
    Crawling, ResolveUrl,
    testing::Values(
        // Other schemes are refused.
        ResolveCase{kPage, "mailto:editor@example.org", ""},
        ResolveCase{kPage, "javascript:void(0)", ""},
        ResolveCase{kPage, " JavaScript:alert(1)", ""},
        ResolveCase{kPage, "data:text/html,<p>hi</p>", ""},
        ResolveCase{kPage, "ftp://example.org/file", ""},
        ResolveCase{kPage, "file:///etc/passwd", ""}, ResolveCase{kPage, "tel:+15555550100", ""},
        ResolveCase{"", "relative/path", ""},  // nothing to resolve against
        ResolveCase{"mailto:x@example.org", "page", ""},
        // Case, ports and empty paths.
        ResolveCase{"", "HTTP://WWW.Example.ORG", "http://www.example.org/"},
        ResolveCase{"", "https://Example.org:443/A/B", "https://example.org/A/B"},
        ResolveCase{"", "http://example.org:80/", "http://example.org/"},
        ResolveCase{"", "http://example.org:0080/", "http://example.org/"},
        ResolveCase{"", "https://example.org:80/", "https://example.org:80/"},
        ResolveCase{"", "http://example.org:8080", "http://example.org:8080/"},
        ResolveCase{"", "http://example.org:/x", "http://example.org/x"},
        ResolveCase{"", "http://example.org:65536/", ""},
        ResolveCase{"", "http://example.org:0/", ""}, ResolveCase{"", "http://example.org:8o/", ""},
        ResolveCase{"", "http://user:secret@example.org/x", "http://example.org/x"},
        ResolveCase{"", "http://www.trusted.org@evil.example/", "http://evil.example/"},
        // Hosts.
        ResolveCase{"", "http:///path", ""}, ResolveCase{"", "http://exa mple.org/", ""},
        ResolveCase{"", "http://exa<mple.org/", ""}, ResolveCase{"", "http://example..org/", ""},
        ResolveCase{"", "http://.example.org/", ""},
        ResolveCase{"", "http://example.org./a", "http://example.org./a"},
        ResolveCase{"", "http://my_host.example.org/", "http://my_host.example.org/"},
        ResolveCase{"", "http://ex%41mple.org/", "http://example.org/"},
        ResolveCase{"", "http://ex%2Fample.org/", ""},
        ResolveCase{"", "http://ex%zzample.org/", ""},
        ResolveCase{"", "http://192.168.0.1:8000/", "http://192.168.0.1:8000/"},
        ResolveCase{"", "http://[2001:DB8::1]:8080/x", "http://[2001:db8::1]:8080/x"},
        ResolveCase{"", "http://[2001:db8::1]/", "http://[2001:db8::1]/"},
        ResolveCase{"", "http://[2001:db8::1/", ""}, ResolveCase{"", "http://[zz::1]/", ""},
        ResolveCase{"",
                    "http://B\xC3\xBC"
                    "cher.example/",
                    "http://xn--bcher-kva.example/"},
        ResolveCase{"",
                    "https://\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB7\xD0\xB8\xD0\xB4\xD0\xB5\xD0\xBD"
                    "\xD1\x82.\xD1\x80\xD1\x84/",
                    "https://xn--d1abbgf6aiiy.xn--p1ai/"},
        ResolveCase{"", "http://bad\xFFhost.example/", ""},
        // Percent-encoding.
        ResolveCase{"", "http://example.org/%7euser/%41%2d%5F", "http://example.org/~user/A-_"},
        ResolveCase{"", "http://example.org/a%3cb%2f%3F", "http://example.org/a%3Cb%2F%3F"},
        ResolveCase{"", "http://example.org/a b<c>\"d\"|e^`{}",
                    "http://example.org/a%20b%3Cc%3E%22d%22%7Ce%5E%60%7B%7D"},
        ResolveCase{"", "http://example.org/caf\xC3\xA9?q=\xE2\x82\xAC 1",
                    "http://example.org/caf%C3%A9?q=%E2%82%AC%201"},
        ResolveCase{"", "http://example.org/bad\xFF\xFE", "http://example.org/bad%FF%FE"},
        ResolveCase{"", "http://example.org/100%", "http://example.org/100%25"},
        ResolveCase{"", "http://example.org/100%2", "http://example.org/100%252"},
        ResolveCase{"", "http://example.org/%2e%2E/a/%2e/b", "http://example.org/a/b"},
        // An empty reference is the base, whose dot segments go too (found by fuzzing).
        ResolveCase{"http://example.org/a/%2e%2e/b/./c?q", "", "http://example.org/b/c?q"},
        ResolveCase{"http://example.org/a/../b", "\n", "http://example.org/b"},
        ResolveCase{"", "http://example.org/a?b=c&d=e+f;g/h?i",
                    "http://example.org/a?b=c&d=e+f;g/h?i"},
        ResolveCase{"", "http://example.org/a?", "http://example.org/a?"},
        ResolveCase{"", "http://example.org/[x]", "http://example.org/%5Bx%5D"},
        // Whitespace as browsers treat it.
        ResolveCase{kPage, "  \t../2020/old.html\n ",
                    "https://news.example.org/2021/2020/old.html"},
        ResolveCase{kPage, "/a\n/b\t/c\r", "https://news.example.org/a/b/c"},
        ResolveCase{kPage, "\\other\\page", "https://news.example.org/other/page"},
        ResolveCase{kPage, "x?q=a\\b", "https://news.example.org/2021/06/x?q=a%5Cb"},
        ResolveCase{kPage, "//cdn.example.net/x.js", "https://cdn.example.net/x.js"},
        ResolveCase{kPage, "?page=3", "https://news.example.org/2021/06/story.html?page=3"},
        ResolveCase{kPage, "#comments", "https://news.example.org/2021/06/story.html?page=2"},
        ResolveCase{kPage, "HTTPS://OTHER.example/", "https://other.example/"},
        ResolveCase{"  https://Example.org/a/b  ", "c", "https://example.org/a/c"}));

TEST(ResolveUrl, NulInsidePathIsEncoded) {
  using namespace std::string_view_literals;
  EXPECT_EQ(normalize_url("http://example.org/nul\0byte"sv).value_or(""),
            "http://example.org/nul%00byte");
  EXPECT_EQ(normalize_url("http://bad\0host.example/"sv), std::nullopt);
}

TEST(ResolveUrl, LengthLimit) {
  const std::string base = "http://example.org/";
  const std::string fits = base + std::string(kMaxUrlBytes - base.size(), 'a');
  EXPECT_EQ(normalize_url(fits).value_or(""), fits);
  EXPECT_EQ(normalize_url(fits + "a"), std::nullopt);
  // Encoding can push a URL over the limit: 2000 spaces become 6000 bytes.
  EXPECT_EQ(normalize_url(base + std::string(2000, ' ') + "x"), std::nullopt);
  // A long reference that shrinks below the limit is fine...
  std::string dots;
  for (int i = 0; i < 1000; ++i) dots += "a/../";
  EXPECT_EQ(resolve_url(base, dots + "end").value_or(""), "http://example.org/end");
  // ...but not one beyond kMaxReferenceBytes.
  EXPECT_EQ(resolve_url(base, std::string(kMaxReferenceBytes + 1, '/')), std::nullopt);
  const std::string long_host = "http://" + std::string(64, 'a') + ".example/";
  EXPECT_EQ(normalize_url(long_host), std::nullopt);
  const std::string label63 = "http://" + std::string(63, 'a') + ".example/";
  EXPECT_EQ(normalize_url(label63).value_or(""), label63);
}

TEST(ResolveUrl, IsIdempotent) {
  for (const char* url : {"HTTP://Example.org:80/a/./b/../c%7e%3c?x=%e2%82%ac y",
                          "https://b\xC3\xBC"
                          "cher.example/",
                          "http://example.org/100%", "http://[::1]:8080"}) {
    const std::optional<std::string> once = normalize_url(url);
    ASSERT_TRUE(once.has_value()) << url;
    EXPECT_EQ(normalize_url(*once).value_or(""), *once) << url;
  }
}

TEST(SplitUrl, GivesThePolitenessKeyAndThePathForRobots) {
  const std::optional<UrlParts> parts = split_url("HTTPS://Example.org/a/b?c=d#frag");
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->scheme, "https");
  EXPECT_EQ(parts->host, "example.org");
  EXPECT_EQ(parts->port, 443);
  EXPECT_EQ(parts->path_and_query, "/a/b?c=d");
  EXPECT_EQ(parts->host_port(), "example.org:443");
  EXPECT_EQ(parts->origin(), "https://example.org");
  EXPECT_EQ(parts->robots_url(), "https://example.org/robots.txt");

  const std::optional<UrlParts> custom = split_url("http://[::1]:8080");
  ASSERT_TRUE(custom.has_value());
  EXPECT_EQ(custom->host, "[::1]");
  EXPECT_EQ(custom->port, 8080);
  EXPECT_EQ(custom->path_and_query, "/");
  EXPECT_EQ(custom->host_port(), "[::1]:8080");
  EXPECT_EQ(custom->origin(), "http://[::1]:8080");

  const std::optional<UrlParts> http = split_url("http://example.org");
  ASSERT_TRUE(http.has_value());
  EXPECT_EQ(http->port, 80);
  EXPECT_EQ(http->robots_url(), "http://example.org/robots.txt");

  EXPECT_EQ(split_url("mailto:x@example.org"), std::nullopt);
  EXPECT_EQ(split_url("/relative"), std::nullopt);
}

struct IdnaCase {
  const char* host;
  const char* expected;  // "" for nullopt
};

class HostToAscii : public testing::TestWithParam<IdnaCase> {};

TEST_P(HostToAscii, Table) {
  EXPECT_EQ(host_to_ascii(GetParam().host).value_or(""), GetParam().expected) << GetParam().host;
}

INSTANTIATE_TEST_SUITE_P(
    Table, HostToAscii,
    testing::Values(IdnaCase{"Example.ORG", "example.org"},
                    IdnaCase{"b\xC3\xBC"
                             "cher.example",
                             "xn--bcher-kva.example"},
                    IdnaCase{"m\xC3\xBC"
                             "nchen.de",
                             "xn--mnchen-3ya.de"},
                    IdnaCase{"\xD1\x80\xD1\x84", "xn--p1ai"},
                    // RFC 3492 section 7.1 (L): "3<nen>B<gumi><kinpachi><sensei>" with "B" lowered
                    IdnaCase{"3\xE5\xB9\xB4"
                             "b\xE7\xB5\x84\xE9\x87\x91\xE5\x85\xAB\xE5\x85\x88\xE7\x94\x9F",
                             "xn--3b-ww4c5e180e575a65lsy2b"},
                    // RFC 3492 section 7.1 (A): Arabic (Egyptian)
                    IdnaCase{"\xD9\x84\xD9\x8A\xD9\x87\xD9\x85\xD8\xA7\xD8\xA8\xD8\xAA\xD9\x83\xD9"
                             "\x84\xD9\x85\xD9\x88\xD8\xB4\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\x9F",
                             "xn--egbpdaj6bu4bxfgehfvwxn"},
                    IdnaCase{"bad\xC3.example", ""}));

TEST(StripTrackingParameters, DropsOnlyTrackers) {
  struct Case {
    const char* url;
    const char* stripped;
  };
  for (const Case& c : {
           Case{"https://e.org/a?utm_source=x&utm_medium=y", "https://e.org/a"},
           Case{"https://e.org/a?id=3&UTM_Campaign=z&page=2", "https://e.org/a?id=3&page=2"},
           Case{"https://e.org/a?fbclid=abc", "https://e.org/a"},
           Case{"https://e.org/a?gclid=1&q=camps&_ga=2", "https://e.org/a?q=camps"},
           Case{"https://e.org/a?id=3", "https://e.org/a?id=3"},
           Case{"https://e.org/a?utm=1", "https://e.org/a?utm=1"},  // not utm_*
           Case{"https://e.org/a?", "https://e.org/a"},
           Case{"https://e.org/a", "https://e.org/a"},
           Case{"https://e.org/a?a=1&&b=2", "https://e.org/a?a=1&b=2"},
       }) {
    EXPECT_EQ(strip_tracking_parameters(c.url), c.stripped) << c.url;
  }
}

}  // namespace
}  // namespace vigil::crawl
