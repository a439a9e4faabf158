#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "article/article.h"

namespace vigil {
namespace {

struct DateCase {
  const char* text;
  const char* iso;       // nullptr: the text must be rejected
  const char* sortable;  // the value-slot form of the same date
};

void PrintTo(const DateCase& c, std::ostream* out) { *out << '"' << c.text << '"'; }

class ParseIsoDate : public testing::TestWithParam<DateCase> {};

TEST_P(ParseIsoDate, ParsesOrRejects) {
  const DateCase& c = GetParam();
  const std::optional<PartialDate> date = parse_iso_date(c.text);
  if (c.iso == nullptr) {
    EXPECT_FALSE(date.has_value()) << "parsed as " << date->iso();
    return;
  }
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(date->iso(), c.iso);
  EXPECT_EQ(date->sortable(), c.sortable);
}

INSTANTIATE_TEST_SUITE_P(
    Valid, ParseIsoDate,
    testing::Values(DateCase{"2021", "2021", "20210000"},
                    DateCase{"2021-06", "2021-06", "20210600"},
                    DateCase{"2021-06-03", "2021-06-03", "20210603"},
                    DateCase{"  1987-02-26\t", "1987-02-26", "19870226"},
                    DateCase{"2020-02-29", "2020-02-29", "20200229"},    // leap year
                    DateCase{"2000-02-29", "2000-02-29", "20000229"},    // divisible by 400
                    DateCase{"0001-01-01", "0001-01-01", "00010101"}));  // smallest year

INSTANTIATE_TEST_SUITE_P(
    TimeSuffixes, ParseIsoDate,
    testing::Values(DateCase{"2021-06-03T10:40", "2021-06-03", "20210603"},
                    DateCase{"2021-06-03T10:40:44", "2021-06-03", "20210603"},
                    DateCase{"2021-06-03 10:40:44", "2021-06-03", "20210603"},
                    DateCase{"2021-06-03T10:40:44Z", "2021-06-03", "20210603"},
                    DateCase{"2021-06-03T10:40:44.816Z", "2021-06-03", "20210603"},
                    DateCase{"2017-11-03 03:01:00.000000", "2017-11-03", "20171103"},
                    DateCase{"2015-07-24T05:36:09+01:00", "2015-07-24", "20150724"},
                    DateCase{"2016-12-22T10:43:37-08:00", "2016-12-22", "20161222"},
                    DateCase{"2021-11-01T10:52:50+0100", "2021-11-01", "20211101"},
                    DateCase{"2021-11-01T23:30:00+05", "2021-11-01", "20211101"},
                    DateCase{"2016-12-31T23:59:60Z", "2016-12-31", "20161231"}));  // leap second

// With a zone, the calendar date is the one in UTC; without one, the date as written.
INSTANTIATE_TEST_SUITE_P(
    UtcDates, ParseIsoDate,
    testing::Values(DateCase{"2021-12-31T23:30:00-05:00", "2022-01-01", "20220101"},
                    DateCase{"2021-06-03T01:30+08:00", "2021-06-02", "20210602"},
                    DateCase{"2021-06-03T08:00+08:00", "2021-06-03", "20210603"},
                    DateCase{"2021-06-03T07:59+08:00", "2021-06-02", "20210602"},
                    DateCase{"2021-03-01T00:30:00+0100", "2021-02-28", "20210228"},
                    DateCase{"2020-03-01T00:30:00+01", "2020-02-29", "20200229"},
                    DateCase{"2020-02-28T22:00:00-02:30", "2020-02-29", "20200229"},
                    DateCase{"2021-01-01T00:10:00+00:30", "2020-12-31", "20201231"},
                    DateCase{"2021-06-30T20:00:00-04:00", "2021-07-01", "20210701"},
                    DateCase{"2021-12-31T23:30:00", "2021-12-31", "20211231"},
                    DateCase{"2021-01-01T00:10:00.5+14:00", "2020-12-31", "20201231"}));

INSTANTIATE_TEST_SUITE_P(
    Invalid, ParseIsoDate,
    testing::Values(
        DateCase{"", nullptr, nullptr}, DateCase{"21", nullptr, nullptr},
        DateCase{"0000", nullptr, nullptr}, DateCase{"2021-13", nullptr, nullptr},
        DateCase{"2021-00", nullptr, nullptr}, DateCase{"2021-02-30", nullptr, nullptr},
        DateCase{"2021-02-29", nullptr, nullptr},  // not a leap year
        DateCase{"1900-02-29", nullptr, nullptr},  // divisible by 100
        DateCase{"2021-04-31", nullptr, nullptr}, DateCase{"2021-06-00", nullptr, nullptr},
        DateCase{"2021-6-3", nullptr, nullptr}, DateCase{"2021-06-3", nullptr, nullptr},
        DateCase{"2021/06/03", nullptr, nullptr}, DateCase{"20210603", nullptr, nullptr},
        DateCase{"June 3, 2021", nullptr, nullptr}, DateCase{"Thu Sep 16 2021", nullptr, nullptr},
        DateCase{"2021-06-03T", nullptr, nullptr}, DateCase{"2021-06-03T25:00", nullptr, nullptr},
        DateCase{"2021-06-03T10:61", nullptr, nullptr},
        DateCase{"2021-06-03T10:40:44+1", nullptr, nullptr},
        DateCase{"2021-06-03T10:40:44+19:00", nullptr, nullptr},
        DateCase{"2021-06-03T10:40:44+05:60", nullptr, nullptr},
        DateCase{"0001-01-01T00:30+01:00", nullptr, nullptr},  // before year 1 in UTC
        DateCase{"2021-06-03T10:40:44 UTC", nullptr, nullptr},
        DateCase{"2021-06-03junk", nullptr, nullptr}, DateCase{"garbage", nullptr, nullptr},
        DateCase{"2021-", nullptr, nullptr}, DateCase{"２０２１", nullptr, nullptr}));

TEST(PartialDate, IsoAndSortableFollowPrecision) {
  EXPECT_EQ((PartialDate{1998, 0, 0}.iso()), "1998");
  EXPECT_EQ((PartialDate{1998, 8, 0}.iso()), "1998-08");
  EXPECT_EQ((PartialDate{1998, 8, 7}.iso()), "1998-08-07");
  EXPECT_EQ((PartialDate{1998, 8, 0}.sortable()), "19980800");
  // Sortable strings order like the dates, with a less precise date first.
  EXPECT_LT((PartialDate{1998, 0, 0}.sortable()), (PartialDate{1998, 1, 1}.sortable()));
  EXPECT_LT((PartialDate{1998, 12, 31}.sortable()), (PartialDate{1999, 1, 1}.sortable()));
}

}  // namespace
}  // namespace vigil
