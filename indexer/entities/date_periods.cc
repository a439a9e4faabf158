// Periods longer than a month: decades, centuries, quarters, halves and seasons (Grammar, see
// date_grammar.h).
#include <optional>
#include <string_view>

#include "entities/date_grammar.h"

namespace vigil::entities::date_internal {
namespace {

// The latest year ending in `two_digits` (a multiple of ten for decades) not after `reference`
// (1900 + two_digits without one): the 'nineties' of 2021 are the 1990s, its 'twenties' 2020s.
int decade_start(int two_digits, int reference) {
  if (reference <= 0) return 1900 + two_digits;
  int year = reference / 100 * 100 + two_digits;
  if (year > reference) year -= 100;
  return year;
}

}  // namespace

bool Grammar::ordinal_at(int i, int& value, int& next) const {
  const Token* t = token(i);
  if (t == nullptr) return false;
  if (t->kind == TokenKind::kNumber) {
    if (!t->plain || t->digits > 2 || !joined(i + 1)) return false;
    if (!(word_is(i + 1, "st") || word_is(i + 1, "nd") || word_is(i + 1, "rd") ||
          word_is(i + 1, "th"))) {
      return false;
    }
    value = t->number;
    next = i + 2;
    return value > 0;
  }
  if (t->word == nullptr) return false;
  if (t->word->ordinal > 0) {
    value = t->word->ordinal;
    next = i + 1;
    return true;
  }
  // twenty-first
  const WordInfo* unit = info(i + 2);
  if (t->word->number >= 20 && t->word->number <= 90 && punct(i + 1, '-') && unit != nullptr &&
      unit->ordinal > 0 && unit->ordinal < 10) {
    value = t->word->number + unit->ordinal;
    next = i + 3;
    return true;
  }
  return false;
}

std::optional<Match> Grammar::decade_phrase(int i) const {
  int j = i;
  const bool the = is(j, Cue::kThe);
  if (the) ++j;
  std::string_view mod;
  if (is(j, Cue::kEarly) || is(j, Cue::kMid) || is(j, Cue::kLate)) {
    mod = is(j, Cue::kEarly) ? "START" : is(j, Cue::kMid) ? "MID" : "END";
    ++j;
    if (punct(j, '-') && joined(j)) ++j;
  }
  const int reference = dct_ && dct_->year > 0 ? dct_->year : 0;
  int start = -1;
  int next = j + 1;
  const Token* t = token(j);
  if (t == nullptr) return std::nullopt;
  const auto plural_s = [&](int k) {
    if (word_is(k, "s") && joined(k)) return k + 1;
    if (punct(k, '\'') && joined(k) && word_is(k + 1, "s") && joined(k + 1)) return k + 2;
    return -1;
  };
  if (t->plain && t->digits == 4 && t->number % 10 == 0 && plural_s(j + 1) > 0) {
    start = t->number;  // 1990s, 1990's
    next = plural_s(j + 1);
  } else if (t->plain && t->digits == 2 && t->number % 10 == 0 && plural_s(j + 1) > 0 &&
             (the || !mod.empty())) {
    start = decade_start(t->number, reference);  // the 90s
    next = plural_s(j + 1);
  } else if (punct(j, '\'') && token(j + 1) != nullptr && joined(j + 1) && token(j + 1)->plain &&
             token(j + 1)->digits == 2 && token(j + 1)->number % 10 == 0 && plural_s(j + 2) > 0) {
    start = decade_start(token(j + 1)->number, reference);  // the '90s
    next = plural_s(j + 2);
  } else if (t->word != nullptr && t->word->decade > 0 && (the || !mod.empty())) {
    start = decade_start(t->word->decade, reference);  // the nineties
  }
  if (start >= 0) {
    Match m = make(i, next, decade_timex(start));
    m.timex.mod = mod;
    return m;
  }
  // the 20th century, the twenty-first century, 19th-century
  int ordinal = 0;
  if (!ordinal_at(j, ordinal, next) || ordinal < 1 || ordinal > 30) return std::nullopt;
  if (punct(next, '-') && joined(next)) ++next;
  const WordInfo* unit = info(next);
  if (unit == nullptr || unit->unit != Unit::kCentury || unit->plural) return std::nullopt;
  Match m = make(i, next + 1, century_timex(ordinal - 1));
  m.timex.mod = mod;
  return m;
}

std::optional<Match> Grammar::quarter_phrase(int i) const {
  int j = i;
  const bool the = is(j, Cue::kThe);
  if (the) ++j;
  if (is(j, Cue::kFiscal)) ++j;
  int year = 0;
  int years_back = 0;
  const WordInfo* year_word = info(j + 1);
  const bool of_year = year_word != nullptr && year_word->unit == Unit::kYear && !year_word->plural;
  if (year_at(j, year)) {
    ++j;  // the 1998 first quarter, 1998's first quarter
    if (punct(j, '\'') && word_is(j + 1, "s")) j += 2;
  } else if (of_year && (is(j, Cue::kThis) || is(j, Cue::kLast) || is(j, Cue::kNext)) &&
             punct(j + 2, '\'') && word_is(j + 3, "s") && dct_ && dct_->year > 0) {
    // next year's first quarter
    year = dct_->year + (is(j, Cue::kLast) ? -1 : is(j, Cue::kNext) ? 1 : 0);
    j += 4;
  } else if (info(j) != nullptr && info(j)->unit == Unit::kYear && punct(j + 1, '-') &&
             (word_is(j + 2, "ago") || word_is(j + 2, "earlier"))) {
    years_back = 1;  // the year-ago third quarter
    j += 3;
  }
  if (is(j, Cue::kFiscal)) ++j;
  int ordinal = 0;
  int k = j;
  bool relative = false;
  if (ordinal_at(j, ordinal, k)) {
    if (punct(k, '-') && joined(k)) ++k;
  } else if (the && (is(j, Cue::kCurrent) || word_is(j, "latest") || word_is(j, "same"))) {
    relative = true;
    k = j + 1;
  } else if (the && j == i + 1) {
    relative = true;  // "the quarter"
  } else {
    return std::nullopt;
  }
  const WordInfo* unit = info(k);
  if (unit == nullptr || unit->plural) return std::nullopt;
  const bool half = unit->cue == Cue::kHalf;
  if ((unit->unit != Unit::kQuarter || unit->cue == Cue::kDaily) && !half) return std::nullopt;
  if (relative && half) return std::nullopt;
  if (!relative && (ordinal < 1 || ordinal > (half ? 2 : 4))) return std::nullopt;
  ++k;
  // "the first half of the game" is not a date; "of 1998", "of the year" are.
  int next = k;
  if (const int trailing = trailing_year(k, next); trailing != 0) {
    year = trailing;
    k = next;
  } else if (is(k, Cue::kOf)) {
    return std::nullopt;
  }
  const Tense t = tense(i, k);
  if (relative) {
    if (word_is(j, "same")) return std::nullopt;
    // "the quarter" of an earnings report is the one under discussion (the focus, see dates.cc)
    // or else the last one finished; "the current quarter" is the present one.
    const bool current = is(j, Cue::kCurrent) || (t == Tense::kFuture && !word_is(j, "latest"));
    std::optional<Timex> q = shifted(dct_, current ? 0 : -1, Unit::kQuarter);
    if (!q) return std::nullopt;
    q->use_focus = !is(j, Cue::kCurrent);
    return make(i, k, *q);
  }
  if (year == 0) year = quarter_year(dct_, half ? ordinal * 2 : ordinal, t) - years_back;
  // "the third-quarter results": the article belongs to the noun, not to the adjective.
  const int first = the && j == i + 1 && punct(k - 2, '-') ? i + 1 : i;
  return make(first, k, half ? half_timex(year, ordinal) : quarter_timex(year, ordinal));
}

std::optional<Match> Grammar::season_phrase(int i) const {
  int j = i;
  const bool the = is(j, Cue::kThe);
  if (the) ++j;
  const Cue season = cue(j);
  if (season != Cue::kSpring && season != Cue::kSummer && season != Cue::kFall &&
      season != Cue::kWinter) {
    return std::nullopt;
  }
  int year = 0;
  int next = j + 1;
  if (year_at(j + 1, year)) {
    next = j + 2;  // summer 1998
  } else if ((year = trailing_year(j + 1, next)) == 0) {
    // Without a year: "in the fall", "during winter", not "the fall of Rome" or "prices fall".
    if (is(j + 1, Cue::kOf)) return std::nullopt;
    bool after_preposition = false;
    for (std::string_view prep : {"in", "during", "since", "until", "till", "by", "through",
                                  "throughout", "before", "after", "from", "over"}) {
      after_preposition = after_preposition || word_is(i - 1, prep);
    }
    // "in spring water" is not a season: a bare season ends its phrase.
    const Token* after = token(j + 1);
    const bool ends =
        after == nullptr || after->kind != TokenKind::kWord || after->capitalised ||
        (after->word != nullptr && (after->word->temporal_prep || after->word->cue == Cue::kAnd ||
                                    after->word->tense != Tense::kUnknown));
    if (!after_preposition || (!the && !ends)) return std::nullopt;
    next = j + 1;
    year = season_year(dct_, season, Pick::kByTense, tense(i, next));
  }
  return make(i, next, season_timex(year, season));
}

}  // namespace vigil::entities::date_internal
