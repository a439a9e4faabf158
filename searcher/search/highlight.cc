#include "search/highlight.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "vigil/analysis.h"
#include "vigil/names.h"
#include "vigil/stemmer.h"
#include "vigil/text.h"

namespace vigil::search {
namespace {

constexpr std::string_view kEllipsis = "\u2026";
constexpr std::size_t kMaxTextBytes =
    std::size_t{256} * 1024;  // longer texts: passages from the start only

// The first two bytes of a word (one, then 0, for a one-byte word): an index into
// Highlighter::stem_heads_.
std::size_t head_of(std::string_view word) {
  if (word.empty()) return 0;
  const auto first = static_cast<unsigned char>(word[0]);
  const auto second = word.size() > 1 ? static_cast<unsigned char>(word[1]) : 0U;
  return (std::size_t{first} << 8U) | second;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// The word of a term with one of `prefixes` ("" included), or nothing when the term belongs to
// another field (a term's prefix is its leading capitals; words are lower case).
bool strip_prefix(std::string_view term, const std::vector<std::string>& prefixes,
                  std::string& word) {
  for (const std::string& prefix : prefixes) {
    if (term.size() > prefix.size() && term.compare(0, prefix.size(), prefix) == 0 &&
        !is_upper(term[prefix.size()])) {
      word = term.substr(prefix.size());
      return true;
    }
  }
  return false;
}

// ASCII without apostrophes: one piece (see pieces), whose normalised form is itself.
bool plain_ascii(std::string_view word) {
  return std::all_of(word.begin(), word.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80 && c != '\''; });
}

bool is_word_byte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80;
}

// "u.s." -> "us": Xapian indexes acronyms without their periods.
std::string without_periods(std::string word) {
  word.erase(std::remove(word.begin(), word.end(), '.'), word.end());
  return word;
}

// The length in bytes of the UTF-8 character at `at`.
std::size_t utf8_length(std::string_view text, std::size_t at) {
  std::size_t length = 0;
  analysis::code_point_at(text, at, length);
  return length;
}

// A part of a word as the index has it: the word is cut at inner apostrophes (as
// analysis::normalise does), and CJK characters stand alone.
struct Piece {
  std::size_t start = 0;
  std::size_t end = 0;
  bool cjk = false;
};

std::vector<Piece> pieces(std::string_view text, const Word& word) {
  std::vector<Piece> out;
  std::size_t start = word.start;
  for (std::size_t at = word.start; at < word.end;) {
    std::size_t length = 0;
    const char32_t c = analysis::code_point_at(text, at, length);
    const bool apostrophe = c == '\'' || c == 0x2019;
    if (apostrophe || analysis::is_cjk(c)) {
      if (at > start) out.push_back({start, at, false});
      if (!apostrophe) out.push_back({at, at + length, true});
      start = at + length;
    }
    at += length;
  }
  if (word.end > start) out.push_back({start, word.end, false});
  return out;
}

}  // namespace

namespace {

// The leaf terms under `query`.
void leaves(const Xapian::Query& query, std::vector<std::string>& out) {
  if (query.get_type() == Xapian::Query::LEAF_TERM) {
    const auto it = query.get_terms_begin();
    if (it != query.get_terms_end()) out.push_back(*it);
    return;
  }
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) leaves(query.get_subquery(i), out);
}

// term -> the first term of the outermost synonym holding it.
void synonym_groups(const Xapian::Query& query, std::unordered_map<std::string, std::string>& out) {
  if (query.get_type() == Xapian::Query::OP_SYNONYM) {
    std::vector<std::string> terms;
    leaves(query, terms);
    if (!terms.empty()) {
      const std::string name = *std::min_element(terms.begin(), terms.end());
      for (const std::string& term : terms) out.emplace(term, name);
    }
    return;
  }
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    synonym_groups(query.get_subquery(i), out);
  }
}

}  // namespace

MarkTerms mark_terms(const Xapian::Query& query, std::string_view query_text,
                     const std::vector<std::string>& text_prefixes,
                     const std::vector<std::string>& facet_prefixes) {
  MarkTerms terms;
  std::unordered_map<std::string, std::string> groups;
  synonym_groups(query, groups);
  const auto join = [&](const std::string& term, const std::string& word) {
    if (const auto it = groups.find(term); it != groups.end()) {
      terms.group.emplace(word, it->second);
    }
  };
  std::string word;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string term = *it;
    if (!term.empty() && term[0] == 'Z') {
      if (strip_prefix(std::string_view(term).substr(1), text_prefixes, word)) {
        terms.stems.insert(word);
        join(term, word);
      }
      continue;
    }
    bool facet = false;
    for (const std::string& prefix : facet_prefixes) {
      if (term.compare(0, prefix.size(), prefix) == 0) facet = true;
    }
    if (facet) {
      terms.facet_terms.push_back(term);
    } else if (strip_prefix(term, text_prefixes, word)) {
      terms.words.insert(word);
      join(term, word);
    }
  }
  // Wildcards are expanded by the matcher, not in the query: take them from the text.
  std::size_t star = 0;
  while ((star = query_text.find('*', star)) != std::string_view::npos) {
    std::size_t start = star;
    while (start > 0 && is_word_byte(query_text[start - 1])) --start;
    const std::string prefix = fold(query_text.substr(start, star - start));
    if (!prefix.empty()) terms.prefixes.push_back(prefix);
    ++star;
  }
  return terms;
}

void weigh_words(MarkTerms& terms, Xapian::doccount documents,
                 const std::function<Xapian::doccount(const std::string&)>& termfreq) {
  std::unordered_map<std::string, double> idf;
  double most = 0;
  for (const std::string& word : terms.words) {
    const double frequency = std::max<Xapian::doccount>(termfreq(word), 1);
    const double value = std::log(1.0 + static_cast<double>(documents) / frequency);
    idf.emplace(word, value);
    most = std::max(most, value);
  }
  if (most <= 0) return;
  for (const auto& [word, value] : idf) {
    terms.weight[word] = std::clamp(static_cast<int>(std::lround(1000 * value / most)), 1, 1000);
  }
}

Highlighter::Highlighter(MarkTerms terms) {
  prefixes_ = std::move(terms.prefixes);
  next_key_ = static_cast<int>(prefixes_.size());
  // One key per synonym group (a word with its stems and variants), else per word or stem.
  std::unordered_map<std::string, int> group_keys;
  const auto key_for = [&](const std::string& word_or_stem) {
    const auto group = terms.group.find(word_or_stem);
    if (group == terms.group.end()) return next_key_++;
    const auto [it, added] = group_keys.try_emplace(group->second, next_key_);
    if (added) ++next_key_;
    return it->second;
  };
  for (const std::string& prefix : prefixes_) {
    if (prefix.empty()) any_word_ = true;
    if (prefix.size() == 1) prefix_firsts_[static_cast<unsigned char>(prefix[0])] = true;
    if (prefix.size() >= 2) word_heads_[head_of(prefix)] = true;
  }
  for (const std::string& word : terms.words) {
    word_heads_[head_of(word)] = true;
    words_.emplace(word, key_for(word));
    // A CJK two-character term: its characters are marked as a pair, not one by one.
    const std::size_t first = utf8_length(word, 0);
    if (first < word.size() && utf8_length(word, first) == word.size() - first &&
        analysis::has_cjk(word)) {
      paired_.insert(word.substr(0, first));
      paired_.insert(word.substr(first));
    }
  }
  for (const std::string& stem : terms.stems) {
    // A word and its stem are one thing the query asked for.
    const auto same = words_.find(std::string(analysis::untagged_stem(stem)));
    stems_.emplace(stem, terms.group.contains(stem) ? key_for(stem)
                         : same != words_.end()     ? same->second
                                                    : next_key_++);
    stem_heads_[head_of(stem)] = true;
  }
  // A key weighs what its heaviest word weighs; keys without a weighed word (stems alone,
  // wildcards) weigh the most.
  key_weights_.assign(static_cast<std::size_t>(next_key_), -1);
  for (const auto& [word, key] : words_) {
    const auto weight = terms.weight.find(word);
    int& known = key_weights_[static_cast<std::size_t>(key)];
    known = std::max(known, weight == terms.weight.end() ? 1000 : weight->second);
  }
  for (int& weight : key_weights_) {
    if (weight < 0) weight = 1000;
  }
}

const Xapian::Stem& Highlighter::stemmer(const std::string& lang) const {
  auto it = stemmers_.find(lang);
  if (it == stemmers_.end()) it = stemmers_.emplace(lang, analysis::language_stemmer(lang)).first;
  return it->second;
}

int Highlighter::key_of(const std::string& folded, const Xapian::Stem& stemmer) const {
  if (const auto it = words_.find(folded); it != words_.end()) return it->second;
  for (std::size_t i = 0; i < prefixes_.size(); ++i) {
    if (folded.compare(0, prefixes_[i].size(), prefixes_[i]) == 0) return static_cast<int>(i);
  }
  if (!stems_.empty() && stem_heads_[head_of(folded)]) {
    if (const auto it = stems_.find(stemmer(folded)); it != stems_.end()) return it->second;
  }
  return -1;
}

bool Highlighter::may_match(std::string_view written) const {
  // A word with periods is also looked up without them ("U.S." as "us").
  if (any_word_ || written.empty() || written.find('.') != std::string_view::npos) return true;
  const char first = ascii_lower(written[0]);
  const char second = written.size() > 1 ? ascii_lower(written[1]) : '\0';
  // As head_of of the folded word.
  const std::size_t head =
      (std::size_t{static_cast<unsigned char>(first)} << 8U) | static_cast<unsigned char>(second);
  return word_heads_[head] || stem_heads_[head] ||
         prefix_firsts_[static_cast<unsigned char>(first)];
}

void Highlighter::mark_cjk(std::string_view text, std::vector<Span>& out, std::size_t first) const {
  const auto character = [&](std::size_t i) {
    return std::string(text.substr(out[i].start, out[i].end - out[i].start));
  };
  for (std::size_t i = first; i < out.size(); ++i) {
    const std::string one = character(i);
    if (i + 1 < out.size() && out[i + 1].start == out[i].end) {
      if (const auto it = words_.find(one + character(i + 1)); it != words_.end()) {
        out[i].key = it->second;
        out[i + 1].key = it->second;
        continue;
      }
    }
    if (out[i].key < 0 && !paired_.contains(one)) {
      if (const auto it = words_.find(one); it != words_.end()) out[i].key = it->second;
    }
  }
}

std::vector<Highlighter::Span> Highlighter::spans(std::string_view text,
                                                  const std::vector<std::string>& names,
                                                  const std::string& lang) const {
  std::vector<Span> out;
  const std::vector<Word> words = split_words(text);
  out.reserve(words.size());
  // The folded pieces, kept only to find the names.
  std::vector<std::string> folded;
  if (!names.empty()) folded.reserve(words.size());
  const Xapian::Stem& stems = stemmer(lang);
  std::string piece_text;  // reused: a snippet folds every word of the text
  const auto add = [&](std::size_t start, std::size_t end, int key) {
    out.push_back({start, end, key});
    if (!names.empty()) folded.push_back(piece_text);
  };
  // Adds the piece folded in piece_text with its query key (also without its periods: "U.S.").
  const auto add_folded = [&](std::size_t start, std::size_t end) {
    int key = key_of(piece_text, stems);
    if (key < 0 && piece_text.find('.') != std::string::npos) {
      key = key_of(without_periods(piece_text), stems);
    }
    add(start, end, key);
  };
  for (const Word& word : words) {
    const std::string_view written = text.substr(word.start, word.end - word.start);
    if (plain_ascii(written)) {  // most words: one piece, which folding only lower-cases
      // Names are matched on the folded pieces of every word, so then each is folded.
      if (names.empty() && !may_match(written)) {
        out.push_back({word.start, word.end, -1});
        continue;
      }
      piece_text.assign(written);
      for (char& c : piece_text) c = ascii_lower(c);
      add_folded(word.start, word.end);
      continue;
    }
    for (const Piece& piece : pieces(text, word)) {
      const std::string_view part = text.substr(piece.start, piece.end - piece.start);
      if (piece.cjk) {
        piece_text.assign(part);
        add(piece.start, piece.end, -2);  // marked below
        continue;
      }
      piece_text = fold(analysis::normalise(part));
      add_folded(piece.start, piece.end);
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].key != -2) continue;
    std::size_t end = i;
    while (end < out.size() && out[end].key == -2) out[end++].key = -1;
    std::vector<Span> run(out.begin() + static_cast<std::ptrdiff_t>(i),
                          out.begin() + static_cast<std::ptrdiff_t>(end));
    mark_cjk(text, run, 0);
    std::copy(run.begin(), run.end(), out.begin() + static_cast<std::ptrdiff_t>(i));
    i = end - 1;
  }
  // Names (how the text writes a matched organisation or place), word by word.
  int key = next_key_;
  for (const std::string& name : names) {
    std::vector<std::string> name_words;
    for (const Word& word : split_words(name)) {
      for (const Piece& piece : pieces(name, word)) {
        name_words.push_back(
            fold(analysis::normalise(name.substr(piece.start, piece.end - piece.start))));
      }
    }
    if (!name_words.empty()) {
      for (std::size_t i = 0; i + name_words.size() <= out.size(); ++i) {
        if (std::equal(name_words.begin(), name_words.end(),
                       folded.begin() + static_cast<std::ptrdiff_t>(i))) {
          for (std::size_t k = 0; k < name_words.size(); ++k) out[i + k].key = key;
        }
      }
    }
    ++key;
  }
  return out;
}

std::string Highlighter::escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  constexpr std::string_view kSpace = " \n\t\r\f\v";
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t space = std::min(text.find_first_of(kSpace, at), text.size());
    append_html_escaped(text.substr(at, space - at), out);
    if (space == text.size()) break;
    out += ' ';  // a run of whitespace becomes one space
    at = std::min(text.find_first_not_of(kSpace, space), text.size());
  }
  return out;
}

std::size_t Highlighter::end_of(std::string_view text, const Span& word) {
  // Punctuation right after a word ("camps.") belongs to it.
  std::size_t end = word.end;
  while (end < text.size() && end - word.end < 3 &&
         std::ispunct(static_cast<unsigned char>(text[end])) != 0) {
    ++end;
  }
  return end;
}

std::string Highlighter::render(std::string_view text, const std::vector<Span>& words,
                                std::size_t first, std::size_t last, std::size_t from,
                                std::size_t to) {
  std::string out;
  std::size_t at = from;
  for (std::size_t i = first; i <= last; ++i) {
    if (words[i].key < 0) continue;
    out += escape(text.substr(at, words[i].start - at));
    out += "<mark>";
    out += escape(text.substr(words[i].start, words[i].end - words[i].start));
    out += "</mark>";
    at = words[i].end;
  }
  out += escape(text.substr(at, to - at));
  return out;
}

std::string Highlighter::snippet(std::string_view raw, const std::vector<std::string>& names,
                                 std::size_t bytes, const std::string& lang) const {
  const std::string valid = to_valid_utf8(raw.substr(0, kMaxTextBytes));
  const std::string_view text = valid;
  const std::vector<Span> words = spans(text, names, lang);
  if (words.empty()) return "";
  const auto fits = [&](std::size_t first, std::size_t last) {
    return words[last].end - words[first].start <= bytes;
  };

  // The window whose distinct matches weigh the most (a rare word of the query more than a
  // common one), then with the most matches. Names of facets weigh the most.
  const auto weight_of = [&](int key) -> long {
    return key < static_cast<int>(key_weights_.size()) ? key_weights_[static_cast<std::size_t>(key)]
                                                       : 1000;
  };
  std::vector<int> counts(static_cast<std::size_t>(next_key_) + names.size(), 0);
  long weighed = 0;
  int matched = 0;
  long best_score = -1;
  std::size_t best_first = 0;
  std::size_t best_last = 0;
  std::size_t last = 0;  // window [first, last)
  for (std::size_t first = 0; first < words.size(); ++first) {
    while (last < words.size() && (last == first || fits(first, last))) {
      if (words[last].key >= 0 && counts[static_cast<std::size_t>(words[last].key)]++ == 0) {
        weighed += weight_of(words[last].key);
      }
      if (words[last].key >= 0) ++matched;
      ++last;
    }
    const long score = 1000L * weighed + matched;
    if (score > best_score && (words[first].key >= 0 || best_score < 0)) {
      best_score = score;
      best_first = first;
      best_last = last - 1;
    }
    if (words[first].key >= 0 && --counts[static_cast<std::size_t>(words[first].key)] == 0) {
      weighed -= weight_of(words[first].key);
    }
    if (words[first].key >= 0) --matched;
  }
  std::size_t first = best_first;
  last = best_last;
  if (best_score >= 1000) {  // some match: every key weighs at least 1
    // Trim to the matches, then give the room back as context: some before (from a sentence
    // start when one is near), the rest after.
    while (last > first && words[last].key < 0) --last;
    const auto sentence_start = [&](std::size_t i) {
      if (i == 0) return true;
      const std::string_view gap = text.substr(words[i - 1].end, words[i].start - words[i - 1].end);
      return gap.find_first_of(".!?\n") != std::string_view::npos;
    };
    const std::size_t lead = bytes / 3;
    const std::size_t match_start = words[first].start;
    while (first > 0 && !sentence_start(first) && fits(first - 1, last) &&
           match_start - words[first - 1].start <= lead) {
      --first;
    }
    while (last + 1 < words.size() && fits(first, last + 1)) ++last;
    while (first > 0 && fits(first - 1, last)) --first;
  }
  std::string out;
  if (first > 0) out += kEllipsis;
  out += render(text, words, first, last, first == 0 ? 0 : words[first].start,
                end_of(text, words[last]));
  if (last + 1 < words.size() || raw.size() > kMaxTextBytes) out += kEllipsis;
  return out;
}

std::string Highlighter::mark_all(std::string_view raw, const std::string& lang) const {
  const std::string valid = to_valid_utf8(raw);
  const std::vector<Span> words = spans(valid, {}, lang);
  if (words.empty()) return escape(valid);
  return render(valid, words, 0, words.size() - 1, 0, valid.size());
}

}  // namespace vigil::search
