#pragma once
// Our own snippet builder. Xapian's MSet::snippet marks neither field-prefixed terms (title:,
// org:) nor the variants we add, and returns raw text when its markers are empty; this marks
// every word form the query matched and escapes everything itself.
//
// Output is HTML: the text escaped (& < > " ' as entities), matched words in <mark>...</mark>,
// and "…" where text was left out; no other markup. Whitespace runs become one space.

#include <xapian.h>

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace vigil::search {

// What to mark, taken once per query from the final Xapian query.
struct MarkTerms {
  std::unordered_set<std::string> words;  // case-folded words, marked as written
  std::unordered_set<std::string> stems;  // a word is marked when its stem is one of these
  std::vector<std::string> prefixes;      // wildcards: words starting with one of these
  std::vector<std::string> facet_terms;   // org and place terms (XOun, XPcn.13), see names
  // Words and stems the query joined in one synonym (a word, its stems in each language, its
  // variants) -> one name for the group: they count as one thing asked for.
  std::unordered_map<std::string, std::string> group;
  // How much a word counts when the passage is chosen, 1 to 1000 (weigh_words); absent: 1000.
  std::unordered_map<std::string, int> weight;
  bool empty() const { return words.empty() && stems.empty() && prefixes.empty(); }
};

// The words, stems and facet terms of `query` (leaf terms of every branch: phrases, variants,
// title:/author:/description: terms count as words of the text), and the wildcards written in
// `query_text` (detain*). `text_prefixes` are the prefixes of free-text fields; `facet_prefixes`
// those of entity facets. Other terms (filters, dates) mark nothing.
MarkTerms mark_terms(const Xapian::Query& query, std::string_view query_text,
                     const std::vector<std::string>& text_prefixes,
                     const std::vector<std::string>& facet_prefixes);

// Words are compared as the index has them (vigil/analysis.h): normalised ("Bachélet" marks for
// bachelet), split at inner apostrophes (l'homme), stemmed by the text's language, and Chinese,
// Japanese and Korean text character by character: a character is marked when it and a
// neighbour form a two-character term of the query, or when it is a one-character query term
// that no two-character term of the query holds. One Highlighter serves one thread.
// Weighs the words of `terms` by their rarity among `documents` documents (`termfreq` gives a
// word's document frequency): the rarest word 1000, a word in nearly every document near 1. The
// snippet then prefers a passage with the rare words of the query to one with its common ones
// ("de", "the", "和"): the stopwords of every language, from the index itself, with no lists.
void weigh_words(MarkTerms& terms, Xapian::doccount documents,
                 const std::function<Xapian::doccount(const std::string&)>& termfreq);

class Highlighter {
 public:
  explicit Highlighter(MarkTerms terms);

  // The densest passage of `text` of about `bytes` bytes, cut at word boundaries, with matches
  // marked; `names` are extra names to mark (how the text writes an organisation or place a
  // facet filter matched); `lang` the text's language subtag (its stemmer). Without any match,
  // the start of the text.
  std::string snippet(std::string_view text, const std::vector<std::string>& names,
                      std::size_t bytes, const std::string& lang = {}) const;

  // All of `text` (a title in language `lang`) escaped, with matches marked.
  std::string mark_all(std::string_view text, const std::string& lang = {}) const;

 private:
  struct Span {
    std::size_t start = 0;
    std::size_t end = 0;
    int key = -1;  // which query word or name it matched; -1: none
  };
  std::vector<Span> spans(std::string_view text, const std::vector<std::string>& names,
                          const std::string& lang) const;
  int key_of(const std::string& folded, const Xapian::Stem& stemmer) const;
  // Whether the plain ASCII word `written` (as the text writes it) can have a key: false only
  // when no query word, stem or wildcard starts with its first two bytes lower-cased (most words
  // of a text, which then need no folded copy and no look-up).
  bool may_match(std::string_view written) const;
  // Keys of the CJK characters in `out` from `first` on (see the class comment).
  void mark_cjk(std::string_view text, std::vector<Span>& out, std::size_t first) const;
  const Xapian::Stem& stemmer(const std::string& lang) const;
  static std::string escape(std::string_view text);
  // Bytes [from, to) of `text` escaped, with words[first..last] that matched marked.
  static std::string render(std::string_view text, const std::vector<Span>& words,
                            std::size_t first, std::size_t last, std::size_t from, std::size_t to);
  // Where a passage ending with `word` ends: after its trailing punctuation.
  static std::size_t end_of(std::string_view text, const Span& word);

  std::vector<std::string> prefixes_;           // wildcards; key = index
  std::unordered_map<std::string, int> words_;  // word -> key
  std::unordered_map<std::string, int> stems_;  // stem -> key
  // Whether a stem starts with these two bytes (head_of): most words need no stemming.
  std::vector<bool> stem_heads_ = std::vector<bool>(std::size_t{1} << 16U);
  // Whether a word or a wildcard of two bytes or more starts with these two bytes.
  std::vector<bool> word_heads_ = std::vector<bool>(std::size_t{1} << 16U);
  std::array<bool, 256> prefix_firsts_{};   // first bytes of one-byte wildcards
  bool any_word_ = false;                   // an empty wildcard: every word may match
  std::unordered_set<std::string> paired_;  // CJK characters held by a two-character term
  std::vector<int> key_weights_;            // by key: 1 to 1000 (MarkTerms::weight)
  mutable std::unordered_map<std::string, Xapian::Stem> stemmers_;  // by language subtag
  int next_key_ = 0;  // keys past those of the query are the names'
};

}  // namespace vigil::search
