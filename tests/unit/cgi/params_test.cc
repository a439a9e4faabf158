#include "cgi/params.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace vigil::cgi {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

struct DecodeCase {
  std::string input;
  bool ok;
  std::string expected;
};

TEST(PercentDecode, Table) {
  const std::vector<DecodeCase> cases = {
      {"forced+labour", true, "forced labour"},
      {"forced%20labour", true, "forced labour"},
      {"%22death+penalty%22", true, "\"death penalty\""},
      {"Bach%C3%A9let", true, "Bachélet"},
      {"Bach%c3%a9let", true, "Bachélet"},
      {"%D8%A7%D9%84%D8%B3%D9%84%D8%A7%D9%85", true, "السلام"},
      {"a%00b", true, "a b"},      // NUL becomes a space
      {"a%0D%0Ab", true, "a  b"},  // so do CR and LF
      {"tab%09kept", true, "tab\tkept"},
      {"%", false, ""},
      {"%4", false, ""},
      {"abc%", false, ""},
      {"%zz", false, ""},
      {"%G0", false, ""},
      {"%FF", false, ""},        // not UTF-8
      {"%C3", false, ""},        // truncated sequence
      {"%C0%AF", false, ""},     // overlong '/'
      {"%ED%A0%80", false, ""},  // surrogate
      {"", true, ""},
  };
  for (const DecodeCase& c : cases) {
    const Result<std::string> decoded = percent_decode(c.input);
    ASSERT_EQ(decoded.ok(), c.ok) << c.input;
    if (c.ok) {
      EXPECT_EQ(decoded.value(), c.expected) << c.input;
    } else {
      EXPECT_EQ(decoded.error().code, "bad_encoding") << c.input;
    }
  }
}

TEST(ParseQueryString, PairsInOrder) {
  const auto pairs = parse_query_string("q=a+b&place=cn.13;place=un&&flag&=x&page=2");
  ASSERT_TRUE(pairs.ok());
  const Pairs expected = {{"q", "a b"}, {"place", "cn.13"}, {"place", "un"},
                          {"flag", ""}, {"", "x"},          {"page", "2"}};
  EXPECT_EQ(pairs.value(), expected);
}

TEST(ParseQueryString, BadEncodingNamesTheParameter) {
  const auto pairs = parse_query_string("q=ok&place=%E2%28");
  ASSERT_FALSE(pairs.ok());
  EXPECT_EQ(pairs.error().code, "bad_encoding");
  EXPECT_NE(pairs.error().message.find("'place'"), std::string::npos) << pairs.error().message;
}

TEST(ParseQueryString, Bounds) {
  EXPECT_EQ(parse_query_string(std::string(kMaxQueryString + 1, 'a')).error().code,
            "request_too_large");
  std::string many;
  for (std::size_t i = 0; i <= kMaxParameters; ++i) many += "x=1&";
  EXPECT_EQ(parse_query_string(many).error().code, "request_too_large");
  EXPECT_TRUE(parse_query_string(std::string(kMaxQueryString, 'a')).ok());
}

Result<WebRequest> read(const std::string& query_string) {
  const auto pairs = parse_query_string(query_string);
  if (!pairs) return pairs.error();
  return read_request(pairs.value());
}

TEST(ReadRequest, EverythingAPageNeeds) {
  const auto request = read(
      "q=forced+labour&org=un&place=cn.13&place=cn.13&year=2021&from=2020&to=2021-05&sort=-date"
      "&page=3&per_page=20&format=json&utm_source=mail");
  ASSERT_TRUE(request.ok()) << request.error().message;
  const render::PageState& state = request.value().state;
  EXPECT_EQ(state.query, "forced labour");
  const Pairs filters = {{"org", "un"}, {"place", "cn.13"}, {"year", "2021"}};
  EXPECT_EQ(state.filters, filters);  // the repeated place=cn.13 once
  EXPECT_EQ(state.from, "2020");
  EXPECT_EQ(state.to, "2021-05");
  EXPECT_EQ(state.sort, search::Sort::kDateDescending);
  EXPECT_EQ(state.page, 3);
  EXPECT_EQ(state.per_page, 20);
  EXPECT_EQ(request.value().format, Format::kJson);
}

struct BadCase {
  std::string query_string;
  std::string parameter;  // named in the message
};

TEST(ReadRequest, HostileAndInvalidParametersAreRefusedByName) {
  const std::vector<BadCase> cases = {
      {"page=0", "page"},
      {"page=-1", "page"},
      {"page=abc", "page"},
      {"page=1e3", "page"},
      {"page=", "page"},
      {"per_page=0", "per_page"},
      {"per_page=ten", "per_page"},
      {"sort=random", "sort"},
      {"sort=%3Cscript%3E", "sort"},
      {"format=xml", "format"},
      {"q=a&q=b", "q"},
      {"page=1&page=2", "page"},
      {"from=yesterday", "from"},
      {"from=2021-13", "from"},
      {"to=2021-02-30x", "to"},
      {"from=2022&to=2021", "to"},
      {"org=" + std::string(kMaxFilterValue + 1, 'x'), "org"},
  };
  for (const BadCase& c : cases) {
    const auto request = read(c.query_string);
    ASSERT_FALSE(request.ok()) << c.query_string;
    EXPECT_EQ(request.error().code, "bad_parameter") << c.query_string;
    EXPECT_NE(request.error().message.find("'" + c.parameter + "'"), std::string::npos)
        << c.query_string << ": " << request.error().message;
  }
  std::string filters;
  for (std::size_t i = 0; i <= kMaxFilters; ++i) filters += "org=o" + std::to_string(i) + "&";
  EXPECT_EQ(read(filters).error().code, "bad_parameter");
}

TEST(ReadRequest, HugePagesAreClampedNotRefused) {
  EXPECT_EQ(read("page=99999999999999999999999999").value().state.page, search::kMaxPage);
  EXPECT_EQ(read("page=1001").value().state.page, search::kMaxPage);
  EXPECT_EQ(read("page=007").value().state.page, 7);
  EXPECT_EQ(read("per_page=100000").value().state.per_page, search::kMaxPerPage);
}

TEST(ReadRequest, EmptyFieldsOfTheFormAreNoFilters) {
  const auto request = read("q=x&from=&to=&org=&sort=&format=");
  ASSERT_TRUE(request.ok());
  EXPECT_TRUE(request.value().state.filters.empty());
  EXPECT_TRUE(request.value().state.from.empty());
  EXPECT_EQ(request.value().format, Format::kHtml);
}

TEST(ReadRequest, MarkupInTheQueryIsKeptAsText) {
  const auto request = read("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&format=opensearch");
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request.value().state.query, "<script>alert(1)</script>");
  EXPECT_EQ(request.value().format, Format::kOpenSearch);
}

TEST(RequestedFormat, JsonOnlyWhenAsked) {
  EXPECT_EQ(requested_format({{"format", "json"}}), Format::kJson);
  EXPECT_EQ(requested_format({{"format", "html"}}), Format::kHtml);
  EXPECT_EQ(requested_format({}), Format::kHtml);
}

TEST(ToSearchRequest, SiteDefaultsCapsAndDates) {
  render::PageState state;
  state.query = "cotton";
  state.filters = {{"place", "cn.13"}};
  state.from = "2020";
  state.page = 2;
  search::SearchRequest request = to_search_request(state, 10, 50);
  EXPECT_EQ(request.per_page, 10);
  EXPECT_EQ(request.page, 2);
  const Pairs filters = {{"place", "cn.13"}, {"date", "2020.."}};
  EXPECT_EQ(request.filters, filters);
  state.per_page = 80;
  EXPECT_EQ(to_search_request(state, 10, 50).per_page, 50);
  state.per_page = 5;
  state.from.clear();
  state.to = "2021-05";
  request = to_search_request(state, 10, 50);
  EXPECT_EQ(request.per_page, 5);
  EXPECT_EQ(request.filters.back(), (std::pair<std::string, std::string>{"date", "..2021-05"}));
}

TEST(PageLinks, QueryStringReadsBackToTheSameState) {
  render::PageState state;
  state.query = "\"death penalty\" & <b> é 100%";
  state.filters = {{"org", "un"}, {"place", "a&b=c"}};
  state.from = "2020-01";
  state.to = "2021";
  state.sort = search::Sort::kDateAscending;
  state.page = 4;
  state.per_page = 25;
  const auto request = read(render::query_string(state));
  ASSERT_TRUE(request.ok()) << render::query_string(state);
  const render::PageState& back = request.value().state;
  EXPECT_EQ(back.query, state.query);
  EXPECT_EQ(back.filters, state.filters);
  EXPECT_EQ(back.from, state.from);
  EXPECT_EQ(back.to, state.to);
  EXPECT_EQ(back.sort, state.sort);
  EXPECT_EQ(back.page, state.page);
  EXPECT_EQ(back.per_page, state.per_page);
}

}  // namespace
}  // namespace vigil::cgi
