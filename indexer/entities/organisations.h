#pragma once
// Organisation recognition: the organisations an article mentions, each with a stable id.
//
// Three sources, in order of trust:
// - the curated list schemas/organisations.tsv (labels and aliases; longest match; all-capital
//   acronyms match only in capitals; an alias marked ambiguous there, such as "RSF" or
//   "Amnesty", counts only when the document also names the organisation another way or
//   defines the acronym);
// - acronym definitions in the text: "Centre for Global Policy (CGP)" makes later "CGP" the same
//   organisation (the letters must be the initials of the name's capitalised words);
// - names built on a head noun (schemas/org_head_nouns.txt): a run of capitalised words, which
//   may contain "of", "for", "and", "on", "the", ending in "Council", "Ministry", "Watch",
//   "Institute" ... or starting "Ministry of", "Department of" ...; and "the <Place or demonym>
//   government" ("the Chinese government").
// Spelling variants are one key: Centre/Center, Organisation/Organization, Defence/Defense.
// Organisations not in the list get the id "x." + a slug of their name.
// Thread-safe after loading.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "entities/gazetteer.h"
#include "entities/places.h"

namespace vigil::entities {

struct Organisation {
  std::string id;
  std::string label;
  std::string kind;     // "un", "igo", "ngo", ... (organisations.tsv); "other" for found ones
  std::string country;  // a places.tsv id, or empty
};

class OrganisationList {
 public:
  // Loads `dir`/organisations.tsv and `dir`/org_head_nouns.txt; throws RuntimeError naming the
  // file and line when one is missing or malformed.
  static OrganisationList load(const std::string& dir);

  struct Entry {
    std::int32_t org = -1;
    bool ambiguous = false;
    bool exact_case = false;  // an acronym: matches only as written
  };
  const std::vector<Entry>* find(std::string_view key) const;
  const Organisation& org(std::int32_t index) const {
    return orgs_[static_cast<std::size_t>(index)];
  }
  bool head_noun(std::string_view folded_word) const { return heads_.contains(folded_word); }
  // The most words of a listed name starting with the folded word `first` (org_fold); 0 when
  // none starts with it.
  std::size_t max_tokens(std::string_view first) const { return first_words_.max_tokens(first); }
  // The index of the listed organisation with this id, or -1.
  std::int32_t index_of(std::string_view id) const;
  // The label and aliases of a listed organisation, as written in organisations.tsv.
  const std::vector<std::string>& names_of(std::int32_t index) const {
    return org_names_[static_cast<std::size_t>(index)];
  }

 private:
  std::vector<Organisation> orgs_;
  std::vector<std::vector<std::string>> org_names_;
  KeyMap<std::int32_t> ids_;
  KeyMap<std::vector<Entry>> names_;
  KeySet heads_;
  FirstWords first_words_;
};

struct FoundOrganisation {
  Organisation org;
  std::vector<Mention> mentions;
};

// The organisations `text` mentions, in order of first mention. `gazetteer` serves "the
// <demonym> government" forms.
std::vector<FoundOrganisation> find_organisations(std::string_view text,
                                                  const OrganisationList& list,
                                                  const Gazetteer& gazetteer);

// Organisation keys (vigil/names.h), shared with the searcher's facet filters.
using vigil::found_org_id;
using vigil::org_fold;
using vigil::org_key;

}  // namespace vigil::entities
