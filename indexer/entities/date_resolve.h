#pragma once
// Anchoring underspecified and relative dates to the publication date (an internal part of
// dates.h, where the rules are described). `dct` is the publication date, possibly known to the
// year or month only; each function says what it needs and returns 0 or nullopt without it.

#include <optional>

#include "article/article.h"
#include "entities/date_calendar.h"
#include "entities/date_words.h"

namespace vigil::entities::date_internal {

// Which occurrence of a recurring period (a month, a weekday, a season) is meant.
enum class Pick {
  kByTense,  // the tense decides (see dates.h)
  kThis,     // the one in the publication's year or week
  kLast,     // the nearest one strictly before the publication's
  kNext,     // the nearest one strictly after it
};

// The year of `month` (and `day`, 0 for the whole month) written without one; 0 without a dct.
// kByTense needs the dct's month to look past or forward, otherwise it keeps the dct's year.
int year_of(const std::optional<PartialDate>& dct, int month, int day, Pick pick, Tense tense);

// The date of `weekday` (1 Monday .. 7 Sunday); needs the dct's day.
std::optional<Day> weekday_date(const std::optional<PartialDate>& dct, int weekday, Pick pick,
                                Tense tense);

// The year of quarter `quarter` (1..4) named without one; for a half, pass its last quarter
// (2 or 4). A quarter after the dct's is last year's unless the tense is future.
int quarter_year(const std::optional<PartialDate>& dct, int quarter, Tense tense);

// The year (the one winter starts in) of a season; needs the dct's month except for kThis.
int season_year(const std::optional<PartialDate>& dct, Cue season, Pick pick, Tense tense);

// The period `count` units from the dct (negative: before) at the unit's precision: a day,
// ISO week, month, quarter or year (decades and centuries move the year). Nullopt when the dct
// is not precise enough or for clock units.
std::optional<Timex> shifted(const std::optional<PartialDate>& dct, int count, Unit unit);

// The dct as a full day, when it is known to the day.
std::optional<Day> dct_day(const std::optional<PartialDate>& dct);

}  // namespace vigil::entities::date_internal
