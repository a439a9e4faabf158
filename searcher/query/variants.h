#pragma once
// Spelling and transliteration variants (schemas/variants.txt, embedded at build time): a query
// for Uighur also finds Uyghur and Uygur, as a word, inside phrases ("uighur camps") and in text
// fields (title:uighur); multi-word members work too (Ivory Coast / Côte d'Ivoire). Xapian's own
// synonym expansion does not reach inside phrases, so the parsed query is rewritten instead.

#include <xapian.h>

#include <array>
#include <cstddef>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vigil/result.h"

namespace vigil::query {

class Variants {
 public:
  // The groups of schemas/variants.txt, built into the binary.
  static const Variants& builtin();

  // Reads a variants list: one group per line, members separated by commas, '#' comments.
  // `text_prefixes` are the term prefixes of free-text fields ("" for the text, "S" for title):
  // only their terms are widened. Fails (code "bad_variants", naming the line) on a group with
  // fewer than two different members.
  static Result<Variants> parse(std::string_view text, const Xapian::Stem& stemmer,
                                std::set<std::string> text_prefixes);

  // `query` with every variant term widened to its group: a word (unstemmed, or "Z" + the word
  // as typed, which query::Stems expands afterwards: it is looked up by its stem, and its
  // variants are written as typed too; with or without a text-field prefix) becomes an
  // OP_SYNONYM of its variants, a phrase an OR of the
  // phrases its variants spell, and a run of words of an AND that spells a multi-word member an
  // OR of the run and the other members. Parts without variants are kept as they are.
  Xapian::Query expand(const Xapian::Query& query) const;

  std::size_t groups() const { return groups_.size(); }

 private:
  using Words = std::vector<std::string>;  // a member's words, as Xapian indexes them
  struct Group {
    std::vector<Words> members;
  };
  struct Leaf {
    bool stemmed = false;
    std::string prefix;  // field prefix (S for title:), empty for free text
    std::string word;    // unstemmed word or stem
  };

  static Leaf split_term(const std::string& term);
  const Group* group_of(const Leaf& leaf) const;
  // The term `leaf` becomes for one member (a term for one word, a phrase for several).
  Xapian::Query member_query(const Leaf& leaf, const Words& member) const;
  Xapian::Query expand_leaf(const Xapian::Query& query) const;
  Xapian::Query expand_phrase(const Xapian::Query& phrase) const;
  Xapian::Query expand_and(const std::vector<Xapian::Query>& children) const;
  std::string stem(const std::string& word) const { return stemmer_(word); }

  using MemberIndex = std::pair<std::size_t, std::size_t>;  // group, member
  // The groups of the one-word members whose stem is `stem`, and the multi-word members whose
  // first word's stem is `stem` (StemIndex).
  std::vector<std::size_t> groups_of_stem(const std::string& stem) const;
  std::vector<MemberIndex> members_of_first_stem(const std::string& stem) const;

  // Stems of the members (one-word members and the first words of the others), made the first
  // time a stem with their first byte is looked up: the English stemmer keeps a word's first
  // byte (Variants.EnglishStemsKeepTheFirstByte), and stemming the whole list cost every CGI
  // request 0.2 ms for the few words a query holds. Shared by every thread, so locked.
  struct StemIndex {
    std::mutex mutex;
    std::array<bool, 256> made{};                             // by first byte
    std::unordered_multimap<std::string, std::size_t> stems;  // stem of a one-word member -> group
    std::unordered_multimap<std::string, MemberIndex> first_stems;  // of multi-word members
  };
  void make_stems(StemIndex& index, unsigned char initial) const;
  // The values of `table` (one of StemIndex's) under `stem`, once the members with its first
  // byte are stemmed.
  template <typename Value>
  std::vector<Value> stem_lookup(std::unordered_multimap<std::string, Value> StemIndex::*table,
                                 const std::string& stem) const;

  Xapian::Stem stemmer_;
  std::set<std::string> text_prefixes_;
  std::vector<Group> groups_;
  std::unordered_map<std::string, std::size_t> words_;  // one-word member -> group
  // Multi-word members by their first word (unstemmed): group and member index.
  std::unordered_multimap<std::string, MemberIndex> first_words_;
  std::array<std::vector<MemberIndex>, 256> by_initial_;  // members by their first byte
  std::unique_ptr<StemIndex> stem_index_ = std::make_unique<StemIndex>();
};

}  // namespace vigil::query
