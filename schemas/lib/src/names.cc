#include "vigil/names.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>

#include "vigil/text.h"

namespace vigil {
namespace {

bool is_word_char(UChar32 c) {
  // ASCII answered here (ICU's letters and digits there are exactly these, and no ASCII character
  // is a non-spacing mark): most text is ASCII, and a call into ICU per character showed up in
  // the searcher's profile (snippets split every hit's text).
  if (c >= 0 && c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  return u_isalnum(c) != 0 || u_charType(c) == U_NON_SPACING_MARK;
}

// Spelling variants unified in keys (British -> American, as most variants in the list are).
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kVariants = {{
    {"centre", "center"},
    {"organisation", "organization"},
    {"defence", "defense"},
    {"programme", "program"},
    {"labour", "labor"},
    {"organisations", "organizations"},
}};

// Appends `word` case-folded by ICU (see fold_through_icu).
void append_folded_through_icu(std::string& out, std::string_view word) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(
      word.data(), static_cast<int32_t>(std::min<std::size_t>(word.size(), INT32_MAX))));
  text.foldCase();
  text.toUTF8String(out);  // appends
}

// Whether the full case folding of `c` may differ from its simple folding (u_foldCase): the
// code points with a multi-character folding in Unicode's CaseFolding.txt (status F), within
// these ranges. Names.FoldEqualsIcuForEveryCodePoint checks the ranges hold every one.
bool full_folding_may_differ(UChar32 c) {
  return c == 0xDF || c == 0x130 || c == 0x149 || c == 0x1F0 || c == 0x390 || c == 0x3B0 ||
         c == 0x587 || (c >= 0x1E96 && c <= 0x1E9E) || (c >= 0x1F50 && c <= 0x1FFC) ||
         (c >= 0xFB00 && c <= 0xFB17);
}

// Appends `word` case-folded to `out` (see fold): code point by code point when that is exact
// (case folding takes no context), else through ICU. Loading the place gazetteer folds some
// 150,000 names that are not plain ASCII; the conversion to UTF-16 and back cost most of it.
void append_folded(std::string& out, std::string_view word) {
  const std::size_t start = out.size();
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(std::min<std::size_t>(word.size(), INT32_MAX));
  for (int32_t i = 0; i < length;) {
    if (bytes[i] < 0x80) {
      out += ascii_lower(static_cast<char>(bytes[i++]));
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || full_folding_may_differ(c)) {  // ill-formed, or a folding of several characters
      out.resize(start);
      append_folded_through_icu(out, word);
      return;
    }
    const UChar32 folded = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    char encoded[U8_MAX_LENGTH];
    int32_t size = 0;
    U8_APPEND_UNSAFE(encoded, size, folded);
    out.append(encoded, static_cast<std::size_t>(size));
  }
}

// Calls `on_word(start, end)` for each word of `text`, in order (see split_words).
template <typename OnWord>
void for_each_word(std::string_view text, OnWord on_word) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (!is_word_char(c)) continue;
    int32_t end = i;
    int32_t resume = -1;       // where to go on after the word, when not at its end
    std::size_t run = 1;       // word characters since the last period
    bool abbreviation = true;  // every run so far is one letter ("U.S.", "D.C.")
    while (end < length) {
      int32_t next = end;
      UChar32 d = 0;
      U8_NEXT(bytes, next, length, d);
      if (is_word_char(d)) {
        ++run;
        abbreviation = abbreviation && run == 1;
        end = next;
        continue;
      }
      int32_t after = next;
      UChar32 e = -1;
      if (after < length) U8_NEXT(bytes, after, length, e);
      const bool letter_after = e >= 0 && is_word_char(e);
      if ((d == '\'' || d == 0x2019) && letter_after) {
        // "'s" at the end of a word is a possessive: the word stops before it.
        UChar32 f = -1;
        int32_t after_s = after;
        if (after_s < length) U8_NEXT(bytes, after_s, length, f);
        if ((e == 's' || e == 'S') && !(f >= 0 && is_word_char(f))) {
          resume = after;
          break;
        }
        end = next;  // O'Brien, d'Ivoire
        abbreviation = false;
        continue;
      }
      if (d == '.' && abbreviation && run == 1) {
        end = next;
        run = 0;
        if (!letter_after) break;
        continue;
      }
      break;
    }
    on_word(static_cast<std::size_t>(start), static_cast<std::size_t>(end));
    i = resume >= 0 ? resume : end;
  }
}

// Whether `name` is ASCII letters and digits in words separated by single spaces ("New York"):
// its key is then simply the name in lower case. Nearly half the names of the place gazetteer
// are, and loading it computes some 300,000 keys.
bool plain_ascii_words(std::string_view name) {
  bool after_space = true;  // at the start, or just after a space
  for (const char c : name) {
    if (c == ' ') {
      if (after_space) return false;
      after_space = true;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      after_space = false;
    } else {
      return false;
    }
  }
  return !after_space;
}

// name_key and org_key: the words of `name`, each passed through `fold_word(out, word)`, joined
// by single spaces.
template <typename FoldWord>
std::string joined_key(std::string_view name, FoldWord fold_word) {
  std::string key;
  key.reserve(name.size());
  for_each_word(name, [&](std::size_t start, std::size_t end) {
    if (!key.empty()) key += ' ';
    fold_word(key, name.substr(start, end - start));
  });
  return key;
}

}  // namespace

std::string fold(std::string_view word) {
  std::string out;
  append_folded(out, word);
  return out;
}

std::string fold_through_icu(std::string_view word) {
  std::string out;
  append_folded_through_icu(out, word);
  return out;
}

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  for_each_word(text, [&](std::size_t start, std::size_t end) { words.push_back({start, end}); });
  return words;
}

std::string name_key(std::string_view name) {
  if (plain_ascii_words(name)) return ascii_lower(name);
  return joined_key(name, append_folded);
}

std::string org_fold(std::string_view word) {
  std::string folded = fold(word);
  for (const auto& [from, to] : kVariants) {
    if (folded == from) return std::string(to);
  }
  return folded;
}

std::string org_key(std::string_view name) {
  return joined_key(name, [](std::string& out, std::string_view word) { out += org_fold(word); });
}

std::string facet_name_key(std::string_view field, std::string_view name) {
  return field == "org" ? org_key(name) : name_key(name);
}

std::string found_org_id(std::string_view key) {
  std::string out = "x.";
  for (const char c : key) out += (c == ' ' || c == '.') ? '_' : c;
  return out;
}

}  // namespace vigil
