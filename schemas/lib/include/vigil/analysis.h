#pragma once
// Text analysis both binaries must agree on: what the indexer's TermGenerator is given and how it
// stems, and what the searcher's QueryParser is given, or query terms will not meet indexed ones.
// The rules are part of the index format: a change here needs a schema version bump
// (schemas/fields.schema), as the index holds the terms these rules made.
//
// - Text is normalised (normalise()) before it is indexed or parsed as a query.
// - Each document is stemmed by its language's Xapian stemmer (stemmer_language()); a document
//   in a language without one gets no stemmed terms. A query word matches its exact form and its
//   stems under every stemmer of the languages the index holds (searcher/query/stems.h).
// - Chinese, Japanese and Korean text is indexed and searched as overlapping character unigrams
//   and bigrams (Xapian's CJK n-gram mode, both sides; is_cjk() gives its characters).
// - Capitalised Cyrillic words (names) are also indexed under their Latin spellings
//   (latin_spellings()), and a Cyrillic query word also searches them, so Navalny finds
//   Навальный and Навальный finds Navalny.

#include <string>
#include <string_view>
#include <vector>

namespace vigil::analysis {

// The stemmer of the variant lists (schemas/variants.txt), which are English names.
inline constexpr std::string_view kVariantsStemmer = "english";

// The Xapian stemmer (Xapian::Stem name) for a language's primary subtag ("ru" -> "russian",
// "nb" -> "norwegian", "ms" -> "indonesian"), or empty when Xapian 1.4 has none ("zh", "el").
std::string_view stemmer_language(std::string_view subtag);

// Every subtag that has a stemmer, in a fixed order.
const std::vector<std::string_view>& stemmed_subtags();

// `text` (valid UTF-8) normalised for indexing and searching, without changing its case (Xapian
// lower-cases both sides, and the query syntax needs AND/OR and capitals intact):
//  - Unicode compatibility forms unified (NFKC: "ﬁ" is "fi", full-width Latin is Latin, half-width
//    katakana is full-width);
//  - accents and other marks removed from Latin and Greek letters ("Bachélet" is "Bachelet",
//    "İstanbul" is "Istanbul"), and ł ø đ ħ ı æ œ ß ẞ ς spelt l o d h i ae oe ss ss σ;
//  - Cyrillic ё is е (й and ї are kept: they are letters of their own);
//  - Arabic: tatweel and the vowel and Quranic marks removed; hamza and madda carriers folded
//    (أ إ آ ٱ are ا, ؤ is و, ئ is ي); ى and Persian ی are ي, Persian ک is ك;
//  - Hebrew points (niqqud) and cantillation marks removed;
//  - an apostrophe (' or ’) between a letter or digit and a letter is a space, so "l'homme"
//    finds "homme" and "China’s" finds "China"; so is a zero-width non-joiner (Persian
//    "نمی‌توان" is two words, as Xapian would otherwise glue them into one);
//  - marks of every other script (Devanagari vowel signs, Japanese voicing marks) are kept.
// ASCII text without apostrophes comes back unchanged, without a copy through ICU; text whose
// other characters are of Latin-1 Supplement and Latin Extended-A, or curly quotes and dashes,
// is spelt from a table instead of ICU (the same result: normalise_through_icu).
std::string normalise(std::string_view text);

// normalise() with every non-ASCII run through ICU, the reference that its table follows. For
// tests.
std::string normalise_through_icu(std::string_view text);

// The code point at byte `at` of UTF-8 `text`, and in `length` its length in bytes (at least 1,
// never past the end; a malformed sequence decodes to something, not to an error).
char32_t code_point_at(std::string_view text, std::size_t at, std::size_t& length);

// Whether `c` is a character Xapian 1.4's CJK n-gram mode splits into n-grams (Han, kana,
// Hangul and their compatibility forms; punctuation in those blocks is not a word character).
bool is_cjk(char32_t c);
// Whether valid UTF-8 `text` has such a character.
bool has_cjk(std::string_view text);

// The Latin spellings of a lower-case Cyrillic word (of at least three letters, nothing else):
// a Russian one ("навальный" -> "navalny", "горбачев" -> "gorbachev") and, when it differs, a
// Ukrainian one ("київ" -> "kyiv", "зеленський" -> "zelensky"); empty for any other word. With
// `subtag` "ru" or "uk" only that language's spelling, unless the word has letters only the
// other language writes (і ї є ґ are Ukrainian, ы э ъ Russian).
std::vector<std::string> latin_spellings(std::string_view word, std::string_view subtag = {});

}  // namespace vigil::analysis
