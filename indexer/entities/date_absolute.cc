// Calendar dates: explicit dates, months and years (Grammar, see date_grammar.h).
#include <optional>

#include "entities/date_grammar.h"

namespace vigil::entities::date_internal {
namespace {

// How many tokens back a written year gives its year to a month named without one.
constexpr int kYearReach = 5;

// The year nearest to `reference` (or in 1900-1999 without one) ending in `two_digits`.
int expand_two_digit_year(int two_digits, int reference) {
  if (reference <= 0) return 1900 + two_digits;
  int year = reference / 100 * 100 + two_digits;
  if (year > reference + 50) year -= 100;
  if (year < reference - 50) year += 100;
  return year;
}

bool is_quantity_word(const WordInfo* w) {
  return w != nullptr && (w->cue == Cue::kApprox || w->cue == Cue::kNearly ||
                          w->cue == Cue::kThan || w->cue == Cue::kLeast || w->cue == Cue::kMost);
}

}  // namespace

int Grammar::month_at(int i, int& next) const {
  const Token* t = token(i);
  if (t == nullptr || t->word == nullptr || t->word->month == 0 || !t->capitalised) return 0;
  next = i + 1;
  if (t->word->abbreviation) {
    if (punct(next, '.') && joined(next)) {
      ++next;
    } else if (t->all_caps) {
      return 0;  // "20 DEC" in a table of contract months
    }
  }
  return t->word->month;
}

int Grammar::year_after_day(int i, int month, int day, int first, int& next) const {
  int year = 0;
  next = i;
  if (punct(i, ',') && year_at(i + 1, year)) {
    next = i + 2;
  } else if (year_at(i, year)) {
    next = i + 1;
  } else if (const WordInfo* unit = info(i + 1);
             unit != nullptr && unit->unit == Unit::kYear && !unit->plural &&
             (is(i, Cue::kThis) || is(i, Cue::kLast) || is(i, Cue::kNext)) && dct_ &&
             dct_->year > 0) {
    year = dct_->year + (is(i, Cue::kLast)   ? -1
                         : is(i, Cue::kNext) ? 1
                                             : 0);  // 7 October this year
    next = i + 2;
  } else {
    year = year_of(dct_, month, day, Pick::kByTense, tense(first, i));
  }
  return year;
}

bool Grammar::day_at(int i, int& day, int& next) const {
  const Token* t = token(i);
  if (t == nullptr || !t->plain || t->digits > 2 || t->number < 1 || t->number > 31) return false;
  day = t->number;
  next = i + 1;
  if (joined(next) &&
      (word_is(next, "st") || word_is(next, "nd") || word_is(next, "rd") || word_is(next, "th"))) {
    ++next;
  }
  // "May 3:30" is a time and "May 5,000" never reaches here (one token).
  const Token* after = token(next + 1);
  return !(punct(next, ':') && joined(next) && after != nullptr && joined(next + 1) &&
           after->kind == TokenKind::kNumber);
}

bool Grammar::year_at(int i, int& year) const {
  const Token* t = token(i);
  if (t == nullptr || !t->plain || t->digits != 4 || t->number < 1000 || t->number > 2199) {
    return false;
  }
  year = t->number;
  return true;
}

bool Grammar::spoken_year_at(int i, int& year, int& next) const {
  // "nineteen ninety-six", "nineteen eighty", "twenty twelve", "nineteen hundred"; "twenty
  // two" is 22, not a year.
  const WordInfo* first = info(i);
  const WordInfo* second = info(i + 1);
  if (first == nullptr || second == nullptr || first->cue != Cue::kNone) return false;
  const int century = first->number;
  if (century < 11 || century > 20 || (century == 20 && token(i)->kind != TokenKind::kWord)) {
    return false;
  }
  if (second->number == 100) {
    year = century * 100;
    next = i + 2;
    return true;
  }
  int rest = second->number;
  int k = i + 2;
  if (rest < 10 || rest > 90 || second->cue != Cue::kNone) return false;
  if (rest >= 20 && rest % 10 == 0) {
    const WordInfo* ones = punct(k, '-') ? info(k + 1) : info(k);
    if (ones != nullptr && ones->number > 0 && ones->number < 10 && ones->cue == Cue::kNone) {
      rest += ones->number;
      k += punct(k, '-') ? 2 : 1;
    }
  } else if (rest >= 20) {
    return false;
  }
  year = century * 100 + rest;
  next = k;
  return true;
}

int Grammar::trailing_year(int i, int& next) const {
  int year = 0;
  if (punct(i, ',') && year_at(i + 1, year)) {
    next = i + 2;
    return year;
  }
  if (!is(i, Cue::kOf)) return 0;
  int j = i + 1;
  if (is(j, Cue::kFiscal)) ++j;
  if (year_at(j, year)) {
    next = j + 1;
    return year;
  }
  if (spoken_year_at(j, year, next)) return year;
  const WordInfo* unit = info(j + 1);
  if (unit == nullptr || unit->unit != Unit::kYear || unit->plural) return 0;
  int offset = 0;
  switch (cue(j)) {
    case Cue::kThis:
    case Cue::kThe:
    case Cue::kCurrent:
      break;
    case Cue::kLast:
      offset = -1;
      break;
    case Cue::kNext:
      offset = 1;
      break;
    default:
      return 0;
  }
  if (!dct_ || dct_->year <= 0) return 0;
  next = j + 2;
  return dct_->year + offset;
}

std::optional<Match> Grammar::explicit_date(int i) const {
  const Token* t = token(i);
  if (t == nullptr) return std::nullopt;
  int year = 0;
  int month = 0;
  int day = 0;
  int k = 0;
  // 2021-05-12
  if (year_at(i, year) && punct(i + 1, '-') && joined(i + 1) && token(i + 2) != nullptr &&
      joined(i + 2) && token(i + 2)->digits == 2 && punct(i + 3, '-') && joined(i + 3) &&
      token(i + 4) != nullptr && joined(i + 4) && token(i + 4)->digits == 2) {
    month = token(i + 2)->number;
    day = token(i + 4)->number;
    if (!valid_day(year, month, day)) return std::nullopt;
    return make(i, i + 5, day_timex(year, month, day));
  }
  // 5/12/2021 (month first unless the first number is above 12) and 5/12/21.
  if (t->plain && t->digits <= 2 && punct(i + 1, '/') && joined(i + 1) && token(i + 2) != nullptr &&
      joined(i + 2) && token(i + 2)->plain && token(i + 2)->digits <= 2 && punct(i + 3, '/') &&
      joined(i + 3) && token(i + 4) != nullptr && joined(i + 4) && token(i + 4)->plain &&
      (token(i + 4)->digits == 4 || token(i + 4)->digits == 2)) {
    month = t->number;
    day = token(i + 2)->number;
    if (month > 12) std::swap(month, day);
    year = token(i + 4)->number;
    if (token(i + 4)->digits == 2) {
      year = expand_two_digit_year(year, dct_ ? dct_->year : 0);
    }
    if (!valid_day(year, month, day)) return std::nullopt;
    return make(i, i + 5, day_timex(year, month, day));
  }
  // May 12[th][,] [2021 | this year]
  if ((month = month_at(i, k)) != 0 && day_at(k, day, k)) {
    int next = k;
    year = year_after_day(k, month, day, i, next);
    if (!valid_day(year, month, day)) return std::nullopt;
    return make(i, next, day_timex(year, month, day));
  }
  // [the] 12[th] [of] May [2021]
  const bool the = is(i, Cue::kThe);
  int j = the ? i + 1 : i;
  if (!day_at(j, day, k)) return std::nullopt;
  const bool suffix = k > j + 1;
  const bool of = is(k, Cue::kOf);
  if (of) ++k;
  if (the && !suffix && !of) return std::nullopt;
  if ((month = month_at(k, k)) == 0) return std::nullopt;
  int next = k;
  year = year_after_day(k, month, day, i, next);
  if (!valid_day(year, month, day)) return std::nullopt;
  return make(i, next, day_timex(year, month, day));
}

std::optional<Match> Grammar::month_phrase(int i) const {
  int k = 0;
  const int month = month_at(i, k);
  if (month == 0) return std::nullopt;
  // May 2021, May, 2021, May of 2021, January nineteen ninety-seven
  int year = 0;
  if (int after = 0; spoken_year_at(k, year, after)) {
    return make(i, after, month_timex(year, month));
  }
  if (year_at(k, year) || (punct(k, ',') && year_at(k + 1, year)) ||
      (is(k, Cue::kOf) && year_at(k + 1, year))) {
    return make(i, year_at(k, year) ? k + 1 : k + 2, month_timex(year, month));
  }
  // March of last year, June last year, February this year
  int next = 0;
  if (is(k, Cue::kOf) && (year = trailing_year(k, next)) != 0) {
    return make(i, next, month_timex(year, month));
  }
  const WordInfo* unit = info(k + 1);
  if ((is(k, Cue::kThis) || is(k, Cue::kLast) || is(k, Cue::kNext)) && unit != nullptr &&
      unit->unit == Unit::kYear && !unit->plural) {
    if (!dct_) return make(i, k + 2, month_timex(0, month));
    year = dct_->year + (is(k, Cue::kLast) ? -1 : is(k, Cue::kNext) ? 1 : 0);
    return make(i, k + 2, month_timex(year, month));
  }
  // A bare month needs a full name (or "Sept.") and a word of time before it ("in", "since",
  // "early"), "the" before a noun ("the March elections") or another month in a list.
  const Token& name = *token(i);
  if (name.word->abbreviation && k == i + 1) return std::nullopt;
  const WordInfo* before = info(i - 1);
  bool context = before != nullptr && before->temporal_prep;
  if (!context && is(i - 1, Cue::kThe) && token(k) != nullptr && token(k)->word != nullptr &&
      !token(k)->capitalised && token(k)->kind == TokenKind::kWord) {
    context = true;
  }
  if (!context && (is(i - 1, Cue::kAnd) || punct(i - 1, ',') || punct(i - 1, '-'))) {
    int ignored = 0;
    context = month_at(i - 2, ignored) != 0;
  }
  // mid-May, late-November
  if (!context && punct(i - 1, '-') && joined(i) &&
      (is(i - 2, Cue::kMid) || is(i - 2, Cue::kEarly) || is(i - 2, Cue::kLate))) {
    context = true;
  }
  if (!context && is(k, Cue::kAnd)) {
    int ignored = 0;
    context = month_at(k + 1, ignored) != 0 && info(i - 1) != nullptr && info(i - 1)->temporal_prep;
  }
  if (!context) return std::nullopt;
  // "the 2022 Winter Olympics in February": a year written just before, in the same sentence,
  // is the month's year.
  for (int j = i - 1; j >= i - kYearReach && token(j) != nullptr && !token(j)->sentence_end; --j) {
    if (int written = 0; token(j)->digits == 4 && year_at(j, written)) {
      return make(i, k, month_timex(written, month));
    }
  }
  year = year_of(dct_, month, 0, Pick::kByTense, tense(i, k));
  return make(i, k, month_timex(year, month));
}

std::optional<Match> Grammar::year_phrase(int i) const {
  int year = 0;
  if (int after = 0; spoken_year_at(i, year, after)) return make(i, after, year_timex(year));
  // the year two thousand
  const WordInfo* year_word = info(i + 1);
  if (is(i, Cue::kThe) && year_word != nullptr && year_word->unit == Unit::kYear &&
      !year_word->plural && word_is(i + 2, "two") && info(i + 3) != nullptr &&
      info(i + 3)->number == 1000) {
    return make(i, i + 4, year_timex(2000));
  }
  // the year 2000
  if (is(i, Cue::kThe) && info(i + 1) != nullptr && info(i + 1)->unit == Unit::kYear &&
      !info(i + 1)->plural && year_at(i + 2, year)) {
    return make(i, i + 3, year_timex(year));
  }
  // the 1988 period, the 1989 quarter: the quarter under discussion, in that year
  if (is(i, Cue::kThe) && year_at(i + 1, year) && info(i + 2) != nullptr && !info(i + 2)->plural &&
      (word_is(i + 2, "period") || info(i + 2)->unit == Unit::kQuarter)) {
    Timex timex = year_timex(year);
    timex.use_focus = true;
    return make(i, i + 3, timex);
  }
  // fiscal [year] 1998, FY1998, FY 1998, FY98
  if (is(i, Cue::kFiscal) || (word_is(i, "fy") && token(i)->all_caps)) {
    int j = i + 1;
    if (is(i, Cue::kFiscal) && info(j) != nullptr && info(j)->unit == Unit::kYear &&
        !info(j)->plural) {
      ++j;
    }
    const Token* n = token(j);
    if (year_at(j, year)) return make(i, j + 1, year_timex(year));
    if (n != nullptr && word_is(i, "fy") && n->plain && n->digits == 2) {
      return make(i, j + 1, year_timex(expand_two_digit_year(n->number, dct_ ? dct_->year : 0)));
    }
    return std::nullopt;
  }
  // '98 after a word of time
  if (punct(i, '\'') && token(i + 1) != nullptr && joined(i + 1) && token(i + 1)->plain &&
      token(i + 1)->digits == 2 && !(token(i + 2) != nullptr && joined(i + 2)) &&
      info(i - 1) != nullptr && info(i - 1)->temporal_prep) {
    return make(i, i + 2,
                year_timex(expand_two_digit_year(token(i + 1)->number, dct_ ? dct_->year : 0)));
  }
  if (!year_at(i, year)) return std::nullopt;
  // A year is not a count ("2021 people", "about 2000"), a number ("page 1990", "$1990") or
  // the start of a decade ("1990s").
  const Token* next = token(i + 1);
  const Token* prev = token(i - 1);
  if (next != nullptr && joined(i + 1) && next->kind == TokenKind::kWord) return std::nullopt;
  if (next != nullptr &&
      (next->punct == '%' || (next->word != nullptr && next->word->cue == Cue::kCountNoun))) {
    return std::nullopt;
  }
  if (word_is(i + 1, "percent") || word_is(i + 1, "per")) return std::nullopt;
  const bool ends_clause = next == nullptr || next->kind == TokenKind::kPunct;
  if (prev != nullptr) {
    if (prev->kind == TokenKind::kPunct &&
        (prev->punct == '$' || prev->punct == '#' || prev->punct == '+' ||
         static_cast<unsigned char>(text_[prev->start]) >= 0x80)) {
      return std::nullopt;
    }
    if (prev->kind == TokenKind::kNumber) return std::nullopt;
    if (prev->word != nullptr && prev->word->cue == Cue::kNoYear) return std::nullopt;
    if (!ends_clause &&
        (is_quantity_word(prev->word) || is(i - 1, Cue::kUp) || word_is(i - 1, "over"))) {
      return std::nullopt;
    }
    // "1,500 to 2000": a range of counts.
    if ((is(i - 1, Cue::kTo) || is(i - 1, Cue::kAnd) || punct(i - 1, '-')) &&
        token(i - 2) != nullptr && token(i - 2)->kind == TokenKind::kNumber &&
        !year_at(i - 2, year)) {
      return std::nullopt;
    }
    year = token(i)->number;
  }
  if (year < 1800 && !(prev != nullptr && prev->word != nullptr && prev->word->temporal_prep)) {
    return std::nullopt;
  }
  return make(i, i + 1, year_timex(year));
}

}  // namespace vigil::entities::date_internal
