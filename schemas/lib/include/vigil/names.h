#pragma once
// Keys of names: how a place or organisation name is looked up, by the indexer's entity
// recognition and by the searcher's facet filters (place:Xinjiang, org:"Human Rights Watch").
// Both binaries use these functions, so a name typed in a query reaches the same facet value as
// the same name written in an article.

#include <string>
#include <string_view>
#include <vector>

namespace vigil {

// A word of text: letters and digits, with inner apostrophes and the periods of abbreviations
// ("U.S.", "D.C."); hyphens, commas and other punctuation separate words. A possessive "'s" is
// not part of the word.
struct Word {
  std::size_t start = 0;  // byte offsets into the text
  std::size_t end = 0;
};
std::vector<Word> split_words(std::string_view text);

// `word` case-folded (full Unicode case folding). ASCII, and the code points whose full folding
// is their simple one (all but about a hundred: ß, ŉ, ligatures, Greek with ypogegrammeni), are
// folded one at a time without converting the word to UTF-16; the result is fold_through_icu's.
std::string fold(std::string_view word);
// `word` case-folded by ICU's UnicodeString::foldCase (ill-formed UTF-8 becomes U+FFFD), the
// reference that fold must equal.
std::string fold_through_icu(std::string_view word);

// The lookup key of a place name: its words case-folded and joined by one space;
// "Washington, D.C." -> "washington d.c.", "ÜRÜMQI" -> "ürümqi".
std::string name_key(std::string_view name);

// One word of an organisation name, folded, with its spelling variant unified ("Centre" ->
// "center").
std::string org_fold(std::string_view word);

// The key of an organisation name: name_key with spelling variants unified
// ("Centre for Global Policy" and "Center for Global Policy" are one key).
std::string org_key(std::string_view name);

// The key a facet's names are looked up by: org_key for the "org" field, name_key otherwise.
std::string facet_name_key(std::string_view field, std::string_view name);

// The id of an organisation that is not in the curated list: "x." + its key with spaces and
// periods as '_' ("x.center_for_global_policy").
std::string found_org_id(std::string_view key);

}  // namespace vigil
