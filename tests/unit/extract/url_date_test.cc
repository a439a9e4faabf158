#include "extract/url_date.h"

#include <gtest/gtest.h>

namespace vigil::extract {
namespace {

struct UrlDateCase {
  const char* url;
  const char* expected;  // iso(), or "" for none
};

class DateFromUrl : public testing::TestWithParam<UrlDateCase> {};

TEST_P(DateFromUrl, Table) {
  const auto date = date_from_url(GetParam().url);
  EXPECT_EQ(date ? date->iso() : std::string(), GetParam().expected) << GetParam().url;
}

INSTANTIATE_TEST_SUITE_P(
    Table, DateFromUrl,
    testing::Values(
        UrlDateCase{"https://www.nytimes.com/2019/11/19/opinion/republicans.html", "2019-11-19"},
        UrlDateCase{"https://example.org/news/2021/06/slug", "2021-06"},
        UrlDateCase{"https://example.org/2021-06-03-xinjiang-briefing", "2021-06-03"},
        UrlDateCase{"https://example.org/a/20210603/story", "2021-06-03"},
        UrlDateCase{"https://example.org/story?date=2021/06/03", ""},   // query ignored
        UrlDateCase{"https://2021.example.org/06/03/x", ""},            // host ignored
        UrlDateCase{"https://example.org/2021/13/01/x", ""},            // no month 13
        UrlDateCase{"https://example.org/2021/02/30/x", ""},            // no 30 February
        UrlDateCase{"https://example.org/1066/10/14/hastings", ""},     // not a web-era year
        UrlDateCase{"https://example.org/products/12345678/item", ""},  // not a date
        UrlDateCase{"https://example.org/news/9781234567890", ""},      // an ISBN
        UrlDateCase{"https://example.org/", ""}));

}  // namespace
}  // namespace vigil::extract
