#include "crawl/feed.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "gzip_for_test.h"
#include "support/temp_dir.h"

namespace vigil::crawl {
namespace {

constexpr const char* kOrigin = "https://news.example.org/feeds/main.xml";

std::vector<std::string> urls(const Feed& feed) {
  std::vector<std::string> out;
  for (const FeedItem& item : feed.items) out.push_back(item.url);
  return out;
}

std::int64_t seconds(const FeedItem& item) {
  return item.date ? item.date->time_since_epoch().count() : -1;
}

Feed parse_ok(std::string_view bytes) {
  Result<Feed> result = parse_feed(bytes, kOrigin);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().describe());
  return result.ok() ? std::move(result).value() : Feed{};
}

std::string parse_error(std::string_view bytes) {
  const Result<Feed> result = parse_feed(bytes, kOrigin);
  if (result.ok()) return "ok";
  EXPECT_EQ(result.error().context, kOrigin);
  return result.error().code;
}

std::string rss(const std::string& items) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"\n"
         "     xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
         "     xmlns:feedburner=\"http://rssnamespace.org/feedburner/ext/1.0\">\n"
         "<channel><title>News</title><link>https://news.example.org/</link>\n"
         "<atom:link href=\"https://news.example.org/feeds/main.xml\" rel=\"self\"/>\n"
         "<image><url>https://news.example.org/logo.png</url>"
         "<link>https://news.example.org/image-link</link></image>\n" +
         items + "</channel></rss>\n";
}

TEST(Feed, Rss2Items) {
  const Feed feed = parse_ok(rss(
      "<item><title>One</title><link>https://news.example.org/2003/06/10/one</link>"
      "<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>"
      "<guid>https://news.example.org/guid-not-used</guid></item>\n"
      "<item><title>Guid only</title><guid>https://news.example.org/by-guid</guid></item>\n"
      "<item><guid isPermaLink=\"false\">https://news.example.org/not-a-link</guid></item>\n"
      "<item><guid isPermaLink=\"true\">tag:example.org,2003:3</guid></item>\n"
      "<item><link>  /relative/story?a=1&amp;b=2  </link>"
      "<dc:date>2003-06-10T04:00:00Z</dc:date></item>\n"
      "<item><link>https://feeds.feedburner.example/~r/x/123</link>"
      "<feedburner:origLink>https://news.example.org/original</feedburner:origLink></item>\n"
      "<item><atom:link rel=\"alternate\" href=\"https://news.example.org/atom-link\"/></item>\n"
      "<item><title>No link</title><description>text</description></item>\n"
      "<item><link>javascript:alert(1)</link></item>\n"));
  EXPECT_EQ(feed.kind, Feed::Kind::rss);
  EXPECT_EQ(urls(feed), (std::vector<std::string>{
                            "https://news.example.org/2003/06/10/one",
                            "https://news.example.org/by-guid",
                            "https://news.example.org/relative/story?a=1&b=2",
                            "https://news.example.org/original",
                            "https://news.example.org/atom-link",
                        }));
  EXPECT_EQ(feed.invalid, 4u);
  EXPECT_FALSE(feed.truncated);
  EXPECT_EQ(seconds(feed.items[0]), 1055217600);
  EXPECT_EQ(seconds(feed.items[1]), -1);
  EXPECT_EQ(seconds(feed.items[2]), 1055217600);
}

TEST(Feed, Rss1Rdf) {
  const Feed feed = parse_ok(
      "<?xml version=\"1.0\"?>\n"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
      "         xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
      "<channel rdf:about=\"https://news.example.org/\"><title>News</title>"
      "<link>https://news.example.org/</link>\n"
      "<items><rdf:Seq><rdf:li resource=\"https://news.example.org/a\"/></rdf:Seq></items>"
      "</channel>\n"
      "<item rdf:about=\"https://news.example.org/a-about\"><title>A</title>"
      "<link>https://news.example.org/a</link><dc:date>2003-12-13T18:30:02Z</dc:date></item>\n"
      "<item rdf:about=\"https://news.example.org/b\"><title>B</title></item>\n"
      "</rdf:RDF>\n");
  EXPECT_EQ(feed.kind, Feed::Kind::rdf);
  EXPECT_EQ(urls(feed),
            (std::vector<std::string>{"https://news.example.org/a", "https://news.example.org/b"}));
  EXPECT_EQ(seconds(feed.items[0]), 1071340202);
}

TEST(Feed, Atom) {
  const Feed feed = parse_ok(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://blog.example.net/base/\">\n"
      "<title>Example</title><link href=\"/\"/><updated>2003-12-13T18:30:02Z</updated>\n"
      "<entry><title>Plain</title><link href=\"https://blog.example.net/2003/12/13/atom03\"/>"
      "<id>urn:uuid:1225c695</id><updated>2003-12-13T18:30:02Z</updated></entry>\n"
      "<entry><link rel=\"self\" href=\"/self\"/><link rel=\"enclosure\" href=\"/a.mp3\"/>"
      "<link rel=\"alternate\" type=\"application/pdf\" href=\"/doc.pdf\"/>"
      "<link rel=\"alternate\" type=\"text/html\" href=\"relative/page.html\"/>"
      "<published>2005-07-31T12:29:29Z</published><updated>2006-01-01T00:00:00Z</updated>"
      "</entry>\n"
      "<entry xml:base=\"https://other.example/dir/\"><link href=\"../up?x=1&amp;y=2\"/>"
      "<source><link href=\"https://source.example/\"/></source></entry>\n"
      "<entry><link rel=\"alternate\" type=\"application/pdf\" href=\"/only.pdf\"/></entry>\n"
      "<entry><link xml:base=\"sub/\" href=\"leaf\"/></entry>\n"
      "<entry><title>No link</title><id>https://blog.example.net/not-used</id></entry>\n"
      "</feed>\n");
  EXPECT_EQ(feed.kind, Feed::Kind::atom);
  EXPECT_EQ(urls(feed), (std::vector<std::string>{
                            "https://blog.example.net/2003/12/13/atom03",
                            "https://blog.example.net/base/relative/page.html",
                            "https://other.example/up?x=1&y=2",
                            "https://blog.example.net/only.pdf",
                            "https://blog.example.net/base/sub/leaf",
                        }));
  EXPECT_EQ(feed.invalid, 1u);
  EXPECT_EQ(seconds(feed.items[0]), 1071340202);  // updated, for want of published
  EXPECT_EQ(seconds(feed.items[1]), 1122812969);  // published wins
  EXPECT_EQ(seconds(feed.items[2]), -1);
}

TEST(Feed, Atom03AndUnnamespacedAtom) {
  const Feed old = parse_ok(
      "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\">"
      "<entry><link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/x\"/>"
      "<issued>2003-12-13T18:30:02Z</issued><modified>2004-01-01T00:00:00Z</modified></entry>"
      "</feed>");
  ASSERT_EQ(urls(old), std::vector<std::string>{"https://example.org/x"});
  EXPECT_EQ(seconds(old.items[0]), 1071340202);
  const Feed plain = parse_ok("<feed><entry><link href=\"https://example.org/y\"/></entry></feed>");
  EXPECT_EQ(urls(plain), std::vector<std::string>{"https://example.org/y"});
}

TEST(Feed, GzipAndBomb) {
  EXPECT_EQ(urls(parse_ok(test::gzip(rss("<item><link>https://example.org/z</link></item>")))),
            std::vector<std::string>{"https://example.org/z"});
  const Result<Feed> bomb = parse_feed(test::gzip_zeros(kMaxFeedBytes + 1), kOrigin);
  ASSERT_FALSE(bomb.ok());
  EXPECT_EQ(bomb.error().code, "too_large");
}

TEST(Feed, ItemCap) {
  std::string items;
  for (std::size_t i = 0; i < kMaxFeedItems + 5; ++i) {
    items += "<item><link>https://example.org/" + std::to_string(i) + "</link></item>";
  }
  const Feed feed = parse_ok(rss(items));
  EXPECT_TRUE(feed.truncated);
  ASSERT_EQ(feed.items.size(), kMaxFeedItems);
  EXPECT_EQ(feed.items.back().url, "https://example.org/" + std::to_string(kMaxFeedItems - 1));
}

TEST(Feed, EntityAttacks) {
  test::TempDir dir;
  const std::string secret = dir.write("secret.txt", "TOP-SECRET-MARKER");
  std::string laughs = "<!DOCTYPE feed [<!ENTITY a \"aaaaaaaaaa\">";
  for (char c = 'b'; c <= 'k'; ++c) {
    laughs += std::string("<!ENTITY ") + c + " \"";
    for (int i = 0; i < 10; ++i) laughs += std::string("&") + static_cast<char>(c - 1) + ";";
    laughs += "\">";
  }
  laughs += "]>";
  const std::vector<std::string> attacks = {
      laughs + "<feed><entry><link href=\"https://example.org/&k;\"/></entry></feed>",
      laughs + "<rss><channel><item><link>https://example.org/&k;</link></item></channel></rss>",
      "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://" + secret +
          "\">]>"
          "<rss><channel><item><link>https://example.org/&xxe;</link></item></channel></rss>",
      "<!DOCTYPE feed [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
      "<feed><entry><link href=\"https://example.org/&xxe;\"/></entry></feed>",
  };
  for (const std::string& xml : attacks) {
    const auto start = std::chrono::steady_clock::now();
    const Result<Feed> result = parse_feed(xml, kOrigin);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
    ASSERT_TRUE(result.ok()) << result.error().describe() << "\n" << xml;
    ASSERT_EQ(result.value().items.size(), 1u) << xml;
    EXPECT_EQ(result.value().items[0].url, "https://example.org/") << xml;
  }
}

TEST(Feed, WrongDocumentKinds) {
  const Result<Feed> sitemap =
      parse_feed("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"/>", kOrigin);
  ASSERT_FALSE(sitemap.ok());
  EXPECT_EQ(sitemap.error().code, "not_a_feed");
  EXPECT_NE(sitemap.error().message.find("sitemap"), std::string::npos);
  EXPECT_EQ(parse_error("<html><head><title>x</title></head></html>"), "not_a_feed");
  EXPECT_EQ(parse_error("just some text"), "invalid_xml");
  EXPECT_EQ(parse_error(""), "empty");
  EXPECT_EQ(parse_error(std::string(100, '\0')), "invalid_xml");
  // A cut-off feed keeps its complete items.
  const Feed cut = parse_ok(
      "<rss><channel><item><link>https://example.org/a</link></item><item><link>https://exa");
  EXPECT_EQ(urls(cut), std::vector<std::string>{"https://example.org/a"});
  EXPECT_EQ(parse_error("<rss><channel><item><title>x"), "invalid_xml");
  EXPECT_TRUE(parse_ok(rss("")).items.empty());
}

TEST(Feed, InvalidUtf8AndNulBytes) {
  const Result<Feed> bad = parse_feed(rss("<item><link>https://example.org/ok</link></item>"
                                          "<item><link>https://example.org/\xC3\x28</link></item>"),
                                      kOrigin);
  if (bad.ok()) {
    ASSERT_FALSE(bad.value().items.empty());
    EXPECT_EQ(bad.value().items[0].url, "https://example.org/ok");
    for (const FeedItem& item : bad.value().items) {
      for (const char c : item.url) EXPECT_LT(static_cast<unsigned char>(c), 0x80u) << item.url;
    }
  } else {
    EXPECT_EQ(bad.error().code, "invalid_xml");
  }
  std::string with_nul = rss("<item><link>https://example.org/ok</link></item>");
  with_nul.insert(with_nul.find("</channel>"), std::string("<item><link>a\0b</link></item>", 29));
  const Result<Feed> nul = parse_feed(with_nul, kOrigin);
  ASSERT_TRUE(nul.ok()) << nul.error().describe();
  EXPECT_EQ(nul.value().items.at(0).url, "https://example.org/ok");
}

TEST(Feed, Sniffing) {
  EXPECT_TRUE(looks_like_feed(rss("")));
  EXPECT_TRUE(looks_like_feed("<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\"></rdf:RDF>"));
  EXPECT_TRUE(looks_like_feed("\n<!-- x -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
  EXPECT_TRUE(looks_like_feed(test::gzip(rss(""))));
  EXPECT_FALSE(looks_like_feed("<urlset></urlset>"));
  EXPECT_FALSE(looks_like_feed("<html></html>"));
  EXPECT_FALSE(looks_like_feed("https://example.org/a\n"));
  EXPECT_FALSE(looks_like_feed(""));
}

}  // namespace
}  // namespace vigil::crawl
