#include "crawl/robots.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "crawl/robots_match.h"

namespace vigil::crawl {
namespace {

struct RobotsCase {
  const char* robots;
  const char* agent;
  const char* path;
  bool allowed;
};

void PrintTo(const RobotsCase& c, std::ostream* os) {
  *os << c.agent << " " << c.path << " in\n" << c.robots;
}

class Robots : public testing::TestWithParam<RobotsCase> {};

TEST_P(Robots, Table) {
  const RobotsCase& c = GetParam();
  EXPECT_EQ(parse_robots(c.robots, c.agent).allowed(c.path), c.allowed)
      << c.agent << " " << c.path << " in\n"
      << c.robots;
}

// RFC 9309 section 5.1.
constexpr const char* kRfcExample =
    "User-Agent: *\n"
    "Disallow: *.gif$\n"
    "Disallow: /example/\n"
    "Allow: /publications/\n"
    "\n"
    "User-Agent: foobot\n"
    "Disallow:/\n"
    "Allow:/example/page.html\n"
    "Allow:/example/allowed.gif\n"
    "\n"
    "User-Agent: barbot\n"
    "User-Agent: bazbot\n"
    "Disallow: /example/page.html\n"
    "\n"
    "User-Agent: quxbot\n"
    "\n"
    "EOF\n";

INSTANTIATE_TEST_SUITE_P(
    Rfc9309Example, Robots,
    testing::Values(RobotsCase{kRfcExample, "foobot", "/example/page.html", true},
                    RobotsCase{kRfcExample, "foobot", "/example/allowed.gif", true},
                    RobotsCase{kRfcExample, "foobot", "/example/other.html", false},
                    RobotsCase{kRfcExample, "foobot", "/", false},
                    RobotsCase{kRfcExample, "FooBot", "/publications/", false},
                    RobotsCase{kRfcExample, "barbot", "/example/page.html", false},
                    RobotsCase{kRfcExample, "barbot", "/example/other.html", true},
                    RobotsCase{kRfcExample, "bazbot", "/example/page.html", false},
                    RobotsCase{kRfcExample, "bazbot", "/pic.gif", true},
                    RobotsCase{kRfcExample, "quxbot", "/example/", true},  // own empty group
                    RobotsCase{kRfcExample, "quxbot", "/pic.gif", true},
                    RobotsCase{kRfcExample, "VigilBot", "/pic.gif", false},
                    RobotsCase{kRfcExample, "VigilBot", "/pic.gif?x", true},  // "$"
                    RobotsCase{kRfcExample, "VigilBot", "/example/", false},
                    RobotsCase{kRfcExample, "VigilBot", "/example", true},
                    RobotsCase{kRfcExample, "VigilBot", "/publications/a.gif",
                               true},  // longer allow
                    RobotsCase{kRfcExample, "VigilBot", "/publications/a.png", true}));

// RFC 9309 sections 2.2.1 (groups merged) and 5.2 (longest match).
INSTANTIATE_TEST_SUITE_P(
    Rfc9309Rules, Robots,
    testing::Values(
        RobotsCase{"User-Agent: foobot\nAllow: /example/page/\n"
                   "Disallow: /example/page/disallowed.gif\n",
                   "foobot", "/example/page/", true},
        RobotsCase{"User-Agent: foobot\nAllow: /example/page/\n"
                   "Disallow: /example/page/disallowed.gif\n",
                   "foobot", "/example/page/disallowed.gif", false},
        RobotsCase{"user-agent: ExampleBot\ndisallow: /foo\ndisallow: /bar\n\n"
                   "user-agent: ExampleBot\ndisallow: /baz\n",
                   "ExampleBot", "/baz/x", false},
        RobotsCase{"user-agent: ExampleBot\ndisallow: /foo\ndisallow: /bar\n\n"
                   "user-agent: ExampleBot\ndisallow: /baz\n",
                   "ExampleBot", "/foo", false},
        RobotsCase{"user-agent: ExampleBot\ndisallow: /foo\ndisallow: /bar\n\n"
                   "user-agent: ExampleBot\ndisallow: /baz\n",
                   "ExampleBot", "/qux", true},
        // The RFC's percent-encoding table (section 2.2.2).
        RobotsCase{"User-agent: *\nDisallow: /foo/bar?baz=quz\n", "a", "/foo/bar?baz=quz", false},
        RobotsCase{"User-agent: *\nDisallow: /foo/bar/\xE3\x83\x84\n", "a", "/foo/bar/%E3%83%84",
                   false},
        RobotsCase{"User-agent: *\nDisallow: /foo/bar/%E3%83%84\n", "a", "/foo/bar/\xE3\x83\x84",
                   false},
        RobotsCase{"User-agent: *\nDisallow: /foo/bar/%e3%83%84\n", "a", "/foo/bar/%E3%83%84",
                   false},
        RobotsCase{"User-agent: *\nDisallow: /foo/bar/%62%61%7A\n", "a", "/foo/bar/baz", false},
        RobotsCase{"User-agent: *\nDisallow: /foo/bar/baz\n", "a", "/foo/bar/%62%61%7A", false},
        RobotsCase{"User-agent: *\nDisallow: /a%3cd\n", "a", "/a%3Cd", false},
        RobotsCase{"User-agent: *\nDisallow: /a%3Cd\n", "a", "/a%3cd", false},
        RobotsCase{"User-agent: *\nDisallow: /a%3Cd\n", "a", "/a<d", false},
        RobotsCase{"User-agent: *\nDisallow: /a%2Fb\n", "a", "/a/b", true},  // reserved stays
        // "/robots.txt" is implicitly allowed.
        RobotsCase{"User-agent: *\nDisallow: /\n", "a", "/robots.txt", true},
        RobotsCase{"User-agent: *\nDisallow: /robots.txt\n", "a", "/robots.txt", true},
        RobotsCase{"User-agent: *\nDisallow: /\n", "a", "/robots.txt?x", false}));

constexpr const char* kFish = "User-agent: *\nDisallow: /fish\n";
constexpr const char* kFishStar = "User-agent: *\nDisallow: /fish*\n";
constexpr const char* kFishDir = "User-agent: *\nDisallow: /fish/\n";
constexpr const char* kPhp = "User-agent: *\nDisallow: /*.php\n";
constexpr const char* kPhpEnd = "User-agent: *\nDisallow: /*.php$\n";
constexpr const char* kFishPhp = "User-agent: *\nDisallow: /fish*.php\n";
constexpr const char* kRootOnly = "User-agent: *\nDisallow: /$\n";

// Google's documented path matching examples ("disallowed" = the pattern matches).
INSTANTIATE_TEST_SUITE_P(
    GoogleMatching, Robots,
    testing::Values(
        RobotsCase{"User-agent: *\nDisallow: /\n", "a", "/any/thing", false},
        RobotsCase{"User-agent: *\nDisallow: /*\n", "a", "/any/thing", false},
        RobotsCase{kRootOnly, "a", "/", false}, RobotsCase{kRootOnly, "a", "/index.html", true},
        RobotsCase{kRootOnly, "a", "/?q=1", true}, RobotsCase{kFish, "a", "/fish", false},
        RobotsCase{kFish, "a", "/fish.html", false},
        RobotsCase{kFish, "a", "/fish/salmon.html", false},
        RobotsCase{kFish, "a", "/fishheads", false},
        RobotsCase{kFish, "a", "/fishheads/yummy.html", false},
        RobotsCase{kFish, "a", "/fish.php?id=anything", false},
        RobotsCase{kFish, "a", "/Fish.asp", true}, RobotsCase{kFish, "a", "/catfish", true},
        RobotsCase{kFish, "a", "/?id=fish", true}, RobotsCase{kFish, "a", "/desert/fish", true},
        RobotsCase{kFishStar, "a", "/fish", false},
        RobotsCase{kFishStar, "a", "/fishheads/yummy.html", false},
        RobotsCase{kFishStar, "a", "/Fish.asp", true}, RobotsCase{kFishStar, "a", "/catfish", true},
        RobotsCase{kFishDir, "a", "/fish/", false},
        RobotsCase{kFishDir, "a", "/fish/?id=anything", false},
        RobotsCase{kFishDir, "a", "/fish/salmon.htm", false},
        RobotsCase{kFishDir, "a", "/fish", true}, RobotsCase{kFishDir, "a", "/fish.html", true},
        RobotsCase{kFishDir, "a", "/animals/fish/", true},
        RobotsCase{kFishDir, "a", "/Fish/Salmon.asp", true},
        RobotsCase{kPhp, "a", "/index.php", false}, RobotsCase{kPhp, "a", "/filename.php", false},
        RobotsCase{kPhp, "a", "/folder/filename.php", false},
        RobotsCase{kPhp, "a", "/folder/filename.php?parameters", false},
        RobotsCase{kPhp, "a", "/folder/any.php.file.html", false},
        RobotsCase{kPhp, "a", "/filename.php/", false}, RobotsCase{kPhp, "a", "/", true},
        RobotsCase{kPhp, "a", "/windows.PHP", true},
        RobotsCase{kPhpEnd, "a", "/filename.php", false},
        RobotsCase{kPhpEnd, "a", "/folder/filename.php", false},
        RobotsCase{kPhpEnd, "a", "/filename.php?parameters", true},
        RobotsCase{kPhpEnd, "a", "/filename.php/", true},
        RobotsCase{kPhpEnd, "a", "/filename.php5", true},
        RobotsCase{kPhpEnd, "a", "/windows.PHP", true},
        RobotsCase{kFishPhp, "a", "/fish.php", false},
        RobotsCase{kFishPhp, "a", "/fishheads/catfish.php?parameters", false},
        RobotsCase{kFishPhp, "a", "/Fish.PHP", true}));

// Google's documented order of precedence examples.
INSTANTIATE_TEST_SUITE_P(
    GooglePrecedence, Robots,
    testing::Values(
        RobotsCase{"User-agent: *\nallow: /p\ndisallow: /\n", "a", "/page", true},
        RobotsCase{"User-agent: *\nallow: /folder\ndisallow: /folder\n", "a", "/folder/page", true},
        RobotsCase{"User-agent: *\ndisallow: /folder\nallow: /folder\n", "a", "/folder/page", true},
        RobotsCase{"User-agent: *\nallow: /page\ndisallow: /*.htm\n", "a", "/page.htm", false},
        RobotsCase{"User-agent: *\nallow: /page\ndisallow: /*.ph\n", "a", "/page.php5", true},
        RobotsCase{"User-agent: *\nallow: /$\ndisallow: /\n", "a", "/", true},
        RobotsCase{"User-agent: *\nallow: /$\ndisallow: /\n", "a", "/page.htm", false}));

// Our crawler's product token against user-agent lines.
INSTANTIATE_TEST_SUITE_P(
    UserAgent, Robots,
    testing::Values(
        RobotsCase{"User-agent: *\nDisallow: /\n\nUser-agent: VigilBot\nDisallow: /x\n", "VigilBot",
                   "/page", true},
        RobotsCase{"User-agent: vigilbot\nDisallow: /x\n", "VigilBot", "/x", false},
        RobotsCase{"User-agent: VIGILBOT/2.1\nDisallow: /x\n", "VigilBot", "/x", false},
        RobotsCase{"User-agent: VigilBot\nDisallow: /x\n", "VigilBot/0.1 (+https://vigil.example)",
                   "/x", false},
        RobotsCase{"User-agent: *\nDisallow: /\n\nUser-agent: Vigil\nAllow: /\n", "VigilBot",
                   "/page", false},
        RobotsCase{"User-agent: *\nDisallow: /\n\nUser-agent: VigilBotNews\nAllow: /\n", "VigilBot",
                   "/page", false},
        RobotsCase{"User-agent: Googlebot\nDisallow: /\n", "VigilBot", "/page", true},
        RobotsCase{"User-agent: Googlebot\nUser-agent: VigilBot\nDisallow: /\n", "VigilBot",
                   "/page", false},
        // Unknown lines and sitemaps do not end a run of user-agent lines.
        RobotsCase{"User-agent: Googlebot\nFoo: bar\nSitemap: /s.xml\nUser-agent: VigilBot\n"
                   "Disallow: /\n",
                   "VigilBot", "/page", false},
        // A user-agent line after a rule starts a new group.
        RobotsCase{"User-agent: VigilBot\nDisallow: /a\nUser-agent: Other\nDisallow: /b\n",
                   "VigilBot", "/b", true},
        // Rules before any user-agent line belong to nobody.
        RobotsCase{"Disallow: /\nUser-agent: *\nDisallow: /private\n", "VigilBot", "/page", true},
        RobotsCase{"Disallow: /\n", "VigilBot", "/page", true}));

// Lenient parsing.
INSTANTIATE_TEST_SUITE_P(
    Lenient, Robots,
    testing::Values(
        RobotsCase{"\xEF\xBB\xBFUser-agent: *\nDisallow: /x\n", "a", "/x", false},
        RobotsCase{"User-agent: *\rDisallow: /x\r", "a", "/x", false},
        RobotsCase{"User-agent: *\r\nDisallow: /x\r\n", "a", "/x", false},
        RobotsCase{"User-agent: *\r\nDisallow: /x", "a", "/x", false},  // no final newline
        RobotsCase{"# comment\nUser-agent: * # all\nDisallow: /x # private\n", "a", "/x", false},
        RobotsCase{"# comment\nUser-agent: * # all\nDisallow: /x # private\n", "a", "/", true},
        RobotsCase{"USER-AGENT: *\nDISALLOW: /x\n", "a", "/x", false},
        RobotsCase{"  User-agent :  *  \n\tDisallow\t:\t/x\t\n", "a", "/x", false},
        RobotsCase{"User-agent *\nDisallow /x\n", "a", "/x", false},  // colons missing
        RobotsCase{"Useragent: *\nDisalow: /x\n", "a", "/x", false},
        RobotsCase{"User agent: *\nDissallow: /x\n", "a", "/x", false},
        RobotsCase{"User-agent: *\nNoindex: /x\nHost: example.org\n", "a", "/x", true},
        RobotsCase{"User-agent: *\nDisallow:\n", "a", "/anything", true},  // empty: allow all
        RobotsCase{"User-agent: *\nDisallow: \nDisallow: /x\n", "a", "/x", false},
        RobotsCase{"User-agent: *\nDisallow: private/\n", "a", "/private/a", false},
        RobotsCase{"User-agent: *\nDisallow: /a$b\n", "a", "/a$b", false},  // "$" mid-pattern
        RobotsCase{"User-agent: *\nDisallow: /a$b\n", "a", "/a", true},
        RobotsCase{"User-agent: *\nDisallow: /a%2Ab\n", "a", "/a*b", false},  // literal star
        RobotsCase{"User-agent: *\nDisallow: /a%2Ab\n", "a", "/axb", true},
        RobotsCase{"User-agent: *\nDisallow: /x\n", "a", "x", false},  // path without "/"
        RobotsCase{"User-agent: *\nDisallow: /$\n", "a", "", false},   // empty path is "/"
        RobotsCase{"garbage\xFF\xFE\nUser-agent: *\nDisallow: /x\n", "a", "/x", false}));

TEST(Robots, AllowAllAndDisallowAll) {
  EXPECT_TRUE(RobotsRules::allow_all().allowed("/anything?at=all"));
  EXPECT_TRUE(RobotsRules().allowed("/"));
  EXPECT_FALSE(RobotsRules::disallow_all().allowed("/"));
  EXPECT_FALSE(RobotsRules::disallow_all().allowed("/page?x=1"));
  EXPECT_TRUE(RobotsRules::disallow_all().allowed("/robots.txt"));
  EXPECT_EQ(RobotsRules::disallow_all().crawl_delay(), std::nullopt);
  EXPECT_TRUE(RobotsRules::allow_all().sitemaps().empty());
}

TEST(Robots, NoApplicableGroupAllowsEverything) {
  EXPECT_TRUE(parse_robots("", "VigilBot").allowed("/x"));
  EXPECT_TRUE(parse_robots("User-agent: Other\nDisallow: /\n", "VigilBot").allowed("/x"));
  EXPECT_TRUE(parse_robots("<html><body>Not found</body></html>", "VigilBot").allowed("/x"));
}

TEST(Robots, NulBytesInTheBody) {
  using namespace std::string_view_literals;
  const RobotsRules rules = parse_robots("User-agent: *\nDisallow: /a\0b\nDisallow: /c\n"sv, "x");
  EXPECT_FALSE(rules.allowed("/a%00b"));
  EXPECT_TRUE(rules.allowed("/a"));
  EXPECT_FALSE(rules.allowed("/c"));
}

TEST(Robots, CrawlDelay) {
  EXPECT_EQ(parse_robots("User-agent: *\nCrawl-delay: 10\n", "VigilBot").crawl_delay(), 10.0);
  EXPECT_EQ(parse_robots("User-agent: *\ncrawl-delay: 0.5\n", "VigilBot").crawl_delay(), 0.5);
  EXPECT_EQ(parse_robots("User-agent: *\nCrawl-delay: 3600\n", "VigilBot").crawl_delay(),
            kMaxCrawlDelaySeconds);
  EXPECT_EQ(parse_robots("User-agent: *\nCrawl-delay: 0\n", "VigilBot").crawl_delay(), 0.0);
  for (const char* nonsense : {"soon", "-1", "1e3", "inf", "nan", "10s", "1.2.3", ".", ""}) {
    EXPECT_EQ(parse_robots(std::string("User-agent: *\nCrawl-delay: ") + nonsense + "\n", "x")
                  .crawl_delay(),
              std::nullopt)
        << nonsense;
  }
  // The largest of several; from our group, not from "*".
  EXPECT_EQ(parse_robots("User-agent: *\nCrawl-delay: 30\n\nUser-agent: VigilBot\nCrawl-delay: 2\n"
                         "Crawl-delay: 5\nCrawl-delay: junk\n",
                         "VigilBot")
                .crawl_delay(),
            5.0);
  EXPECT_EQ(parse_robots("User-agent: Other\nCrawl-delay: 30\n", "VigilBot").crawl_delay(),
            std::nullopt);
  // A crawl-delay line ends a run of user-agent lines like any rule.
  const RobotsRules rules = parse_robots(
      "User-agent: VigilBot\nCrawl-delay: 4\nUser-agent: Other\nDisallow: /\n", "VigilBot");
  EXPECT_EQ(rules.crawl_delay(), 4.0);
  EXPECT_TRUE(rules.allowed("/page"));
}

TEST(Robots, SitemapsFromAnywhere) {
  const RobotsRules rules = parse_robots(
      "Sitemap: https://example.org/a.xml\n"
      "User-agent: Other\n"
      "Disallow: /\n"
      "SITEMAP: https://example.org/b.xml.gz # compressed\n"
      "sitemap https://example.org/c.txt\n"
      "Sitemap: https://example.org/a.xml\n"
      "Sitemap:\n"
      "User-agent: *\n"
      "Sitemap: /relative.xml\n",
      "VigilBot");
  EXPECT_EQ(rules.sitemaps(),
            (std::vector<std::string>{"https://example.org/a.xml", "https://example.org/b.xml.gz",
                                      "https://example.org/c.txt", "/relative.xml"}));
}

TEST(Robots, OnlyTheFirst500KiBAreRead) {
  std::string body = "User-agent: *\nDisallow: /early\n";
  while (body.size() < kMaxRobotsBytes - 100) body += "# padding padding padding padding\n";
  body += "Disallow: /edge\n";
  const std::size_t cut_line_start = body.size();
  body += "Allow: /edge/but-this-line-is-cut-at-the-limit-" + std::string(200, 'x') + "\n";
  ASSERT_LT(cut_line_start, kMaxRobotsBytes);
  ASSERT_GT(body.size(), kMaxRobotsBytes);
  body += "Disallow: /late\n";
  body += std::string(10u << 20, '#');  // 10 MiB more
  const auto start = std::chrono::steady_clock::now();
  const RobotsRules rules = parse_robots(body, "VigilBot");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_FALSE(rules.allowed("/early"));
  EXPECT_FALSE(rules.allowed("/edge"));
  // Read in part, the Allow would have been "Allow: /e" or similar and opened /edge.
  EXPECT_FALSE(rules.allowed("/edge/but-this-line-is-cut-at-the-limit-" + std::string(100, 'x')));
  EXPECT_TRUE(rules.allowed("/late"));
}

TEST(Robots, HostilePatternsAreAnsweredQuickly) {
  std::string body = "User-agent: *\n";
  body += "Disallow: /" + std::string(10000, '*') + "x$\n";
  body += "Disallow: /";
  for (int i = 0; i < 10000; ++i) body += "a*";
  body += "b\n";
  for (int i = 0; i < 5000; ++i) body += "Disallow: /p" + std::to_string(i) + "*q*r*s$\n";
  const RobotsRules rules = parse_robots(body, "VigilBot");
  std::string long_path(12001, 'a');
  long_path.front() = '/';
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(rules.allowed(long_path));         // no "b", no final "x"
  EXPECT_FALSE(rules.allowed(long_path + "x"));  // star run then anchored "x"
  EXPECT_FALSE(rules.allowed(long_path + "b"));
  EXPECT_TRUE(rules.allowed("/p42/q/r/s/t"));
  EXPECT_FALSE(rules.allowed("/p42/q/r/s"));
  for (int i = 0; i < 100; ++i) (void)rules.allowed(long_path + "?" + std::to_string(i));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

struct MatchCase {
  const char* pattern;
  const char* path;
  bool matches;
};

class RobotsPattern : public testing::TestWithParam<MatchCase> {};

TEST_P(RobotsPattern, Table) {
  const MatchCase& c = GetParam();
  EXPECT_EQ(
      robots_pattern_matches(normalize_robots_pattern(c.pattern), normalize_robots_path(c.path)),
      c.matches)
      << c.pattern << " vs " << c.path;
}

INSTANTIATE_TEST_SUITE_P(
    Table, RobotsPattern,
    testing::Values(MatchCase{"/", "/", true}, MatchCase{"/a", "/", false},
                    MatchCase{"*", "/anything", true}, MatchCase{"$", "/", false},
                    MatchCase{"/*$", "/x", true}, MatchCase{"/a*b*c", "/aXbYc", true},
                    MatchCase{"/a*b*c", "/aXcYb", false}, MatchCase{"/a*b$", "/ab/b", true},
                    MatchCase{"/a*b$", "/ab/bc", false}, MatchCase{"/a*ab$", "/ab", false},
                    MatchCase{"/a*ab$", "/aab", true}, MatchCase{"/**/x", "/y/x", true},
                    MatchCase{"/x$", "/x", true}, MatchCase{"/x$", "/xy", false},
                    MatchCase{"/a*a*a", "/aa", false}, MatchCase{"/a*a*a", "/aaa", true},
                    MatchCase{"/caf\xC3\xA9", "/caf%c3%a9/menu", true},
                    MatchCase{"/%7Euser", "/~user", true}, MatchCase{"/~user", "/%7euser", true}));

TEST(RobotsPattern, Normalisation) {
  EXPECT_EQ(normalize_robots_pattern("/a b/*%7e/c$"), "/a%20b/*~/c$");
  EXPECT_EQ(normalize_robots_pattern("/a$b*"), "/a%24b*");
  EXPECT_EQ(normalize_robots_pattern("private"), "/private");
  EXPECT_EQ(normalize_robots_pattern("*.gif$"), "*.gif$");
  EXPECT_EQ(normalize_robots_path("/a*b$c?d=%3c"), "/a%2Ab%24c?d=%3C");
}

}  // namespace
}  // namespace vigil::crawl
