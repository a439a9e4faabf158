// Durations, "N units ago", and sets (Grammar, see date_grammar.h).
#include <optional>
#include <string>
#include <string_view>

#include "entities/date_grammar.h"

namespace vigil::entities::date_internal {
namespace {

bool amount_word(std::string_view w) {
  for (std::string_view amount : {"million", "billion", "trillion", "percent", "cents", "dollars",
                                  "euros", "pounds", "yen", "hundred", "thousand"}) {
    if (w.size() != amount.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < w.size() && same; ++k) {
      const char c = (w[k] >= 'A' && w[k] <= 'Z') ? static_cast<char>(w[k] - 'A' + 'a') : w[k];
      same = c == amount[k];
    }
    if (same) return true;
  }
  return false;
}

}  // namespace

std::optional<Match> Grammar::year_compound(int i) const {
  // [the] year-earlier|year-ago [period|quarter], year-end, year end
  const bool the = is(i, Cue::kThe);
  const int j = the ? i + 1 : i;
  const WordInfo* unit = info(j);
  if (unit == nullptr || unit->unit != Unit::kYear || unit->plural) return std::nullopt;
  const bool hyphen = punct(j + 1, '-') && joined(j + 1) && joined(j + 2);
  const int k = hyphen ? j + 2 : j + 1;
  if (word_is(k, "end") && !the) {
    Timex timex = dct_ && dct_->year > 0 ? year_timex(dct_->year) : Timex{};
    timex.granularity = Granularity::kYear;
    timex.mod = "END";
    return make(i, k + 1, timex);
  }
  if (!hyphen || !(word_is(k, "earlier") || word_is(k, "ago"))) return std::nullopt;
  int last = k + 1;
  const WordInfo* noun = info(last);
  if (word_is(last, "period") ||
      (noun != nullptr && noun->unit == Unit::kQuarter && !noun->plural)) {
    ++last;
  } else if (the) {
    return std::nullopt;
  }
  std::optional<Timex> timex = shifted(dct_, -1, Unit::kYear);
  Timex resolved = timex ? *timex : Timex{};
  resolved.granularity = Granularity::kYear;
  resolved.year_back = true;
  return make(i, last, resolved);
}

std::optional<Match> Grammar::quantity(int i) const {
  int j = i;
  const bool the = is(j, Cue::kThe);
  if (the) ++j;
  // the past/last/next/coming/first [N] units
  const Cue c = cue(j);
  const bool prefix = c == Cue::kPast || c == Cue::kLast || c == Cue::kNext || c == Cue::kComing ||
                      word_is(j, "first") || word_is(j, "final");
  if (prefix) ++j;
  int count = 0;
  int k = j;
  bool counted = quantity_at(j, count, k);
  if (!counted) k = j;
  const bool from_article = counted && is(j, Cue::kA) && k == j + 1;
  if (!counted && word_is(j, "some") && info(j + 1) != nullptr && info(j + 1)->plural) {
    count = -1;
    k = j + 1;
    counted = true;
  }
  // "the 1988 quarter" names a year, not 1988 quarters.
  if (counted && token(j)->plain && token(j)->digits == 4 && count >= 1000 && count < 2200 &&
      info(k) != nullptr && !info(k)->plural) {
    return std::nullopt;
  }
  bool adjectival = false;
  if (counted && punct(k, '-') && joined(k) && joined(k + 1) && info(k + 1) != nullptr &&
      info(k + 1)->unit != Unit::kNone && !info(k + 1)->plural) {
    adjectival = true;  // a two-year term
    ++k;
  }
  const WordInfo* unit = info(k);
  if (unit == nullptr || unit->unit == Unit::kNone || unit->unit == Unit::kWeekend ||
      unit->cue == Cue::kDaily) {
    return std::nullopt;
  }
  if (!counted) {
    if (!prefix) {
      // "for years", "in months", "within weeks"
      const bool plural_after_prep = !the && unit->plural &&
                                     (is(i - 1, Cue::kFor) || is(i - 1, Cue::kIn) ||
                                      word_is(i - 1, "within") || word_is(i - 1, "over"));
      if (!plural_after_prep) return std::nullopt;
      count = -1;
    } else {
      if (!the) return std::nullopt;  // "last year" is a date (deictic)
      count = unit->plural ? -1 : 1;
    }
  }
  // "a second time", "a quarter of the vote" are not time.
  if ((unit->unit == Unit::kSecond || unit->unit == Unit::kQuarter) &&
      (!counted || from_article || is(k + 1, Cue::kOf))) {
    return std::nullopt;
  }
  if (unit->plural && from_article) return std::nullopt;
  int last = k + 1;
  // "a year-earlier loss", "a year-end review": the compound is the expression (year_compound).
  if (!adjectival && punct(last, '-') && joined(last)) return std::nullopt;
  if (adjectival && punct(last, '-') && joined(last)) {
    if (word_is(last + 1, "old")) return std::nullopt;  // ages are not time expressions
    if (word_is(last + 1, "long")) last += 2;
  }
  if (word_is(last, "old")) return std::nullopt;
  if (!prefix && !adjectival && !the) {
    int sign = 0;
    int after = last + 1;
    if (is(last, Cue::kAgo) || is(last, Cue::kEarlier)) {
      sign = -1;
    } else if (is(last, Cue::kLater) || is(last, Cue::kHence)) {
      sign = 1;
    } else if (is(last, Cue::kFrom) && is(last + 1, Cue::kNow)) {
      sign = 1;
      after = last + 2;
    }
    if (sign != 0) {
      if (count < 0) {
        return make(i, after, reference_timex(sign < 0 ? "PAST_REF" : "FUTURE_REF"));
      }
      std::optional<Timex> timex = shifted(dct_, sign * count, unit->unit);
      Timex resolved = timex ? *timex : Timex{};
      if (!timex) resolved.granularity = Granularity::kDay;
      resolved.year_back = sign < 0 && count == 1 && unit->unit == Unit::kYear;
      return make(i, after, resolved);
    }
  }
  // "the 14-day deadline": the article belongs to the noun, not to the adjective.
  const int first = adjectival && the && !prefix ? i + 1 : i;
  return make(first, last, duration_timex(count, unit->unit));
}

std::optional<Match> Grammar::set_phrase(int i) const {
  const Cue c = cue(i);
  if (c == Cue::kDaily) {
    // "paid quarterly", "twice daily", not "a quarterly dividend" or "daily life".
    const Token* next = token(i + 1);
    const bool adjective =
        next != nullptr && next->kind == TokenKind::kWord && !next->capitalised &&
        (next->word == nullptr || !(next->word->temporal_prep || next->word->cue == Cue::kAnd ||
                                    next->word->cue == Cue::kAt || next->word->cue == Cue::kOn));
    if (adjective || is(i - 1, Cue::kA) || is(i - 1, Cue::kThe)) return std::nullopt;
    return make(i, i + 1, set_timex(1, info(i)->unit));
  }
  if (c == Cue::kEvery) {
    int j = i + 1;
    int count = 1;
    int k = j;
    if (word_is(j, "other")) {
      count = 2;
      ++j;
    } else if (int n = 0; quantity_at(j, n, k) && n > 1 && !is(j, Cue::kA)) {
      count = n;
      j = k;
    }
    const Token* t = token(j);
    if (t == nullptr || t->word == nullptr) return std::nullopt;
    const WordInfo& w = *t->word;
    if (w.unit == Unit::kWeekend) return make(i, j + 1, set_value_timex("XXXX-WXX-WE"));
    if (w.unit != Unit::kNone) return make(i, j + 1, set_timex(count, w.unit));
    if (w.weekday != 0 && t->capitalised) {
      return make(i, j + 1, set_value_timex("XXXX-WXX-" + std::to_string(w.weekday)));
    }
    int next = 0;
    if (const int month = month_at(j, next); month != 0) {
      return make(i, next,
                  set_value_timex((month < 10 ? "XXXX-0" : "XXXX-") + std::to_string(month)));
    }
    if (const char* part = part_of_day(w.cue)) {
      return make(i, j + 1, set_value_timex(std::string("XXXX-XX-XXT") + part));
    }
    return std::nullopt;
  }
  // once a week, twice a year, three times a month
  int j = -1;
  int n = 0;
  int k = 0;
  if (c == Cue::kOnce) {
    j = i + 1;
  } else if (quantity_at(i, n, k) && is(k, Cue::kTimes)) {
    j = k + 1;
  }
  const auto single_unit = [&](int at) {
    const WordInfo* w = info(at);
    return w != nullptr && w->unit != Unit::kNone && !w->plural && w->unit != Unit::kWeekend;
  };
  if (j > 0 && (is(j, Cue::kA) || is(j, Cue::kPer) || is(j, Cue::kEvery)) && single_unit(j + 1)) {
    return make(i, j + 2, set_timex(1, info(j + 1)->unit));
  }
  // "$5 million a year", "3 percent per year"
  if ((c == Cue::kA || c == Cue::kPer) && single_unit(i + 1)) {
    const Token* prev = token(i - 1);
    if (prev != nullptr &&
        (prev->kind == TokenKind::kNumber || prev->punct == '%' || amount_word(word(i - 1)))) {
      return make(i, i + 2, set_timex(1, info(i + 1)->unit));
    }
  }
  return std::nullopt;
}

}  // namespace vigil::entities::date_internal
