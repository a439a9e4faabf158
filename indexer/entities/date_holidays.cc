// Named days: holidays and international observances (Grammar, see date_grammar.h).
#include <array>
#include <optional>
#include <string_view>

#include "entities/date_grammar.h"

namespace vigil::entities::date_internal {
namespace {

enum class Rule { kFixed, kNthWeekday, kEaster };

struct NamedDay {
  std::array<std::string_view, 5> words;  // lowercase; "'" is the apostrophe; "" ends
  Rule rule;
  int month;
  int day;  // kFixed: the day; kNthWeekday: the weekday; kEaster: days after Easter Sunday
  int nth;  // kNthWeekday: 1..4, or -1 for the last
};

// Longer names first, so that "Christmas Eve" wins over "Christmas".
constexpr std::array<NamedDay, 19> kNamedDays = {{
    {{"new", "year", "'", "s", "day"}, Rule::kFixed, 1, 1, 0},
    {{"new", "year", "'", "s", "eve"}, Rule::kFixed, 12, 31, 0},
    {{"international", "women", "'", "s", "day"}, Rule::kFixed, 3, 8, 0},
    {{"valentine", "'", "s", "day", ""}, Rule::kFixed, 2, 14, 0},
    {{"human", "rights", "day", "", ""}, Rule::kFixed, 12, 10, 0},
    {{"world", "refugee", "day", "", ""}, Rule::kFixed, 6, 20, 0},
    {{"christmas", "eve", "", "", ""}, Rule::kFixed, 12, 24, 0},
    {{"christmas", "day", "", "", ""}, Rule::kFixed, 12, 25, 0},
    {{"christmas", "", "", "", ""}, Rule::kFixed, 12, 25, 0},
    {{"boxing", "day", "", "", ""}, Rule::kFixed, 12, 26, 0},
    {{"halloween", "", "", "", ""}, Rule::kFixed, 10, 31, 0},
    {{"may", "day", "", "", ""}, Rule::kFixed, 5, 1, 0},
    {{"thanksgiving", "day", "", "", ""}, Rule::kNthWeekday, 11, 4, 4},
    {{"thanksgiving", "", "", "", ""}, Rule::kNthWeekday, 11, 4, 4},
    {{"labor", "day", "", "", ""}, Rule::kNthWeekday, 9, 1, 1},
    {{"memorial", "day", "", "", ""}, Rule::kNthWeekday, 5, 1, -1},
    {{"easter", "sunday", "", "", ""}, Rule::kEaster, 0, 0, 0},
    {{"easter", "", "", "", ""}, Rule::kEaster, 0, 0, 0},
    {{"good", "friday", "", "", ""}, Rule::kEaster, 0, -2, 0},
}};

// Easter Sunday (the anonymous Gregorian algorithm).
Day easter(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = (b - b / 4 - (b - (b + 8) / 25 + 1) / 3 + 19 * a + 15) % 30;
  const int e = (32 + 2 * (b % 4) + 2 * (c / 4) - d - c % 4) % 7;
  const int f = (a + 11 * d + 22 * e) / 451;
  const int month = (d + e - 7 * f + 114) / 31;
  const int day = (d + e - 7 * f + 114) % 31 + 1;
  return {year, month, day};
}

Day date_in(const NamedDay& named, int year) {
  switch (named.rule) {
    case Rule::kEaster:
      return add_days(easter(year), named.day);
    case Rule::kNthWeekday: {
      if (named.nth < 0) {
        const Day last = {year, named.month, days_in_month(year, named.month)};
        return add_days(last, -((weekday(last) - named.day + 7) % 7));
      }
      const Day first = {year, named.month, 1};
      return add_days(first, (named.day - weekday(first) + 7) % 7 + 7 * (named.nth - 1));
    }
    case Rule::kFixed:
      break;
  }
  return {year, named.month, named.day};
}

}  // namespace

std::optional<Match> Grammar::named_day(int i) const {
  Pick pick = Pick::kByTense;
  int j = i;
  if (is(i, Cue::kLast) || is(i, Cue::kNext) || is(i, Cue::kThis)) {
    pick = is(i, Cue::kLast) ? Pick::kLast : is(i, Cue::kNext) ? Pick::kNext : Pick::kThis;
    ++j;
  }
  if (info(j) == nullptr || !info(j)->names_day) return std::nullopt;
  for (const NamedDay& named : kNamedDays) {
    int k = j;
    bool matched = true;
    for (std::string_view part : named.words) {
      if (part.empty()) break;
      const bool ok =
          part == "'" ? punct(k, '\'') : word_is(k, part) && (part == "s" || token(k)->capitalised);
      if (!ok) {
        matched = false;
        break;
      }
      ++k;
    }
    if (!matched) continue;
    // The nominal date places the year; a computed holiday then moves within it.
    const int month = named.rule == Rule::kEaster ? 4 : named.month;
    const int day = named.rule == Rule::kFixed ? named.day : 15;
    int next = k;
    int year = 0;
    if (!year_at(k, year) && (year = trailing_year(k, next)) == 0) {
      year =
          year_of(dct_, month, day, pick, pick == Pick::kByTense ? tense(i, k) : Tense::kUnknown);
    } else if (next == k) {
      next = k + 1;
    }
    if (year <= 0) return make(i, next, day_timex(0, month, named.rule == Rule::kFixed ? day : 0));
    const Day date = date_in(named, year);
    return make(i, next, day_timex(date.year, date.month, date.day));
  }
  return std::nullopt;
}

}  // namespace vigil::entities::date_internal
