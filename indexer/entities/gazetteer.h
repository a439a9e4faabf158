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

#include "entities/string_map.h"
#include "vigil/names.h"

namespace vigil::entities {

// Hashing for maps keyed by std::string that are searched with std::string_view keys.
struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
};
template <typename Value>
using KeyMap = std::unordered_map<std::string, Value, KeyHash, std::equal_to<>>;
using KeySet = std::unordered_set<std::string, KeyHash, std::equal_to<>>;

// The longest name (in words) starting with each first word: lookups of longer runs, and of
// runs starting with any other word, are skipped.
class FirstWords {
 public:
  // Records a name key (words joined by single spaces).
  void add(std::string_view key);
  void reserve(std::size_t names) { longest_.reserve(names); }
  // The most words of a name starting with `first` (a folded word), 0 when none does.
  std::size_t max_tokens(std::string_view first) const {
    const std::size_t* longest = longest_.find(first);
    return longest == nullptr ? 0 : *longest;
  }

 private:
  StringMap<std::size_t> longest_;
};

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

// Towns smaller than this are not matched by the stems of their Cyrillic names: a declined
// small town's name is as likely an ordinary word.
constexpr std::int64_t kStemPopulation = 100000;

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
  // English word lists /usr/share/dict/american-english, british-english and
  // american-english-huge (its abbreviations). Throws
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
  // The index of the place with this id ("cn.13"), or -1.
  std::int32_t index_of(std::string_view id) const;
  // The names of a place as places.tsv lists them (label, alternates, aliases); views into the
  // gazetteer.
  std::vector<std::string_view> names_of(std::int32_t index) const;
  // The most words of a place name or demonym starting with the folded word `first`; 0 when
  // none starts with it.
  std::size_t max_tokens(std::string_view first) const { return first_words_.max_tokens(first); }
  // The entry of a stem key (inflection.h: stem_key), or nullptr: the names in Cyrillic of
  // countries, regions and cities of kStemPopulation or more, found in any case form.
  const NameEntry* find_stem(std::string_view key) const;
  // max_tokens for stem keys.
  std::size_t max_stem_tokens(std::string_view first) const {
    return stem_first_words_.max_tokens(first);
  }
  // Whether a folded word is the first or the last word of a name: what remains of a word
  // without its clitics or case ending must be one (inflection.h: affix_candidates).
  bool name_word(std::string_view folded) const {
    return max_tokens(folded) > 0 || last_words_.contains(folded);
  }
  // Whether a folded word is an ordinary English word (written in lower case in the system's
  // word lists, Debian's wamerican and wbritish): "west", "march", "post", "centre".
  bool common_word(std::string_view folded) const { return common_words_.contains(folded); }
  // Whether a folded word is written in capitals in Debian's wamerican-huge list: abbreviations
  // that are ordinary words ("gdp", "ceo", "hiv") and some organisations ("usaf", "fbi").
  bool abbreviation(std::string_view folded) const { return abbreviations_.contains(folded); }
  // Whether a folded word is a proper noun of those word lists (names of people, places,
  // brands: "paul", "collins", "smith"), used to spot people's names around a town's name.
  bool proper_word(std::string_view folded) const { return proper_words_.contains(folded); }

 private:
  // Fills stems_, stem_first_words_ and last_words_ from names_ (at the end of load()).
  void index_inflected_forms();

  std::vector<Place> places_;
  std::vector<std::string> place_names_;  // per place: its names joined by '|'
  StringMap<std::int32_t> ids_;
  StringMap<NameEntry> names_;
  FirstWords first_words_;
  StringMap<NameEntry> stems_;
  FirstWords stem_first_words_;
  StringSet last_words_;
  StringSet common_words_;
  StringSet proper_words_;
  StringSet abbreviations_;
};

// Name keys and words (vigil/names.h), shared with the searcher's facet filters.
using vigil::fold;
using vigil::name_key;
using vigil::split_words;
using vigil::Word;

}  // namespace vigil::entities
