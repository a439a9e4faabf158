#include "vigil/analysis.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace vigil::analysis {
namespace {

// Subtag -> Xapian 1.4 stemmer, sorted by subtag. Norwegian Bokmål and Nynorsk share one stemmer;
// Malay is close enough to Indonesian for its stemmer.
constexpr std::array<std::pair<std::string_view, std::string_view>, 27> kStemmers{{
    {"ar", "arabic"},     {"ca", "catalan"},    {"da", "danish"},     {"de", "german"},
    {"en", "english"},    {"es", "spanish"},    {"eu", "basque"},     {"fi", "finnish"},
    {"fr", "french"},     {"ga", "irish"},      {"hu", "hungarian"},  {"hy", "armenian"},
    {"id", "indonesian"}, {"it", "italian"},    {"lt", "lithuanian"}, {"ms", "indonesian"},
    {"nb", "norwegian"},  {"ne", "nepali"},     {"nl", "dutch"},      {"nn", "norwegian"},
    {"no", "norwegian"},  {"pt", "portuguese"}, {"ro", "romanian"},   {"ru", "russian"},
    {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"},
}};

bool is_ascii_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

bool ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// ASCII text: only the apostrophe rule applies.
void append_ascii(std::string_view text, std::string& out) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\'' && i > 0 && i + 1 < text.size() && ascii_alnum(text[i - 1]) &&
        ascii_alpha(text[i + 1])) {
      out += ' ';
    } else {
      out += c;
    }
  }
}

bool is_apostrophe(UChar32 c) { return c == 0x27 || c == 0x2019; }

// Whether a mark after a letter of `script` (`base` itself) is dropped.
bool drop_mark(UChar32 mark, UScriptCode script, UChar32 base) {
  switch (script) {
    case USCRIPT_LATIN:
    case USCRIPT_GREEK:
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      return true;
    case USCRIPT_CYRILLIC:
      return mark == 0x0308 && (base == 0x0435 || base == 0x0415);  // ё -> е
    case USCRIPT_HEBREW:
      return mark >= 0x0591 && mark <= 0x05C7;
    case USCRIPT_ARABIC:
      return (mark >= 0x0610 && mark <= 0x061A) || (mark >= 0x064B && mark <= 0x065F) ||
             mark == 0x0670 || (mark >= 0x06D6 && mark <= 0x06ED);
    default:
      return false;
  }
}

// A letter spelt otherwise (no decomposition covers these), or nothing.
std::u16string_view replacement(UChar32 c) {
  switch (c) {
    case 0x00DF:
      return u"ss";  // ß
    case 0x1E9E:
      return u"SS";  // ẞ
    case 0x0131:
      return u"i";  // ı
    case 0x0142:
      return u"l";  // ł
    case 0x0141:
      return u"L";
    case 0x00F8:
      return u"o";  // ø
    case 0x00D8:
      return u"O";
    case 0x0111:
      return u"d";  // đ
    case 0x0110:
      return u"D";
    case 0x0127:
      return u"h";  // ħ
    case 0x0126:
      return u"H";
    case 0x00E6:
      return u"ae";  // æ
    case 0x00C6:
      return u"AE";
    case 0x0153:
      return u"oe";  // œ
    case 0x0152:
      return u"OE";
    case 0x03C2:
      return u"\u03C3";  // final sigma
    case 0x0671:
      return u"\u0627";  // alef wasla
    case 0x0649:         // alef maksura
    case 0x06CC:         // Persian yeh
      return u"\u064A";
    case 0x06A9:
      return u"\u0643";  // Persian keheh
    default:
      return {};
  }
}

// How normalise spells each of U+00A0..U+017F (Latin-1 Supplement and Latin Extended-A) when no
// combining mark follows it: what the ICU path below gives for it alone, checked for every one
// by Table/LatinForms (schema_test); empty where only ICU knows (µ ¼ ½ ¾ Ŀ ŀ ŉ, whose forms hold
// other characters). Text in the languages of Western and Central Europe then needs no ICU,
// whose normalisation data costs a CGI process about 0.3 ms to load.
constexpr std::array<std::string_view, 0xE0> kLatinForms{{
    " ",      "\u00A1", "\u00A2", "\u00A3", "\u00A4", "\u00A5", "\u00A6", "\u00A7",  // U+00A0
    " ",      "\u00A9", "a",      "\u00AB", "\u00AC", "\u00AD", "\u00AE", " ",       // U+00A8
    "\u00B0", "\u00B1", "2",      "3",      " ",      {},       "\u00B6", "\u00B7",  // U+00B0
    " ",      "1",      "o",      "\u00BB", {},       {},       {},       "\u00BF",  // U+00B8
    "A",      "A",      "A",      "A",      "A",      "A",      "AE",     "C",       // U+00C0
    "E",      "E",      "E",      "E",      "I",      "I",      "I",      "I",       // U+00C8
    "\u00D0", "N",      "O",      "O",      "O",      "O",      "O",      "\u00D7",  // U+00D0
    "O",      "U",      "U",      "U",      "U",      "Y",      "\u00DE", "ss",      // U+00D8
    "a",      "a",      "a",      "a",      "a",      "a",      "ae",     "c",       // U+00E0
    "e",      "e",      "e",      "e",      "i",      "i",      "i",      "i",       // U+00E8
    "\u00F0", "n",      "o",      "o",      "o",      "o",      "o",      "\u00F7",  // U+00F0
    "o",      "u",      "u",      "u",      "u",      "y",      "\u00FE", "y",       // U+00F8
    "A",      "a",      "A",      "a",      "A",      "a",      "C",      "c",       // U+0100
    "C",      "c",      "C",      "c",      "C",      "c",      "D",      "d",       // U+0108
    "D",      "d",      "E",      "e",      "E",      "e",      "E",      "e",       // U+0110
    "E",      "e",      "E",      "e",      "G",      "g",      "G",      "g",       // U+0118
    "G",      "g",      "G",      "g",      "H",      "h",      "H",      "h",       // U+0120
    "I",      "i",      "I",      "i",      "I",      "i",      "I",      "i",       // U+0128
    "I",      "i",      "IJ",     "ij",     "J",      "j",      "K",      "k",       // U+0130
    "\u0138", "L",      "l",      "L",      "l",      "L",      "l",      {},        // U+0138
    {},       "L",      "l",      "N",      "n",      "N",      "n",      "N",       // U+0140
    "n",      {},       "\u014A", "\u014B", "O",      "o",      "O",      "o",       // U+0148
    "O",      "o",      "OE",     "oe",     "R",      "r",      "R",      "r",       // U+0150
    "R",      "r",      "S",      "s",      "S",      "s",      "S",      "s",       // U+0158
    "S",      "s",      "T",      "t",      "T",      "t",      "\u0166", "\u0167",  // U+0160
    "U",      "u",      "U",      "u",      "U",      "u",      "U",      "u",       // U+0168
    "U",      "u",      "U",      "u",      "W",      "w",      "Y",      "y",       // U+0170
    "Y",      "Z",      "z",      "Z",      "z",      "Z",      "z",      "s",       // U+0178
}};

// The form of code point `c` that needs no ICU (see kLatinForms), or nothing. `written` is its
// UTF-8. Curly quotes, dashes and bullets are kept as they are.
std::string_view known_form(char32_t c, std::string_view written) {
  if (c < 0x80) return written;
  if (c >= 0xA0 && c < 0x180) return kLatinForms[c - 0xA0];
  switch (c) {
    case 0x2013:  // – —
    case 0x2014:
    case 0x2018:  // ‘ ’ “ ”
    case 0x2019:
    case 0x201C:
    case 0x201D:
    case 0x2022:  // •
      return written;
    default:
      return {};
  }
}

// `text` as append_unicode spells it, without ICU, when every character has a known_form;
// otherwise false and nothing appended.
bool append_known(std::string_view text, std::string& out) {
  std::vector<std::string_view> forms;
  forms.reserve(text.size());
  for (std::size_t at = 0, length = 0; at < text.size(); at += length) {
    const char32_t c = code_point_at(text, at, length);
    const std::string_view form = known_form(c, text.substr(at, length));
    if (form.empty()) return false;
    forms.push_back(form);
  }
  // The apostrophe rule of append_unicode: between a letter or digit and a letter, a space.
  std::size_t length = 0;
  UChar32 previous = 0;
  for (std::size_t i = 0; i < forms.size(); ++i) {
    const std::string_view form = forms[i];
    const char32_t c = code_point_at(form, 0, length);
    if (form.size() == length && is_apostrophe(static_cast<UChar32>(c)) && i + 1 < forms.size() &&
        u_isalnum(previous) != 0 &&
        u_isalpha(static_cast<UChar32>(code_point_at(forms[i + 1], 0, length))) != 0) {
      out += ' ';
      previous = ' ';
      continue;
    }
    out.append(form);
    std::size_t last = form.size() - 1;
    while (last > 0 && (static_cast<unsigned char>(form[last]) & 0xC0U) == 0x80U) --last;
    previous = static_cast<UChar32>(code_point_at(form, last, length));
  }
  return true;
}

// Text with some non-ASCII character, through ICU.
void append_unicode(std::string_view text, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {  // ICU's data is built in; this does not happen
    out.append(text);
    return;
  }
  const icu::UnicodeString decomposed =
      nfkd->normalize(icu::UnicodeString::fromUTF8(
                          icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))),
                      status);
  icu::UnicodeString kept;
  UScriptCode script = USCRIPT_COMMON;
  UChar32 base = 0;
  UChar32 previous = 0;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) {
      if (!drop_mark(c, script, base)) kept.append(c);
      continue;
    }
    if (c == 0x0640) continue;  // tatweel
    if (c == 0x200C) {          // zero-width non-joiner: Persian and Bengali word parts
      kept.append(static_cast<UChar>(' '));
      previous = ' ';
      continue;
    }
    if (is_apostrophe(c) && i < decomposed.length() && u_isalnum(previous) != 0 &&
        u_isalpha(decomposed.char32At(i)) != 0) {
      kept.append(static_cast<UChar>(' '));
      previous = ' ';
      continue;
    }
    const std::u16string_view spelt = replacement(c);
    if (spelt.empty()) {
      kept.append(c);
    } else {
      kept.append(icu::UnicodeString(spelt.data(), static_cast<int32_t>(spelt.size())));
    }
    UErrorCode script_status = U_ZERO_ERROR;
    script = uscript_getScript(c, &script_status);
    base = c;
    previous = c;
  }
  nfc->normalize(kept, status).toUTF8String(out);
}

// Russian and Ukrainian letters (lower case, U+0430..U+045F and ґ) in Latin.
std::string_view russian_letter(char32_t c) {
  static constexpr std::array<std::string_view, 32> kBasic{
      "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
      "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya"};
  if (c >= 0x0430 && c <= 0x044F) return kBasic[c - 0x0430];
  if (c == 0x0451) return "e";  // ё
  return {};
}

std::string_view ukrainian_letter(char32_t c, bool first) {
  switch (c) {
    case 0x0433:
      return "h";  // г
    case 0x0491:
      return "g";  // ґ
    case 0x0438:
      return "y";  // и
    case 0x0456:
      return "i";  // і
    case 0x0457:
      return first ? "yi" : "i";  // ї
    case 0x0454:
      return first ? "ye" : "ie";  // є
    case 0x0439:
      return first ? "y" : "i";  // й
    case 0x044E:
      return first ? "yu" : "iu";  // ю
    case 0x044F:
      return first ? "ya" : "ia";  // я
    case 0x044B:
    case 0x044D:
    case 0x044A:
    case 0x0451:
      return {};  // not Ukrainian letters
    default:
      return russian_letter(c);
  }
}

std::u32string decode(std::string_view word) {
  std::u32string out;
  for (std::size_t at = 0, length = 0; at < word.size(); at += length) {
    out += code_point_at(word, at, length);
  }
  return out;
}

bool is_russian_only(char32_t c) { return c == 0x044B || c == 0x044D || c == 0x044A; }
bool is_ukrainian_only(char32_t c) {
  return c == 0x0456 || c == 0x0457 || c == 0x0454 || c == 0x0491;
}

// "ый"/"ий" at the end of a word (Навальный, Зеленський) are spelt "y".
std::string spell(const std::u32string& letters, bool ukrainian) {
  std::string out;
  std::size_t end = letters.size();
  bool adjective = false;
  if (end >= 4 && letters[end - 1] == 0x0439 &&
      (letters[end - 2] == 0x044B || letters[end - 2] == 0x0438)) {
    end -= 2;
    adjective = true;
  }
  for (std::size_t i = 0; i < end; ++i) {
    const std::string_view latin =
        ukrainian ? ukrainian_letter(letters[i], i == 0) : russian_letter(letters[i]);
    out.append(latin);
  }
  if (adjective) out += 'y';
  return out;
}

}  // namespace

std::string_view stemmer_language(std::string_view subtag) {
  const auto it =
      std::lower_bound(kStemmers.begin(), kStemmers.end(), subtag,
                       [](const auto& entry, std::string_view key) { return entry.first < key; });
  return it != kStemmers.end() && it->first == subtag ? it->second : std::string_view();
}

const std::vector<std::string_view>& stemmed_subtags() {
  static const std::vector<std::string_view> subtags = [] {
    std::vector<std::string_view> out;
    out.reserve(kStemmers.size());
    for (const auto& entry : kStemmers) out.push_back(entry.first);
    return out;
  }();
  return subtags;
}

std::string normalise_through_icu(std::string_view text) {
  std::string out;
  append_unicode(text, out);
  return out;
}

std::string normalise(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    // The next run of whitespace-separated tokens with a non-ASCII byte goes through ICU; ASCII
    // tokens around it are copied (most of an English text, whose curly quotes would otherwise
    // send all of it through ICU).
    const auto non_ascii =
        std::find_if(text.begin() + static_cast<std::ptrdiff_t>(at), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (non_ascii == text.end()) {
      append_ascii(text.substr(at), out);
      break;
    }
    std::size_t start = static_cast<std::size_t>(non_ascii - text.begin());
    while (start > at && !is_ascii_space(text[start - 1])) --start;
    std::size_t end = start;
    for (;;) {
      while (end < text.size() && !is_ascii_space(text[end])) ++end;  // this token
      std::size_t next = end;
      while (next < text.size() && is_ascii_space(text[next])) ++next;
      std::size_t next_end = next;
      bool wide = false;
      while (next_end < text.size() && !is_ascii_space(text[next_end])) {
        wide = wide || static_cast<unsigned char>(text[next_end]) >= 0x80;
        ++next_end;
      }
      if (!wide || next == text.size()) break;
      end = next_end;
    }
    append_ascii(text.substr(at, start - at), out);
    if (!append_known(text.substr(start, end - start), out)) {
      append_unicode(text.substr(start, end - start), out);
    }
    at = end;
  }
  return out;
}

bool is_cjk(char32_t c) {
  const bool block = (c >= 0x2E80 && c <= 0x2EFF) || (c >= 0x3000 && c <= 0x9FFF) ||
                     (c >= 0xA700 && c <= 0xA71F) || (c >= 0xAC00 && c <= 0xD7AF) ||
                     (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
                     (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x2A6DF) ||
                     (c >= 0x2F800 && c <= 0x2FA1F);
  if (!block) return false;
  // Xapian's word characters: letters, marks, numbers and connector punctuation.
  constexpr std::uint32_t kWord = U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK | U_GC_PC_MASK;
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & kWord) != 0;
}

bool has_cjk(std::string_view text) {
  for (std::size_t at = 0, length = 0; at < text.size(); at += length) {
    if (is_cjk(code_point_at(text, at, length))) return true;
  }
  return false;
}

char32_t code_point_at(std::string_view text, std::size_t at, std::size_t& length) {
  const auto lead = static_cast<unsigned char>(text[at]);
  length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  length = std::min(length, text.size() - at);
  char32_t c = length == 1   ? lead
               : length == 2 ? (lead & 0x1Fu)
               : length == 3 ? (lead & 0x0Fu)
                             : (lead & 0x07u);
  for (std::size_t k = 1; k < length; ++k) {
    c = (c << 6) | (static_cast<unsigned char>(text[at + k]) & 0x3Fu);
  }
  return c;
}

std::vector<std::string> latin_spellings(std::string_view word, std::string_view subtag) {
  const std::u32string letters = decode(word);
  if (letters.size() < 3) return {};
  bool russian_only = false;
  bool ukrainian_only = false;
  for (const char32_t c : letters) {
    if (!((c >= 0x0430 && c <= 0x044F) || c == 0x0451 || c == 0x0454 || c == 0x0456 ||
          c == 0x0457 || c == 0x0491)) {
      return {};
    }
    russian_only = russian_only || is_russian_only(c);
    ukrainian_only = ukrainian_only || is_ukrainian_only(c);
  }
  bool russian = !ukrainian_only && subtag != "uk";
  bool ukrainian = !russian_only && subtag != "ru";
  if (!russian && !ukrainian) russian = true;  // a language's subtag, the other's letters
  std::vector<std::string> out;
  if (russian) out.push_back(spell(letters, false));
  if (ukrainian) {
    std::string spelt = spell(letters, true);
    if (out.empty() || out.front() != spelt) out.push_back(std::move(spelt));
  }
  return out;
}

}  // namespace vigil::analysis
