#include "entities/dates.h"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "article/article.h"

namespace vigil::entities {
namespace {

// Thursday 3 June 2021, ISO week 22: the publication date of most cases.
constexpr const char* kThursday = "2021-06-03";

struct Expected {
  const char* text;   // the mention as written
  const char* value;  // its TIMEX3 value
};

struct DateCase {
  const char* text;
  const char* published;           // ISO date, or nullptr for none
  std::vector<Expected> mentions;  // every mention, in order; empty: nothing may be found
};

void PrintTo(const DateCase& c, std::ostream* out) {
  *out << '"' << c.text << "\" published " << (c.published ? c.published : "unknown");
}

std::string describe(const std::vector<DateMention>& mentions) {
  std::string out;
  for (const DateMention& m : mentions) out += "[" + m.text + " = " + m.value + "] ";
  return out.empty() ? "nothing" : out;
}

class FindTimeExpressions : public testing::TestWithParam<DateCase> {};

TEST_P(FindTimeExpressions, FindsEachMentionWithItsValue) {
  const DateCase& c = GetParam();
  const std::optional<PartialDate> published =
      c.published ? parse_iso_date(c.published) : std::nullopt;
  const std::vector<DateMention> found = find_time_expressions(c.text, published);
  ASSERT_EQ(found.size(), c.mentions.size()) << "found " << describe(found);
  for (std::size_t i = 0; i < found.size(); ++i) {
    EXPECT_EQ(found[i].text, c.mentions[i].text) << "found " << describe(found);
    EXPECT_EQ(found[i].value, c.mentions[i].value) << "for '" << found[i].text << "'";
    EXPECT_EQ(std::string(c.text).substr(found[i].start, found[i].end - found[i].start),
              found[i].text);
  }
}

INSTANTIATE_TEST_SUITE_P(
    ExplicitDates, FindTimeExpressions,
    testing::Values(
        DateCase{"It happened on 12 May 2021.", kThursday, {{"12 May 2021", "2021-05-12"}}},
        DateCase{"On May 12, 2021, the court ruled.", kThursday, {{"May 12, 2021", "2021-05-12"}}},
        DateCase{"He was freed on Oct. 23, 1998.", kThursday, {{"Oct. 23, 1998", "1998-10-23"}}},
        DateCase{"The report came out on May 12th.", kThursday, {{"May 12th", "2021-05-12"}}},
        DateCase{"It ends on the 12th of July.", kThursday, {{"the 12th of July", "2021-07-12"}}},
        DateCase{"Elections on 7 October this year and Jan. 21 next year.",
                 kThursday,
                 {{"7 October this year", "2021-10-07"}, {"Jan. 21 next year", "2022-01-21"}}},
        DateCase{"Filed 2021-05-12 in Geneva.", kThursday, {{"2021-05-12", "2021-05-12"}}},
        // Numeric dates are month first unless the first number is above 12.
        DateCase{"Filed 05/12/2021.", kThursday, {{"05/12/2021", "2021-05-12"}}},
        DateCase{"Filed 25/12/2021.", kThursday, {{"25/12/2021", "2021-12-25"}}},
        DateCase{"The editorial of Saturday, April 25: a detour.",
                 "1998-04-24",
                 {{"Saturday, April 25", "1998-04-25"}}}));

INSTANTIATE_TEST_SUITE_P(
    MonthsAndYears, FindTimeExpressions,
    testing::Values(
        DateCase{"Talks resumed in May 2021.", kThursday, {{"May 2021", "2021-05"}}},
        DateCase{"In March of last year, it fell.", kThursday, {{"March of last year", "2020-03"}}},
        DateCase{"It began in June last year.", kThursday, {{"June last year", "2020-06"}}},
        // Tense chooses the year of a bare month.
        DateCase{"The vote was held in March.", kThursday, {{"March", "2021-03"}}},
        DateCase{"The vote will be held in March.", kThursday, {{"March", "2022-03"}}},
        DateCase{"The talks collapsed in December.", kThursday, {{"December", "2020-12"}}},
        DateCase{"Elections are due in December.", kThursday, {{"December", "2021-12"}}},
        // A year written just before in the sentence is the month's year.
        DateCase{"A boycott of the 2022 Winter Olympics in February.",
                 kThursday,
                 {{"2022", "2022"}, {"February", "2022-02"}}},
        DateCase{"It was 2019. Talks resumed in March.",
                 kThursday,
                 {{"2019", "2019"}, {"March", "2021-03"}}},
        // ... unless the other year is far closer: reported speech about the coming weeks.
        DateCase{"The company said the dividend is payable July 15.",
                 kThursday,
                 {{"July 15", "2021-07-15"}}},
        DateCase{"Troops arrived in mid-May.", kThursday, {{"mid-May", "2021-05"}}},
        DateCase{"They left last February and return next February.",
                 kThursday,
                 {{"last February", "2021-02"}, {"next February", "2022-02"}}},
        DateCase{"It was founded in 2019 and dissolved in 1066.",
                 kThursday,
                 {{"2019", "2019"}, {"1066", "1066"}}},
        DateCase{"Since 1948, and in fiscal 1998, and by the year 2000.",
                 kThursday,
                 {{"1948", "1948"}, {"fiscal 1998", "1998"}, {"the year 2000", "2000"}}},
        DateCase{"Prices were higher in early 2020.", kThursday, {{"early 2020", "2020"}}}));

INSTANTIATE_TEST_SUITE_P(
    DecadesSeasonsQuarters, FindTimeExpressions,
    testing::Values(
        DateCase{"Unrest in the 1990s, the '80s and the nineties.",
                 kThursday,
                 {{"the 1990s", "199"}, {"the '80s", "198"}, {"the nineties", "199"}}},
        DateCase{"Built in the mid-1970s in the 20th century.",
                 kThursday,
                 {{"the mid-1970s", "197"}, {"the 20th century", "19"}}},
        DateCase{"It rained last fall and will again this summer.",
                 kThursday,
                 {{"last fall", "2020-FA"}, {"this summer", "2021-SU"}}},
        DateCase{
            "Crops failed in the spring of 2019.", kThursday, {{"the spring of 2019", "2019-SP"}}},
        DateCase{
            "Profit fell in the third quarter.", kThursday, {{"the third quarter", "2020-Q3"}}},
        DateCase{"It reported first-quarter profit and a loss for the first half of 1997.",
                 kThursday,
                 {{"first-quarter", "2021-Q1"}, {"the first half of 1997", "1997-H1"}}},
        // After a quarter is named, "a year earlier" is that quarter a year before.
        DateCase{"Profit rose in the third quarter from a year earlier.",
                 "2021-10-20",
                 {{"the third quarter", "2021-Q3"}, {"a year earlier", "2020-Q3"}}}));

INSTANTIATE_TEST_SUITE_P(
    RelativeDates, FindTimeExpressions,
    testing::Values(
        DateCase{"He was arrested on Monday.", kThursday, {{"Monday", "2021-05-31"}}},
        DateCase{"The court will rule on Monday.", kThursday, {{"Monday", "2021-06-07"}}},
        DateCase{"Protesters gathered Thursday.", kThursday, {{"Thursday", "2021-06-03"}}},
        DateCase{"We met last Friday and meet next Friday.",
                 kThursday,
                 {{"last Friday", "2021-05-28"}, {"next Friday", "2021-06-04"}}},
        DateCase{
            "yesterday, today and tomorrow",
            kThursday,
            {{"yesterday", "2021-06-02"}, {"today", "2021-06-03"}, {"tomorrow", "2021-06-04"}}},
        DateCase{"last week, this week, next week",
                 kThursday,
                 {{"last week", "2021-W21"}, {"this week", "2021-W22"}, {"next week", "2021-W23"}}},
        DateCase{"Fighting resumed over the weekend.", kThursday, {{"the weekend", "2021-W21-WE"}}},
        DateCase{"last month and next year",
                 kThursday,
                 {{"last month", "2021-05"}, {"next year", "2022"}}},
        DateCase{"It closed two years ago, three days ago and a year earlier.",
                 kThursday,
                 {{"two years ago", "2019"},
                  {"three days ago", "2021-05-31"},
                  {"a year earlier", "2020"}}},
        DateCase{"By the end of the year, not late last year.",
                 kThursday,
                 {{"the end of the year", "2021"}, {"late last year", "2020"}}}));

INSTANTIATE_TEST_SUITE_P(
    TimesDurationsSetsReferences, FindTimeExpressions,
    testing::Values(
        DateCase{"The hearing starts at 3 p.m. today.",
                 kThursday,
                 {{"3 p.m. today", "2021-06-03T15:00"}}},
        DateCase{"It will open at 10:30 a.m. EST Friday.",
                 kThursday,
                 {{"10:30 a.m. EST Friday", "2021-06-04T10:30"}}},
        DateCase{"The plane landed at 18:00 UTC.", kThursday, {{"18:00 UTC", "2021-06-03T18:00Z"}}},
        // A dateline on its own line, then a sentence that starts with a capital.
        DateCase{"GENEVA, June 3, 2021\nYesterday, the council met.",
                 kThursday,
                 {{"June 3, 2021", "2021-06-03"}, {"Yesterday", "2021-06-02"}}},
        DateCase{"tonight, last night and Thursday night",
                 kThursday,
                 {{"tonight", "2021-06-03TNI"},
                  {"last night", "2021-06-02TNI"},
                  {"Thursday night", "2021-06-03TNI"}}},
        DateCase{"He served three years, then for years, then several months.",
                 kThursday,
                 {{"three years", "P3Y"}, {"years", "PXY"}, {"several months", "PXM"}}},
        DateCase{"In the past 24 hours, a two-year term began.",
                 kThursday,
                 {{"the past 24 hours", "PT24H"}, {"two-year", "P2Y"}}},
        DateCase{"for more than two decades", kThursday, {{"more than two decades", "P20Y"}}},
        DateCase{"Inspections take place every year, twice a week, and annually.",
                 kThursday,
                 {{"every year", "P1Y"}, {"twice a week", "P1W"}, {"annually", "P1Y"}}},
        DateCase{"It costs $5 million a year.", kThursday, {{"a year", "P1Y"}}},
        DateCase{"Aid is now scarce; it recently fell; in the past it rose; the future is bleak.",
                 kThursday,
                 {{"now", "PRESENT_REF"},
                  {"recently", "PAST_REF"},
                  {"the past", "PAST_REF"},
                  {"the future", "FUTURE_REF"}}}));

INSTANTIATE_TEST_SUITE_P(
    NamedDaysAndSpokenYears, FindTimeExpressions,
    testing::Values(
        DateCase{"Protests on Human Rights Day and on Christmas Eve.",
                 "1998-12-20",
                 {{"Human Rights Day", "1998-12-10"}, {"Christmas Eve", "1998-12-24"}}},
        DateCase{"Talks resume after Easter.", "1998-03-04", {{"Easter", "1998-04-12"}}},
        DateCase{"Good Friday 2021, Easter 2000 and last Thanksgiving.",
                 "1998-03-04",
                 {{"Good Friday 2021", "2021-04-02"},
                  {"Easter 2000", "2000-04-23"},
                  {"last Thanksgiving", "1997-11-27"}}},
        DateCase{"By Memorial Day and New Year's Day.",
                 "2021-01-10",
                 {{"Memorial Day", "2021-05-31"}, {"New Year's Day", "2021-01-01"}}},
        DateCase{"In January nineteen ninety-seven, nineteen eighty and the year two thousand.",
                 kThursday,
                 {{"January nineteen ninety-seven", "1997-01"},
                  {"nineteen eighty", "1980"},
                  {"the year two thousand", "2000"}}},
        DateCase{"twenty two people came", kThursday, {}}));

// Words that look like dates but are not.
INSTANTIATE_TEST_SUITE_P(
    NotDates, FindTimeExpressions,
    testing::Values(
        DateCase{"She may leave soon.", kThursday, {}},
        DateCase{"May God help them.", kThursday, {}},
        DateCase{"The march on Sunday drew thousands.", kThursday, {{"Sunday", "2021-05-30"}}},
        DateCase{"Marchers will march to the square.", kThursday, {}},
        DateCase{"2021 people were arrested.", kThursday, {}},
        DateCase{"See page 1990 of the report.", kThursday, {}},
        DateCase{"He paid $1990 for it.", kThursday, {}},
        DateCase{"About 2000 troops were deployed.", kThursday, {}},
        DateCase{"Prices fall when the regime's fall of power comes.", kThursday, {}},
        DateCase{"He asked a second time for a quarter of the vote.", kThursday, {}},
        DateCase{"A 10-year-old boy and a quarterly dividend.", kThursday, {}},
        DateCase{"Baker spoke on ABC's This Week and on 60 Minutes.", kThursday, {}},
        DateCase{"In spring water, the summer house.", kThursday, {}},
        DateCase{"MAR 15810 OFF 20 DEC 15890", kThursday, {}}));

// Without a publication date, explicit dates resolve and relative ones keep unknown parts.
INSTANTIATE_TEST_SUITE_P(
    WithoutPublicationDate, FindTimeExpressions,
    testing::Values(DateCase{"on 12 May 2021", nullptr, {{"12 May 2021", "2021-05-12"}}},
                    DateCase{"on 12 May", nullptr, {{"12 May", "XXXX-05-12"}}},
                    DateCase{"on Thursday", nullptr, {{"Thursday", "XXXX-WXX-4"}}},
                    DateCase{"yesterday", nullptr, {{"yesterday", ""}}},
                    // A publication date known to the year only still places months.
                    DateCase{
                        "in March, yesterday", "2020", {{"March", "2020-03"}, {"yesterday", ""}}}));

TEST(FindTimeExpressions, ReportsGranularityDateTypeAndMod) {
  const std::vector<DateMention> found = find_time_expressions(
      "On 12 May 2021, in May 2021, in 2019, last week, in the 1990s, for three years, in "
      "mid-May.",
      parse_iso_date(kThursday));
  ASSERT_EQ(found.size(), 7u) << describe(found);
  EXPECT_EQ(found[0].granularity, Granularity::kDay);
  EXPECT_EQ(found[0].date, (PartialDate{2021, 5, 12}));
  EXPECT_EQ(found[1].granularity, Granularity::kMonth);
  EXPECT_EQ(found[1].date, (PartialDate{2021, 5, 0}));
  EXPECT_EQ(found[2].granularity, Granularity::kYear);
  EXPECT_EQ(found[2].date, (PartialDate{2019, 0, 0}));
  EXPECT_EQ(found[3].granularity, Granularity::kWeek);
  EXPECT_EQ(found[3].date, (PartialDate{2021, 5, 0}));  // the month of the week's Thursday
  EXPECT_EQ(found[4].granularity, Granularity::kDecade);
  EXPECT_FALSE(found[4].date.has_value());
  EXPECT_EQ(found[5].type, TimexType::kDuration);
  EXPECT_EQ(found[5].granularity, Granularity::kNone);
  EXPECT_FALSE(found[5].date.has_value());
  EXPECT_EQ(found[6].mod, "MID");
  EXPECT_EQ(found[0].type, TimexType::kDate);
}

TEST(FindTimeExpressions, OffsetsAreBytesInUtf8Text) {
  const std::string text =
      "Caf\xC3\xA9\xE2\x80\x94"
      "12 May 2021 \xE2\x80\x9Cnow\xE2\x80\x9D";
  const std::vector<DateMention> found = find_time_expressions(text, parse_iso_date(kThursday));
  ASSERT_EQ(found.size(), 2u) << describe(found);
  EXPECT_EQ(found[0].start, 8u);  // "Café" is 5 bytes, the em dash 3
  EXPECT_EQ(found[0].end, 19u);
  EXPECT_EQ(found[0].text, "12 May 2021");
  EXPECT_EQ(found[1].text, "now");
}

TEST(FindTimeExpressions, EmptyAndOddInputFindNothing) {
  EXPECT_TRUE(find_time_expressions("", parse_iso_date(kThursday)).empty());
  EXPECT_TRUE(find_time_expressions("\xFF\xFE 99:99 -- / ' '", std::nullopt).empty());
  EXPECT_TRUE(find_time_expressions("May", parse_iso_date(kThursday)).empty());
}

TEST(FindDates, KeepsOnlyCalendarDates) {
  const std::vector<DateMention> dates = find_dates(
      "Now, for three years, every year, since May 2021 and on 12 June, yesterday.", std::nullopt);
  ASSERT_EQ(dates.size(), 1u) << describe(dates);
  EXPECT_EQ(dates[0].text, "May 2021");
  const std::vector<DateMention> with_date =
      find_dates("Now, since May 2021 and on 12 June, yesterday.", parse_iso_date(kThursday));
  ASSERT_EQ(with_date.size(), 3u) << describe(with_date);
  EXPECT_EQ(with_date[1].value, "2021-06-12");
  EXPECT_EQ(with_date[2].value, "2021-06-02");
}

}  // namespace
}  // namespace vigil::entities
