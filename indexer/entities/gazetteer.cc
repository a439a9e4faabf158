#include "entities/gazetteer.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdlib>
#include <fstream>

#include "entities/inflection.h"
#include "entities/tsv.h"
#include "vigil/errors.h"
#include "vigil/text.h"

namespace vigil::entities {
namespace {

constexpr const char* kRebuildHint =
    "rebuild (sh scripts/build.sh), which generates the gazetteer, or set VIGIL_DATA_DIR to the "
    "folder holding places.tsv";

// Whether `name` is a short all-capital form ("US", "U.S.", "UAE") that must match as written.
bool short_capitals(std::string_view name) {
  std::size_t letters = 0;
  for (const char c : name) {
    if (c == '.') continue;
    if (c < 'A' || c > 'Z') return false;
    ++letters;
  }
  return letters >= 1 && letters <= 3;
}

std::string directory_of_executable() {
  char path[PATH_MAX];
  const ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
  if (length <= 0) return {};
  const std::string exe(path, static_cast<std::size_t>(length));
  return exe.substr(0, exe.rfind('/'));
}

bool has_places(const std::string& dir) { return std::ifstream(dir + "/places.tsv").good(); }

// The last word of a key of several words, or "".
std::string_view last_word(std::string_view key) {
  const std::size_t space = key.rfind(' ');
  return space == std::string_view::npos ? std::string_view() : key.substr(space + 1);
}

}  // namespace

std::int32_t Gazetteer::index_of(std::string_view id) const {
  const std::int32_t* index = ids_.find(id);
  return index == nullptr ? -1 : *index;
}

std::vector<std::string_view> Gazetteer::names_of(std::int32_t index) const {
  std::vector<std::string_view> names;
  const std::string_view all = place_names_[static_cast<std::size_t>(index)];
  for (std::size_t pos = 0; pos <= all.size();) {
    const std::size_t bar = std::min(all.find('|', pos), all.size());
    if (bar > pos) names.push_back(all.substr(pos, bar - pos));
    pos = bar + 1;
  }
  return names;
}

void FirstWords::add(std::string_view key) {
  // One pass over the key (loading the gazetteer adds some 300,000 keys).
  std::size_t first_length = key.size();
  std::size_t words = 1;
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (key[i] != ' ') continue;
    if (words == 1) first_length = i;
    ++words;
  }
  const std::string_view first = key.substr(0, first_length);
  std::size_t& longest = longest_[first];
  longest = std::max(longest, words);
}

Gazetteer Gazetteer::load(const std::string& dir) {
  Gazetteer g;
  // Sized for the generated gazetteer (about 47,000 places and 300,000 names), so that loading
  // does not rehash.
  g.names_.reserve(400000);
  g.first_words_.reserve(300000);
  g.places_.reserve(50000);
  g.place_names_.reserve(50000);
  StringMap<std::int32_t> index;
  index.reserve(50000);
  struct Pending {
    std::string parent;
    std::string country;
  };
  std::vector<Pending> pending;
  const std::string places_path = dir + "/places.tsv";
  read_tsv(places_path, kRebuildHint,
           [&](const std::vector<std::string_view>& f, const std::string& where) {
             if (f.size() != 7) throw RuntimeError(where + ": expected 7 columns", kRebuildHint);
             Place place;
             place.id = f[0];
             place.label = f[2];
             if (f[1] == "country") {
               place.kind = PlaceKind::kCountry;
             } else if (f[1] == "region") {
               place.kind = PlaceKind::kRegion;
             } else if (f[1] == "city") {
               place.kind = PlaceKind::kCity;
             } else {
               throw RuntimeError(where + ": unknown kind '" + std::string(f[1]) + "'",
                                  kRebuildHint);
             }
             if (!f[5].empty()) {
               std::from_chars(f[5].data(), f[5].data() + f[5].size(), place.population);
             }
             const auto id = static_cast<std::int32_t>(g.places_.size());
             const std::string label_key = name_key(place.label);  // once per place, not per name
             if (const auto [at, added] = index.try_emplace(place.id); added) {
               *at = id;
             } else {
               throw RuntimeError(where + ": duplicate id '" + place.id + "'", kRebuildHint);
             }
             for (std::size_t pos = 0; pos <= f[6].size();) {
               const std::size_t bar = std::min(f[6].find('|', pos), f[6].size());
               const std::string_view name = f[6].substr(pos, bar - pos);
               pos = bar + 1;
               const std::string key = name_key(name);
               if (key.empty()) continue;
               NameEntry& entry = g.names_[key];
               if (entry.places.empty() || entry.places.back() != id) {
                 entry.places.push_back(id);
                 entry.primary.push_back(false);
               }
               if (key == label_key) entry.primary.back() = true;
               entry.exact_case = entry.exact_case || short_capitals(name);
               g.first_words_.add(key);
             }
             pending.push_back({std::string(f[3]), std::string(f[4])});
             g.places_.push_back(std::move(place));
             g.place_names_.emplace_back(f[6]);
           });
  for (std::size_t i = 0; i < g.places_.size(); ++i) {
    const auto lookup = [&](const std::string& id) -> std::int32_t {
      if (id.empty()) return -1;
      const std::int32_t* found = index.find(id);
      if (found == nullptr) {
        std::string message = places_path;
        message += ": place '" + g.places_[i].id;
        message += "' refers to unknown '" + id + "'";
        throw RuntimeError(message, kRebuildHint);
      }
      return *found;
    };
    g.places_[i].parent = lookup(pending[i].parent);
    g.places_[i].country = lookup(pending[i].country);
  }
  g.ids_ = std::move(index);
  read_tsv(dir + "/place_aliases.tsv", kRebuildHint,
           [&](const std::vector<std::string_view>& f, const std::string& where) {
             if (f.size() < 3) throw RuntimeError(where + ": expected 3 columns", kRebuildHint);
             if (f[2] != "demonym") return;  // aliases and rejects are in places.tsv already
             const std::int32_t* place = g.ids_.find(f[1]);
             if (place == nullptr) {
               throw RuntimeError(where + ": unknown place '" + std::string(f[1]) + "'",
                                  kRebuildHint);
             }
             const std::string key = name_key(f[0]);
             g.names_[key].demonym_of.push_back(*place);
             g.first_words_.add(key);
           });
  read_tsv(dir + "/place_stopwords.tsv", kRebuildHint,
           [&](const std::vector<std::string_view>& f, const std::string& where) {
             if (f.size() < 2) throw RuntimeError(where + ": expected 2 columns", kRebuildHint);
             NameEntry& entry = g.names_[name_key(f[0])];
             entry.stop = f[1] == "person_name" ? StopReason::kPersonName : StopReason::kCommonWord;
           });
  g.index_inflected_forms();
  // Abbreviations in capitals that are ordinary words ("GDP", "CEO", "HIV", "IPO"), from the
  // largest English list, for organisation recognition (OrganisationList: unknown acronyms).
  {
    const char* list = "/usr/share/dict/american-english-huge";
    const std::optional<std::string> words = read_whole_file(list);
    if (!words) {
      throw RuntimeError(std::string("cannot read the word list '") + list + "'",
                         "install Debian's wamerican-huge (sh scripts/setup.sh)");
    }
    for_each_line(*words, [&](std::string_view word) {
      if (word.size() >= 2 &&
          std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        g.abbreviations_.insert(ascii_lower(word));
      }
    });
  }
  for (const char* list : {"/usr/share/dict/american-english", "/usr/share/dict/british-english"}) {
    const std::optional<std::string> words = read_whole_file(list);
    if (!words) {
      throw RuntimeError(std::string("cannot read the word list '") + list + "'",
                         "install Debian's wamerican and wbritish (sh scripts/setup.sh)");
    }
    for_each_line(*words, [&](std::string_view word) {
      if (word.empty() || word.find('\'') != std::string_view::npos) return;
      if (word.front() >= 'a' && word.front() <= 'z') {
        g.common_words_.insert(word);
      } else if (word.front() >= 'A' && word.front() <= 'Z') {
        g.proper_words_.insert(ascii_lower(word));
      }
    });
  }
  return g;
}

std::string Gazetteer::default_dir() {
  if (const char* env = std::getenv("VIGIL_DATA_DIR"); env != nullptr && *env != '\0') {
    if (!has_places(env)) {
      throw RuntimeError(std::string("VIGIL_DATA_DIR='") + env + "' holds no places.tsv",
                         kRebuildHint);
    }
    return env;
  }
  const std::string exe_dir = directory_of_executable();
  for (const std::string& candidate : {exe_dir + "/../schemas", exe_dir + "/../share/vigil"}) {
    if (has_places(candidate)) return candidate;
  }
  throw RuntimeError("the place gazetteer (places.tsv) was not found next to the program",
                     kRebuildHint);
}

void Gazetteer::index_inflected_forms() {
  names_.for_each([&](std::string_view key, const NameEntry& entry) {
    if (const std::string_view last = last_word(key); !last.empty()) last_words_.insert(last);
    if (!has_cyrillic(key)) return;
    const std::string stem = stem_key(key);
    NameEntry* stemmed = nullptr;
    for (std::size_t i = 0; i < entry.places.size(); ++i) {
      const Place& place = places_[static_cast<std::size_t>(entry.places[i])];
      if (place.kind == PlaceKind::kCity && place.population < kStemPopulation) continue;
      if (stemmed == nullptr) stemmed = &stems_[stem];
      if (std::find(stemmed->places.begin(), stemmed->places.end(), entry.places[i]) !=
          stemmed->places.end()) {
        continue;
      }
      stemmed->places.push_back(entry.places[i]);
      stemmed->primary.push_back(entry.primary[i]);
    }
    if (stemmed == nullptr) return;
    if (entry.stop != StopReason::kNone) stemmed->stop = entry.stop;
    stem_first_words_.add(stem);
  });
}

const NameEntry* Gazetteer::find_stem(std::string_view key) const { return stems_.find(key); }

const NameEntry* Gazetteer::find(std::string_view key) const { return names_.find(key); }

}  // namespace vigil::entities
