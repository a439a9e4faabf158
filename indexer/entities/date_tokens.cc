#include "entities/date_tokens.h"

#include <cstddef>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace vigil::entities::date_internal {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || is_upper(c); }

// What the UTF-8 sequence at `pos` is, for the few non-ASCII characters that matter: spaces
// (U+00A0, U+2000-U+200B, U+202F) and general punctuation (U+2010-U+205E). Sets `length`.
enum class Wide { kSpace, kPunct, kOther };
Wide classify_wide(std::string_view text, std::size_t pos, std::size_t& length, char& punct) {
  const auto byte = [&](std::size_t i) {
    return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u;
  };
  const unsigned lead = byte(pos);
  punct = 0;
  if (lead == 0xC2 && byte(pos + 1) == 0xA0) {
    length = 2;
    return Wide::kSpace;
  }
  if (lead == 0xE2 && byte(pos + 1) == 0x80 && byte(pos + 2) >= 0x80 && byte(pos + 2) <= 0xBF) {
    length = 3;
    const unsigned last = byte(pos + 2);
    if (last <= 0x8B || last == 0xAF) return Wide::kSpace;
    if (last >= 0x90 && last <= 0x95) punct = '-';
    if (last >= 0x98 && last <= 0x9B) punct = '\'';
    if (last >= 0x9C && last <= 0x9F) punct = '"';
    return Wide::kPunct;
  }
  // A lead byte and the continuation bytes that follow it (at most three); a stray byte alone.
  const std::size_t wanted = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  length = 1;
  while (length < wanted && (byte(pos + length) & 0xC0u) == 0x80u) ++length;
  return Wide::kOther;
}

// Extends a number at [start, pos) over ",ddd" groups and a ".d" fraction.
std::size_t number_end(std::string_view text, std::size_t pos, bool& plain) {
  plain = true;
  for (;;) {
    if (pos + 3 < text.size() && text[pos] == ',' && is_digit(text[pos + 1]) &&
        is_digit(text[pos + 2]) && is_digit(text[pos + 3]) &&
        (pos + 4 >= text.size() || !is_digit(text[pos + 4]))) {
      pos += 4;
      plain = false;
      continue;
    }
    if (pos + 1 < text.size() && text[pos] == '.' && is_digit(text[pos + 1])) {
      pos += 2;
      while (pos < text.size() && is_digit(text[pos])) ++pos;
      plain = false;
      continue;
    }
    return pos;
  }
}

void finish_word(std::string_view text, Token& token) {
  const std::string_view word = text.substr(token.start, token.end - token.start);
  token.capitalised = is_upper(word[0]);
  bool caps = word.size() >= 2;
  for (char c : word) {
    if (!is_upper(c)) caps = false;
  }
  token.all_caps = caps;
  token.word = lookup_word(word);
}

void finish_number(std::string_view text, Token& token) {
  if (!token.plain) return;
  const std::size_t length = token.end - token.start;
  token.digits = static_cast<std::uint8_t>(length > 255 ? 255 : length);
  if (length > 9) return;
  int value = 0;
  for (std::size_t i = token.start; i < token.end; ++i) value = value * 10 + (text[i] - '0');
  token.number = value;
}

// Marks '.', '!' and '?' that end a sentence: followed by a space, a quote or the end, and for
// '.' not after an abbreviation ("Oct.", "Mr.") or a single capital ("U.S.").
void mark_sentence_ends(std::string_view text, std::vector<Token>& tokens) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    Token& t = tokens[i];
    if (t.punct != '.' && t.punct != '!' && t.punct != '?') continue;
    const bool next_ok = i + 1 == tokens.size() || tokens[i + 1].space_before ||
                         tokens[i + 1].punct == '"' || tokens[i + 1].punct == '\'';
    if (!next_ok) continue;
    if (t.punct == '.' && i > 0 && tokens[i - 1].kind == TokenKind::kWord && !t.space_before) {
      const Token& prev = tokens[i - 1];
      const bool abbreviation = (prev.word != nullptr && prev.word->abbreviation) ||
                                (prev.end - prev.start == 1 && is_upper(text[prev.start]));
      if (abbreviation) continue;
    }
    t.sentence_end = true;
  }
}

}  // namespace

void tokenize(std::string_view text, std::vector<Token>& out) {
  out.clear();
  bool space = false;
  int newlines = 0;
  std::size_t pos = 0;
  const auto push = [&](Token token) {
    token.space_before = space || out.empty();
    token.break_before = newlines >= 2;
    token.line_before = newlines >= 1 || out.empty();
    space = false;
    newlines = 0;
    out.push_back(token);
  };
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      space = true;
      if (c == '\n') ++newlines;
      ++pos;
      continue;
    }
    Token token;
    token.start = pos;
    if (is_digit(c)) {
      std::size_t end = pos;
      while (end < text.size() && is_digit(text[end])) ++end;
      token.kind = TokenKind::kNumber;
      token.end = number_end(text, end, token.plain);
      finish_number(text, token);
    } else if (is_letter(c) || static_cast<unsigned char>(c) >= 0x80) {
      std::size_t length = 1;
      char punct = 0;
      const Wide wide = is_letter(c) ? Wide::kOther : classify_wide(text, pos, length, punct);
      if (wide == Wide::kSpace) {
        space = true;
        pos += length;
        continue;
      }
      if (wide == Wide::kPunct) {
        token.kind = TokenKind::kPunct;
        token.punct = punct;
        token.end = pos + length;
      } else {
        std::size_t end = pos;
        while (end < text.size()) {
          if (is_letter(text[end])) {
            ++end;
          } else if (static_cast<unsigned char>(text[end]) >= 0x80) {
            char ignored = 0;
            if (classify_wide(text, end, length, ignored) != Wide::kOther) break;
            end += length;
          } else {
            break;
          }
        }
        token.end = end > text.size() ? text.size() : end;
        finish_word(text, token);
      }
    } else {
      token.kind = TokenKind::kPunct;
      token.punct = c == '`' ? '\'' : c;
      token.end = pos + 1;
    }
    pos = token.end;
    push(token);
  }
  mark_sentence_ends(text, out);
}

namespace {

bool word_in(std::string_view word, std::initializer_list<std::string_view> list) {
  for (std::string_view w : list) {
    if (word.size() != w.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < w.size() && same; ++k) {
      const char c = word[k];
      same = (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == w[k];
    }
    if (same) return true;
  }
  return false;
}

// The tense that token i marks, or kUnknown.
Tense tense_cue(std::string_view text, const std::vector<Token>& tokens, int i) {
  const Token& t = tokens[static_cast<std::size_t>(i)];
  if (t.kind != TokenKind::kWord) return Tense::kUnknown;
  const std::string_view word = text.substr(t.start, t.end - t.start);
  const auto previous = [&]() -> std::string_view {
    if (i == 0) return {};
    const Token& p = tokens[static_cast<std::size_t>(i) - 1];
    return text.substr(p.start, p.end - p.start);
  };
  const auto next_is_to = [&]() {
    if (static_cast<std::size_t>(i) + 1 >= tokens.size()) return false;
    const Token& n = tokens[static_cast<std::size_t>(i) + 1];
    return text.substr(n.start, n.end - n.start) == "to";
  };
  // "set to", "supposed to", "planned to" look forward, even from the past.
  if (word_in(word, {"set", "supposed", "poised", "planned", "intended", "hoped", "scheduled",
                     "expected", "due", "slated", "going"}) &&
      next_is_to()) {
    return Tense::kFuture;
  }
  // "is to resume", "were to meet": planned events.
  if (word_in(word, {"is", "are", "was", "were"}) && next_is_to()) return Tense::kFuture;
  // A participle after a form of "be" ("will be paid", "was named") takes its tense from the
  // auxiliary, which the scan reaches next.
  const bool after_be =
      word_in(previous(), {"be", "been", "being", "is", "are", "am", "get", "gets", "getting"});
  if (t.word != nullptr) {
    if (t.word->tense == Tense::kUnknown || (t.word->month != 0 && t.capitalised)) {
      return Tense::kUnknown;
    }
    if (after_be && t.word->tense == Tense::kPast) return Tense::kUnknown;
    // "ll" counts only as the contraction of "will".
    if (word == "ll" && (i == 0 || tokens[static_cast<std::size_t>(i) - 1].punct != '\'')) {
      return Tense::kUnknown;
    }
    return t.word->tense;
  }
  if (t.capitalised || word.size() < 5 || !word.ends_with("ed")) return Tense::kUnknown;
  // An -ed word after a determiner is an adjective ("the reduced dividend"); after an auxiliary
  // ("will be named", "has been named") the auxiliary tells the tense.
  if (after_be || word_in(previous(), {"the", "a", "an", "its", "their", "his", "her", "this",
                                       "that", "these", "those", "our", "your"})) {
    return Tense::kUnknown;
  }
  return Tense::kPast;
}

}  // namespace

Tense tense_around(std::string_view text, const std::vector<Token>& tokens, int first, int last) {
  // The nearest cue on each side within the sentence; the left one (usually the verb the date
  // modifies) wins unless the right one is less than half as far.
  constexpr int kReach = 25;
  const int size = static_cast<int>(tokens.size());
  Tense left = Tense::kUnknown;
  int left_distance = kReach + 1;
  for (int k = first - 1; k >= 0 && first - k <= kReach; --k) {
    if (tokens[static_cast<std::size_t>(k)].sentence_end ||
        tokens[static_cast<std::size_t>(k) + 1].break_before) {
      break;
    }
    if ((left = tense_cue(text, tokens, k)) != Tense::kUnknown) {
      left_distance = first - k;
      break;
    }
  }
  Tense right = Tense::kUnknown;
  int right_distance = kReach + 1;
  for (int k = last; k < size && k - last < kReach; ++k) {
    if (tokens[static_cast<std::size_t>(k)].break_before ||
        (k > last && tokens[static_cast<std::size_t>(k) - 1].sentence_end)) {
      break;
    }
    if ((right = tense_cue(text, tokens, k)) != Tense::kUnknown) {
      right_distance = k - last + 1;
      break;
    }
  }
  if (left == Tense::kUnknown) return right;
  if (right == Tense::kUnknown) return left;
  return 2 * right_distance < left_distance ? right : left;
}

}  // namespace vigil::entities::date_internal
