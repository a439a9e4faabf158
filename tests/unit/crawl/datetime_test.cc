#include "crawl/datetime.h"

#include <gtest/gtest.h>

#include <string>

namespace vigil::crawl {
namespace {

// "YYYY-MM-DDTHH:MM:SSZ", or "" for nullopt.
std::string iso(const std::optional<std::chrono::sys_seconds>& instant) {
  if (!instant) return "";
  const auto days = std::chrono::floor<std::chrono::days>(*instant);
  const std::chrono::year_month_day date{days};
  const std::chrono::hh_mm_ss time{*instant - days};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<long>(time.hours().count()),
                static_cast<long>(time.minutes().count()),
                static_cast<long>(time.seconds().count()));
  return buffer;
}

struct DateCase {
  const char* text;
  const char* expected;  // iso(), or "" for nullopt
};

class W3cDatetime : public testing::TestWithParam<DateCase> {};

TEST_P(W3cDatetime, Table) {
  EXPECT_EQ(iso(parse_w3c_datetime(GetParam().text)), GetParam().expected) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, W3cDatetime,
    testing::Values(DateCase{"2021", "2021-01-01T00:00:00Z"},
                    DateCase{"2021-06", "2021-06-01T00:00:00Z"},
                    DateCase{"2021-06-03", "2021-06-03T00:00:00Z"},
                    DateCase{"  2021-06-03\n", "2021-06-03T00:00:00Z"},
                    DateCase{"2021-06-03T10:20Z", "2021-06-03T10:20:00Z"},
                    DateCase{"2021-06-03T10:20:30Z", "2021-06-03T10:20:30Z"},
                    DateCase{"2021-06-03T10:20:30+02:00", "2021-06-03T08:20:30Z"},
                    DateCase{"2021-06-03T01:20:30.123456-05:00", "2021-06-03T06:20:30Z"},
                    DateCase{"2021-06-03t10:20:30z", "2021-06-03T10:20:30Z"},
                    DateCase{"2021-06-03 10:20:30+0200", "2021-06-03T08:20:30Z"},
                    DateCase{"2021-06-03T10:20:30", "2021-06-03T10:20:30Z"},  // no zone: UTC
                    DateCase{"2021-01-01T00:30:00+01:00", "2020-12-31T23:30:00Z"},
                    DateCase{"2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"},  // leap second
                    DateCase{"2024-02-29", "2024-02-29T00:00:00Z"}, DateCase{"2023-02-29", ""},
                    DateCase{"2021-13-01", ""}, DateCase{"2021-00-10", ""},
                    DateCase{"0000-00-00", ""}, DateCase{"2021-06-03T24:00:00Z", ""},
                    DateCase{"2021-06-03T10:60Z", ""}, DateCase{"2021-6-3", ""},
                    DateCase{"2021-06-03T10Z", ""}, DateCase{"2021-06-03T10:20:30Zjunk", ""},
                    DateCase{"2021-06-03T10:20:30+25:00", ""}, DateCase{"20210603", ""},
                    DateCase{"yesterday", ""}, DateCase{"", ""}));

class Rfc822Datetime : public testing::TestWithParam<DateCase> {};

TEST_P(Rfc822Datetime, Table) {
  EXPECT_EQ(iso(parse_rfc822_datetime(GetParam().text)), GetParam().expected) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Rfc822Datetime,
    testing::Values(DateCase{"Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"},
                    DateCase{"Tue, 10 Jun 2003 04:00:00 +0200", "2003-06-10T02:00:00Z"},
                    DateCase{"Tue, 10 Jun 2003 04:00:00 -0530", "2003-06-10T09:30:00Z"},
                    DateCase{"Tue, 10 Jun 2003 04:00:00 +05:30", "2003-06-09T22:30:00Z"},
                    DateCase{"10 Jun 2003 04:00 EST", "2003-06-10T09:00:00Z"},
                    DateCase{"Mon, 9 June 2003 23:00:00 PDT", "2003-06-10T06:00:00Z"},
                    DateCase{"Tue,10 Jun 03 04:00:00 UT", "2003-06-10T04:00:00Z"},
                    DateCase{"Tue, 10 Jun 99 04:00:00 Z", "1999-06-10T04:00:00Z"},
                    DateCase{"Fri, 10 jun 2003", "2003-06-10T00:00:00Z"},  // weekday unchecked
                    DateCase{"Tue, 10 Jun 2003 04:00:00 CEST", "2003-06-10T04:00:00Z"},
                    DateCase{"Tue, 10 Jun 2003 04:00:00 GMT (comment)", "2003-06-10T04:00:00Z"},
                    DateCase{"Tue, 10 Jun 2003 04:00:00", "2003-06-10T04:00:00Z"},
                    DateCase{"Tue, 31 Jun 2003 04:00:00 GMT", ""},
                    DateCase{"Tue, 10 Foo 2003 04:00:00 GMT", ""},
                    DateCase{"Tue, 10 Jun 2003 25:00:00 GMT", ""},
                    DateCase{"Tue, 10 Jun 2003 04", ""}, DateCase{"2003-06-10T04:00:00Z", ""},
                    DateCase{"", ""}));

TEST(FeedDatetime, AcceptsEitherForm) {
  EXPECT_EQ(iso(parse_feed_datetime("Tue, 10 Jun 2003 04:00:00 GMT")), "2003-06-10T04:00:00Z");
  EXPECT_EQ(iso(parse_feed_datetime("2003-06-10T04:00:00+01:00")), "2003-06-10T03:00:00Z");
  EXPECT_EQ(iso(parse_feed_datetime("last Tuesday")), "");
}

}  // namespace
}  // namespace vigil::crawl
