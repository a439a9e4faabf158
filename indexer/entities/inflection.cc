#include "entities/inflection.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <memory>
#include <tuple>
#include <utility>

namespace vigil::entities {
namespace {

// Calls `on_char(c)` for each code point of `text` until it returns true; whether one did.
template <typename OnChar>
bool any_char(std::string_view text, OnChar on_char) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (on_char(c)) return true;
  }
  return false;
}

bool is_cjk(UChar32 c) {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) ||
         (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff);
}

bool is_hangul(UChar32 c) { return c >= 0xac00 && c <= 0xd7a3; }
bool is_arabic(UChar32 c) { return c >= 0x0600 && c <= 0x06ff; }

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Russian and Ukrainian case endings with a consonant, longest first; the vowels, й and ь left
// after them (or ending the word) are dropped one by one (kCyrillicFinals).
constexpr std::array<std::string_view, 32> kCyrillicEndings = {
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ові", "еві", "єві",
    "ою",  "ею",  "єю",  "ом",  "ем",  "єм",  "ой",  "ей",  "ий",  "ый",  "ій",
    "ім",  "ам",  "ям",  "ах",  "ях",  "ым",  "им",  "ых",  "их",  "ів"};
constexpr std::array<std::string_view, 15> kCyrillicFinals = {
    "а", "е", "ё", "и", "о", "у", "ы", "э", "ю", "я", "і", "ї", "є", "ь", "й"};
// Letters a stem keeps: fewer, and too many words would share one ("Кит" the whale, Китай).
constexpr std::size_t kMinStem = 4;

// Arabic conjunctions and prepositions written joined to the next word.
constexpr std::array<std::string_view, 2> kArabicConjunctions = {"و", "ف"};
constexpr std::array<std::string_view, 3> kArabicPrepositions = {"ب", "ل", "ك"};
// Uyghur case endings (locative, dative, genitive, ablative, accusative, of-place).
constexpr std::array<std::string_view, 14> kUyghurEndings = {
    "دىكى", "تىكى", "نىڭ", "دىن", "تىن", "دا", "دە", "تا", "تە", "غا", "قا", "گە", "كە", "نى"};
// Korean particles, longest first.
constexpr std::array<std::string_view, 34> kKoreanParticles = {
    "으로부터", "에서는", "에서도", "에서의", "에게서", "로부터", "에서", "에게", "에는",
    "에도",     "에의",   "으로",   "과의",   "와의",   "이나",   "이며", "이다", "까지",
    "부터",     "은",     "는",     "이",     "가",     "을",     "를",   "의",   "에",
    "로",       "와",     "과",     "도",     "만",     "측",     "엔"};
// French and Italian elided articles and prepositions before an apostrophe (folded).
constexpr std::array<std::string_view, 11> kElisions = {
    "l", "d", "qu", "jusqu", "lorsqu", "puisqu", "dell", "all", "nell", "dall", "sull"};
// Turkish case and possessive endings written after an apostrophe.
constexpr std::array<std::string_view, 40> kTurkishEndings = {
    "de",  "da",  "te",   "ta",   "den",  "dan",  "ten", "tan", "e",   "a",
    "ye",  "ya",  "i",    "ı",    "u",    "ü",    "yi",  "yı",  "yu",  "yü",
    "in",  "ın",  "un",   "ün",   "nin",  "nın",  "nun", "nün", "le",  "la",
    "yle", "yla", "deki", "daki", "teki", "taki", "li",  "lı",  "nde", "nda"};

// The lower-case ASCII form of a short suffix, or "" when it is not ASCII (Turkish ı, ü).
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The offset of the first apostrophe (' or U+2019) at or after `from`, and its length.
std::pair<std::size_t, std::size_t> find_apostrophe(std::string_view word, std::size_t from) {
  const std::size_t ascii = word.find('\'', from);
  const std::size_t curly = word.find("\u2019", from);
  if (curly < ascii) return {curly, 3};
  return {ascii, 1};
}

void apostrophe_candidates(std::string_view word, std::vector<Affixed>& out) {
  const auto [first, first_length] = find_apostrophe(word, 0);
  if (first == std::string_view::npos) return;
  const std::string before = lower(word.substr(0, first));
  if (std::find(kElisions.begin(), kElisions.end(), before) != kElisions.end() &&
      first + first_length < word.size()) {
    out.push_back({first + first_length, word.size(), {}});
  }
  std::size_t last = first;
  std::size_t last_length = first_length;
  for (auto next = find_apostrophe(word, first + 1); next.first != std::string_view::npos;
       next = find_apostrophe(word, next.first + 1)) {
    std::tie(last, last_length) = next;
  }
  const std::string after = lower(word.substr(last + last_length));
  if (last > 0 &&
      std::find(kTurkishEndings.begin(), kTurkishEndings.end(), after) != kTurkishEndings.end()) {
    out.push_back({0, last, {}});
  }
}

void arabic_candidates(std::string_view word, std::vector<Affixed>& out) {
  // Prefixes: a conjunction, then a preposition; "لل" is ل before ال, whose alif is dropped.
  for (const std::string_view conjunction :
       {std::string_view(), kArabicConjunctions[0], kArabicConjunctions[1]}) {
    if (!starts_with(word, conjunction)) continue;
    const std::string_view rest = word.substr(conjunction.size());
    if (!conjunction.empty() && code_points(rest) >= 3) {
      out.push_back({conjunction.size(), word.size(), {}});
    }
    for (const std::string_view preposition : kArabicPrepositions) {
      if (starts_with(rest, preposition) && code_points(rest) >= 4) {
        out.push_back({conjunction.size() + preposition.size(), word.size(), {}});
      }
    }
    // "للصين": ل and the ال of "الصين" without its alif.
    if (starts_with(rest, "لل") && code_points(rest) >= 4) {
      out.push_back({conjunction.size() + std::string_view("ل").size(), word.size(), "ا"});
    }
  }
  for (const std::string_view ending : kUyghurEndings) {
    if (ends_with(word, ending) && code_points(word) >= code_points(ending) + 3) {
      out.push_back({0, word.size() - ending.size(), {}});
    }
  }
}

void korean_candidates(std::string_view word, std::vector<Affixed>& out) {
  for (const std::string_view particle : kKoreanParticles) {
    if (ends_with(word, particle) && code_points(word) >= code_points(particle) + 2) {
      out.push_back({0, word.size() - particle.size(), {}});
    }
  }
}

}  // namespace

bool has_cjk(std::string_view word) { return any_char(word, is_cjk); }

bool has_cyrillic(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) {
    return static_cast<unsigned char>(c) == 0xd0 || static_cast<unsigned char>(c) == 0xd1;
  });
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  }));
}

std::vector<std::size_t> cjk_cuts(std::string_view run) {
  // One iterator per thread: creating one loads ICU's rules and costs far more than a run.
  thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  if (!iterator || run.size() > INT32_MAX) return {run.size()};
  UErrorCode status = U_ZERO_ERROR;
  UText* text = utext_openUTF8(nullptr, run.data(), static_cast<int64_t>(run.size()), &status);
  iterator->setText(text, status);
  std::vector<std::size_t> cuts;
  if (U_SUCCESS(status)) {
    for (int32_t at = iterator->next(); at != icu::BreakIterator::DONE; at = iterator->next()) {
      cuts.push_back(static_cast<std::size_t>(at));
    }
  }
  utext_close(text);
  if (cuts.empty() || cuts.back() != run.size()) return {run.size()};
  return cuts;
}

std::string cyrillic_stem(std::string_view folded) {
  if (!has_cyrillic(folded)) return std::string(folded);
  std::string_view stem = folded;
  for (const std::string_view ending : kCyrillicEndings) {
    if (ends_with(stem, ending) && code_points(stem) >= code_points(ending) + kMinStem) {
      stem.remove_suffix(ending.size());
      break;
    }
  }
  for (bool dropped = true; dropped && code_points(stem) > kMinStem;) {
    dropped = false;
    for (const std::string_view final : kCyrillicFinals) {
      if (ends_with(stem, final)) {
        stem.remove_suffix(final.size());
        dropped = true;
        break;
      }
    }
  }
  return std::string(stem);
}

std::string stem_key(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (std::size_t pos = 0; pos <= key.size();) {
    const std::size_t space = std::min(key.find(' ', pos), key.size());
    if (!out.empty()) out += ' ';
    out += cyrillic_stem(key.substr(pos, space - pos));
    pos = space + 1;
  }
  return out;
}

std::vector<Affixed> affix_candidates(std::string_view word) {
  std::vector<Affixed> out;
  if (word.empty()) return out;
  const bool ascii = std::all_of(word.begin(), word.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii && word.find('\'') == std::string_view::npos) return out;
  apostrophe_candidates(word, out);
  if (ascii) return out;
  UChar32 first = 0;
  int32_t i = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i,
          static_cast<int32_t>(std::min<std::size_t>(word.size(), INT32_MAX)), first);
  if (is_arabic(first)) arabic_candidates(word, out);
  if (is_hangul(first)) korean_candidates(word, out);
  return out;
}

}  // namespace vigil::entities
