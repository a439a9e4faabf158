#pragma once
// The place gazetteer: places.tsv (generated at build time from GeoNames, iso-codes and CLDR by
// schemas/gazetteer/build_places.py) and the curated schemas/place_aliases.tsv (demonyms) and
// schemas/place_stopwords.tsv (names that are also common words or people's names), loaded once
// and shared read-only (thread-safe after construction).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace vigil::entities {

enum class PlaceKind : std::uint8_t { kCountry, kRegion, kCity };

struct Place {
  std::string id;     // "cn", "cn.13", "g1529660", "x.sd_darfur"
  std::string label;  // "Xinjiang"
  PlaceKind kind = PlaceKind::kCity;
  std::int32_t parent = -1;   // index of the enclosing place, -1 for none
  std::int32_t country = -1;  // index of the country (itself for a country), -1 if unknown
  std::int64_t population = 0;
};

// Why a name needs a location cue before it counts (schemas/place_stopwords.tsv).
enum class StopReason : std::uint8_t { kNone, kCommonWord, kPersonName };

// Candidates of one surface form (its name key).
struct NameEntry {
  std::vector<std::int32_t> places;      // places this name may denote
  std::vector<bool> primary;             // per place: the name is its label (not an alternate name)
  std::vector<std::int32_t> demonym_of;  // countries (or regions) this word is a demonym of
  StopReason stop = StopReason::kNone;
  bool exact_case = false;  // short all-capital forms ("US", "UAE") match only as written
};

class Gazetteer {
 public:
  // Loads `dir`/places.tsv, `dir`/place_aliases.tsv and `dir`/place_stopwords.tsv, and the
  // English word lists /usr/share/dict/american-english and british-english. Throws
  // RuntimeError naming the file and line (with a hint to rebuild) when one is missing or
  // malformed.
  static Gazetteer load(const std::string& dir);

  // The directory holding the gazetteer for this program: $VIGIL_DATA_DIR if set, else the build
  // tree's schemas/ next to the binary (build/indexer/vigil-index -> build/schemas), else the
  // installed share/vigil (bin/vigil-index -> share/vigil). Throws RuntimeError with a hint when
  // none holds places.tsv.
  static std::string default_dir();

  // The entry of a name key (see name_key), or nullptr.
  const NameEntry* find(std::string_view key) const;
  const Place& place(std::int32_t index) const { return places_[static_cast<std::size_t>(index)]; }
  std::size_t size() const { return places_.size(); }
  // Longest name in tokens: longer spans of text are never looked up.
  std::size_t max_tokens() const { return max_tokens_; }
  // Whether a folded word is an ordinary English word (written in lower case in the system's
  // word lists, Debian's wamerican and wbritish): "west", "march", "post", "centre".
  bool common_word(std::string_view folded) const {
    return common_words_.contains(std::string(folded));
  }
  // Whether a folded word is a proper noun of those word lists (names of people, places,
  // brands: "paul", "collins", "smith"), used to spot people's names around a town's name.
  bool proper_word(std::string_view folded) const {
    return proper_words_.contains(std::string(folded));
  }

 private:
  std::vector<Place> places_;
  std::unordered_map<std::string, NameEntry> names_;
  std::size_t max_tokens_ = 1;
  std::unordered_set<std::string> common_words_;
  std::unordered_set<std::string> proper_words_;
};

// The lookup key of a name: its words (see split_words) case-folded and joined by one space;
// "Washington, D.C." -> "washington d.c.", "ÜRÜMQI" -> "ürümqi".
std::string name_key(std::string_view name);

// A word of text: letters and digits, with inner apostrophes and the periods of abbreviations
// ("U.S.", "D.C."); hyphens, commas and other punctuation separate words.
struct Word {
  std::size_t start = 0;  // byte offsets into the text
  std::size_t end = 0;
};
std::vector<Word> split_words(std::string_view text);

// `word` case-folded (full Unicode case folding; ASCII fast path).
std::string fold(std::string_view word);

}  // namespace vigil::entities
