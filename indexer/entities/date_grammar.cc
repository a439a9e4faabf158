#include "entities/date_grammar.h"

#include <array>
#include <cstdio>
#include <optional>
#include <string_view>
#include <utility>

namespace vigil::entities::date_internal {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool date_like(const Match& m) {
  return (m.timex.type == TimexType::kDate || m.timex.type == TimexType::kTime) &&
         m.timex.granularity != Granularity::kNone;
}

void keep_longer(std::optional<Match>& best, std::optional<Match> candidate) {
  if (candidate && (!best || candidate->last > best->last)) best = std::move(candidate);
}

}  // namespace

Grammar::Grammar(std::string_view text, const std::vector<Token>& tokens,
                 std::optional<PartialDate> dct)
    : text_(text), tokens_(tokens), dct_(dct), size_(static_cast<int>(tokens.size())) {}

const Token* Grammar::token(int i) const {
  return i >= 0 && i < size_ ? &tokens_[static_cast<std::size_t>(i)] : nullptr;
}

const WordInfo* Grammar::info(int i) const {
  const Token* t = token(i);
  return t == nullptr ? nullptr : t->word;
}

Cue Grammar::cue(int i) const {
  const WordInfo* w = info(i);
  return w == nullptr ? Cue::kNone : w->cue;
}

bool Grammar::punct(int i, char c) const {
  const Token* t = token(i);
  return t != nullptr && t->kind == TokenKind::kPunct && t->punct == c;
}

bool Grammar::joined(int i) const {
  const Token* t = token(i);
  return t != nullptr && i > 0 && !t->space_before;
}

std::string_view Grammar::word(int i) const {
  const Token* t = token(i);
  if (t == nullptr || t->kind != TokenKind::kWord) return {};
  return text_.substr(t->start, t->end - t->start);
}

bool Grammar::word_is(int i, std::string_view lower_word) const {
  const std::string_view w = word(i);
  if (w.size() != lower_word.size()) return false;
  for (std::size_t k = 0; k < w.size(); ++k) {
    if (lower(w[k]) != lower_word[k]) return false;
  }
  return true;
}

Tense Grammar::tense(int first, int last) const {
  return tense_around(text_, tokens_, first, last);
}

Match Grammar::make(int first, int last, Timex timex) const {
  return Match{first, last, std::move(timex)};
}

std::optional<Match> Grammar::match_at(int i) const {
  const Token* t = token(i);
  if (t == nullptr) return std::nullopt;
  if (t->kind == TokenKind::kWord && t->word == nullptr) return std::nullopt;
  if (t->kind == TokenKind::kPunct && t->punct != '\'') return std::nullopt;
  std::optional<Match> best = core_at(i);
  // "earlier this year", "later today", "earlier Sunday": the same date, seen from within it.
  if ((is(i, Cue::kEarlier) || is(i, Cue::kLater)) && !best) {
    const Cue next = cue(i + 1);
    const WordInfo* w = info(i + 1);
    if (next == Cue::kThis || next == Cue::kToday || next == Cue::kYesterday ||
        next == Cue::kTomorrow || next == Cue::kTonight ||
        (w != nullptr && w->weekday != 0 && token(i + 1)->capitalised)) {
      std::optional<Match> inner = core_at(i + 1);
      if (inner && date_like(*inner)) {
        inner->first = i;
        best = std::move(inner);
      }
    }
  }
  keep_longer(best, with_edge(i));
  keep_longer(best, with_approx(i));
  if (best && in_title(best->first, best->last)) return std::nullopt;
  return best;
}

bool Grammar::in_title(int first, int last) const {
  // Mid-sentence capitals make a name: "ABC's This Week", "60 Minutes", "High Noon",
  // "USA Today". Month and weekday names are always capitalised, so they do not count.
  const Token* before = token(first - 1);
  if (before == nullptr || tokens_[static_cast<std::size_t>(first)].line_before) return false;
  if (before->kind == TokenKind::kPunct && before->punct != ',' && before->punct != ';') {
    return false;
  }
  // Holidays are names ("Human Rights Day"), and dates.
  const int name =
      is(first, Cue::kLast) || is(first, Cue::kNext) || is(first, Cue::kThis) ? first + 1 : first;
  if (info(name) != nullptr && info(name)->names_day) return false;
  bool any = false;
  for (int k = first; k < last; ++k) {
    const Token& t = tokens_[static_cast<std::size_t>(k)];
    if (t.kind != TokenKind::kWord) continue;
    if (!t.capitalised || t.all_caps) return false;
    if (t.word != nullptr && (t.word->month != 0 || t.word->weekday != 0)) return false;
    any = true;
  }
  return any;
}

std::optional<Match> Grammar::core_at(int i) const {
  std::optional<Match> best;
  keep_longer(best, explicit_date(i));
  keep_longer(best, month_phrase(i));
  keep_longer(best, year_phrase(i));
  keep_longer(best, named_day(i));
  keep_longer(best, decade_phrase(i));
  keep_longer(best, quarter_phrase(i));
  keep_longer(best, season_phrase(i));
  keep_longer(best, weekday_phrase(i));
  keep_longer(best, day_word(i));
  keep_longer(best, deictic(i));
  keep_longer(best, set_phrase(i));
  keep_longer(best, quantity(i));
  keep_longer(best, year_compound(i));
  keep_longer(best, reference(i));
  keep_longer(best, clock_time(i));
  return best;
}

std::optional<Match> Grammar::with_edge(int i) const {
  const bool the = is(i, Cue::kThe);
  const int j = the ? i + 1 : i;
  const Cue c = cue(j);
  std::string_view mod;
  int k = j + 1;
  if (!the && (c == Cue::kEarly || c == Cue::kMid || c == Cue::kLate)) {
    mod = c == Cue::kEarly ? "START" : c == Cue::kMid ? "MID" : "END";
    if (punct(k, '-') && joined(k)) ++k;
  } else if (c == Cue::kBeginning || c == Cue::kMiddle || c == Cue::kEnd) {
    mod = c == Cue::kBeginning ? "START" : c == Cue::kMiddle ? "MID" : "END";
    // "the end of March", or Reuters' "end-March"
    const bool of = the && is(k, Cue::kOf);
    if (!of && !(!the && c == Cue::kEnd && punct(k, '-') && joined(k))) return std::nullopt;
    ++k;
    // "the end of the year/month/week/decade/century/quarter": the current one.
    const WordInfo* unit = info(k + 1);
    if (is(k, Cue::kThe) && unit != nullptr && unit->unit != Unit::kNone && !unit->plural) {
      std::optional<Timex> period;
      const int year = dct_ && dct_->year > 0 ? dct_->year : 0;
      if (unit->unit == Unit::kDecade && year > 0) period = decade_timex(year / 10 * 10);
      if (unit->unit == Unit::kCentury && year > 0) period = century_timex(year / 100);
      if (!period) period = shifted(dct_, 0, unit->unit);
      if (unit->unit >= Unit::kWeek && unit->unit != Unit::kWeekend) {
        Timex timex = period ? *period : Timex{};
        timex.mod = mod;
        if (!period) timex.granularity = Granularity::kYear;  // no dct: value stays empty
        return make(i, k + 2, std::move(timex));
      }
    }
  } else {
    return std::nullopt;
  }
  std::optional<Match> inner = core_at(k);
  if (!inner || !date_like(*inner)) return std::nullopt;
  inner->first = i;
  inner->timex.mod = mod;
  return inner;
}

std::optional<Match> Grammar::with_approx(int i) const {
  std::string_view mod;
  int j = i + 1;
  switch (cue(i)) {
    case Cue::kApprox:
      mod = "APPROX";
      break;
    case Cue::kNearly:
      mod = "LESS_THAN";
      break;
    case Cue::kMore:
    case Cue::kLess:
      if (!is(i + 1, Cue::kThan)) return std::nullopt;
      mod = is(i, Cue::kMore) ? "MORE_THAN" : "LESS_THAN";
      j = i + 2;
      break;
    case Cue::kAt:
      if (!is(i + 1, Cue::kLeast) && !is(i + 1, Cue::kMost)) return std::nullopt;
      mod = is(i + 1, Cue::kLeast) ? "EQUAL_OR_MORE" : "EQUAL_OR_LESS";
      j = i + 2;
      break;
    case Cue::kUp:
      if (!is(i + 1, Cue::kTo)) return std::nullopt;
      mod = "EQUAL_OR_LESS";
      j = i + 2;
      break;
    default:
      return std::nullopt;
  }
  std::optional<Match> inner = core_at(j);
  if (!inner || inner->first != j) return std::nullopt;
  const Token* start = token(j);
  const bool counted = start->kind == TokenKind::kNumber ||
                       (start->word != nullptr && (start->word->number > 0 || is(j, Cue::kA)));
  if (inner->timex.type != TimexType::kDuration && !(counted && date_like(*inner))) {
    return std::nullopt;
  }
  inner->first = i;
  inner->timex.mod = mod;
  return inner;
}

std::optional<Match> Grammar::reference(int i) const {
  switch (cue(i)) {
    case Cue::kNow:
    case Cue::kCurrently:
      return make(i, i + 1, reference_timex("PRESENT_REF"));
    case Cue::kRecently:
      return make(i, i + 1, reference_timex("PAST_REF"));
    case Cue::kPresent:
      if (is(i - 1, Cue::kAt)) return make(i, i + 1, reference_timex("PRESENT_REF"));
      return std::nullopt;
    case Cue::kFuture:
      // "in future," without an article.
      if (is(i - 1, Cue::kIn) &&
          (token(i + 1) == nullptr || token(i + 1)->kind == TokenKind::kPunct)) {
        return make(i, i + 1, reference_timex("FUTURE_REF"));
      }
      return std::nullopt;
    case Cue::kThe:
      break;
    default: {
      const WordInfo* unit = info(i + 1);
      const bool day = unit != nullptr && unit->unit == Unit::kDay;
      if (word_is(i, "these") && day && unit->plural) {
        return make(i, i + 2, reference_timex("PRESENT_REF"));
      }
      // "will one day", "may some day", "someday": an unspecified future.
      const WordInfo* before = info(i - 1);
      const bool modal = before != nullptr && before->tense == Tense::kFuture;
      if (modal && (word_is(i, "one") || word_is(i, "some")) && day && !unit->plural) {
        return make(i, i + 2, reference_timex("FUTURE_REF"));
      }
      if (word_is(i, "someday")) return make(i, i + 1, reference_timex("FUTURE_REF"));
      return std::nullopt;
    }
  }
  // "the past", "the recent past", "the near future", "the present".
  int j = i + 1;
  if (is(j, Cue::kRecent) || word_is(j, "near") || word_is(j, "distant") ||
      word_is(j, "immediate")) {
    ++j;
  }
  if (is(j, Cue::kPast)) {
    if (!word_is(j, "past")) return std::nullopt;
    return make(i, j + 1, reference_timex("PAST_REF"));
  }
  if (is(j, Cue::kFuture)) return make(i, j + 1, reference_timex("FUTURE_REF"));
  if (is(j, Cue::kPresent) && j == i + 1) {
    const Token* next = token(j + 1);
    if (next == nullptr || next->kind == TokenKind::kPunct ||
        (next->word != nullptr && next->word->temporal_prep)) {
      return make(i, j + 1, reference_timex("PRESENT_REF"));
    }
  }
  return std::nullopt;
}

std::optional<Match> Grammar::clock_time(int i) const {
  const Token* t = token(i);
  if (t == nullptr) return std::nullopt;
  int hour = -1;
  int minute = 0;
  bool minutes = false;
  int k = i + 1;
  if (is(i, Cue::kNoon) || is(i, Cue::kMidnight)) {
    hour = is(i, Cue::kNoon) ? 12 : 24;
    minutes = true;
  } else if (t->kind == TokenKind::kNumber && t->plain && t->digits <= 2 && t->number <= 24) {
    hour = t->number;
    if (punct(k, ':') && joined(k) && token(k + 1) != nullptr && joined(k + 1) &&
        token(k + 1)->plain && token(k + 1)->digits == 2 && token(k + 1)->number < 60) {
      minute = token(k + 1)->number;
      minutes = true;
      k += 2;
    }
  } else {
    return std::nullopt;
  }
  // a.m. / p.m. / am / pm / o'clock
  int meridiem = 0;  // -1 am, +1 pm
  if ((word_is(k, "a") || word_is(k, "p")) && punct(k + 1, '.') && joined(k + 1) &&
      word_is(k + 2, "m") && joined(k + 2)) {
    meridiem = word_is(k, "a") ? -1 : 1;
    k += 3;
    if (punct(k, '.') && joined(k)) ++k;
  } else if (is(k, Cue::kAm) || is(k, Cue::kPm)) {
    meridiem = is(k, Cue::kAm) ? -1 : 1;
    ++k;
  } else if (word_is(k, "o") && punct(k + 1, '\'') && word_is(k + 2, "clock")) {
    meridiem = 2;
    k += 3;
  }
  const bool zone = is(k, Cue::kZone) && token(k)->all_caps;
  const bool utc = zone && (word_is(k, "utc") || word_is(k, "gmt"));
  if (zone) ++k;
  if (hour > 12 && meridiem != 0 && meridiem != 2) return std::nullopt;
  if (meridiem == 0 && !zone) {
    // A bare "10:30" needs a preposition of time before it.
    const Cue before = cue(i - 1);
    if (!minutes || !(before == Cue::kAt || before == Cue::kFrom || before == Cue::kTo ||
                      before == Cue::kBefore || before == Cue::kAfter || before == Cue::kApprox ||
                      word_is(i - 1, "by") || word_is(i - 1, "until"))) {
      if (!is(i, Cue::kNoon) && !is(i, Cue::kMidnight)) return std::nullopt;
    }
  }
  if (meridiem == 1 && hour < 12) hour += 12;
  if (meridiem == -1 && hour == 12) hour = 0;
  // An attached day: "3 p.m. Thursday", "noon today", "10 a.m. on May 5" is left as two.
  Day day;
  int last = k;
  int after = punct(k, ',') ? k + 1 : k;
  if (std::optional<Match> d = day_expression(after); d && d->timex.date && d->timex.date->day) {
    day = {d->timex.date->year, d->timex.date->month, d->timex.date->day};
    last = d->last;
  } else if (std::optional<Day> today = dct_day(dct_)) {
    day = *today;
  }
  std::array<char, 32> clock{};
  std::snprintf(clock.data(), clock.size(), utc ? "%02d:%02dZ" : "%02d:%02d", hour, minute);
  return make(i, last, time_timex(day, clock.data()));
}

}  // namespace vigil::entities::date_internal
