#include "warc/warc_article.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unit/crawl/gzip_for_test.h"

namespace vigil::warc {
namespace {

const std::string kPage =
    "<!DOCTYPE html><html lang=\"en\"><head><title>Detention report</title></head><body>"
    "<article><h1>Detention report</h1><p>Detainees in the camps were moved at night, "
    "witnesses told the commission on Tuesday.</p><p>The government denied the reports and "
    "said the camps were schools.</p></article></body></html>";

Record record(const std::string& type, const std::string& content_type, std::string block,
              const std::string& uri = "https://example.org/news/1") {
  Record r;
  r.version = "WARC/1.1";
  r.headers = {{"WARC-Type", type}, {"WARC-Target-URI", uri}};
  if (!content_type.empty()) r.headers.emplace_back("Content-Type", content_type);
  r.block = std::move(block);
  return r;
}

Record response(const std::string& head, const std::string& body) {
  return record("response", "application/http;msgtype=response", head + body);
}

struct Case {
  std::string name;
  Record input;
  std::string error;  // expected code, or "" for an article
};

std::vector<Case> cases() {
  const std::string ok = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n";
  return {
      {"HtmlResponse", response(ok, kPage), ""},
      {"Resource", record("resource", "text/html", kPage), ""},
      {"TargetInAngleBrackets",
       record("response", "application/http; msgtype=response", ok + kPage,
              "<https://example.org/news/1>"),
       ""},
      {"SniffedWithoutContentType",
       response("HTTP/1.1 200 OK\r\n\r\n", std::string("\n  ") + kPage), ""},
      {"SniffedOctetStream",
       response("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n", kPage), ""},
      {"XhtmlChunkedGzip",
       response("HTTP/1.1 200 OK\r\nContent-Type: application/xhtml+xml\r\nTransfer-Encoding: "
                "chunked\r\nContent-Encoding: gzip\r\n\r\n",
                [] {
                  const std::string gz = test::gzip(kPage);
                  char size[16];
                  std::snprintf(size, sizeof size, "%zx\r\n", gz.size());
                  return std::string(size) + gz + "\r\n0\r\n\r\n";
                }()),
       ""},
      {"NotFound", response("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n", kPage),
       std::string(kNotOk)},
      {"Redirect", response("HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n", ""), std::string(kNotOk)},
      {"Image", response("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n", "\x89PNG"),
       std::string(kNotHtml)},
      {"PlainTextIsNotSniffed",
       response("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n", kPage),
       std::string(kNotHtml)},
      {"ResourcePdf", record("resource", "application/pdf", "%PDF-1.4"), std::string(kNotHtml)},
      {"Request", record("request", "application/http;msgtype=request", "GET / HTTP/1.1\r\n\r\n"),
       std::string(kNotPage)},
      {"Revisit", record("revisit", "application/http;msgtype=response", ok),
       std::string(kNotPage)},
      {"Warcinfo", record("warcinfo", "application/warc-fields", "software: x\r\n"),
       std::string(kNotPage)},
      {"Metadata", record("metadata", "application/warc-fields", "outlink: x\r\n"),
       std::string(kNotPage)},
      {"DnsResponse",
       record("response", "text/dns", "20240301100000\nexample.org. 300 IN A 1.2.3.4"),
       std::string(kNotPage)},
      {"NoTarget", record("response", "application/http;msgtype=response", ok + kPage, ""),
       "bad_warc"},
      {"BadHttp", response("<html>", kPage), "bad_http"},
      {"ErrorPage",
       response(ok,
                "<html><head><title>Page not found</title></head><body><p>Sorry.</p></body>"
                "</html>"),
       "not_article"},
  };
}

class WarcArticle : public testing::TestWithParam<Case> {};

TEST_P(WarcArticle, HtmlPagesBecomeArticlesOtherRecordsAreSkipped) {
  const Case& c = GetParam();
  // The head alone already tells every case of the table but the page read from the payload.
  const Result<ArchivedPage> head = archived_page_head(c.input);
  if (c.error.empty() || c.error == "not_article") {
    ASSERT_TRUE(head) << head.error().describe();
    EXPECT_EQ(head.value().url, "https://example.org/news/1");
    EXPECT_TRUE(head.value().body.empty());
  } else {
    ASSERT_FALSE(head);
    EXPECT_EQ(head.error().code, c.error);
  }
  const Result<Article> article = warc_article(c.input, "f.warc.gz@123");
  if (!c.error.empty()) {
    ASSERT_FALSE(article) << article.value().title;
    EXPECT_EQ(article.error().code, c.error) << article.error().message;
    EXPECT_EQ(article.error().context, "f.warc.gz@123");
    EXPECT_EQ(is_quiet_skip(article.error()), c.error.starts_with("warc_"));
    return;
  }
  ASSERT_TRUE(article) << article.error().describe();
  EXPECT_EQ(article.value().key, "https://example.org/news/1");
  EXPECT_EQ(article.value().title, "Detention report");
  EXPECT_NE(article.value().main_text.find("Detainees in the camps"), std::string::npos);
  EXPECT_EQ(article.value().origin, "f.warc.gz@123");
  EXPECT_TRUE(article.value().links.empty());
}

INSTANTIATE_TEST_SUITE_P(Table, WarcArticle, testing::ValuesIn(cases()),
                         [](const testing::TestParamInfo<Case>& p) { return p.param.name; });

TEST(WarcArticle, ArchivedPageHeadDoesNotLookAtThePayload) {
  const Record page = response("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", kPage);
  const Result<ArchivedPage> head = archived_page_head(page);
  ASSERT_TRUE(head) << head.error().describe();
  EXPECT_EQ(head.value().content_type, "text/html");
  EXPECT_TRUE(head.value().body.empty());
  const Result<ArchivedPage> small = archived_page(page, 10);
  ASSERT_FALSE(small);
  EXPECT_EQ(small.error().code, "too_large");
  const Record sniffed = response("HTTP/1.1 200 OK\r\n\r\n", "%PDF-1.4");
  EXPECT_TRUE(archived_page_head(sniffed));
  const Result<ArchivedPage> pdf = archived_page(sniffed, 1 << 20);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, kNotHtml);
}

TEST(WarcArticle, ArchivedPageKeepsTheContentTypeForTheCharset) {
  const Result<ArchivedPage> page = archived_page(
      response("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\n\r\n", kPage),
      1 << 20);
  ASSERT_TRUE(page);
  EXPECT_EQ(page.value().content_type, "text/html; charset=windows-1251");
  EXPECT_EQ(page.value().body, kPage);
  const Result<ArchivedPage> small = archived_page(record("resource", "text/html", kPage), 10);
  ASSERT_FALSE(small);
  EXPECT_EQ(small.error().code, "too_large");
}

}  // namespace
}  // namespace vigil::warc
