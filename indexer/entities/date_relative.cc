// Weekdays, today/yesterday and this/last/next periods (Grammar, see date_grammar.h).
#include <optional>
#include <string>
#include <string_view>

#include "entities/date_grammar.h"

namespace vigil::entities::date_internal {
namespace {

// A DATE or TIME that the publication date cannot place: no value, but a known precision.
Timex unresolved(Granularity granularity, TimexType type = TimexType::kDate) {
  Timex timex;
  timex.type = type;
  timex.granularity = granularity;
  return timex;
}

// A day, with or without a part of it: "Friday night" is normalised to the day, as most
// TimeML annotation does (a clock time is a TIME, see clock_time()).
Timex day_or_time(std::optional<Day> day, const char* part) {
  if (!day) return unresolved(Granularity::kDay, part ? TimexType::kTime : TimexType::kDate);
  if (part != nullptr) return time_timex(*day, part);
  return day_timex(day->year, day->month, day->day);
}

}  // namespace

bool Grammar::quantity_at(int i, int& count, int& next) const {
  const Token* t = token(i);
  if (t == nullptr) return false;
  next = i + 1;  // callers read `next` only on success
  if (t->kind == TokenKind::kNumber) {
    if (t->plain) {
      count = t->number;
      return count >= 0;
    }
    // "1,000": digits and group commas only
    count = 0;
    for (std::size_t k = t->start; k < t->end; ++k) {
      const char c = text_[k];
      if (c == '.' || count > 100000000) return false;
      if (c != ',') count = count * 10 + (c - '0');
    }
    return true;
  }
  if (t->word == nullptr) return false;
  switch (t->word->cue) {
    case Cue::kA:
      if (is(i + 1, Cue::kFew)) {
        count = -1;
        next = i + 2;
      } else if (is(i + 1, Cue::kCouple) && is(i + 2, Cue::kOf)) {
        count = 2;
        next = i + 3;
      } else if (is(i + 1, Cue::kDozen)) {
        count = 12;
        next = i + 2;
      } else {
        count = 1;
      }
      return true;
    case Cue::kFew:
      count = -1;
      return true;
    case Cue::kCouple:
    case Cue::kDozen:
      if (!is(i + 1, Cue::kOf)) return false;
      count = is(i, Cue::kCouple) ? 2 : -1;
      next = i + 2;
      return true;
    case Cue::kOnce:
      return false;
    default:
      break;
  }
  int value = t->word->number;
  if (value <= 0) return false;
  int j = i + 1;
  const auto ones = [&](int k) {
    const WordInfo* w = info(k);
    return w != nullptr && w->number > 0 && w->number < 10 && w->cue == Cue::kNone ? w->number : 0;
  };
  if (value >= 20 && value <= 90) {
    if (punct(j, '-') && joined(j) && ones(j + 1) > 0) {
      value += ones(j + 1);
      j += 2;
    } else if (ones(j) > 0) {
      value += ones(j);
      ++j;
    }
  }
  if (value < 100 && info(j) != nullptr && (info(j)->number == 100 || info(j)->number == 1000)) {
    value *= info(j)->number;  // "two hundred", "two thousand"
    ++j;
  }
  count = value;
  next = j;
  return true;
}

std::optional<Match> Grammar::day_expression(int i) const {
  for (std::optional<Match> m : {day_word(i), weekday_phrase(i), explicit_date(i)}) {
    if (m && m->timex.granularity == Granularity::kDay) return m;
  }
  return std::nullopt;
}

std::optional<Match> Grammar::weekday_phrase(int i) const {
  int j = i;
  Pick pick = Pick::kByTense;
  switch (cue(i)) {
    case Cue::kLast:
      pick = Pick::kLast, ++j;
      break;
    case Cue::kNext:
    case Cue::kComing:
      pick = Pick::kNext, ++j;
      break;
    case Cue::kThis:
      pick = is(i + 1, Cue::kPast)     ? Pick::kLast
             : is(i + 1, Cue::kComing) ? Pick::kNext
                                       : Pick::kThis;
      j += pick == Pick::kThis ? 1 : 2;
      break;
    default:
      break;
  }
  const Token* t = token(j);
  if (t == nullptr || t->word == nullptr || t->word->weekday == 0 || !t->capitalised) {
    return std::nullopt;
  }
  const int day_of_week = t->word->weekday;
  if (t->word->plural) {
    if (pick != Pick::kByTense) return std::nullopt;
    return make(i, j + 1, set_value_timex("XXXX-WXX-" + std::to_string(day_of_week)));
  }
  int k = j + 1;
  if (pick == Pick::kByTense) {
    // "Thursday, Jan. 8, 1998": the explicit date wins.
    if (std::optional<Match> d = explicit_date(punct(k, ',') ? k + 1 : k)) {
      return make(i, d->last, d->timex);
    }
  }
  const char* part = part_of_day(cue(k));
  const int last = part != nullptr ? k + 1 : k;
  const std::optional<Day> day = weekday_date(dct_, day_of_week, pick, tense(i, last));
  if (!day) {
    Timex timex = unresolved(Granularity::kDay);
    timex.value = "XXXX-WXX-" + std::to_string(day_of_week);
    return make(i, last, timex);
  }
  return make(i, last, day_or_time(day, part));
}

std::optional<Match> Grammar::day_word(int i) const {
  const std::optional<Day> today = dct_day(dct_);
  const auto from_today = [&](int offset) -> std::optional<Day> {
    if (!today) return std::nullopt;
    return add_days(*today, offset);
  };
  int offset = 0;
  switch (cue(i)) {
    case Cue::kToday:
      break;
    case Cue::kYesterday:
      offset = -1;
      break;
    case Cue::kTomorrow:
      offset = 1;
      break;
    case Cue::kTonight:
      return make(i, i + 1, day_or_time(from_today(0), "NI"));
    case Cue::kThis: {
      const char* part = part_of_day(cue(i + 1));
      if (part == nullptr || is(i + 1, Cue::kNight)) return std::nullopt;
      return make(i, i + 2, day_or_time(from_today(0), part));
    }
    case Cue::kLast:
      if (!is(i + 1, Cue::kNight)) return std::nullopt;
      return make(i, i + 2, day_or_time(from_today(-1), "NI"));
    case Cue::kThe: {
      // the day before yesterday, the day after tomorrow
      const WordInfo* unit = info(i + 1);
      if (unit == nullptr || unit->unit != Unit::kDay || unit->plural) return std::nullopt;
      if (is(i + 2, Cue::kBefore) && is(i + 3, Cue::kYesterday)) {
        return make(i, i + 4, day_or_time(from_today(-2), nullptr));
      }
      if (is(i + 2, Cue::kAfter) && is(i + 3, Cue::kTomorrow)) {
        return make(i, i + 4, day_or_time(from_today(2), nullptr));
      }
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
  const char* part = part_of_day(cue(i + 1));
  return make(i, part != nullptr ? i + 2 : i + 1, day_or_time(from_today(offset), part));
}

std::optional<Match> Grammar::deictic(int i) const {
  int j = i;
  const bool the = is(j, Cue::kThe);
  if (the) ++j;
  Cue c = cue(j);
  if (the && info(j) != nullptr && info(j)->unit == Unit::kWeekend && !info(j)->plural) {
    // "over the weekend": the last one, or the coming one when the sentence looks forward.
    const std::optional<Day> today = dct_day(dct_);
    const bool ahead = tense(i, j + 1) == Tense::kFuture;
    std::optional<Timex> weekend =
        shifted(dct_, today && weekday(*today) < 6 && !ahead ? -1 : 0, Unit::kWeekend);
    return make(i, j + 1, weekend ? *weekend : unresolved(Granularity::kWeek));
  }
  if (c == Cue::kThis && is(j + 1, Cue::kPast)) {
    c = Cue::kLast;  // "this past summer"
    ++j;
  }
  int offset = 0;
  Pick pick = Pick::kThis;
  switch (c) {
    case Cue::kThis:
      if (the) return std::nullopt;
      break;
    case Cue::kLast:
      if (the) return std::nullopt;  // "the last year" is a duration
      offset = -1, pick = Pick::kLast;
      break;
    case Cue::kNext:
    case Cue::kComing:
      offset = 1, pick = Pick::kNext;
      break;
    case Cue::kPast:
      if (word_is(j, "past") && !is(j + 1, Cue::kRecent)) {
        // "past" alone: only "the past years" style durations below.
        const WordInfo* w = info(j + 1);
        if (!(the && w != nullptr && w->unit != Unit::kNone && w->plural)) return std::nullopt;
      }
      offset = -1, pick = Pick::kLast;
      break;
    case Cue::kCurrent:
    case Cue::kRecent:
      break;
    default:
      return std::nullopt;
  }
  const int k = j + 1;
  const WordInfo* w = info(k);
  const int year = dct_ && dct_->year > 0 ? dct_->year : 0;
  if (w != nullptr && w->unit != Unit::kNone) {
    if (w->plural) {
      // "recent years", "the coming weeks", "the past months"
      if (c != Cue::kRecent && c != Cue::kComing && c != Cue::kPast) return std::nullopt;
      return make(i, k + 1, duration_timex(-1, w->unit));
    }
    if (c == Cue::kRecent) return std::nullopt;
    std::optional<Timex> timex;
    switch (w->unit) {
      case Unit::kDay:
        if (!the || c == Cue::kCurrent) return std::nullopt;
        timex = shifted(dct_, offset, Unit::kDay);
        break;
      case Unit::kDecade:
        if (year > 0) timex = decade_timex((year / 10 + offset) * 10);
        break;
      case Unit::kCentury:
        if (year > 0) timex = century_timex(year / 100 + offset);
        break;
      case Unit::kWeekend: {
        const std::optional<Day> today = dct_day(dct_);
        int weeks = offset;
        if (today && weekday(*today) < 6) {
          if (c == Cue::kThis && tense(i, k + 1) == Tense::kPast && weekday(*today) <= 4) {
            weeks = -1;
          }
          if (c != Cue::kThis && offset > 0) weeks = 0;
        }
        timex = shifted(dct_, weeks, Unit::kWeekend);
        break;
      }
      case Unit::kWeek:
      case Unit::kMonth:
      case Unit::kQuarter:
      case Unit::kYear:
        timex = shifted(dct_, offset, w->unit);
        // "up from last year's $2.3 billion": in financial news, the same quarter last year.
        if (timex && c == Cue::kLast && w->unit == Unit::kYear && !the &&
            (word_is(i - 1, "from") || word_is(i - 1, "with") || word_is(i - 1, "than") ||
             (punct(k + 1, '\'') && word_is(k + 2, "s")))) {
          timex->year_back = true;
        }
        break;
      default:
        return std::nullopt;
    }
    if (!timex) {
      const Granularity g = w->unit == Unit::kDay       ? Granularity::kDay
                            : w->unit == Unit::kMonth   ? Granularity::kMonth
                            : w->unit == Unit::kWeek    ? Granularity::kWeek
                            : w->unit == Unit::kWeekend ? Granularity::kWeek
                                                        : Granularity::kYear;
      timex = unresolved(g);
    }
    return make(i, k + 1, *timex);
  }
  if (the || c == Cue::kRecent || c == Cue::kCurrent) return std::nullopt;
  int next = 0;
  if (const int month = month_at(k, next); month != 0) {
    return make(i, next, month_timex(year_of(dct_, month, 0, pick, Tense::kUnknown), month));
  }
  const Cue season = cue(k);
  if (season == Cue::kSpring || season == Cue::kSummer || season == Cue::kFall ||
      season == Cue::kWinter) {
    return make(i, k + 1, season_timex(season_year(dct_, season, pick, Tense::kUnknown), season));
  }
  return std::nullopt;
}

}  // namespace vigil::entities::date_internal
