#include "vigil/text.h"

#include <gtest/gtest.h>

#include "vigil/url.h"

namespace vigil {
namespace {

struct Utf8Case {
  const char* bytes;
  bool valid;
  const char* repaired;
};

class Utf8 : public testing::TestWithParam<Utf8Case> {};

TEST_P(Utf8, ValidatesAndRepairs) {
  EXPECT_EQ(is_valid_utf8(GetParam().bytes), GetParam().valid);
  EXPECT_EQ(to_valid_utf8(GetParam().bytes), GetParam().repaired);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Utf8,
    testing::Values(Utf8Case{"plain", true, "plain"}, Utf8Case{"caf\xC3\xA9", true, "caf\xC3\xA9"},
                    Utf8Case{"\xE2\x80\x9Cq\xE2\x80\x9D", true, "\xE2\x80\x9Cq\xE2\x80\x9D"},
                    Utf8Case{"\xF0\x9F\x98\x80", true, "\xF0\x9F\x98\x80"},
                    Utf8Case{"caf\xE9", false, "caf\xEF\xBF\xBD"},            // Latin-1 é
                    Utf8Case{"\xC0\xAF", false, "\xEF\xBF\xBD\xEF\xBF\xBD"},  // overlong
                    Utf8Case{"\xED\xA0\x80", false,
                             "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // surrogate
                    Utf8Case{"\xF4\x90\x80\x80", false,
                             "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // > U+10FFFF
                    Utf8Case{"ab\xE2\x80", false, "ab\xEF\xBF\xBD\xEF\xBF\xBD"},   // truncated
                    Utf8Case{"a\xFF"
                             "b\xC3\xA9\xFE"
                             "c",
                             false,  // valid runs around bad bytes
                             "a\xEF\xBF\xBD"
                             "b\xC3\xA9\xEF\xBF\xBD"
                             "c"}));

TEST(Text, AsciiLowerLeavesUtf8Alone) {
  EXPECT_EQ(ascii_lower("BBC News \xC3\x89T\xC3\x89"), "bbc news \xC3\x89t\xC3\x89");
}

TEST(Text, AsciiIfindIgnoresCase) {
  EXPECT_EQ(ascii_ifind("Jane Doe AND John Roe", " and "), 8U);
  EXPECT_EQ(ascii_ifind("abc", "ABC"), 0U);
  EXPECT_EQ(ascii_ifind("abc", ""), 0U);
  EXPECT_EQ(ascii_ifind("ab", "abc"), std::string_view::npos);
  EXPECT_EQ(ascii_ifind("Zürich", "RICH"), 3U);
  EXPECT_EQ(ascii_ifind("Zürich", "ÜRICH"), std::string_view::npos);  // ASCII folding only
}

TEST(Text, LanguageSubtag) {
  const std::pair<const char*, const char*> kCases[] = {
      {"en", "en"}, {"en-GB", "en"}, {"EN_us", "en"}, {" fr ", "fr"}, {"haw", "haw"},
      {"und", ""},  {"e", ""},       {"engl", ""},    {"1a", ""},     {"", ""}};
  for (const auto& [tag, expected] : kCases) EXPECT_EQ(language_subtag(tag), expected) << tag;
}

TEST(Text, Fnv1aIsStable) {
  EXPECT_EQ(hex64(fnv1a64("")), "cbf29ce484222325");
  EXPECT_EQ(hex64(fnv1a64("a")), "af63dc4c8601ec8c");
}

TEST(Url, HostsAreNormalisedTheSameForIndexAndQuery) {
  EXPECT_EQ(url_host("https://WWW.Example.org:8443/path?q#f"), "example.org");
  EXPECT_EQ(url_host("http://user@news.example.org./x"), "news.example.org");
  EXPECT_EQ(url_host("file:///tmp/a.html"), "");
  EXPECT_EQ(url_host("not a url"), "");
  EXPECT_EQ(normalize_host("www.Example.org"), "example.org");
  EXPECT_EQ(normalize_host("https://www.example.org/page"), "example.org");
}

}  // namespace
}  // namespace vigil
