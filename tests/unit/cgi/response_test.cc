#include "cgi/response.h"

#include <gtest/gtest.h>

#include <string>

namespace vigil::cgi {
namespace {

TEST(Serialize, StatusHeadersLengthBody) {
  Response response;
  response.status = 400;
  add_standard_headers(response, "text/html; charset=utf-8");
  response.body = "<p>bad</p>";
  const std::string text = serialize(response, false);
  EXPECT_EQ(text.rfind("Status: 400 Bad Request\r\n", 0), 0U) << text;
  EXPECT_NE(text.find("\r\nContent-Type: text/html; charset=utf-8\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nX-Content-Type-Options: nosniff\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nContent-Security-Policy: default-src 'none'; script-src 'self';"),
            std::string::npos);
  EXPECT_NE(text.find("\r\nContent-Length: 10\r\n\r\n<p>bad</p>"), std::string::npos) << text;
}

TEST(Serialize, HeadHasTheHeadersOfGetAndNoBody) {
  Response response;
  add_standard_headers(response, "application/json");
  response.body = "{}\n";
  const std::string text = serialize(response, true);
  EXPECT_NE(text.find("Content-Length: 3\r\n\r\n"), std::string::npos);
  EXPECT_EQ(text.substr(text.size() - 4), "\r\n\r\n");
}

TEST(Serialize, NoHeaderInjection) {
  Response response;
  response.set("Access-Control-Allow-Origin", "https://a.example\r\nSet-Cookie: x=1");
  const std::string text = serialize(response, false);
  EXPECT_EQ(text.find("\r\nSet-Cookie"), std::string::npos) << text;
  EXPECT_NE(text.find("https://a.example  Set-Cookie: x=1\r\n"), std::string::npos);
}

TEST(Serialize, NotModifiedHasNoBodyOrLength) {
  Response response;
  response.status = 304;
  response.body = "unused";
  const std::string text = serialize(response, false);
  EXPECT_EQ(text.rfind("Status: 304 Not Modified\r\n", 0), 0U);
  EXPECT_EQ(text.find("Content-Length"), std::string::npos);
  EXPECT_EQ(text.find("unused"), std::string::npos);
}

TEST(ReasonPhrase, EveryStatusTheCgiUses) {
  for (const int status : {200, 304, 400, 404, 405, 500, 503}) {
    EXPECT_NE(reason_phrase(status), "Unknown") << status;
  }
}

}  // namespace
}  // namespace vigil::cgi
