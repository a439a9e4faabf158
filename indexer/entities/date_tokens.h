#pragma once
// Tokens for the date tagger (an internal part of dates.h): words, numbers and punctuation with
// byte offsets, their lexicon entries, sentence ends, and the tense around a span.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "entities/date_words.h"

namespace vigil::entities::date_internal {

enum class TokenKind : std::uint8_t { kWord, kNumber, kPunct };

struct Token {
  std::size_t start = 0;  // byte offsets [start, end) into the text
  std::size_t end = 0;
  TokenKind kind = TokenKind::kWord;
  bool space_before = false;  // whitespace separates it from the previous token
  bool break_before = false;  // a blank line (paragraph break) comes before it
  bool line_before = false;   // a line break comes before it (or it is the first token)
  bool capitalised = false;   // a word whose first letter is A-Z
  bool all_caps = false;      // a word of two or more letters, all A-Z
  bool plain = false;         // a number of digits only (no "1,500" or "3.5")
  std::uint8_t digits = 0;    // how many digits a plain number has
  int number = -1;            // the value of a plain number of at most 9 digits, else -1
  // Punctuation: the ASCII character, with dashes as '-', curly single quotes as '\'' and
  // curly double quotes as '"'; 0 for other symbols.
  char punct = 0;
  bool sentence_end = false;       // '.', '!' or '?' that ends a sentence
  const WordInfo* word = nullptr;  // the lexicon entry of a word, if any
};

// Splits `text` into `out` (cleared first). Letters and non-ASCII characters other than
// punctuation and spaces make words; digits make numbers ("1,500" and "3.5" are one non-plain
// number); every other character is one punctuation token. Never fails; linear time.
void tokenize(std::string_view text, std::vector<Token>& out);

// The tense of the sentence around tokens [first, last): the nearest tense cue in the same
// sentence (looking at most 25 tokens each way, preferring the left on a tie), or kUnknown.
Tense tense_around(std::string_view text, const std::vector<Token>& tokens, int first, int last);

}  // namespace vigil::entities::date_internal
