#include "crawl/sitemap.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "gzip_for_test.h"
#include "support/temp_dir.h"

namespace vigil::crawl {
namespace {

constexpr const char* kOrigin = "https://example.org/sitemap.xml";

std::vector<std::string> urls(const Sitemap& sitemap) {
  std::vector<std::string> out;
  for (const SitemapEntry& entry : sitemap.entries) out.push_back(entry.url);
  return out;
}

Sitemap parse_ok(std::string_view bytes) {
  Result<Sitemap> result = parse_sitemap(bytes, kOrigin);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().describe());
  return result.ok() ? std::move(result).value() : Sitemap{};
}

std::string parse_error(std::string_view bytes) {
  const Result<Sitemap> result = parse_sitemap(bytes, kOrigin);
  if (result.ok()) return "ok";
  EXPECT_EQ(result.error().context, kOrigin);
  return result.error().code;
}

std::string urlset(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n" +
         body + "</urlset>\n";
}

TEST(Sitemap, UrlsetWithLastmod) {
  const Sitemap sitemap = parse_ok(urlset(
      "<url><loc>https://example.org/a</loc><lastmod>2021-06-03</lastmod>"
      "<changefreq>daily</changefreq><priority>0.8</priority></url>\n"
      "<url>\n  <loc>\n    https://example.org/b?x=1&amp;y=2\n  </loc>\n"
      "  <lastmod> 2021-06-03T10:20:30+02:00 </lastmod>\n</url>\n"
      "<url><loc><![CDATA[https://example.org/c]]></loc><lastmod>not a date</lastmod></url>\n"));
  EXPECT_EQ(sitemap.kind, Sitemap::Kind::urlset);
  EXPECT_FALSE(sitemap.truncated);
  EXPECT_EQ(sitemap.invalid, 0u);
  ASSERT_EQ(urls(sitemap),
            (std::vector<std::string>{"https://example.org/a", "https://example.org/b?x=1&y=2",
                                      "https://example.org/c"}));
  EXPECT_EQ(sitemap.entries[0].lastmod, "2021-06-03");
  ASSERT_TRUE(sitemap.entries[0].modified.has_value());
  EXPECT_EQ(sitemap.entries[0].modified->time_since_epoch().count(), 1622678400);
  EXPECT_EQ(sitemap.entries[1].lastmod, "2021-06-03T10:20:30+02:00");
  ASSERT_TRUE(sitemap.entries[1].modified.has_value());
  EXPECT_EQ(sitemap.entries[1].modified->time_since_epoch().count(), 1622678400 + 8 * 3600 + 1230);
  EXPECT_EQ(sitemap.entries[2].lastmod, "not a date");
  EXPECT_FALSE(sitemap.entries[2].modified.has_value());
}

TEST(Sitemap, NamespacedPrefixedAndPlainFilesAllWork) {
  const std::string plain = "<urlset><url><loc>http://example.org/1</loc></url></urlset>";
  const std::string prefixed =
      "<sm:urlset xmlns:sm=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<sm:url><sm:loc>http://example.org/1</sm:loc></sm:url></sm:urlset>";
  const std::string old_google =
      "<urlset xmlns=\"http://www.google.com/schemas/sitemap/0.84\">"
      "<url><loc>http://example.org/1</loc></url></urlset>";
  for (const std::string& xml :
       {plain, prefixed, old_google, urlset("<url><loc>http://example.org/1</loc></url>")}) {
    EXPECT_EQ(urls(parse_ok(xml)), std::vector<std::string>{"http://example.org/1"}) << xml;
  }
}

TEST(Sitemap, SitemapIndex) {
  const Sitemap sitemap = parse_ok(
      "<?xml version=\"1.0\"?>\n"
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
      "<sitemap><loc>https://example.org/sitemap-2021.xml.gz</loc>"
      "<lastmod>2021-07-01T00:00:00Z</lastmod></sitemap>\n"
      "<sitemap><loc>/sitemap-2020.xml</loc></sitemap>\n"
      "<url><loc>https://example.org/not-an-index-entry</loc></url>\n"
      "</sitemapindex>\n");
  EXPECT_EQ(sitemap.kind, Sitemap::Kind::index);
  EXPECT_EQ(urls(sitemap), (std::vector<std::string>{"https://example.org/sitemap-2021.xml.gz",
                                                     "https://example.org/sitemap-2020.xml"}));
  EXPECT_EQ(sitemap.entries[0].lastmod, "2021-07-01T00:00:00Z");
}

TEST(Sitemap, ExtensionsAreIgnoredExceptTheNewsDate) {
  const Sitemap sitemap = parse_ok(
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"\n"
      "  xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\"\n"
      "  xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n"
      "<url>\n"
      "  <image:image><image:loc>https://example.org/photo.jpg</image:loc></image:image>\n"
      "  <loc>https://example.org/story</loc>\n"
      "  <news:news><news:publication><news:name>Example</news:name></news:publication>\n"
      "    <news:publication_date>2008-12-23T08:00:00+01:00</news:publication_date>\n"
      "    <news:title>A story</news:title></news:news>\n"
      "</url>\n"
      "</urlset>\n");
  ASSERT_EQ(urls(sitemap), std::vector<std::string>{"https://example.org/story"});
  ASSERT_TRUE(sitemap.entries[0].published.has_value());
  EXPECT_EQ(sitemap.entries[0].published->time_since_epoch().count(), 1230015600);
  EXPECT_FALSE(sitemap.entries[0].modified.has_value());
}

TEST(Sitemap, LocsAreResolvedAndBadOnesCounted) {
  const Sitemap sitemap =
      parse_ok(urlset("<url><loc>/relative/page</loc></url>\n"
                      "<url><loc>HTTPS://EXAMPLE.org:443/a/../b#top</loc></url>\n"
                      "<url><loc>javascript:alert(1)</loc></url>\n"
                      "<url><loc>ftp://example.org/file</loc></url>\n"
                      "<url><loc>   </loc></url>\n"
                      "<url><lastmod>2021-01-01</lastmod></url>\n"
                      "<url><loc>https://example.org/caf\xC3\xA9 menu</loc></url>\n"));
  EXPECT_EQ(urls(sitemap),
            (std::vector<std::string>{"https://example.org/relative/page", "https://example.org/b",
                                      "https://example.org/caf%C3%A9%20menu"}));
  EXPECT_EQ(sitemap.invalid, 4u);
}

TEST(Sitemap, DeclaredEncodingIsHonoured) {
  const Sitemap sitemap = parse_ok(
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
      "<urlset><url><loc>https://example.org/caf\xE9</loc></url></urlset>");
  EXPECT_EQ(urls(sitemap), std::vector<std::string>{"https://example.org/caf%C3%A9"});
}

TEST(Sitemap, GzipCompressed) {
  const Sitemap sitemap =
      parse_ok(test::gzip(urlset("<url><loc>https://example.org/zipped</loc></url>")));
  EXPECT_EQ(urls(sitemap), std::vector<std::string>{"https://example.org/zipped"});
  EXPECT_EQ(parse_error(test::gzip(urlset("")).substr(0, 20)), "truncated_gzip");
}

TEST(Sitemap, GzipBombFailsClearly) {
  const std::string bomb = test::gzip_zeros(kMaxSitemapBytes + (1u << 20));
  const auto start = std::chrono::steady_clock::now();
  const Result<Sitemap> result = parse_sitemap(bomb, kOrigin);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "too_large");
  EXPECT_EQ(result.error().context, kOrigin);
  EXPECT_NE(result.error().message.find("decompression bomb"), std::string::npos);
}

TEST(Sitemap, OversizedPlainFileIsRefused) {
  std::string big = urlset("<url><loc>https://example.org/a</loc></url>");
  big.resize(kMaxSitemapBytes + 1, ' ');
  EXPECT_EQ(parse_error(big), "too_large");
}

TEST(Sitemap, EntriesBeyondTheProtocolLimitAreCutOff) {
  std::string body;
  for (std::size_t i = 0; i < kMaxSitemapEntries + 10; ++i) {
    body += "<url><loc>https://example.org/p" + std::to_string(i) + "</loc></url>\n";
  }
  const Sitemap sitemap = parse_ok(urlset(body));
  EXPECT_TRUE(sitemap.truncated);
  ASSERT_EQ(sitemap.entries.size(), kMaxSitemapEntries);
  EXPECT_EQ(sitemap.entries.back().url,
            "https://example.org/p" + std::to_string(kMaxSitemapEntries - 1));

  std::string exact;
  for (std::size_t i = 0; i < kMaxSitemapEntries; ++i) {
    exact += "https://example.org/t" + std::to_string(i) + "\n";
  }
  const Sitemap text = parse_ok(exact);
  EXPECT_FALSE(text.truncated);
  EXPECT_EQ(text.entries.size(), kMaxSitemapEntries);
  const Sitemap text_over = parse_ok(exact + "https://example.org/one-more\n");
  EXPECT_TRUE(text_over.truncated);
  EXPECT_EQ(text_over.entries.size(), kMaxSitemapEntries);
}

TEST(Sitemap, BillionLaughsExpandsNothing) {
  std::string doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    doctype += "<!ENTITY lol" + std::to_string(i) + " \"";
    const std::string previous = i == 1 ? "lol" : "lol" + std::to_string(i - 1);
    for (int k = 0; k < 10; ++k) doctype += "&" + previous + ";";
    doctype += "\">\n";
  }
  doctype += "]>\n";
  const std::string xml = doctype +
                          "<urlset><url><loc>https://example.org/&lol9;</loc></url>"
                          "<url><loc>https://example.org/after</loc></url></urlset>\n";
  const auto start = std::chrono::steady_clock::now();
  const Result<Sitemap> result = parse_sitemap(xml, kOrigin);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  ASSERT_TRUE(result.ok()) << result.error().describe();
  for (const SitemapEntry& entry : result.value().entries) {
    EXPECT_EQ(entry.url.find("lol"), std::string::npos) << entry.url;
  }
  EXPECT_EQ(urls(result.value()),
            (std::vector<std::string>{"https://example.org/", "https://example.org/after"}));
}

TEST(Sitemap, ExternalEntitiesAreNeverRead) {
  test::TempDir dir;
  const std::string secret = dir.write("secret.txt", "TOP-SECRET-MARKER");
  dir.write("evil.dtd", "<!ENTITY leak SYSTEM \"file://" + secret + "\">");
  const std::vector<std::string> attacks = {
      // General external entity in content.
      "<!DOCTYPE urlset [<!ENTITY xxe SYSTEM \"file://" + secret +
          "\">]>"
          "<urlset><url><loc>https://example.org/&xxe;</loc></url></urlset>",
      "<!DOCTYPE urlset [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
      "<urlset><url><loc>https://example.org/&xxe;</loc></url></urlset>",
      // Parameter entity pulling in a DTD that defines the entity.
      "<!DOCTYPE urlset [<!ENTITY % dtd SYSTEM \"file://" + dir.file("evil.dtd") +
          "\"> %dtd;]>"
          "<urlset><url><loc>https://example.org/&leak;</loc></url></urlset>",
      // External DTD subset.
      "<!DOCTYPE urlset SYSTEM \"file://" + dir.file("evil.dtd") +
          "\">"
          "<urlset><url><loc>https://example.org/&leak;</loc></url></urlset>",
  };
  for (const std::string& xml : attacks) {
    const Result<Sitemap> result = parse_sitemap(xml, kOrigin);
    ASSERT_TRUE(result.ok()) << result.error().describe() << "\n" << xml;
    ASSERT_EQ(urls(result.value()), std::vector<std::string>{"https://example.org/"}) << xml;
  }
}

TEST(Sitemap, InvalidUtf8AndNulBytesDoNotBreakParsing) {
  const Result<Sitemap> bad_utf8 =
      parse_sitemap(urlset("<url><loc>https://example.org/ok</loc></url>"
                           "<url><loc>https://example.org/bad\xFF\xFE</loc></url>"),
                    kOrigin);
  if (bad_utf8.ok()) {
    for (const SitemapEntry& entry : bad_utf8.value().entries) {
      for (const char c : entry.url) EXPECT_LT(static_cast<unsigned char>(c), 0x80u) << entry.url;
    }
    EXPECT_EQ(bad_utf8.value().entries.at(0).url, "https://example.org/ok");
  } else {
    EXPECT_EQ(bad_utf8.error().code, "invalid_xml");
  }

  std::string with_nul = urlset("<url><loc>https://example.org/ok</loc></url>");
  with_nul.insert(with_nul.find("</urlset>"), std::string("<url><loc>x\0y</loc></url>", 25));
  const Result<Sitemap> nul = parse_sitemap(with_nul, kOrigin);
  ASSERT_TRUE(nul.ok()) << nul.error().describe();
  EXPECT_EQ(nul.value().entries.at(0).url, "https://example.org/ok");
  EXPECT_EQ(parse_error(std::string(1000, '\0')), "not_a_sitemap");
}

TEST(Sitemap, MalformedXmlKeepsWhatItCan) {
  const Sitemap sitemap = parse_ok(
      "<urlset><url><loc>https://example.org/a?x=1&y=2</loc></url>"
      "<url><loc>https://example.org/b</loc></url>");  // bare "&", no closing tag
  EXPECT_EQ(urls(sitemap).at(0).substr(0, 22), "https://example.org/a?");
  EXPECT_EQ(urls(sitemap).back(), "https://example.org/b");
  EXPECT_EQ(parse_error("<urlset><url><loc"), "invalid_xml");
  EXPECT_EQ(parse_error("<?xml version=\"1.0\"?><"), "invalid_xml");
}

TEST(Sitemap, WrongDocumentKinds) {
  const Result<Sitemap> feed = parse_sitemap("<rss version=\"2.0\"><channel/></rss>", kOrigin);
  ASSERT_FALSE(feed.ok());
  EXPECT_EQ(feed.error().code, "not_a_sitemap");
  EXPECT_NE(feed.error().message.find("feed"), std::string::npos) << feed.error().message;
  EXPECT_EQ(parse_error("<!DOCTYPE html><html><body>Not found</body></html>"), "not_a_sitemap");
  EXPECT_EQ(parse_error("Not found\n"), "not_a_sitemap");
  EXPECT_EQ(parse_error(""), "empty");
  EXPECT_EQ(parse_error(" \n\t\n"), "empty");
  EXPECT_EQ(parse_error(test::gzip("")), "empty");
  // A well-formed sitemap without entries is fine.
  EXPECT_TRUE(parse_ok(urlset("")).entries.empty());
}

TEST(Sitemap, TextSitemap) {
  const Sitemap sitemap = parse_ok(
      "\xEF\xBB\xBFhttps://example.org/one\r\n"
      "\r\n"
      "  http://EXAMPLE.org/two#frag  \n"
      "/relative/is-not-allowed\n"
      "mailto:someone@example.org\n"
      "https://example.org/three");
  EXPECT_EQ(sitemap.kind, Sitemap::Kind::urlset);
  EXPECT_EQ(urls(sitemap),
            (std::vector<std::string>{"https://example.org/one", "http://example.org/two",
                                      "https://example.org/three"}));
  EXPECT_EQ(sitemap.invalid, 2u);
  EXPECT_EQ(urls(parse_ok(test::gzip("https://example.org/gz\n"))),
            std::vector<std::string>{"https://example.org/gz"});
}

TEST(Sitemap, Sniffing) {
  EXPECT_TRUE(looks_like_sitemap(urlset("")));
  EXPECT_TRUE(looks_like_sitemap(
      "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- generated -->\n<?xml-stylesheet href=\"s.xsl\"?>"
      "<!DOCTYPE x [<!ENTITY a \"<b>\">]>\n<sm:sitemapindex xmlns:sm=\"x\">"));
  EXPECT_TRUE(looks_like_sitemap(test::gzip(urlset(""))));
  EXPECT_TRUE(looks_like_sitemap("\n\nhttps://example.org/a\nhttps://example.org/b\n"));
  EXPECT_TRUE(looks_like_sitemap(test::gzip("https://example.org/a\n")));
  EXPECT_FALSE(looks_like_sitemap("<rss version=\"2.0\"><channel></channel></rss>"));
  EXPECT_FALSE(looks_like_sitemap("<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>"));
  EXPECT_FALSE(looks_like_sitemap("<!DOCTYPE html><html></html>"));
  EXPECT_FALSE(looks_like_sitemap("Not found\n"));
  EXPECT_FALSE(looks_like_sitemap(""));
  EXPECT_FALSE(looks_like_sitemap("<urlset"));
}

}  // namespace
}  // namespace vigil::crawl
