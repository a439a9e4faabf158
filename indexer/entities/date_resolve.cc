#include "entities/date_resolve.h"

#include <optional>

namespace vigil::entities::date_internal {
namespace {

// Months from the dct's month to `month` of the dct's year, with days breaking ties: negative
// when (month, day) comes before the dct, 0 when it is the dct's month (and day, or day unknown).
int compare_to_dct(const PartialDate& dct, int month, int day) {
  if (month != dct.month) return month < dct.month ? -1 : 1;
  if (day == 0 || dct.day == 0 || day == dct.day) return 0;
  return day < dct.day ? -1 : 1;
}

// Season index 0..3 (spring, summer, fall, winter) and the year winter is counted in.
int season_index(Cue season) {
  switch (season) {
    case Cue::kSpring:
      return 0;
    case Cue::kSummer:
      return 1;
    case Cue::kFall:
      return 2;
    default:
      return 3;
  }
}

int season_of_month(int month, int& year) {
  if (month <= 2) {
    --year;
    return 3;
  }
  return month == 12 ? 3 : (month - 3) / 3;
}

}  // namespace

std::optional<Day> dct_day(const std::optional<PartialDate>& dct) {
  if (!dct || dct->year <= 0 || dct->month == 0 || dct->day == 0) return std::nullopt;
  return Day{dct->year, dct->month, dct->day};
}

int year_of(const std::optional<PartialDate>& dct, int month, int day, Pick pick, Tense tense) {
  if (!dct || dct->year <= 0) return 0;
  if (pick == Pick::kThis || dct->month == 0) return dct->year;
  switch (pick) {
    case Pick::kLast:
      return month < dct->month ? dct->year : dct->year - 1;
    case Pick::kNext:
      return month > dct->month ? dct->year : dct->year + 1;
    default:
      break;
  }
  // The occurrences on or before and on or after the dct, and how far each is (in days when
  // both days are known, else in months).
  const int order = compare_to_dct(*dct, month, day);
  if (order == 0) return dct->year;
  const int before_year = order < 0 ? dct->year : dct->year - 1;
  const int after_year = order > 0 ? dct->year : dct->year + 1;
  long before = 0;
  long after = 0;
  if (day > 0 && dct->day > 0 && valid_day(before_year, month, day) &&
      valid_day(after_year, month, day)) {
    const long today = days_between({1970, 1, 1}, {dct->year, dct->month, dct->day});
    before = today - days_between({1970, 1, 1}, {before_year, month, day});
    after = days_between({1970, 1, 1}, {after_year, month, day}) - today;
  } else {
    before = (dct->year - before_year) * 12 + dct->month - month;
    after = (after_year - dct->year) * 12 + month - dct->month;
  }
  // The tense chooses, unless the other occurrence is more than four times closer: "said it
  // will pay the dividend Dec. 15" written on Oct. 26 is this December, not last.
  if (tense == Tense::kPast) return after * 4 < before ? after_year : before_year;
  if (tense == Tense::kFuture) return before * 4 < after ? before_year : after_year;
  return after < before ? after_year : before_year;
}

std::optional<Day> weekday_date(const std::optional<PartialDate>& dct, int day_of_week, Pick pick,
                                Tense tense) {
  const std::optional<Day> today = dct_day(dct);
  if (!today) return std::nullopt;
  const int delta = day_of_week - weekday(*today);  // -6 .. 6
  int shift = delta;
  switch (pick) {
    case Pick::kLast:
      shift = delta < 0 ? delta : delta - 7;
      break;
    case Pick::kNext:
      shift = delta > 0 ? delta : delta + 7;
      break;
    case Pick::kThis:
      break;  // the day of the publication's ISO week
    case Pick::kByTense:
      if (delta == 0) {
        shift = 0;
      } else if (tense == Tense::kFuture) {
        shift = delta > 0 ? delta : delta + 7;
      } else if (tense == Tense::kPast) {
        shift = delta < 0 ? delta : delta - 7;
      } else {
        const int back = delta < 0 ? delta : delta - 7;
        const int ahead = delta > 0 ? delta : delta + 7;
        shift = -back <= ahead ? back : ahead;
      }
      break;
  }
  return add_days(*today, shift);
}

int quarter_year(const std::optional<PartialDate>& dct, int quarter, Tense tense) {
  if (!dct || dct->year <= 0) return 0;
  if (dct->month == 0) return dct->year;
  const int current = (dct->month - 1) / 3 + 1;
  // Quarters are mostly reported after they end: a later quarter than the current one is last
  // year's unless the sentence looks forward.
  if (quarter > current && tense != Tense::kFuture) return dct->year - 1;
  return dct->year;
}

int season_year(const std::optional<PartialDate>& dct, Cue season, Pick pick, Tense tense) {
  if (!dct || dct->year <= 0) return 0;
  if (dct->month == 0) return dct->year;
  int year = dct->year;
  const int current = season_of_month(dct->month, year);
  const int wanted = season_index(season);
  const int now = year * 4 + current;
  int index = year * 4 + wanted;  // the wanted season in the current season's year
  if (pick == Pick::kThis) return wanted == 3 && current == 3 ? year : dct->year;
  if (pick == Pick::kByTense) {
    if (tense == Tense::kFuture) {
      pick = Pick::kNext;
      if (index == now) return year;
    } else if (tense == Tense::kPast) {
      pick = Pick::kLast;
      if (index == now) return year;
    } else {
      return wanted == 3 && current == 3 ? year : dct->year;
    }
  }
  if (pick == Pick::kLast) {
    while (index >= now) index -= 4;
    while (index + 4 < now) index += 4;
  } else {
    while (index <= now) index += 4;
    while (index - 4 > now) index -= 4;
  }
  return index / 4;
}

std::optional<Timex> shifted(const std::optional<PartialDate>& dct, int count, Unit unit) {
  if (!dct || dct->year <= 0) return std::nullopt;
  const std::optional<Day> today = dct_day(dct);
  switch (unit) {
    case Unit::kDay:
      if (!today) return std::nullopt;
      {
        const Day day = add_days(*today, count);
        return day_timex(day.year, day.month, day.day);
      }
    case Unit::kWeek:
    case Unit::kFortnight:
      if (!today) return std::nullopt;
      return week_timex(add_days(*today, 7 * count * (unit == Unit::kFortnight ? 2 : 1)));
    case Unit::kWeekend:
      if (!today) return std::nullopt;
      return weekend_timex(add_days(*today, 7 * count));
    case Unit::kMonth:
    case Unit::kQuarter: {
      if (dct->month == 0) return std::nullopt;
      int year = dct->year;
      int month = dct->month;
      add_months(year, month, unit == Unit::kMonth ? count : 3 * count);
      if (unit == Unit::kMonth) return month_timex(year, month);
      return quarter_timex(year, (month - 1) / 3 + 1);
    }
    case Unit::kYear:
      return year_timex(dct->year + count);
    case Unit::kDecade:
      return year_timex(dct->year + 10 * count);
    case Unit::kCentury:
      return year_timex(dct->year + 100 * count);
    default:
      return std::nullopt;
  }
}

}  // namespace vigil::entities::date_internal
