#pragma once
// The patterns of the date tagger (an internal part of dates.h). A Grammar reads one tokenized
// text; match_at(i) returns the longest time expression starting at token i. The patterns are
// split by kind over date_grammar.cc (modifiers, references, clock times), date_absolute.cc
// (calendar dates, months, years), date_holidays.cc (named days), date_periods.cc (decades,
// centuries, quarters, seasons),
// date_relative.cc (weekdays, today/yesterday, this/last/next) and date_durations.cc
// (durations, "ago", sets).

#include <optional>
#include <string_view>
#include <vector>

#include "article/article.h"
#include "entities/date_calendar.h"
#include "entities/date_resolve.h"
#include "entities/date_tokens.h"
#include "entities/date_words.h"

namespace vigil::entities::date_internal {

// Tokens [first, last) read as `timex`.
struct Match {
  int first = 0;
  int last = 0;
  Timex timex;
};

class Grammar {
 public:
  // `text` and `tokens` must outlive the Grammar.
  Grammar(std::string_view text, const std::vector<Token>& tokens, std::optional<PartialDate> dct);

  std::optional<Match> match_at(int i) const;

 private:
  // --- token queries (date_grammar.cc)
  const Token* token(int i) const;  // nullptr outside the text
  const WordInfo* info(int i) const;
  Cue cue(int i) const;
  bool is(int i, Cue c) const { return cue(i) == c; }
  bool punct(int i, char c) const;
  bool joined(int i) const;  // token i touches token i - 1 (no space between)
  std::string_view word(int i) const;
  bool word_is(int i, std::string_view lower) const;  // case-insensitive
  Tense tense(int first, int last) const;
  // A month name at i (full, or abbreviated, optionally with '.'): its number, and in `next`
  // the token after it. Names must be capitalised.
  int month_at(int i, int& next) const;
  // A day of month 1..31 at i, with an optional "st/nd/rd/th" suffix.
  bool day_at(int i, int& day, int& next) const;
  // A year of four digits 1000..2199 at i.
  bool year_at(int i, int& year) const;
  // A year in words at i ("nineteen ninety-six"), and in `next` the token after it.
  bool spoken_year_at(int i, int& year, int& next) const;
  // An ordinal at i: "third", "twenty-first", "3rd".
  bool ordinal_at(int i, int& value, int& next) const;
  // A cardinal at i: digits, number words ("twenty four", "two hundred"), "a"/"an" (1) or an
  // unspecified amount ("several", "a few": -1); "a couple of" is 2 and "a dozen" 12.
  bool quantity_at(int i, int& count, int& next) const;
  // Whether tokens [first, last) look like part of a name in title case ("This Week").
  bool in_title(int first, int last) const;
  // The longest match of the core patterns (without a leading modifier).
  std::optional<Match> core_at(int i) const;

  // --- modifiers, references and clock times (date_grammar.cc)
  std::optional<Match> with_edge(int i) const;    // "early", "mid-", "the end of" + date
  std::optional<Match> with_approx(int i) const;  // "about", "more than" + duration or year
  std::optional<Match> reference(int i) const;    // now, recently, the past, the future
  std::optional<Match> clock_time(int i) const;   // 3 p.m., 10:30 a.m. EST, noon

  // --- calendar dates (date_absolute.cc)
  std::optional<Match> explicit_date(int i) const;  // May 12, 2021; 12 May; 2021-05-12; 5/12/21
  std::optional<Match> month_phrase(int i) const;   // (in) March, May 2021, March of last year
  std::optional<Match> year_phrase(int i) const;    // 1998, fiscal 1998, the year 2000, '98

  // --- holidays and observances (date_holidays.cc)
  std::optional<Match> named_day(int i) const;  // Christmas, Thanksgiving, Human Rights Day

  // --- longer periods (date_periods.cc)
  std::optional<Match> decade_phrase(int i) const;   // the 1990s, the '90s, the twentieth century
  std::optional<Match> quarter_phrase(int i) const;  // the third quarter (of 1998), first-half
  std::optional<Match> season_phrase(int i) const;   // summer 1998, (in) the fall

  // --- relative dates (date_relative.cc)
  std::optional<Match> weekday_phrase(int i) const;  // Thursday (night), last Friday
  std::optional<Match> day_word(int i) const;        // today, yesterday morning, tonight
  std::optional<Match> deictic(int i) const;         // this week, last March, next year

  // --- durations and sets (date_durations.cc)
  std::optional<Match> quantity(int i) const;       // three years (ago), the past two weeks
  std::optional<Match> year_compound(int i) const;  // year-earlier, the year-ago period, year-end
  std::optional<Match> set_phrase(int i) const;     // every year, annually, twice a week

  // Helpers shared by the files.
  // A day expression at i that a clock time or weekday can be attached to; nullopt if none.
  std::optional<Match> day_expression(int i) const;
  // "of this year", "of 1998", ", 1998" after a month, season or quarter: the year and the
  // token after the phrase; 0 when there is none.
  int trailing_year(int i, int& next) const;
  // The year of a day and month [first, i): written after it at i ("2021", ", 2021",
  // "this year"; `next` is the token after that), else resolved against the dct.
  int year_after_day(int i, int month, int day, int first, int& next) const;
  Match make(int first, int last, Timex timex) const;

  std::string_view text_;
  const std::vector<Token>& tokens_;
  std::optional<PartialDate> dct_;
  int size_;
};

}  // namespace vigil::entities::date_internal
