#include "query/variants.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "query/query_tree.h"
#include "vigil/analysis.h"
#include "vigil/schema.h"
#include "vigil/text.h"

namespace vigil::query {

// schemas/variants.txt, embedded by CMake (variants_data.cc).
extern const std::string_view kEmbeddedVariants;

namespace {

constexpr std::size_t kMaxSuffix = 3;       // "s", "es", "ers": inflections kept on variants
constexpr std::size_t kMaxPhraseForms = 8;  // spellings of one phrase searched at most

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// The words of `member` exactly as the indexer writes them: normalised (analysis::normalise:
// "Côte d'Ivoire" is "Cote d Ivoire"), then split and lower-cased by TermGenerator
// ("Timor-Leste" two words).
std::vector<std::string> words_of(std::string_view typed) {
  const std::string normalised = analysis::normalise(typed);
  const std::string_view member = normalised;
  // Most members are ASCII letters and spaces ("Uighur", "Bin Laden"), which TermGenerator
  // splits at the spaces and lower-cases; doing that here keeps vigil-search's start-up cheap
  // (every query parses the list). Anything else (apostrophes, hyphens, accents) goes through
  // TermGenerator itself.
  constexpr std::size_t kMaxWord = 64;  // TermGenerator's default: longer words are dropped
  const bool plain =
      member.size() <= kMaxWord && std::all_of(member.begin(), member.end(), [](char c) {
        return c == ' ' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      });
  if (plain) {
    std::vector<std::string> words;
    for (std::size_t at = 0; at < member.size();) {
      const std::size_t end = std::min(member.find(' ', at), member.size());
      if (end > at) words.push_back(ascii_lower(member.substr(at, end - at)));
      at = end + 1;
    }
    return words;
  }
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  generator.set_document(doc);
  generator.index_text(std::string(member));
  std::map<Xapian::termpos, std::string> by_position;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    for (auto pos = it.positionlist_begin(); pos != it.positionlist_end(); ++pos) {
      by_position[*pos] = *it;
    }
  }
  std::vector<std::string> words;
  words.reserve(by_position.size());
  for (auto& [position, word] : by_position) words.push_back(std::move(word));
  return words;
}

std::string leaf_term(const Xapian::Query& query) { return *query.get_terms_begin(); }

Xapian::Query any_of(std::vector<Xapian::Query> queries, Xapian::Query::op op) {
  if (queries.size() == 1) return queries.front();
  return Xapian::Query(op, queries.begin(), queries.end());
}

}  // namespace

const Variants& Variants::builtin() {
  static const Variants variants = [] {
    std::set<std::string> prefixes;
    for (const schema::Field& field : schema::Schema::builtin().fields()) {
      if (field.kind == schema::FieldKind::kText) prefixes.insert(field.prefix);
    }
    Result<Variants> parsed =
        parse(kEmbeddedVariants, Xapian::Stem(std::string(analysis::kVariantsStemmer)), prefixes);
    if (!parsed) throw std::logic_error("built-in variants: " + parsed.error().message);
    return std::move(parsed.value());
  }();
  return variants;
}

Result<Variants> Variants::parse(std::string_view text, const Xapian::Stem& stemmer,
                                 std::set<std::string> text_prefixes) {
  Variants variants;
  variants.stemmer_ = stemmer;
  variants.text_prefixes_ = std::move(text_prefixes);
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = trim(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    Group group;
    std::set<std::vector<std::string>> seen;
    std::string_view rest = line;
    while (!rest.empty()) {
      const std::size_t comma = std::min(rest.find(','), rest.size());
      std::vector<std::string> words = words_of(trim(rest.substr(0, comma)));
      rest.remove_prefix(std::min(comma + 1, rest.size()));
      if (!words.empty() && seen.insert(words).second) group.members.push_back(std::move(words));
    }
    if (group.members.size() < 2) {
      return Error{"bad_variants",
                   "line " + std::to_string(line_number) +
                       ": a group needs at least two different members, separated by commas",
                   "variants"};
    }
    const std::size_t index = variants.groups_.size();
    for (std::size_t m = 0; m < group.members.size(); ++m) {
      const Words& words = group.members[m];
      if (words.size() == 1) {
        variants.words_.emplace(words[0], index);
      } else {
        variants.first_words_.emplace(words[0], std::make_pair(index, m));
      }
      variants.by_initial_[static_cast<unsigned char>(words[0][0])].emplace_back(index, m);
    }
    variants.groups_.push_back(std::move(group));
  }
  return variants;
}

void Variants::make_stems(StemIndex& index, unsigned char initial) const {
  if (index.made[initial]) return;
  for (const auto& [group, member] : by_initial_[initial]) {
    const Words& words = groups_[group].members[member];
    if (words.size() == 1) {
      index.stems.emplace(stem(words[0]), group);
    } else {
      index.first_stems.emplace(stem(words[0]), std::make_pair(group, member));
    }
  }
  index.made[initial] = true;
}

template <typename Value>
std::vector<Value> Variants::stem_lookup(
    std::unordered_multimap<std::string, Value> StemIndex::*table, const std::string& stem) const {
  std::vector<Value> out;
  if (stem.empty()) return out;
  const std::lock_guard<std::mutex> lock(stem_index_->mutex);
  make_stems(*stem_index_, static_cast<unsigned char>(stem[0]));
  const auto [begin, end] = ((*stem_index_).*table).equal_range(stem);
  for (auto it = begin; it != end; ++it) out.push_back(it->second);
  return out;
}

std::vector<std::size_t> Variants::groups_of_stem(const std::string& stem) const {
  return stem_lookup(&StemIndex::stems, stem);
}

std::vector<Variants::MemberIndex> Variants::members_of_first_stem(const std::string& stem) const {
  return stem_lookup(&StemIndex::first_stems, stem);
}

Variants::Leaf Variants::split_term(const std::string& term) {
  Leaf leaf;
  std::size_t at = 0;
  if (!term.empty() && term[0] == 'Z') {
    leaf.stemmed = true;
    at = 1;
  }
  std::size_t word = at;
  while (word < term.size() && term[word] >= 'A' && term[word] <= 'Z') ++word;
  leaf.prefix = term.substr(at, word - at);
  leaf.word = term.substr(word);
  return leaf;
}

Xapian::Query Variants::member_query(const Leaf& leaf, const Words& member) const {
  if (member.size() == 1) {
    return Xapian::Query(leaf.stemmed ? "Z" + leaf.prefix + member[0] : leaf.prefix + member[0]);
  }
  std::vector<Xapian::Query> words;
  words.reserve(member.size());
  for (const std::string& word : member) words.emplace_back(leaf.prefix + word);
  return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), words.size());
}

Xapian::Query Variants::expand_leaf(const Xapian::Query& query) const {
  const std::string term = leaf_term(query);
  const Leaf leaf = split_term(term);
  if (leaf.word.empty() || !text_prefixes_.contains(leaf.prefix)) return query;
  std::vector<Xapian::Query> forms{query};
  std::set<std::string> terms{term};
  const auto add = [&](Xapian::Query form) {
    if (form.get_type() == Xapian::Query::LEAF_TERM && !terms.insert(leaf_term(form)).second) {
      return;
    }
    forms.push_back(std::move(form));
  };
  if (leaf.stemmed) {
    const std::vector<std::size_t> found = groups_of_stem(stem(leaf.word));
    if (found.empty()) return query;
    // A stem two groups share: the first group of the list, as for words.
    const std::size_t group = *std::min_element(found.begin(), found.end());
    for (const Words& member : groups_[group].members) add(member_query(leaf, member));
  } else {
    // "uighurs" is "uighur" + "s": its variants keep the ending ("uyghurs").
    for (std::size_t cut = 0; cut <= kMaxSuffix && cut < leaf.word.size(); ++cut) {
      const auto found = words_.find(leaf.word.substr(0, leaf.word.size() - cut));
      if (found == words_.end()) continue;
      const std::string suffix = leaf.word.substr(leaf.word.size() - cut);
      for (Words member : groups_[found->second].members) {
        member.back() += suffix;
        add(member_query(leaf, member));
      }
      break;
    }
  }
  return any_of(std::move(forms), Xapian::Query::OP_SYNONYM);
}

Xapian::Query Variants::expand_phrase(const Xapian::Query& phrase) const {
  std::vector<Leaf> leaves;
  for (std::size_t i = 0; i < phrase.get_num_subqueries(); ++i) {
    const Xapian::Query child = phrase.get_subquery(i);
    if (child.get_type() != Xapian::Query::LEAF_TERM) return phrase;
    leaves.push_back(split_term(leaf_term(child)));
    if (leaves.back().stemmed || !text_prefixes_.contains(leaves.back().prefix)) return phrase;
  }
  const std::string prefix = leaves.empty() ? std::string() : leaves[0].prefix;
  Words words;
  words.reserve(leaves.size());
  for (const Leaf& leaf : leaves) words.push_back(leaf.word);

  // The phrase's spellings: as written, and with each multi-word member (or one-word member of
  // a group that has multi-word ones) replaced by the other members.
  std::vector<Words> spellings{words};
  const auto substitute = [&](std::size_t at, std::size_t length, std::size_t group) {
    for (const Words& member : groups_[group].members) {
      if (spellings.size() >= kMaxPhraseForms) return;
      Words spelling(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(at));
      spelling.insert(spelling.end(), member.begin(), member.end());
      spelling.insert(spelling.end(), words.begin() + static_cast<std::ptrdiff_t>(at + length),
                      words.end());
      if (std::find(spellings.begin(), spellings.end(), spelling) == spellings.end()) {
        spellings.push_back(std::move(spelling));
      }
    }
  };
  for (std::size_t at = 0; at < words.size(); ++at) {
    const auto [first, last] = first_words_.equal_range(words[at]);
    for (auto it = first; it != last; ++it) {
      const Words& member = groups_[it->second.first].members[it->second.second];
      if (at + member.size() <= words.size() &&
          std::equal(member.begin(), member.end(),
                     words.begin() + static_cast<std::ptrdiff_t>(at))) {
        substitute(at, member.size(), it->second.first);
      }
    }
    const auto single = words_.find(words[at]);
    if (single != words_.end()) {
      const Group& group = groups_[single->second];
      if (std::any_of(group.members.begin(), group.members.end(),
                      [](const Words& m) { return m.size() > 1; })) {
        substitute(at, 1, single->second);
      }
    }
  }

  bool widened = spellings.size() > 1;
  std::vector<Xapian::Query> phrases;
  phrases.reserve(spellings.size());
  for (const Words& spelling : spellings) {
    std::vector<Xapian::Query> positions;
    positions.reserve(spelling.size());
    for (const std::string& word : spelling) {
      // One-word variants at this position (a phrase's words are unstemmed).
      std::vector<Xapian::Query> forms{Xapian::Query(prefix + word)};
      const auto found = words_.find(word);
      if (found != words_.end()) {
        for (const Words& member : groups_[found->second].members) {
          if (member.size() == 1 && member[0] != word) {
            forms.emplace_back(prefix + member[0]);
            widened = true;
          }
        }
      }
      positions.push_back(any_of(std::move(forms), Xapian::Query::OP_OR));
    }
    phrases.emplace_back(Xapian::Query::OP_PHRASE, positions.begin(), positions.end(),
                         positions.size());
  }
  if (!widened) return phrase;
  return any_of(std::move(phrases), Xapian::Query::OP_OR);
}

Xapian::Query Variants::expand_and(const std::vector<Xapian::Query>& children) const {
  std::vector<Xapian::Query> out;
  out.reserve(children.size());
  std::size_t at = 0;
  while (at < children.size()) {
    bool replaced = false;
    if (children[at].get_type() == Xapian::Query::LEAF_TERM) {
      const Leaf first = split_term(leaf_term(children[at]));
      std::vector<MemberIndex> candidates;
      if (first.stemmed) {
        candidates = members_of_first_stem(stem(first.word));
      } else {
        const auto [begin, end] = first_words_.equal_range(first.word);
        for (auto it = begin; it != end; ++it) candidates.push_back(it->second);
      }
      for (auto it = candidates.begin(); it != candidates.end() && !replaced; ++it) {
        const Group& group = groups_[it->first];
        const Words& member = group.members[it->second];
        if (at + member.size() > children.size()) continue;
        bool match = text_prefixes_.contains(first.prefix);
        for (std::size_t k = 1; k < member.size() && match; ++k) {
          const Xapian::Query& child = children[at + k];
          if (child.get_type() != Xapian::Query::LEAF_TERM) {
            match = false;
            break;
          }
          const Leaf leaf = split_term(leaf_term(child));
          match = leaf.prefix == first.prefix && leaf.stemmed == first.stemmed &&
                  (first.stemmed ? stem(leaf.word) == stem(member[k]) : leaf.word == member[k]);
        }
        if (!match) continue;
        const auto run_begin = children.begin() + static_cast<std::ptrdiff_t>(at);
        const auto run_end = run_begin + static_cast<std::ptrdiff_t>(member.size());
        std::vector<Xapian::Query> forms{Xapian::Query(Xapian::Query::OP_AND, run_begin, run_end)};
        for (const Words& other : group.members) {
          if (&other != &member) forms.push_back(member_query(first, other));
        }
        out.push_back(any_of(std::move(forms), Xapian::Query::OP_OR));
        at += member.size();
        replaced = true;
      }
    }
    if (!replaced) out.push_back(expand(children[at++]));
  }
  return any_of(std::move(out), Xapian::Query::OP_AND);
}

Xapian::Query Variants::expand(const Xapian::Query& query) const {
  const Xapian::Query::op op = query.get_type();
  if (op == Xapian::Query::LEAF_TERM) return expand_leaf(query);
  if (op == Xapian::Query::OP_PHRASE) return expand_phrase(query);
  if (!plain_composite(op)) return query;
  std::vector<Xapian::Query> children;
  children.reserve(query.get_num_subqueries());
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    children.push_back(query.get_subquery(i));
  }
  if (op == Xapian::Query::OP_AND) return expand_and(children);
  for (Xapian::Query& child : children) child = expand(child);
  return Xapian::Query(op, children.begin(), children.end());
}

}  // namespace vigil::query
