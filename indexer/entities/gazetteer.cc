#include "entities/gazetteer.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include <charconv>
#include <climits>
#include <cstdlib>
#include <fstream>

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

bool is_word_char(UChar32 c) { return u_isalnum(c) != 0 || u_charType(c) == U_NON_SPACING_MARK; }

}  // namespace

std::string fold(std::string_view word) {
  bool ascii = true;
  for (const char c : word) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return ascii_lower(word);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  text.foldCase();
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (!is_word_char(c)) continue;
    int32_t end = i;
    int32_t resume = -1;       // where to go on after the word, when not at its end
    std::size_t run = 1;       // word characters since the last period
    bool abbreviation = true;  // every run so far is one letter ("U.S.", "D.C.")
    while (end < length) {
      int32_t next = end;
      UChar32 d = 0;
      U8_NEXT(bytes, next, length, d);
      if (is_word_char(d)) {
        ++run;
        abbreviation = abbreviation && run == 1;
        end = next;
        continue;
      }
      int32_t after = next;
      UChar32 e = -1;
      if (after < length) U8_NEXT(bytes, after, length, e);
      const bool letter_after = e >= 0 && is_word_char(e);
      if ((d == '\'' || d == 0x2019) && letter_after) {
        // "'s" at the end of a word is a possessive: the word stops before it.
        UChar32 f = -1;
        int32_t after_s = after;
        if (after_s < length) U8_NEXT(bytes, after_s, length, f);
        if ((e == 's' || e == 'S') && !(f >= 0 && is_word_char(f))) {
          resume = after;
          break;
        }
        end = next;  // O'Brien, d'Ivoire
        abbreviation = false;
        continue;
      }
      if (d == '.' && abbreviation && run == 1) {
        end = next;
        run = 0;
        if (!letter_after) break;
        continue;
      }
      break;
    }
    words.push_back({static_cast<std::size_t>(start), static_cast<std::size_t>(end)});
    i = resume >= 0 ? resume : end;
  }
  return words;
}

std::string name_key(std::string_view name) {
  std::string key;
  for (const Word& word : split_words(name)) {
    if (!key.empty()) key += ' ';
    key += fold(name.substr(word.start, word.end - word.start));
  }
  return key;
}

Gazetteer Gazetteer::load(const std::string& dir) {
  Gazetteer g;
  std::unordered_map<std::string, std::int32_t> index;
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
             if (!index.emplace(place.id, id).second) {
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
               if (key == name_key(place.label)) entry.primary.back() = true;
               entry.exact_case = entry.exact_case || short_capitals(name);
               g.max_tokens_ = std::max(g.max_tokens_, split_words(name).size());
             }
             pending.push_back({std::string(f[3]), std::string(f[4])});
             g.places_.push_back(std::move(place));
           });
  for (std::size_t i = 0; i < g.places_.size(); ++i) {
    const auto lookup = [&](const std::string& id) -> std::int32_t {
      if (id.empty()) return -1;
      const auto it = index.find(id);
      if (it == index.end()) {
        std::string message = places_path;
        message += ": place '" + g.places_[i].id;
        message += "' refers to unknown '" + id + "'";
        throw RuntimeError(message, kRebuildHint);
      }
      return it->second;
    };
    g.places_[i].parent = lookup(pending[i].parent);
    g.places_[i].country = lookup(pending[i].country);
  }
  read_tsv(dir + "/place_aliases.tsv", kRebuildHint,
           [&](const std::vector<std::string_view>& f, const std::string& where) {
             if (f.size() < 3) throw RuntimeError(where + ": expected 3 columns", kRebuildHint);
             if (f[2] != "demonym") return;  // aliases and rejects are in places.tsv already
             const auto it = index.find(std::string(f[1]));
             if (it == index.end()) {
               throw RuntimeError(where + ": unknown place '" + std::string(f[1]) + "'",
                                  kRebuildHint);
             }
             g.names_[name_key(f[0])].demonym_of.push_back(it->second);
           });
  read_tsv(dir + "/place_stopwords.tsv", kRebuildHint,
           [&](const std::vector<std::string_view>& f, const std::string& where) {
             if (f.size() < 2) throw RuntimeError(where + ": expected 2 columns", kRebuildHint);
             NameEntry& entry = g.names_[name_key(f[0])];
             entry.stop = f[1] == "person_name" ? StopReason::kPersonName : StopReason::kCommonWord;
           });
  for (const char* list : {"/usr/share/dict/american-english", "/usr/share/dict/british-english"}) {
    std::ifstream words(list);
    if (!words) {
      throw RuntimeError(std::string("cannot read the word list '") + list + "'",
                         "install Debian's wamerican and wbritish (sh scripts/setup.sh)");
    }
    std::string word;
    while (std::getline(words, word)) {
      if (word.empty() || word.find('\'') != std::string::npos) continue;
      if (word.front() >= 'a' && word.front() <= 'z') {
        g.common_words_.insert(word);
      } else if (word.front() >= 'A' && word.front() <= 'Z') {
        g.proper_words_.insert(ascii_lower(word));
      }
    }
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

const NameEntry* Gazetteer::find(std::string_view key) const {
  const auto it = names_.find(std::string(key));
  return it == names_.end() ? nullptr : &it->second;
}

}  // namespace vigil::entities
