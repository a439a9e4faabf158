#include "extract/html_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "extract/html_charset.h"
#include "html_test_support.h"
#include "vigil/text.h"

namespace vigil::extract {
namespace {

std::string page(std::string_view head, std::string_view body) {
  return "<!DOCTYPE html><html><head>" + std::string(head) + "</head><body>" + std::string(body) +
         "</body></html>";
}

// ---------------------------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------------------------

TEST(HtmlReader, ModifiedSectionAndDescription) {
  const Article a =
      article(page("<meta property='article:published_time' content='2021-06-03T09:00:00Z'>"
                   "<meta property='article:modified_time' content='2021-06-05T10:00:00+02:00'>"
                   "<meta name='description' content='Plain description'>"
                   "<meta property='og:description' content='  Open Graph   description '>"
                   "<meta property='article:section' content='World'>",
                   "<p>Text.</p>"));
  ASSERT_TRUE(a.published);
  EXPECT_EQ(a.published->iso(), "2021-06-03");
  ASSERT_TRUE(a.modified);
  EXPECT_EQ(a.modified->iso(), "2021-06-05");
  EXPECT_EQ(a.description, "Open Graph description");  // og:description outranks description
  EXPECT_EQ(a.section, "World");
}

TEST(HtmlReader, ModifiedFromJsonLdAndTimeElement) {
  const Article json_ld = article(
      page("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": "
           "\"2020-01-02\", \"dateModified\": \"2020-01-09T08:00:00Z\"}</script>"
           "<meta property='og:updated_time' content='2020-03-01'>",
           "<p>Text.</p>"));
  ASSERT_TRUE(json_ld.modified);
  EXPECT_EQ(json_ld.modified->iso(), "2020-01-09");  // JSON-LD first
  ASSERT_TRUE(json_ld.published);
  EXPECT_EQ(json_ld.published->iso(), "2020-01-02");
  const Article time =
      article(page("", "<time itemprop=dateModified datetime=2019-05-06>6 May</time><p>Text.</p>"));
  ASSERT_TRUE(time.modified);
  EXPECT_EQ(time.modified->iso(), "2019-05-06");
  EXPECT_FALSE(time.published) << "a modification date is not a publication date";
}

TEST(HtmlReader, JsonLdHeadlineAndAuthorsComeBeforeTitleAndMetaAuthor) {
  const Article a = article(
      page("<title>Site front page</title><meta name=author content='Site Editor'>"
           "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": "
           "\"Detainees released\", \"author\": [{\"name\": \"Jane Doe\"}, \"John Roe\"]}</script>",
           "<p>Text.</p>"));
  EXPECT_EQ(a.title, "Detainees released");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Jane Doe", "John Roe"}));
}

TEST(HtmlReader, NoModifiedDescriptionOrSectionWhenAbsent) {
  const Article a = article(page("<title>T</title>", "<p>Text.</p>"));
  EXPECT_FALSE(a.modified);
  EXPECT_TRUE(a.description.empty());
  EXPECT_TRUE(a.section.empty());
}

struct TitleCase {
  const char* head;
  const char* body;
  const char* title;
};

class HtmlTitle : public testing::TestWithParam<TitleCase> {};

TEST_P(HtmlTitle, PrefersOpenGraphThenTitleThenH1) {
  EXPECT_EQ(article(page(GetParam().head, GetParam().body)).title, GetParam().title);
}

INSTANTIATE_TEST_SUITE_P(
    Table, HtmlTitle,
    testing::Values(
        TitleCase{"<title>Doc - Site</title><meta property='og:title' content=' Open  Graph '>",
                  "<h1>Heading</h1>", "Open Graph"},
        TitleCase{"<title>\n  Doc &amp;\n Title </title>", "<h1>Heading</h1>", "Doc & Title"},
        TitleCase{"", "<p>intro</p><h1> First <em>heading</em></h1><h1>Second</h1>",
                  "First heading"},
        TitleCase{"<meta property='og:title' content=''><title>Fallback</title>", "<p>x</p>",
                  "Fallback"},
        TitleCase{"", "<svg><title>icon</title></svg><p>text only</p>", ""}));

struct DateCase {
  const char* head;
  const char* body;
  const char* iso;  // nullptr: no date
};

class HtmlDate : public testing::TestWithParam<DateCase> {};

TEST_P(HtmlDate, ReadsCommonMetaTags) {
  const Article a = article(page(GetParam().head, GetParam().body));
  if (GetParam().iso == nullptr) {
    EXPECT_FALSE(a.published.has_value()) << a.published->iso();
  } else {
    ASSERT_TRUE(a.published.has_value());
    EXPECT_EQ(a.published->iso(), GetParam().iso);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, HtmlDate,
    testing::Values(
        DateCase{"<meta property='article:published_time' content='2015-07-24T05:36:09+01:00'>",
                 "<p>x</p>", "2015-07-24"},
        DateCase{"<meta itemprop='datePublished' content='2019-04-28'>", "<p>x</p>", "2019-04-28"},
        DateCase{"<meta name='DC.date.issued' content='2001-03'>", "<p>x</p>", "2001-03"},
        DateCase{"<meta property='dc:date' content='2001-03-04'>", "<p>x</p>", "2001-03-04"},
        DateCase{"<meta name='dcterms.created' content='1999'>", "<p>x</p>", "1999"},
        DateCase{"<meta name='parsely-pub-date' content='2024-04-20T04:20:00.000Z'>", "<p>x</p>",
                 "2024-04-20"},
        DateCase{"<meta name='sailthru.date' content='2013-09-11 10:00:00'>", "<p>x</p>",
                 "2013-09-11"},
        DateCase{"<meta name='pubdate' content='2012-01-02'>", "<p>x</p>", "2012-01-02"},
        DateCase{"<meta name='publish-date' content='2012-01-03'>", "<p>x</p>", "2012-01-03"},
        DateCase{"<meta name='date' content='2012-01-04'>", "<p>x</p>", "2012-01-04"},
        // The most specific tag wins, wherever it appears.
        DateCase{"<meta name='date' content='2000-01-01'>"
                 "<meta property='article:published_time' content='2010-10-10'>",
                 "<p>x</p>", "2010-10-10"},
        // schema.org JSON-LD outranks the meta tags.
        DateCase{"<meta property='article:published_time' content='2024-12-07T12:43:39Z'>"
                 "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
                 "\"datePublished\" : \"2024-12-06T22:00:40.000Z\"}</script>",
                 "<p>x</p>", "2024-12-06"},
        // An unparsable tag does not hide a later good one.
        DateCase{"<meta property='article:published_time' content='yesterday'>"
                 "<meta name='date' content='2011-11-11'>",
                 "<p>x</p>", "2011-11-11"},
        DateCase{"", "<p>Posted <time datetime='2017-12-15T08:50:02-05:00'>Friday</time></p>",
                 "2017-12-15"},
        DateCase{"<meta name='date' content='2001-01-01'>",
                 "<p><time datetime='2017-12-15'>Friday</time></p>", "2001-01-01"},
        DateCase{"<meta name='date' content='June 3, 2021'>", "<p>x</p>", nullptr},
        DateCase{"", "<p>2021-06-03 in the text is not a date tag</p>", nullptr}));

TEST(HtmlReader, ReadsAuthorsConservatively) {
  const Article a =
      article(page("<meta name='author' content=' Jane  Doe '>"
                   "<meta property='article:author' content='https://www.facebook.com/janedoe'>"
                   "<meta property='article:author' content='JANE DOE'>"
                   "<meta name='dc.creator' content='Richard Roe and Mary Major'>"
                   "<meta property='dc:creator' content='Juan Perez'>",
                   "<p>x</p>"));
  EXPECT_EQ(a.authors,
            (std::vector<std::string>{"Jane Doe", "Richard Roe and Mary Major", "Juan Perez"}));
}

struct LangCase {
  const char* html_attributes;
  const char* head;
  const char* language;
};

class HtmlLanguage : public testing::TestWithParam<LangCase> {};

TEST_P(HtmlLanguage, KeepsThePrimarySubtag) {
  const std::string html = "<html " + std::string(GetParam().html_attributes) + "><head>" +
                           GetParam().head + "</head><body><p>x</p></body></html>";
  EXPECT_EQ(article(html).language, GetParam().language);
}

INSTANTIATE_TEST_SUITE_P(
    Table, HtmlLanguage,
    testing::Values(LangCase{"lang='en-GB'", "<meta property='og:locale' content='fr_FR'>", "en"},
                    LangCase{"lang='DE'", "", "de"}, LangCase{"xml:lang='cs'", "", "cs"},
                    LangCase{"", "<meta http-equiv='Content-Language' content='fr-CA, en'>", "fr"},
                    LangCase{"", "<meta property='og:locale' content='pt_BR'>", "pt"},
                    LangCase{"lang='zh-Hant-TW'", "", "zh"},
                    LangCase{"lang='english'", "<meta property='og:locale' content='en_US'>", "en"},
                    LangCase{"lang=''", "", ""}, LangCase{"lang='und'", "", ""}));

TEST(HtmlReader, CanonicalLinkSetsUrlButNotKey) {
  const Article a =
      article(page("<link rel='stylesheet' href='https://cdn.example.org/s.css'>"
                   "<link rel='Canonical' href=' https://example.org/story?id=1&amp;p=2 '>"
                   "<link rel='canonical' href='https://example.org/second'>",
                   "<p>x</p>"));
  EXPECT_EQ(a.key, "file:///page.html");
  EXPECT_EQ(a.url, "https://example.org/story?id=1&p=2");
  EXPECT_EQ(a.origin, "page.html");
}

TEST(HtmlReader, RelativeCanonicalResolvesAgainstAWebPageOnly) {
  const std::string html = page("<link rel='canonical' href='/story?id=1#top'>", "<p>x</p>");
  EXPECT_EQ(article(html).url, "file:///page.html");  // a file has no site to resolve against
  const Result<Article> web = read(html, "https://Example.org/story?id=1&utm_source=feed");
  ASSERT_TRUE(web.ok());
  EXPECT_EQ(web.value().url, "https://example.org/story?id=1");
  EXPECT_EQ(web.value().key, "https://Example.org/story?id=1&utm_source=feed");
}

TEST(HtmlReader, SourceIsTheSiteName) {
  EXPECT_EQ(article(page("<meta property='og:site_name' content='BBC News'>", "<p>x</p>")).source,
            "BBC News");
  EXPECT_EQ(article(page("", "<p>x</p>")).source, "");
}

// ---------------------------------------------------------------------------------------------
// Visible text

struct TextCase {
  const char* name;
  const char* body;
  const char* text;
};

void PrintTo(const TextCase& c, std::ostream* out) { *out << c.name; }

class HtmlText : public testing::TestWithParam<TextCase> {};

TEST_P(HtmlText, KeepsVisibleTextInParagraphs) {
  EXPECT_EQ(article(page("<title>T</title><style>p{}</style>", GetParam().body)).main_text,
            GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    Table, HtmlText,
    testing::Values(
        TextCase{"paragraphs", "<p>One\n  two</p>\n<p>Three</p>", "One two\n\nThree"},
        TextCase{"inline", "<p>in<b>line</b> <i>words</i>, <a href='#'>link</a></p>",
                 "inline words, link"},
        TextCase{"blocks", "<div>a<div>b</div>c</div><ul><li>d</li><li>e</li></ul>",
                 "a\n\nb\n\nc\n\nd\n\ne"},
        TextCase{"br", "<p>line one<br>line two<br><br><br>three</p>",
                 "line one\n\nline two\n\nthree"},
        TextCase{"headings", "<h1>Head</h1><h2>Sub</h2>text", "Head\n\nSub\n\ntext"},
        TextCase{"table", "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>",
                 "a\n\nb\n\nc"},
        TextCase{"empty paragraphs", "<p> </p><p>\n</p><div><p>only</p></div><p>&nbsp;</p>",
                 "only"},
        TextCase{"entities", "<p>caf&eacute; &amp; &#8220;quotes&#8221;&nbsp;&nbsp;x &lt;b&gt;</p>",
                 "caf\xC3\xA9 & \xE2\x80\x9Cquotes\xE2\x80\x9D x <b>"},
        TextCase{"script and style",
                 "<p>kept</p><script>var x = '<p>dropped</p>';</script><style>p{color:red}</style>"
                 "<p>also kept</p>",
                 "kept\n\nalso kept"},
        TextCase{"skipped elements",
                 "<p>a</p><noscript>enable JS</noscript><template><p>t</p></template>"
                 "<svg><text>s</text></svg><math><mi>x</mi></math><iframe>i</iframe>"
                 "<select><option>o</option></select><button>Share</button>"
                 "<textarea>typed</textarea><p>b</p>",
                 "a\n\nb"},
        TextCase{"hidden", "<p>shown</p><div hidden><p>secret</p></div>", "shown"},
        TextCase{"comments", "<p>a<!-- note -->b</p>", "ab"},
        TextCase{"pre collapses", "<pre>x  =  1\n\ny = 2</pre>", "x = 1 y = 2"},
        TextCase{"head text stays out", "<p>body</p>", "body"}));

TEST(HtmlReader, DropsScriptAndStyle) {
  const Article a = article(
      "<html><head><script>alert('head')</script><style>body{}</style><title>T</title></head>"
      "<body><script type='text/javascript'>document.write('x')</script><p>Visible</p>"
      "<style>.a{}</style></body></html>");
  EXPECT_EQ(a.main_text, "Visible");
}

TEST(HtmlReader, RecoversFromBrokenMarkup) {
  const Article a = article("<p>unclosed <b>bold <i>both</p><p>next</div></span> para");
  EXPECT_EQ(a.main_text, "unclosed bold both\n\nnext para");
}

TEST(HtmlReader, DeeplyNestedPageDoesNotOverflow) {
  std::string html = "<html><body>";
  for (int i = 0; i < 20000; ++i) html += "<div><span>";
  html += "deep";
  const Article a = article(html);
  EXPECT_NE(a.main_text.find("deep"), std::string::npos);
}

// NUL bytes past the binary sniff (the first KiB) used to end the parse: libxml2 2.9 stops there,
// and the rest of the article was lost without a word.
TEST(Regression, NulByteInAPageDoesNotEndIt) {
  std::string html = "<html><body><article><p>";
  for (int i = 0; i < 40; ++i) html += "Testimony was recorded and checked twice. ";
  html += "</p><p>before";
  html += '\0';
  html += "after the nul</p><p>last paragraph</p></article></body></html>";
  const Article a = article(html);
  EXPECT_NE(a.main_text.find("beforeafter the nul"), std::string::npos) << a.main_text;
  EXPECT_NE(a.main_text.find("last paragraph"), std::string::npos) << a.main_text;
  EXPECT_EQ(a.main_text.find('\0'), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Character sets

TEST(HtmlReader, Latin1PageWithMetaCharset) {
  const Article a = article(
      "<html><head><meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>"
      "<title>Caf\xE9</title></head><body><p>na\xEFve \x93quoted\x94</p></body></html>");
  EXPECT_EQ(a.title, "Caf\xC3\xA9");
  // Browsers read ISO-8859-1 as windows-1252, which has curly quotes at 0x93 and 0x94.
  EXPECT_EQ(a.main_text, "na\xC3\xAFve \xE2\x80\x9Cquoted\xE2\x80\x9D");
}

TEST(HtmlReader, ShiftJisPageWithMetaCharset) {
  const Article a =
      article("<html><head><meta charset='shift_jis'></head><body><p>\x93\xFA\x96\x7B</p></body>");
  EXPECT_EQ(a.main_text, "\xE6\x97\xA5\xE6\x9C\xAC");  // 日本
}

TEST(HtmlReader, HttpCharsetOutranksMetaCharset) {
  // GBK bytes for 新疆 (Xinjiang), declared only by the HTTP header.
  const std::string gbk = "<html><body><p>\xD0\xC2\xBD\xAE</p></body></html>";
  const Result<Article> a =
      read_html(HtmlInput{gbk, "https://example.org/", "p", "text/html; charset=GBK"});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value().main_text, "\xE6\x96\xB0\xE7\x96\x86");
  // The header says windows-1252; the page's own meta tag (wrongly) says Shift_JIS.
  const std::string latin = "<html><head><meta charset='shift_jis'></head><body><p>caf\xE9</p>";
  const Result<Article> b = read_html(
      HtmlInput{latin, "https://example.org/", "p", "text/html;charset=\"windows-1252\""});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b.value().main_text, "caf\xC3\xA9");
}

TEST(HtmlCharset, ContentTypeCharset) {
  EXPECT_EQ(content_type_charset("text/html; charset=GBK"), "gbk");
  EXPECT_EQ(content_type_charset("text/html;charset=\"UTF-8\""), "utf-8");
  EXPECT_EQ(content_type_charset("text/html; Charset = iso-8859-1 ; q=1"), "iso-8859-1");
  EXPECT_EQ(content_type_charset("text/html"), "");
  EXPECT_EQ(content_type_charset(""), "");
  EXPECT_EQ(content_type_charset("text/html; charset="), "");
}

TEST(HtmlReader, UndeclaredUtf8StaysUtf8) {
  EXPECT_EQ(article("<p>\xE2\x80\x9C\xC3\xA9t\xC3\xA9\xE2\x80\x9D</p>").main_text,
            "\xE2\x80\x9C\xC3\xA9t\xC3\xA9\xE2\x80\x9D");
}

TEST(HtmlReader, ValidUtf8WinsOverAWrongDeclaration) {
  // Like the readability "qq" page: declared gb2312, written in UTF-8.
  const Article a =
      article("<html><head><meta charset='gb2312'></head><body><p>\xE6\x97\xA5</p></body>");
  EXPECT_EQ(a.main_text, "\xE6\x97\xA5");
}

TEST(HtmlReader, UndeclaredSingleByteTextIsReadAsWindows1252) {
  EXPECT_EQ(article("<p>caf\xE9 \x80 10</p>").main_text, "caf\xC3\xA9 \xE2\x82\xAC 10");
}

TEST(HtmlReader, StrayInvalidBytesDoNotGarbleTheRest) {
  const Article a = article(
      "<html><head><meta charset='utf-8'></head><body><p>\xC3\xA9 bad\xFF byte "
      "\xC3\xA9 \xE2\x80\x94 after</p></body></html>");
  EXPECT_TRUE(is_valid_utf8(a.main_text));
  EXPECT_EQ(a.main_text, "\xC3\xA9 bad\xEF\xBF\xBD byte \xC3\xA9 \xE2\x80\x94 after");
}

TEST(HtmlReader, NothingReachesStderr) {
  testing::internal::CaptureStderr();
  for (const char* html :
       {"<html><head><meta charset='shift_jis'></head><body><p>\x81\x39\xFF\xFE x</p>",
        "<html><head><meta charset='x-no-such-charset'></head><body><p>\xFF</p>",
        "<html><head><meta charset='utf-16'></head><body><p>x</p>", "<p>\xC3<<<</p>>>&&&;",
        "<!DOCTYPE html><html><body><p>a</p></body></html>extra</html><p>b"}) {
    (void)read(html);
  }
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

TEST(HtmlReader, ManyThreadsAtOnce) {
  const std::string html = page("<title>T</title>", "<p>a &amp; b</p><div>c</div>");
  std::vector<std::thread> threads;
  threads.reserve(4);
  std::vector<int> good(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const Result<Article> a = read(html);
        good[t] += a.ok() && a.value().main_text == "a & b\n\nc";
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(good, std::vector<int>(4, 200));
}

// ---------------------------------------------------------------------------------------------
// Errors

TEST(HtmlReader, EmptyInputIsNotHtml) {
  const Result<Article> result = read("");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "not_html");
  EXPECT_EQ(result.error().context, "page.html");
}

TEST(HtmlReader, BinaryDataIsNotHtml) {
  const std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10", 20);
  const Result<Article> result = read(png);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "not_html");
}

TEST(HtmlReader, PageWithoutTitleOrTextIsEmpty) {
  for (const char* html : {"<html><head></head><body></body></html>",
                           "<html><body><script>var a;</script><p> &nbsp; </p></body></html>",
                           "<html><head><meta name='date' content='2020-01-01'></head></html>"}) {
    const Result<Article> result = read(html);
    ASSERT_FALSE(result.ok()) << html;
    EXPECT_EQ(result.error().code, "empty_page") << html;
    EXPECT_EQ(result.error().context, "page.html");
  }
}

TEST(HtmlReader, TitleAloneIsEnough) {
  const Article a = article("<html><head><title>Only a title</title></head><body></body></html>");
  EXPECT_EQ(a.title, "Only a title");
  EXPECT_EQ(a.main_text, "");
}

// ---------------------------------------------------------------------------------------------
// Pages that are not articles

std::string link_list(int links, const char* href_prefix = "/story/") {
  std::string out = "<ul>";
  for (int i = 0; i < links; ++i) {
    out += "<li><a href='" + std::string(href_prefix) + std::to_string(i) + "'>Headline of story " +
           std::to_string(i) + "</a></li>";
  }
  return out + "</ul>";
}

struct KindCase {
  const char* name;
  std::string html;
  PageKind kind;
};

class HtmlPageKind : public testing::TestWithParam<KindCase> {};

TEST_P(HtmlPageKind, TellsArticlesFromOtherPages) {
  const Result<PageReading> page =
      read_page(HtmlInput{GetParam().html, "file:///p.html", "p.html"});
  ASSERT_TRUE(page.ok()) << page.error().describe();
  EXPECT_EQ(page.value().kind, GetParam().kind) << page.value().reason;
  EXPECT_EQ(page.value().reason.empty(), GetParam().kind == PageKind::kArticle);
  // read_html refuses exactly the pages that are not articles, saying why.
  const Result<Article> article = read(GetParam().html);
  EXPECT_EQ(article.ok(), GetParam().kind == PageKind::kArticle);
  if (!article.ok()) {
    EXPECT_EQ(article.error().code, "not_article");
    EXPECT_EQ(article.error().message, "not an article: " + page.value().reason);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Pages, HtmlPageKind,
    testing::Values(
        KindCase{"Listing", page("<title>World</title>", link_list(12)), PageKind::kListing},
        KindCase{"TwoLinksAndNothingElse", page("<title>Links</title>", link_list(2)),
                 PageKind::kListing},
        KindCase{"MoreProseThanLinks",
                 page("<title>Note</title>",
                      "<p>The court adjourned the hearing of the "
                      "detainees until next month.</p>" +
                          link_list(2)),
                 PageKind::kArticle},
        KindCase{"ScriptLinksDoNotCount", page("<title>x</title>", link_list(12, "javascript:")),
                 PageKind::kArticle},
        KindCase{"DeclaredArticleIsNotAListing",
                 page("<title>x</title><meta property='og:type' content='article'>", link_list(12)),
                 PageKind::kArticle},
        KindCase{"ArticleWithManyLinks",
                 page("<title>Camps</title>",
                      "<article><p>" + std::string(60, 'w') +
                          " Witnesses said the detention, "
                          "which had lasted for weeks, was documented by investigators, lawyers "
                          "and local journalists. Officials denied it, saying the camps were "
                          "schools, while families described arrests, interrogations and forced "
                          "labour in factories nearby.</p><p>Another paragraph of the report, "
                          "with details, names, places and dates, as reports have.</p></article>" +
                          link_list(12)),
                 PageKind::kArticle},
        KindCase{"NotFoundTitle",
                 page("<title>Page not found | The Daily</title>", "<p>Sorry.</p>"),
                 PageKind::kError},
        KindCase{"NotFoundHeading",
                 page("<title>The Daily</title>", "<h1>404 Error</h1><p>Gone.</p>"),
                 PageKind::kError},
        KindCase{"AccessDenied",
                 page("<title>Access Denied</title>",
                      "<p>You don't have "
                      "permission to access this server.</p>"),
                 PageKind::kError},
        KindCase{"LongArticleAboutAMissingPerson",
                 page(
                     "<title>Activist still not found after a year</title>",
                     "<p>" +
                         [] {
                           std::string words;
                           for (int i = 0; i < 250; ++i) words += "word ";
                           return words;
                         }() +
                         "</p>"),
                 PageKind::kArticle},
        KindCase{"LongTitleMentioningNotFound",
                 page("<title>Why the bodies of the missing migrants were not found by the "
                      "coastguard in time</title>",
                      "<p>Short text.</p>"),
                 PageKind::kArticle}),
    [](const testing::TestParamInfo<KindCase>& param) { return std::string(param.param.name); });

TEST(HtmlReader, RobotsNoindexIsReportedButDoesNotStopLocalImport) {
  const std::string html = page("<title>Camps</title><meta name='robots' content='noindex,follow'>",
                                "<p>Detainees were held.</p>");
  const Result<PageReading> page_read = read_page(HtmlInput{html, "file:///p.html", "p.html"});
  ASSERT_TRUE(page_read.ok());
  EXPECT_TRUE(page_read.value().noindex);
  EXPECT_TRUE(read(html).ok());
  for (const char* content : {"none", "NOINDEX", "max-snippet:-1, noindex"}) {
    const std::string other =
        page(std::string("<meta name='vigilbot' content='") + content + "'>", "<p>x</p>");
    EXPECT_TRUE(read_page(HtmlInput{other, "file:///p.html", "p.html"}).value().noindex) << content;
  }
  const std::string indexable = page("<meta name='robots' content='index, follow'>", "<p>x</p>");
  EXPECT_FALSE(read_page(HtmlInput{indexable, "file:///p.html", "p.html"}).value().noindex);
}

TEST(HtmlReader, LinksAreAbsoluteNormalisedAndDeduplicated) {
  const std::string html = page(
      "<title>x</title>",
      "<p><a href='/news/1'>one</a> <a href='2#comments'>two</a> <a href=' /news/1 '>again</a>"
      " <a href='https://Other.ORG:443/a/../b'>other</a> <a href='mailto:desk@example.org'>m</a>"
      " <a href='javascript:void(0)'>js</a> <a href='#top'>top</a> <a href='ftp://x/y'>ftp</a>"
      " <a rel='nofollow ugc' href='/spam'>spam</a> <a href='/news/2#frag'>dup</a></p>");
  const Result<PageReading> a = read_page(HtmlInput{html, "https://example.org/news/", "p.html"});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value().article.links,
            (std::vector<std::string>{"https://example.org/news/1", "https://example.org/news/2",
                                      "https://other.org/b"}));
}

TEST(HtmlReader, LinksResolveAgainstBaseHref) {
  const std::string html =
      page("<base href='/archive/2021/'>", "<p><a href='june.html'>June</a></p>");
  const Result<PageReading> a = read_page(HtmlInput{html, "https://example.org/x/y", "p.html"});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value().article.links,
            std::vector<std::string>{"https://example.org/archive/2021/june.html"});
}

TEST(HtmlReader, MetaRobotsNofollowDropsTheLinks) {
  const std::string html =
      page("<meta name='robots' content='nofollow'>", "<p><a href='/a'>a</a></p>");
  const Result<PageReading> p = read_page(HtmlInput{html, "https://example.org/", "p.html"});
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p.value().nofollow);
  EXPECT_FALSE(p.value().noindex);
  EXPECT_TRUE(p.value().article.links.empty());
}

// Text typed with combining accents and with precomposed letters must be one word in the index.
TEST(HtmlReader, TextIsNfcNormalised) {
  const Article a =
      article(page("<title>Bache\xCC\x81let</title>",
                   "<p>Michelle Bache\xCC\x81let visited Ha\xCC\x80 No\xCC\x82\xCC\xA3i</p>"));
  EXPECT_EQ(a.title, "Bach\xC3\xA9let");
  EXPECT_EQ(a.main_text, "Michelle Bach\xC3\xA9let visited H\xC3\xA0 N\xE1\xBB\x99i");
}

}  // namespace
}  // namespace vigil::extract
