#pragma once
// Query words matched in every language of the index. The indexer stems each document by its
// own language (vigil/analysis.h); a query has no reliable language (three words, names), so a
// word to be stemmed is searched as one OP_SYNONYM of its exact form and its stems under the
// stemmers of the languages the index holds (or of the languages a lang: filter names): "droits"
// meets French documents through the French stem (droit@fr) and English ones through the English
// stem (droit@en), weighed as one term; a stem meets only documents of its own language. A Cyrillic
// word also searches its Latin spellings (Навальный: navalny).
//
// The QueryParser is given identity_stemmer() with STEM_SOME: its stemmed terms ("Z" + prefix +
// word) then carry the word as typed, which expand() turns into the synonym.
//
// Cost: one posting-list lookup per distinct stem, at most one per stemmed language (27) for
// each word; a stem the index lacks costs one B-tree look-up and nothing at match time.

#include <xapian.h>

#include <string>
#include <vector>

namespace vigil::query {

// A Xapian stemmer that returns its word unchanged.
Xapian::Stem identity_stemmer();

class Stems {
 public:
  // `subtags`: the languages whose stemmers apply (those without one are ignored); `text_prefixes`
  // the term prefixes of free-text fields ("" for the text itself, "S" for title:).
  Stems(const std::vector<std::string>& subtags, std::vector<std::string> text_prefixes);

  // The language subtags of the documents of `db` (its `lang_prefix` terms).
  static std::vector<std::string> languages_of(const Xapian::Database& db,
                                               const std::string& lang_prefix);

  // `query` with each identity-stemmed term (Z + prefix + word) widened to the OP_SYNONYM of the
  // word and its stems, and each Cyrillic word also to its Latin spellings. Phrases and other
  // positional operators are kept as they are (their words are matched as written).
  Xapian::Query expand(const Xapian::Query& query) const;

 private:
  Xapian::Query expand_leaf(const Xapian::Query& leaf) const;

  std::vector<Xapian::Stem> stemmers_;      // tagging stemmers (vigil/stemmer.h), one per language
  std::vector<std::string> text_prefixes_;  // longest first
};

}  // namespace vigil::query
