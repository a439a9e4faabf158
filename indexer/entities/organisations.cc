#include "entities/organisations.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "entities/tsv.h"
#include "vigil/errors.h"
#include "vigil/text.h"

namespace vigil::entities {
namespace {

constexpr const char* kHint = "check the file, or rebuild (sh scripts/build.sh)";

// Lower-case words allowed inside an organisation name built on a head noun.
constexpr std::array<std::string_view, 8> kJoiners = {"of",  "for", "and", "on",
                                                      "the", "&",   "de",  "in"};
// Nouns after a company's name that say it is one of its sites: "the Huafu textile plant".
constexpr std::array<std::string_view, 10> kFacilities = {
    "plant", "plants", "factory",  "factories",  "mill",
    "mills", "mine",   "workshop", "plantation", "refinery"};

// Words before a name that are not part of it, capitalised at a sentence start.
constexpr std::array<std::string_view, 12> kDeterminers = {
    "the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "one", "another"};

// Words that open a sentence, capitalised there, and never start an organisation's name: "When
// the Air Force ...", "After Parliament ...".
constexpr std::array<std::string_view, 24> kSentenceOpeners = {
    "when", "after", "before", "while", "if",      "as",       "but",    "and",
    "or",   "so",    "then",   "since", "because", "although", "though", "during",
    "in",   "on",    "at",     "by",    "from",    "with",     "under",  "until"};

// Head nouns that start a name: "Ministry of Foreign Affairs", "Department of State".
constexpr std::array<std::string_view, 5> kLeadingHeads = {"ministry", "department", "office",
                                                           "bureau", "embassy"};

std::vector<std::string_view> split_bars(std::string_view list) {
  std::vector<std::string_view> items;
  for (std::size_t pos = 0; pos <= list.size();) {
    const std::size_t bar = std::min(list.find('|', pos), list.size());
    if (bar > pos) items.push_back(list.substr(pos, bar - pos));
    pos = bar + 1;
  }
  return items;
}

bool is_acronym(std::string_view name) {
  std::size_t capitals = 0;
  for (const char c : name) {
    if (c >= 'A' && c <= 'Z') {
      ++capitals;
    } else if (c != '.' && c != '&' && c != '-' && !(c >= '0' && c <= '9')) {
      return false;
    }
  }
  return capitals >= 2;
}

bool capitalised(std::string_view word) {
  if (word.empty()) return false;
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(bytes, i, static_cast<int32_t>(word.size()), c);
  return c >= 0 && (u_isupper(c) || u_istitle(c) || u_isdigit(c));
}

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

}  // namespace

OrganisationList OrganisationList::load(const std::string& dir) {
  OrganisationList list;
  const std::string path = dir + "/organisations.tsv";
  read_tsv(path, kHint, [&](const std::vector<std::string_view>& f, const std::string& where) {
    if (f.size() < 4) throw RuntimeError(where + ": expected at least 4 columns", kHint);
    const auto index = static_cast<std::int32_t>(list.orgs_.size());
    list.orgs_.push_back({std::string(f[0]), std::string(f[1]), std::string(f[2]),
                          f.size() > 5 ? std::string(f[5]) : std::string()});
    std::vector<std::string_view> ambiguous;
    if (f.size() > 4) ambiguous = split_bars(f[4]);
    std::vector<std::string_view> names = split_bars(f[3]);
    names.insert(names.begin(), f[1]);
    list.ids_.emplace(std::string(f[0]), index);
    list.org_names_.emplace_back(names.begin(), names.end());
    for (const std::string_view name : names) {
      const std::string key = org_key(name);
      if (key.empty()) continue;
      std::vector<Entry>& entries = list.names_[key];
      if (std::any_of(entries.begin(), entries.end(),
                      [&](const Entry& e) { return e.org == index; })) {
        continue;
      }
      entries.push_back({index,
                         std::find(ambiguous.begin(), ambiguous.end(), name) != ambiguous.end(),
                         is_acronym(name)});
      list.first_words_.add(key);
    }
  });
  const std::string heads_path = dir + "/org_head_nouns.txt";
  read_tsv(heads_path, kHint, [&](const std::vector<std::string_view>& f, const std::string&) {
    const std::string key = org_key(f.front());
    if (!key.empty()) list.heads_.insert(key);
  });
  return list;
}

std::int32_t OrganisationList::index_of(std::string_view id) const {
  const auto it = ids_.find(id);
  return it == ids_.end() ? -1 : it->second;
}

const std::vector<OrganisationList::Entry>* OrganisationList::find(std::string_view key) const {
  const auto it = names_.find(key);
  return it == names_.end() ? nullptr : &it->second;
}

namespace {

class OrgFinder {
 public:
  OrgFinder(std::string_view text, const OrganisationList& list, const Gazetteer& gazetteer)
      : text_(text), list_(list), gazetteer_(gazetteer), words_(split_words(text)) {
    for (const Word& w : words_) {
      folded_.push_back(org_fold(word(w)));
    }
  }

  std::vector<FoundOrganisation> run();

 private:
  std::string_view word(const Word& w) const { return text_.substr(w.start, w.end - w.start); }
  std::string_view word(std::size_t i) const { return word(words_[i]); }
  std::string_view gap_before(std::size_t i) const {
    return text_.substr(words_[i - 1].end, words_[i].start - words_[i - 1].end);
  }
  bool joined(std::size_t i) const {  // words i-1 and i are in one phrase
    const std::string_view gap = gap_before(i);
    return gap == " " || gap == "-";
  }
  Mention mention(std::size_t first, std::size_t last) const {
    const std::size_t start = words_[first].start;
    const std::size_t end = words_[last - 1].end;
    return {start, end, std::string(text_.substr(start, end - start))};
  }
  std::string key(std::size_t first, std::size_t last) const {
    std::string k;
    for (std::size_t i = first; i < last; ++i) {
      if (i > first) k += ' ';
      k += folded_[i];
    }
    return k;
  }
  void add(const std::string& id_key, const Organisation& org, Mention m) {
    auto [it, inserted] = index_.try_emplace(id_key, found_.size());
    if (inserted) found_.push_back({org, {}});
    found_[it->second].mentions.push_back(std::move(m));
  }
  // Length of the known name starting at word i (0 if none), and its entries.
  std::size_t known_at(std::size_t i, const std::vector<OrganisationList::Entry>*& entries) const;
  std::size_t head_noun_name_at(std::size_t i) const;
  std::pair<std::size_t, std::size_t> facility_name_at(std::size_t i) const;
  bool place_or_heading(std::size_t first, std::size_t last) const;
  bool unknown_acronym(std::size_t i) const;
  std::optional<std::string> acronym_after(std::size_t last) const;

  std::string_view text_;
  const OrganisationList& list_;
  const Gazetteer& gazetteer_;
  std::vector<Word> words_;
  std::vector<std::string> folded_;
  std::vector<FoundOrganisation> found_;
  std::map<std::string, std::size_t> index_;  // id -> position in found_
};

std::size_t OrgFinder::known_at(std::size_t i,
                                const std::vector<OrganisationList::Entry>*& entries) const {
  if (!capitalised(word(i))) return 0;
  const std::size_t most = std::min(list_.max_tokens(folded_[i]), words_.size() - i);
  for (std::size_t n = most; n >= 1; --n) {
    bool together = true;
    for (std::size_t j = i + 1; j < i + n && together; ++j) {
      const std::string_view gap = gap_before(j);
      together = gap.find_first_not_of(" ,-") == std::string_view::npos;
    }
    if (!together) continue;
    const std::vector<OrganisationList::Entry>* found = list_.find(key(i, i + n));
    if (found == nullptr) continue;
    const std::string_view surface =
        text_.substr(words_[i].start, words_[i + n - 1].end - words_[i].start);
    const bool lower =
        std::any_of(surface.begin(), surface.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    const bool all_acronyms =
        std::all_of(found->begin(), found->end(), [](const auto& e) { return e.exact_case; });
    if (all_acronyms && lower) continue;
    entries = found;
    return n;
  }
  return 0;
}

// A name built on a head noun starting at word i: capitalised words (and joiners inside) with a
// head noun last ("Global Policy Council") or first ("Ministry of Foreign Affairs"). 0 if none.
std::size_t OrgFinder::head_noun_name_at(std::size_t i) const {
  if (!capitalised(word(i)) || one_of(kDeterminers, folded_[i]) ||
      one_of(kSentenceOpeners, folded_[i])) {
    return 0;
  }
  std::size_t end = i + 1;
  std::size_t last_capital = i;
  while (end < words_.size() && joined(end)) {
    if (capitalised(word(end))) {
      last_capital = end;
    } else if (!one_of(kJoiners, folded_[end])) {
      break;
    }
    // Two names joined: "Johnson Controls Inc and Lear Corp" ends at "Inc".
    if ((folded_[end] == "and" || folded_[end] == "&") && list_.head_noun(folded_[end - 1])) {
      break;
    }
    ++end;
  }
  // The longest prefix ending on a head noun, of at least two words.
  for (std::size_t last = last_capital + 1; last >= i + 2; --last) {
    if (list_.head_noun(folded_[last - 1])) return last - i;
  }
  // A head noun first, then "of"/"for"/"on" and capitalised words: "Ministry of Foreign
  // Affairs", "Centre for Global Policy", "Institute for War and Peace Reporting".
  if ((one_of(kLeadingHeads, folded_[i]) || list_.head_noun(folded_[i])) && last_capital > i &&
      i + 1 < words_.size() &&
      (folded_[i + 1] == "of" || folded_[i + 1] == "for" || folded_[i + 1] == "on")) {
    return last_capital + 1 - i;
  }
  return 0;
}

// Whether words [first, last) that end in a head noun are no organisation's name: a place
// ("West Bank", "Gaza Strip") or words in capitals only, as in headlines and tables ("EASTERN
// DIVISION", "POLICE FORCE").
bool OrgFinder::place_or_heading(std::size_t first, std::size_t last) const {
  if (const NameEntry* entry = gazetteer_.find(key(first, last));
      entry != nullptr && !entry->places.empty()) {
    return true;
  }
  const std::string_view span =
      text_.substr(words_[first].start, words_[last - 1].end - words_[first].start);
  return std::none_of(span.begin(), span.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Whether word i is an acronym no list explains, in running text: 2 to 6 capitals ("KDP",
// "EADS", "USAF"; not "A380"), not next to a number, on a line with lower-case letters (not
// a headline or a table), not a Roman numeral, not a place ("UK"), and not in the English word
// lists in any case ("AIDS", "ASAP" are words, "GDP", "CEO" abbreviations of the largest list; so
// are "BBC" and "NATO", which the organisation list covers). Such an acronym names an organisation
// far more often than anything else in news text.
bool OrgFinder::unknown_acronym(std::size_t i) const {
  const std::string_view w = word(i);
  if (w.size() < 2 || w.size() > 6 || w.front() < 'A' || w.front() > 'Z') return false;
  bool roman = true;
  for (const char c : w) {
    if (c < 'A' || c > 'Z') return false;
    roman = roman && std::string_view("IVXLCDM").find(c) != std::string_view::npos;
  }
  if (roman) return false;
  // Next to a number it is a currency or a unit ("USD 40 million", "5 MW") or an index ("FTSE
  // 100").
  const auto numeric = [&](std::size_t j) {
    return j < words_.size() && words_[j].start < text_.size() && text_[words_[j].start] >= '0' &&
           text_[words_[j].start] <= '9';
  };
  if ((i > 0 && numeric(i - 1) && joined(i)) || (numeric(i + 1) && joined(i + 1))) return false;
  const std::size_t begin = text_.rfind('\n', words_[i].start);
  const std::size_t end = text_.find('\n', words_[i].end);
  const std::size_t from = begin == std::string_view::npos ? 0 : begin + 1;
  const std::string_view line =
      text_.substr(from, (end == std::string_view::npos ? text_.size() : end) - from);
  if (std::none_of(line.begin(), line.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return false;
  }
  if (const NameEntry* entry = gazetteer_.find(folded_[i]);
      entry != nullptr && (!entry->places.empty() || !entry->demonym_of.empty())) {
    return false;
  }
  return !gazetteer_.common_word(folded_[i]) && !gazetteer_.proper_word(folded_[i]) &&
         !gazetteer_.abbreviation(folded_[i]);
}

// A company named by its facility: capitalised words, at most one lower-case modifier, and a
// facility noun: "the Aksu Huafu textile plant", "a Foxconn factory". Returns the number of
// capitalised words (the name) and of all words (the mention); {0, 0} if none. Refused when the
// capitalised words are a place or a demonym ("the Xinjiang cotton farm", "a Chinese factory")
// or one ordinary word ("Textile plants ...").
std::pair<std::size_t, std::size_t> OrgFinder::facility_name_at(std::size_t i) const {
  if (!capitalised(word(i)) || one_of(kDeterminers, folded_[i])) return {0, 0};
  std::size_t end = i + 1;
  while (end < words_.size() && joined(end) && capitalised(word(end)) && end - i < 4) ++end;
  std::size_t noun = end;
  if (noun < words_.size() && joined(noun) && !capitalised(word(noun)) &&
      !one_of(kFacilities, folded_[noun]) && !one_of(kJoiners, folded_[noun])) {
    ++noun;  // one modifier: "textile", "garment", "cotton"
  }
  if (noun >= words_.size() || !joined(noun) || !one_of(kFacilities, folded_[noun])) {
    return {0, 0};
  }
  const std::string name = key(i, end);
  if (const NameEntry* entry = gazetteer_.find(name);
      entry != nullptr && (!entry->places.empty() || !entry->demonym_of.empty())) {
    return {0, 0};
  }
  if (end == i + 1 && gazetteer_.common_word(folded_[i])) return {0, 0};
  return {end - i, noun + 1 - i};
}

// The acronym in parentheses right after word `last - 1`: "... Policy (CGP)".
std::optional<std::string> OrgFinder::acronym_after(std::size_t last) const {
  if (last >= words_.size()) return std::nullopt;
  const std::string_view gap = gap_before(last);
  if (gap != " (" && gap != "(") return std::nullopt;
  const std::string_view candidate = word(last);
  if (last + 1 < words_.size() && gap_before(last + 1).front() != ')') return std::nullopt;
  if (!is_acronym(candidate) || candidate.size() > 10) return std::nullopt;
  return std::string(candidate);
}

std::vector<FoundOrganisation> OrgFinder::run() {
  struct Ambiguous {
    std::int32_t org;
    Mention mention;
  };
  std::vector<Ambiguous> ambiguous;
  std::map<std::string, std::pair<std::string, Organisation>, std::less<>>
      defined;  // acronym -> id, org
  std::set<std::int32_t> seen_unambiguously;
  for (std::size_t i = 0; i < words_.size();) {
    // Acronyms defined earlier in the text.
    if (const auto it = defined.find(word(i)); it != defined.end()) {
      add(it->second.first, it->second.second, mention(i, i + 1));
      ++i;
      continue;
    }
    const std::vector<OrganisationList::Entry>* entries = nullptr;
    if (const std::size_t n = known_at(i, entries); n > 0) {
      const OrganisationList::Entry& entry = entries->front();
      const Organisation& org = list_.org(entry.org);
      if (entry.ambiguous || entries->size() > 1) {
        for (const auto& e : *entries) ambiguous.push_back({e.org, mention(i, i + n)});
      } else {
        seen_unambiguously.insert(entry.org);
        add(org.id, org, mention(i, i + n));
      }
      if (const std::optional<std::string> acronym = acronym_after(i + n)) {
        defined[*acronym] = {org.id, org};
        seen_unambiguously.insert(entry.org);
      }
      i += n;
      continue;
    }
    if (const std::size_t n = head_noun_name_at(i); n > 0 && !place_or_heading(i, i + n)) {
      const std::string k = key(i, i + n);
      Organisation org{
          found_org_id(k),
          std::string(text_.substr(words_[i].start, words_[i + n - 1].end - words_[i].start)),
          "other", ""};
      if (const std::optional<std::string> acronym = acronym_after(i + n)) {
        defined[*acronym] = {org.id, org};
      }
      add(org.id, org, mention(i, i + n));
      i += n;
      continue;
    }
    if (const auto [name, all] = facility_name_at(i); name > 0) {
      const std::string k = key(i, i + name);
      Organisation org{
          found_org_id(k),
          std::string(text_.substr(words_[i].start, words_[i + name - 1].end - words_[i].start)),
          "other", ""};
      add(org.id, org, mention(i, i + all));
      i += all;
      continue;
    }
    // "the Chinese government", "the Xinjiang government".
    if (i + 1 < words_.size() && folded_[i + 1] == "government" && capitalised(word(i)) &&
        joined(i + 1)) {
      if (const NameEntry* entry = gazetteer_.find(folded_[i]); entry != nullptr) {
        std::int32_t place = -1;
        if (!entry->demonym_of.empty()) place = entry->demonym_of.front();
        for (const std::int32_t p : entry->places) {
          if (place < 0 || gazetteer_.place(p).kind == PlaceKind::kCountry) place = p;
        }
        if (place >= 0) {
          const Place& where = gazetteer_.place(place);
          Organisation org{"gov." + where.id, "Government of " + where.label, "government",
                           where.id};
          add(org.id, org, mention(i, i + 2));
          i += 2;
          continue;
        }
      }
    }
    if (unknown_acronym(i)) {
      Organisation org{found_org_id(folded_[i]), std::string(word(i)), "other", ""};
      add(org.id, org, mention(i, i + 1));
    }
    ++i;
  }
  // Ambiguous names count when the document names the organisation in another way.
  for (Ambiguous& a : ambiguous) {
    if (!seen_unambiguously.contains(a.org)) continue;
    const Organisation& org = list_.org(a.org);
    add(org.id, org, std::move(a.mention));
  }
  for (FoundOrganisation& o : found_) {
    std::sort(o.mentions.begin(), o.mentions.end(),
              [](const Mention& a, const Mention& b) { return a.start < b.start; });
  }
  std::sort(found_.begin(), found_.end(), [](const auto& a, const auto& b) {
    return a.mentions.front().start < b.mentions.front().start;
  });
  return std::move(found_);
}

}  // namespace

std::vector<FoundOrganisation> find_organisations(std::string_view text,
                                                  const OrganisationList& list,
                                                  const Gazetteer& gazetteer) {
  if (text.empty()) return {};
  return OrgFinder(text, list, gazetteer).run();
}

}  // namespace vigil::entities
