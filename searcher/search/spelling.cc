#include "search/spelling.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "query/stems.h"
#include "query/variants.h"
#include "vigil/analysis.h"
#include "vigil/names.h"

namespace vigil::search {
namespace {

constexpr std::size_t kMinLength = 3;                 // shorter words are not corrected
constexpr std::size_t kLongWord = 6;                  // from this length, two edits are allowed
constexpr Xapian::termcount kMaxCandidates = 200000;  // vocabulary scanned per word at most
constexpr std::size_t kMaxCorrections = 5;            // unknown words looked at per query at most

bool is_operator(std::string_view word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR";
}

// Byte ranges of `text` that are field names or field values (title:x, place:"East Turkestan").
std::vector<std::pair<std::size_t, std::size_t>> field_ranges(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (std::size_t colon = text.find(':'); colon != std::string_view::npos;
       colon = text.find(':', colon + 1)) {
    std::size_t start = colon;
    while (start > 0 && (std::isalnum(static_cast<unsigned char>(text[start - 1])) != 0 ||
                         text[start - 1] == '_')) {
      --start;
    }
    std::size_t end = colon + 1;
    if (end < text.size() && text[end] == '"') {
      end = text.find('"', end + 1);
      end = end == std::string_view::npos ? text.size() : end + 1;
    } else {
      while (end < text.size() && text[end] != ' ' && text[end] != ')') ++end;
    }
    ranges.emplace_back(start, end);
  }
  return ranges;
}

// Whether the index has the word in any form the search would match.
// (the stems of every language of the index, as query::Stems searches them, and the variants).
bool indexed(const Xapian::Database& db, const std::string& word, const query::Stems& stems) {
  if (db.term_exists(word)) return true;
  const Xapian::Query variants =
      stems.expand(query::Variants::builtin().expand(Xapian::Query("Z" + word)));
  for (auto it = variants.get_unique_terms_begin(); it != variants.get_unique_terms_end(); ++it) {
    if (db.term_exists(*it)) return true;
  }
  return false;
}

std::string best_candidate(const Xapian::Database& db, const std::string& word) {
  const std::size_t limit = word.size() >= kLongWord ? 2 : 1;
  std::string best;
  std::size_t best_distance = limit + 1;
  Xapian::doccount best_frequency = 0;
  const std::string head = word.substr(0, 1);
  Xapian::termcount scanned = 0;
  for (auto it = db.allterms_begin(head); it != db.allterms_end(head); ++it) {
    if (++scanned > kMaxCandidates) break;
    const std::string term = *it;
    if (term.size() + limit < word.size() || term.size() > word.size() + limit) continue;
    const std::size_t distance = edit_distance(word, term, limit);
    if (distance > limit) continue;
    const Xapian::doccount frequency = it.get_termfreq();
    if (distance < best_distance || (distance == best_distance && frequency > best_frequency)) {
      best = term;
      best_distance = distance;
      best_frequency = frequency;
    }
  }
  return best;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  // Three rows of the optimal string alignment table.
  std::vector<std::size_t> before(m + 1);
  std::vector<std::size_t> previous(m + 1);
  std::vector<std::size_t> current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    std::size_t row_min = current[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], limit + 1);
}

std::string suggest(const Xapian::Database& db, std::string_view query_text,
                    const std::string& lang_prefix) {
  const query::Stems stems(query::Stems::languages_of(db, lang_prefix), {""});
  const auto fields = field_ranges(query_text);
  std::string out;
  std::size_t copied = 0;
  bool changed = false;
  std::size_t looked_up = 0;
  for (const Word& word : split_words(query_text)) {
    if (looked_up == kMaxCorrections) break;
    const std::string_view written = query_text.substr(word.start, word.end - word.start);
    const bool in_field = std::any_of(fields.begin(), fields.end(), [&](const auto& range) {
      return word.start >= range.first && word.start < range.second;
    });
    const bool wildcard = word.end < query_text.size() && query_text[word.end] == '*';
    const bool digits =
        std::any_of(written.begin(), written.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (in_field || wildcard || digits || is_operator(written) || written.size() < kMinLength) {
      continue;
    }
    const std::string normalised = analysis::normalise(written);
    // Not one word to the index (l'homme, CJK n-grams): nothing to suggest.
    if (normalised.find(' ') != std::string::npos || analysis::has_cjk(normalised)) continue;
    const std::string folded = fold(normalised);
    if (indexed(db, folded, stems)) continue;
    ++looked_up;
    const std::string candidate = best_candidate(db, folded);
    if (candidate.empty()) continue;
    out.append(query_text.substr(copied, word.start - copied));
    out += candidate;
    copied = word.end;
    changed = true;
  }
  if (!changed) return "";
  out.append(query_text.substr(copied));
  return out;
}

}  // namespace vigil::search
