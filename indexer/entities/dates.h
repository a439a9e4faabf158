#pragma once
// Dates and other time expressions mentioned in English text, normalised TimeML-style (TIMEX3)
// against the publication date.
//
// What is found (types follow TimeML's TIMEX3):
// - DATE: explicit dates ("12 May 2021", "May 12th, 2021", "Oct. 23", "2021-05-12", "5/12/2021",
//   "Thursday, Jan. 8"), month and year ("May 2021", "January nineteen ninety-seven"), bare
//   months after a preposition or modifier ("in March", "mid-May", "last February", "June last
//   year"), years ("in 2019", "fiscal 1998", "the year 2000", "nineteen eighty"), decades
//   ("the 1990s", "the '90s", "the nineties"), centuries ("the 20th century"), seasons
//   ("last fall", "in the spring of 2019"), quarters and halves ("the third quarter",
//   "first-quarter", "the first half of 1997"), weeks ("last week", "over the weekend"),
//   weekdays ("on Thursday", "next Friday"), named days ("Christmas Eve", "Thanksgiving",
//   "Easter", "Human Rights Day"), "today", "yesterday", "tomorrow", "this/last/next
//   week|month|year", "two years ago", "a year earlier", and the TimeML references
//   "now"/"currently" (PRESENT_REF), "recently"/"the past" (PAST_REF) and "the future"
//   (FUTURE_REF). Modifiers are part of the mention and reported in `mod` ("early 2020",
//   "the end of the year", "the late 1980s"); so are "earlier"/"later" before a relative date
//   ("earlier this year").
// - TIME: clock times ("3 p.m.", "10:30 a.m. EST Friday", "noon"), parts of days ("tonight",
//   "this morning", "Thursday night": value "2021-06-03TNI").
// - DURATION: "three years", "the past 24 hours", "several months", "a two-year term".
// - SET: "every year", "annually", "twice a week", "$5 million a year", "on Thursdays".
//
// Mention extents follow TimeML: a leading "the"/"a" and modifiers are included; prepositions
// ("on", "in"), a possessive "'s" and the article of an adjective ("the [14-day] deadline")
// are not. Mid-sentence title-case phrases are names, not dates ("ABC's This Week",
// "60 Minutes").
//
// Resolution. An underspecified date (a weekday, a month, a day without a year, a season, a
// quarter) takes its missing parts from the publication date. Each has an occurrence on or
// before the publication date and one on or after it; the tense of the sentence chooses:
// - the tense is the nearest cue in the same sentence, the one on the left (usually the verb
//   the date modifies) unless the right one is less than half as far. Forward cues: "will",
//   "would", "may", "plans", "expected", "next", "is to", "set/due/planned to"; backward cues:
//   "said", "was", "has", other past forms, "-ed" verbs (not after "the" or "be"), "ago",
//   "last";
// - past picks the earlier occurrence, future the later one, unless the other one is more than
//   four times closer ("said the dividend is payable July 15", written on 3 June, is this
//   July); with no cue, the nearer one (the earlier on a tie).
// A weekday equal to the publication's weekday is the publication date. "last/next <weekday>"
// is the nearest one strictly before/after it; "last/next <month>" the nearest one strictly
// before/after the publication month. A quarter later than the publication's is last year's
// unless the sentence looks forward. Relative expressions ("two years ago", "last week") count
// from the publication date. In financial news, once a quarter has been named, "a year ago",
// "a year earlier", "year-earlier" and "from last year" mean that quarter one year before,
// and "the quarter" / "the 1988 period" mean the quarter under discussion (TimeML practice).
//
// Ambiguous forms, decided here: "05/12/2021" is month/day/year (US newswire) unless the first
// number is above 12, then day/month/year. A two-digit year ("'98") is the nearest such year
// to the publication date (19xx without one). A bare four-digit number 1000-2199 is a year only
// when it is not a count ("2021 people", "about 2000 troops") or a number ("page 1990",
// "$1990"); before 1800 it also needs a preposition ("in 1066"). Decades and centuries have
// the TIMEX3 values "199" (the 1990s) and "19" (the 20th century).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article/article.h"

namespace vigil::entities {

// TIMEX3 types.
enum class TimexType { kDate, kTime, kDuration, kSet };

// How precise a DATE or TIME is. kNone for durations, sets and the references (PRESENT_REF ...).
enum class Granularity { kNone, kDay, kWeek, kMonth, kSeason, kQuarter, kYear, kDecade, kCentury };

struct DateMention {
  std::size_t start = 0;  // byte offsets into the text (UTF-8): [start, end)
  std::size_t end = 0;
  std::string text;  // the mention as written
  TimexType type = TimexType::kDate;
  Granularity granularity = Granularity::kNone;
  // The TIMEX3 value: "2021-05-12", "2021-05", "2021", "199" (the 1990s), "19" (the 20th
  // century), "2021-W23", "2021-W23-WE", "2021-Q3", "2021-H1", "2021-SU", "2021-05-12T15:00",
  // "2021-05-12TNI", "PRESENT_REF", "P3Y", "P20Y" (two decades), "PT24H", "PXM" (several
  // months), "XXXX-WXX-4" (every Thursday). Unknown parts are 'X' ("XXXX-05-12" when there is
  // no publication date). Empty when it cannot be resolved at all (e.g. "yesterday" without a
  // publication date, or known to the year only).
  std::string value;
  // The TIMEX3 mod: "START", "MID", "END", "APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS",
  // "EQUAL_OR_MORE", or empty.
  std::string mod;
  // The calendar date the mention falls in, to day, month or year precision, for date facets:
  // day and time -> the day; week -> the month of its Thursday; month -> the month; season,
  // quarter, half, year -> the year. Empty for decades, centuries, durations, sets, references
  // and values with unknown parts.
  std::optional<PartialDate> date;
};

// Every time expression of `text` in text order, without overlaps (the longest reading wins).
// `published` is the document's creation date; it may be known to the day, month or year only,
// and relative expressions that need more than it gives are returned with an empty value.
// Linear in the text; safe to call from several threads at once; never throws except
// std::bad_alloc.
std::vector<DateMention> find_time_expressions(std::string_view text,
                                               std::optional<PartialDate> published);

// The mentions of find_time_expressions that name a calendar period: DATE and TIME mentions
// whose value starts with a digit (so not PRESENT_REF, and not "XXXX-05-12"). What the indexer
// uses for date facets and date terms.
std::vector<DateMention> find_dates(std::string_view text, std::optional<PartialDate> published);

}  // namespace vigil::entities
