#pragma once
// "Did you mean": spelling suggestions from the index's own vocabulary. Needs no spelling table
// at index time (Xapian's add_spelling would grow every index), works the same over several
// databases, and costs nothing unless a word of the query is missing from the index.

#include <xapian.h>

#include <string>
#include <string_view>

namespace vigil::search {

// `query_text` with each word the index does not contain (in no inflection and no spelling
// variant) replaced by the most frequent indexed word within edit distance 1 (words up to 5
// letters) or 2 (longer) that starts with the same letter; empty when there is nothing to
// suggest. At most five unknown words are looked up (a query of random words costs little).
// Fields (title:x, place:"East Turkestan"), operators (AND, OR, NOT), wildcards and
// words with digits keep their place and spelling.
std::string suggest(const Xapian::Database& db, std::string_view query_text,
                    const std::string& lang_prefix);

// The Damerau-Levenshtein (optimal string alignment) distance between two words, counted in
// bytes, or `limit` + 1 when it exceeds `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

}  // namespace vigil::search
