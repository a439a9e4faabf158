#pragma once
// Word forms for matching place names in languages other than English. Internal to the entities
// module (gazetteer.cc and places.cc).
//
// - Chinese and Japanese have no spaces: a run of Han or kana characters is cut into dictionary
//   words by ICU's word break iterator (its CJK dictionary), and a name must begin and end on
//   those cuts: 中国政府 is 中国|政府 and holds China, 非法国家 is 非法|国家 and holds no 法国.
// - Russian and Ukrainian decline names: a word in Cyrillic is matched by its stem, the word
//   without a case ending of a fixed list and its final vowels, keeping four letters (Китай,
//   Китая, Китае, Китаем -> кита; Россия, России, Россией -> росс).
// - Clitics and case endings glued to a name are removed only when what remains is a word of a
//   name (see affix_candidates): Arabic و ف ب ل ك and ال (والصين, بالصين, للصين), Uyghur case
//   endings (جۇڭگودا), Korean particles (중국에서), French and Italian elision (l'Algérie,
//   dell'Italia) and Turkish endings after an apostrophe (Çin'de, Türkiye'nin).
// Not handled: German genitive -s (Chinas), Persian suffixes, Turkish endings written without
// an apostrophe, Cyrillic adjectives derived from names (китайский), and spelling changes inside
// a stem (Russian fleeting vowels).
// Thread-safe: the break iterator is one per thread.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::entities {

// Whether the word holds a Han, hiragana or katakana character.
bool has_cjk(std::string_view word);

// Whether the word holds a Cyrillic letter.
bool has_cyrillic(std::string_view word);

// The number of code points of UTF-8 text.
std::size_t code_points(std::string_view text);

// The byte offsets (relative to `run`) where ICU's dictionary cuts a run of Chinese or Japanese
// text into words, the end of the run included; {run.size()} when ICU fails.
std::vector<std::size_t> cjk_cuts(std::string_view run);

// The stem of a folded Cyrillic word: without one case ending of the list, then without final
// vowels, й and ь, keeping at least four letters; the word itself when it is not Cyrillic.
std::string cyrillic_stem(std::string_view folded);

// A name key with each Cyrillic word replaced by its stem ("південна корея" -> "південн коре").
std::string stem_key(std::string_view key);

// A part of a word that may be a name without its clitics or endings: bytes [start, end) of the
// word as written, after `restore` (the alif of ال that Arabic drops after ل: للصين -> الصين).
struct Affixed {
  std::size_t start = 0;
  std::size_t end = 0;
  std::string_view restore;
};

// The candidate cores of a word as written, most likely first (see the header comment); empty
// for a plain ASCII word without an apostrophe, so that English text pays nothing.
std::vector<Affixed> affix_candidates(std::string_view word);

}  // namespace vigil::entities
