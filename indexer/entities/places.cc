#include "entities/places.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "entities/inflection.h"

namespace vigil::entities {
namespace {

// Hierarchy levels followed (guards against a cycle in the data).
constexpr int kMaxDepth = 8;
// Towns smaller than this need support from the article (see resolve()).
constexpr std::int64_t kSmallTown = 100000;

// Words before a name that make it a person ("President Jordan", "Mr Chad").
constexpr std::array<std::string_view, 24> kTitles = {
    "mr",  "mrs",     "ms",     "dr",       "president", "minister", "senator", "judge",
    "gen", "general", "prince", "princess", "queen",     "king",     "lord",    "lady",
    "sir", "saint",   "st",     "pope",     "rev",       "coach",    "captain", "officer"};

// Words before a name that make it a location ("in Reading", "from Nice").
constexpr std::array<std::string_view, 16> kLocationCues = {
    "in",     "at",   "from",       "near", "to",      "across", "outside", "inside",
    "around", "into", "throughout", "via",  "towards", "toward", "within",  "visited"};

constexpr std::array<std::string_view, 19> kMonthsAndDays = {
    "january",   "february",  "march",   "april",    "may",      "june",   "july",
    "august",    "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday",  "friday",  "saturday", "sunday"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Whether the text at `offset` starts with a capital letter or a letter of a script without
// case (Chinese, Arabic ...).
bool starts_capitalised(std::string_view text, std::size_t offset) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  auto i = static_cast<int32_t>(offset);
  UChar32 c = 0;
  U8_NEXT(bytes, i, static_cast<int32_t>(text.size()), c);
  if (c < 0) return false;
  if (u_isupper(c) || u_istitle(c)) return true;
  return !u_islower(c) && u_isalpha(c) && u_tolower(c) == c && u_toupper(c) == c;
}

// has_lower for any script: "Синьцзяне" has lower-case letters, "EADS" and "المنصورة" have none.
bool has_lower_letter(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    if (bytes[i] < 0x80) {  // ASCII without a call into ICU
      if (bytes[i] >= 'a' && bytes[i] <= 'z') return true;
      ++i;
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && u_islower(c)) return true;
  }
  return false;
}

// Whether the letter at `offset` is of a script without case (Arabic, Chinese, Korean ...).
bool caseless(std::string_view text, std::size_t offset) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  auto i = static_cast<int32_t>(offset);
  UChar32 c = 0;
  U8_NEXT(bytes, i, static_cast<int32_t>(text.size()), c);
  return c >= 0x80 && !u_isupper(c) && !u_islower(c) && !u_istitle(c);
}

bool has_lower(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Whether the characters between two words keep them in one name: spaces, and at most one comma
// or hyphen ("Washington, D.C."); not a line break or a sentence end.
bool joins(std::string_view gap) {
  int punctuation = 0;
  // Persian writes a zero-width non-joiner inside names (سین‌کیانگ); keys have a space
  // there.
  constexpr std::string_view kZwnj = "\u200c";
  if (gap == kZwnj) return true;
  for (const char c : gap) {
    if (c == ' ') continue;
    if ((c == ',' || c == '-') && ++punctuation == 1) continue;
    return false;
  }
  return true;
}

struct Span {
  std::size_t first = 0;  // word indices [first, last)
  std::size_t last = 0;
  const NameEntry* entry = nullptr;
  std::string key;
  std::size_t start = 0;  // byte offsets of the name without clitics or endings
  std::size_t end = 0;
};

// How the words of a candidate name are compared with the gazetteer's keys.
enum class Form : std::uint8_t {
  kExact,  // as written (folded)
  kCore,   // without clitics or case endings (inflection.h: affix_candidates)
  kStem,   // Cyrillic words by their stems (inflection.h: cyrillic_stem)
};

// Words of a name written without spaces (Chinese, Japanese) that may make up one name, and
// the longest such name in bytes.
constexpr std::size_t kMaxGlued = 8;
constexpr std::size_t kMaxGluedBytes = 48;

class Finder {
 public:
  Finder(std::string_view text, const Gazetteer& g) : text_(text), g_(g) { split(); }

  std::vector<FoundPlace> run();

 private:
  std::string_view word(const Word& w) const { return text_.substr(w.start, w.end - w.start); }
  std::string_view gap_before(std::size_t i) const {
    return i == 0 ? text_.substr(0, words_[0].start)
                  : text_.substr(words_[i - 1].end, words_[i].start - words_[i - 1].end);
  }
  // Fills words_ and the forms of each word: folded_, cores_, stems_.
  void split();
  void add_forms(std::size_t i);
  // Whether word i follows word i - 1 without a gap (words of a Chinese or Japanese run).
  bool glued(std::size_t i) const { return i > 0 && words_[i].start == words_[i - 1].end; }
  std::optional<Span> longest_at(std::size_t i) const;
  std::optional<Span> longest_with(std::size_t i, Form form) const;
  std::optional<Span> longest_glued(std::size_t i) const;
  // Word i's form for the gazetteer, and the bytes it covers.
  const std::string& form_of(std::size_t i, Form form) const {
    if (form == Form::kCore && !cores_[i].key.empty()) return cores_[i].key;
    if (form == Form::kStem && !stems_[i].empty()) return stems_[i];
    return folded_[i];
  }
  std::size_t start_of(std::size_t i, Form form) const {
    return form == Form::kCore && !cores_[i].key.empty() ? cores_[i].start : words_[i].start;
  }
  std::size_t end_of(std::size_t i, Form form) const {
    return form == Form::kCore && !cores_[i].key.empty() ? cores_[i].end : words_[i].end;
  }
  // Whether word i opens a sentence, a line or a quotation (where any word is capitalised).
  bool sentence_start(std::size_t i) const {
    if (i == 0) return true;
    const std::string_view gap = gap_before(i);
    return gap.find_first_of(".!?:;\n\"(") != std::string_view::npos ||
           gap.find("\u201c") != std::string_view::npos;
  }
  // The line of text holding word i.
  std::string_view line_of(std::size_t i) const {
    const std::size_t begin = text_.rfind('\n', words_[i].start);
    const std::size_t end = text_.find('\n', words_[i].end);
    const std::size_t from = begin == std::string_view::npos ? 0 : begin + 1;
    return text_.substr(from, (end == std::string_view::npos ? text_.size() : end) - from);
  }
  bool weak(const Span& span, const std::vector<Span>& spans, std::size_t index) const;
  // Whether the span is a name in Latin letters that is neither a place's label nor a word of
  // the English word lists ("Suisse", "Italia", "Hongkong"): a name in another language.
  bool foreign_latin(const Span& span) const;
  std::int32_t resolve(const Span& span, const std::set<std::int32_t>& focus,
                       const std::set<std::int32_t>& mentioned) const;
  Mention mention(const Span& span) const {
    return {span.start, span.end, std::string(text_.substr(span.start, span.end - span.start))};
  }

  // A word's form without clitics or endings that the gazetteer knows.
  struct Core {
    std::string key;  // empty when there is none
    std::size_t start = 0;
    std::size_t end = 0;
  };

  std::string_view text_;
  const Gazetteer& g_;
  std::vector<Word> words_;
  std::vector<std::string> folded_;
  std::vector<bool> glued_;         // word i follows word i - 1 without a gap (Chinese, Japanese)
  std::vector<Core> cores_;         // per word once one has a core (any_core_), else empty
  std::vector<std::string> stems_;  // per word once one has a stem (any_stem_), else empty
  bool any_core_ = false;
  bool any_stem_ = false;
};

void Finder::split() {
  words_ = split_words(text_);
  const auto is_cjk_run = [&](const Word& w) {
    const std::string_view text = word(w);
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; }) &&
           has_cjk(text);
  };
  // Chinese and Japanese runs become their dictionary words (most texts have none: their
  // characters are three bytes from 0xe3 on, or four).
  if (std::any_of(text_.begin(), text_.end(),
                  [](char c) { return static_cast<unsigned char>(c) >= 0xe3; }) &&
      std::any_of(words_.begin(), words_.end(), is_cjk_run)) {
    std::vector<Word> words;
    words.reserve(words_.size());
    for (const Word& w : words_) {
      if (!is_cjk_run(w)) {
        words.push_back(w);
        continue;
      }
      std::size_t from = 0;
      for (const std::size_t cut : cjk_cuts(word(w))) {
        words.push_back({w.start + from, w.start + cut});
        from = cut;
      }
    }
    words_ = std::move(words);
  }
  folded_.reserve(words_.size());
  for (std::size_t i = 0; i < words_.size(); ++i) {
    const std::string_view written = word(words_[i]);
    folded_.push_back(fold(written));
    // English words (ASCII, without an apostrophe) have no other forms: nothing more to pay.
    if (std::any_of(written.begin(), written.end(),
                    [](char c) { return static_cast<unsigned char>(c) >= 0x80 || c == '\''; })) {
      add_forms(i);
    }
  }
}

void Finder::add_forms(std::size_t i) {
  const std::string_view written = word(words_[i]);
  const std::string& folded = folded_[i];
  if (has_cyrillic(folded)) {
    std::string stem = cyrillic_stem(folded);
    if (stem != folded) {
      if (stems_.empty()) stems_.resize(words_.size());
      stems_[i] = std::move(stem);
      any_stem_ = true;
    }
    return;
  }
  if (g_.max_tokens(folded) > 0) return;  // known as written
  for (const Affixed& core : affix_candidates(written)) {
    std::string key(core.restore);
    key += fold(written.substr(core.start, core.end - core.start));
    if (g_.name_word(key)) {
      if (cores_.empty()) cores_.resize(words_.size());
      cores_[i] = {std::move(key), words_[i].start + core.start, words_[i].start + core.end};
      any_core_ = true;
      return;
    }
  }
}

std::optional<Span> Finder::longest_at(std::size_t i) const {
  if (glued(i) || (i + 1 < words_.size() && glued(i + 1))) return longest_glued(i);
  if (std::optional<Span> span = longest_with(i, Form::kExact)) return span;
  if (any_core_) {
    if (std::optional<Span> span = longest_with(i, Form::kCore)) return span;
  }
  if (any_stem_) return longest_with(i, Form::kStem);
  return std::nullopt;
}

std::optional<Span> Finder::longest_with(std::size_t i, Form form) const {
  if (!starts_capitalised(text_, start_of(i, form))) return std::nullopt;
  const std::string& first = form_of(i, form);
  const std::size_t known = form == Form::kStem ? g_.max_stem_tokens(first) : g_.max_tokens(first);
  const std::size_t most = std::min(known, words_.size() - i);
  if (most == 0) return std::nullopt;
  std::string key;
  std::vector<std::size_t> lengths;  // key length after each word
  for (std::size_t n = 0; n < most; ++n) {
    if (n > 0) {
      if (!joins(gap_before(i + n))) break;
      key += ' ';
    }
    key += form_of(i + n, form);
    lengths.push_back(key.size());
  }
  for (std::size_t n = lengths.size(); n >= 1; --n) {
    const std::string_view candidate(key.data(), lengths[n - 1]);
    const NameEntry* entry = form == Form::kStem ? g_.find_stem(candidate) : g_.find(candidate);
    if (entry == nullptr || (entry->places.empty() && entry->demonym_of.empty())) continue;
    const std::size_t start = start_of(i, form);
    const std::size_t end = end_of(i + n - 1, form);
    const std::string_view surface = text_.substr(start, end - start);
    if (entry->exact_case && has_lower(surface)) continue;
    // Capitals match capitals: "UN" is not the town of Un.
    if (!entry->exact_case && !has_lower(surface) && surface.size() <= 3) continue;
    return Span{i, i + n, entry, std::string(candidate), start, end};
  }
  return std::nullopt;
}

// Chinese and Japanese: the longest name made of dictionary words from word i on, of two
// characters or more (one character is a word of its own: 中, 京, 日).
std::optional<Span> Finder::longest_glued(std::size_t i) const {
  std::string key;
  std::vector<std::size_t> lengths;
  for (std::size_t n = 0; n < kMaxGlued && i + n < words_.size(); ++n) {
    if (n > 0 && !glued(i + n)) break;
    key += folded_[i + n];
    if (key.size() > kMaxGluedBytes) break;
    lengths.push_back(key.size());
  }
  for (std::size_t n = lengths.size(); n >= 1; --n) {
    const std::string_view candidate(key.data(), lengths[n - 1]);
    if (code_points(candidate) < 2) break;
    const NameEntry* entry = g_.find(candidate);
    if (entry == nullptr || entry->places.empty()) continue;
    return Span{i, i + n, entry, std::string(candidate), words_[i].start, words_[i + n - 1].end};
  }
  return std::nullopt;
}

bool Finder::foreign_latin(const Span& span) const {
  const std::string_view surface = text_.substr(span.start, span.end - span.start);
  if (!has_lower(surface) || g_.common_word(span.key) || g_.proper_word(span.key)) return false;
  if (std::any_of(span.entry->primary.begin(), span.entry->primary.end(),
                  [](bool primary) { return primary; })) {
    return false;  // a place's own label ("Suisse" is no place's label; "Jordan" is one)
  }
  const auto* bytes = reinterpret_cast<const uint8_t*>(surface.data());
  const auto length = static_cast<int32_t>(surface.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || c >= 0x250) return false;
  }
  return true;
}

bool Finder::weak(const Span& span, const std::vector<Span>& spans, std::size_t index) const {
  const std::string_view before = span.first > 0 ? std::string_view(folded_[span.first - 1]) : "";
  if (span.first > 0 && one_of(kTitles, before) && joins(gap_before(span.first))) return true;
  bool has_country = false;
  for (const std::int32_t p : span.entry->places) {
    has_country = has_country || g_.place(p).kind == PlaceKind::kCountry;
  }
  const bool single = span.last - span.first == 1;
  const bool person = span.entry->stop == StopReason::kPersonName;
  // Directly followed by another capitalised word that is not a place: part of a longer name.
  // "Jordan Henderson" (a person-like name and any word), "Washington Post" (an ordinary word);
  // not "Aksu Huafu textile plant", where the next word is a name of its own.
  if (single && span.last < words_.size() && gap_before(span.last) == " " &&
      starts_capitalised(text_, words_[span.last].start) && span.entry->demonym_of.empty()) {
    if (person) return true;  // "Jordan Henderson": Henderson is no town either (see run())
    const bool next_is_place = index + 1 < spans.size() && spans[index + 1].first == span.last;
    if (!next_is_place && !has_country && g_.common_word(folded_[span.last])) return true;
    // A small place named like a person, before a word that is no place: a first name and a
    // surname ("Paul Haarhuis", "Andreas Seelig"; Paul in Cape Verde, Andreas on the Isle of
    // Man). Names the word lists do not know ("Aksu Huafu") are not people's names.
    if (!next_is_place && !has_country && g_.proper_word(span.key) &&
        !g_.common_word(folded_[span.last]) &&
        std::all_of(span.entry->places.begin(), span.entry->places.end(),
                    [&](std::int32_t p) { return g_.place(p).population < kSmallTown; })) {
      return true;
    }
  }
  // A currency: "US$ 40 billion", "HK$", "NZ$".
  if (words_[span.last - 1].end < text_.size() && text_[words_[span.last - 1].end] == '$') {
    return true;
  }
  // Month and weekday names are dates ("In March"), whatever town shares them.
  if (single && one_of(kMonthsAndDays, span.key)) return true;
  // A town's name next to a person's name ("Paul Collins", "Michael Jordan", "Luis Silva"):
  // the neighbour is a proper noun of the word lists and not a place itself. After a
  // capitalised word no list knows, inside a sentence, it is a surname too ("Minister Cahit
  // Aral").
  if (single && !has_country && span.entry->demonym_of.empty()) {
    if (span.first > 0 && gap_before(span.first) == " " &&
        starts_capitalised(text_, words_[span.first - 1].start) &&
        g_.proper_word(folded_[span.first - 1])) {
      return true;
    }
    if (span.first > 1 && gap_before(span.first) == " " &&
        starts_capitalised(text_, words_[span.first - 1].start) &&
        has_lower(word(words_[span.first - 1])) && !sentence_start(span.first - 1) &&
        !g_.common_word(folded_[span.first - 1]) && g_.find(folded_[span.first - 1]) == nullptr &&
        !(index > 0 && spans[index - 1].last == span.first)) {
      return true;
    }
    if (span.last < words_.size() && gap_before(span.last) == " " &&
        starts_capitalised(text_, words_[span.last].start) && g_.proper_word(folded_[span.last])) {
      return true;
    }
  }
  // A demonym is a people's name, not the town that shares it ("English", Indiana): run()
  // takes it as a demonym.
  if (!span.entry->demonym_of.empty() && !has_country) return false;
  // Location cues: a preposition before, "-based" after, ", Place" after, or a dateline (a name
  // in capitals opening a line: "BONN, Aug 30 -").
  const std::string_view line_before = gap_before(span.first);
  const bool dateline =
      (span.first == 0 || line_before.find('\n') != std::string_view::npos) &&
      !has_lower(text_.substr(words_[span.first].start,
                              words_[span.last - 1].end - words_[span.first].start));
  const bool cue = dateline || (span.first > 0 && one_of(kLocationCues, before)) ||
                   (span.last < words_.size() && gap_before(span.last) == "-" &&
                    folded_[span.last] == "based") ||
                   (index + 1 < spans.size() && spans[index + 1].first == span.last &&
                    gap_before(span.last).find(',') != std::string_view::npos);
  if (cue) return false;
  // A country's name in another language written in Latin letters, next to a capitalised word
  // that is no place: part of an organisation's name in English text ("Credit Suisse", "Banca
  // d'Italia", "Banque de Belgique"); in a sentence of that language, a name after a cue, among
  // lower-case words or with a case ending (Turkish "Çin'de Uygurlara") stands.
  if (single && has_country && span.end == words_[span.first].end && foreign_latin(span)) {
    const bool joined_before = span.first > 0 && gap_before(span.first) == " " &&
                               starts_capitalised(text_, words_[span.first - 1].start) &&
                               !sentence_start(span.first - 1) &&
                               !(index > 0 && spans[index - 1].last == span.first);
    const bool joined_after = span.last < words_.size() && gap_before(span.last) == " " &&
                              starts_capitalised(text_, words_[span.last].start) &&
                              !(index + 1 < spans.size() && spans[index + 1].first == span.last);
    if (joined_before || joined_after) return true;
  }
  // A word in capitals inside ordinary text is an acronym ("EADS", "ISA"), not the town that
  // shares its letters; countries and regions written so ("UK", "US") are names of their own.
  if (single && !has_country && !span.entry->exact_case &&
      !has_lower_letter(word(words_[span.first])) && has_lower(line_of(span.first))) {
    return true;
  }
  // Countries stand, capitalised, even when their name is a word ("Turkey", "Chad"); in a
  // script without capitals, a stop-listed name is a word (Arabic مالي "financial", not Mali).
  if (has_country &&
      !(span.entry->stop == StopReason::kCommonWord && caseless(text_, span.start))) {
    return false;
  }
  // Other places whose name is an ordinary word ("West", "March", "Centre") or stop-listed.
  return span.entry->stop != StopReason::kNone || (single && g_.common_word(span.key));
}

std::int32_t Finder::resolve(const Span& span, const std::set<std::int32_t>& focus,
                             const std::set<std::int32_t>& mentioned) const {
  const auto& places = span.entry->places;
  for (const std::int32_t p : places) {
    if (g_.place(p).kind == PlaceKind::kCountry) return p;  // the country layer first
  }
  std::int32_t best = -1;
  double best_score = -1e9;
  bool all_common = true;  // every word of the name is an ordinary word ("The Bank")
  for (std::size_t i = span.first; i < span.last; ++i) {
    all_common = all_common && g_.common_word(folded_[i]);
  }
  for (std::size_t i = 0; i < places.size(); ++i) {
    const std::int32_t p = places[i];
    const Place& place = g_.place(p);
    const bool primary = i < span.entry->primary.size() && span.entry->primary[i];
    if (!primary && all_common) continue;
    // A small town outside the countries the text names is more likely a person ("Paul",
    // "David", "Douglas") or a coincidence than the story's place.
    if (place.kind == PlaceKind::kCity && place.population < kSmallTown &&
        !(place.country >= 0 && focus.contains(place.country)) &&
        !(place.parent >= 0 && mentioned.contains(place.parent))) {
      continue;
    }
    double score =
        std::log10(static_cast<double>(std::max<std::int64_t>(place.population, 0)) + 10.0);
    if (place.country >= 0 && focus.contains(place.country)) score += 2;
    if (place.parent >= 0 && mentioned.contains(place.parent)) score += 2;
    if (place.kind == PlaceKind::kRegion) score += 0.5;  // regions are rarer names than towns
    if (score > best_score) {
      best_score = score;
      best = p;
    }
  }
  return best;
}

std::vector<FoundPlace> Finder::run() {
  std::vector<Span> spans;
  for (std::size_t i = 0; i < words_.size();) {
    std::optional<Span> span = longest_at(i);
    if (!span) {
      ++i;
      continue;
    }
    i = span->last;
    spans.push_back(std::move(*span));
  }
  std::vector<Span> kept;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (!weak(spans[i], spans, i)) {
      kept.push_back(spans[i]);
      continue;
    }
    // A person's first name refused: the surname after it is no town ("Jordan Henderson").
    const bool person = spans[i].entry->stop == StopReason::kPersonName;
    if (person && i + 1 < spans.size() && spans[i + 1].first == spans[i].last &&
        spans[i + 1].last - spans[i + 1].first == 1 &&
        std::none_of(spans[i + 1].entry->places.begin(), spans[i + 1].entry->places.end(),
                     [&](std::int32_t p) { return g_.place(p).kind == PlaceKind::kCountry; })) {
      ++i;
    }
  }
  // The focus: countries named outright, and the countries of names with one candidate.
  std::set<std::int32_t> focus;
  std::set<std::int32_t> mentioned;
  for (const Span& span : kept) {
    for (const std::int32_t p : span.entry->places) {
      if (g_.place(p).kind == PlaceKind::kCountry) focus.insert(p);
    }
    // A name with one candidate makes its country the focus, unless it is a small town (which
    // may be a coincidence: the focus must not vouch for the town that made it).
    if (span.entry->places.size() == 1) {
      const Place& only = g_.place(span.entry->places.front());
      mentioned.insert(span.entry->places.front());
      if (only.country >= 0 && (only.kind != PlaceKind::kCity || only.population >= kSmallTown)) {
        focus.insert(only.country);
      }
    }
  }
  // One sense per name: each key resolved once.
  std::unordered_map<std::string, std::int32_t> sense;
  std::map<std::int32_t, std::size_t> order;  // place -> index in `found`
  std::vector<FoundPlace> found;
  std::unordered_map<std::int32_t, std::vector<Mention>> demonyms;
  for (const Span& span : kept) {
    const bool has_country =
        std::any_of(span.entry->places.begin(), span.entry->places.end(),
                    [&](std::int32_t p) { return g_.place(p).kind == PlaceKind::kCountry; });
    if (span.entry->places.empty() || (!span.entry->demonym_of.empty() && !has_country)) {
      for (const std::int32_t country : span.entry->demonym_of) {
        Mention m = mention(span);
        m.demonym = true;
        demonyms[country].push_back(std::move(m));
      }
      continue;
    }
    auto [it, inserted] = sense.try_emplace(span.key, -1);
    if (inserted) it->second = resolve(span, focus, mentioned);
    if (it->second < 0) continue;
    auto [slot, is_new] = order.try_emplace(it->second, found.size());
    if (is_new) found.push_back({it->second, {}});
    found[slot->second].mentions.push_back(mention(span));
  }
  for (auto& [country, mentions] : demonyms) {
    const auto slot = order.find(country);
    if (slot != order.end()) {
      for (Mention& m : mentions) found[slot->second].mentions.push_back(std::move(m));
    } else if (mentions.size() >= 2) {  // one "Chinese" alone is weak evidence
      order.emplace(country, found.size());
      found.push_back({country, std::move(mentions)});
    }
  }
  for (FoundPlace& place : found) {
    std::sort(place.mentions.begin(), place.mentions.end(),
              [](const Mention& a, const Mention& b) { return a.start < b.start; });
  }
  std::sort(found.begin(), found.end(), [](const FoundPlace& a, const FoundPlace& b) {
    return a.mentions.front().start < b.mentions.front().start;
  });
  return found;
}

}  // namespace

std::vector<FoundPlace> find_places(std::string_view text, const Gazetteer& gazetteer) {
  if (text.empty()) return {};
  return Finder(text, gazetteer).run();
}

std::vector<std::int32_t> with_ancestors(const Gazetteer& gazetteer, std::int32_t place) {
  std::vector<std::int32_t> chain;
  for (int depth = 0; place >= 0 && depth < kMaxDepth; ++depth) {
    chain.push_back(place);
    place = gazetteer.place(place).parent;
  }
  return chain;
}

}  // namespace vigil::entities
