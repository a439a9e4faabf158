#pragma once
// Calendar arithmetic and TIMEX3 values for the date tagger (an internal part of dates.h).

#include <optional>
#include <string>
#include <string_view>

#include "article/article.h"
#include "entities/date_words.h"
#include "entities/dates.h"

namespace vigil::entities::date_internal {

// A full proleptic Gregorian date.
struct Day {
  int year = 0;
  int month = 0;
  int day = 0;
};

bool is_leap(int year);
int days_in_month(int year, int month);  // month 1..12
bool valid_day(int year, int month, int day);
Day add_days(Day day, int count);
long days_between(Day from, Day to);  // to - from, in days
int weekday(Day day);                 // 1 Monday .. 7 Sunday
// Moves (year, month) by `count` months.
void add_months(int& year, int& month, int count);

// A resolved time expression, before it becomes a DateMention.
struct Timex {
  TimexType type = TimexType::kDate;
  Granularity granularity = Granularity::kNone;
  std::string value;
  std::string_view mod;  // a TIMEX3 mod name, or empty
  std::optional<PartialDate> date;
  // Set for "a year ago/earlier", "year-earlier": after a quarter is mentioned, financial news
  // means that quarter a year before (see dates.cc).
  bool year_back = false;
  // Set for "the quarter": the quarter under discussion, when there is one.
  bool use_focus = false;
};

// Builders. A year of 0 is unknown and written "XXXX"; so is a month or day of 0 where the
// value needs one ("XXXX-05-12", "2021-XX").
Timex day_timex(int year, int month, int day);
Timex month_timex(int year, int month);
Timex year_timex(int year);
Timex week_timex(Day day);     // the ISO week containing `day`: "2021-W23"
Timex weekend_timex(Day day);  // the weekend of that ISO week: "2021-W23-WE"
Timex quarter_timex(int year, int quarter);
Timex half_timex(int year, int half);
Timex season_timex(int year, Cue season);  // "2021-SU"; winter is the one starting in `year`
Timex decade_timex(int first_year);        // 1990 -> "199"
Timex century_timex(int hundreds);         // 19 (the 20th century) -> "19"
// `part` is "MO", "AF", "EV", "NI" or a clock time "15:00". A zero year gives "XXXX-XX-XX".
Timex time_timex(Day day, std::string_view part);
Timex reference_timex(std::string_view value);  // PRESENT_REF, PAST_REF, FUTURE_REF
// "P3Y", "PT24H"; a count below 0 is unspecified ("PXY"). Weekends count as days (P2D each);
// counted decades, centuries and millennia as years ("P20Y"), uncounted ones "PXE", "PXC", "PXL".
Timex duration_timex(int count, Unit unit);
// A SET with the value of duration_timex ("every two years": P2Y).
Timex set_timex(int count, Unit unit);
// A SET with an explicit value ("XXXX-WXX-4").
Timex set_value_timex(std::string value);

}  // namespace vigil::entities::date_internal
