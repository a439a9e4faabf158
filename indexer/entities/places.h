#pragma once
// Place recognition: the places an article mentions, each resolved to one gazetteer entry.
//
// How: the longest run of words whose name is in the gazetteer, starting with
// a capital (or a letter of a script without case), is a candidate; short all-capital names
// ("US") match only in capitals. Weak candidates are refused: after a title ("President Jordan",
// "Mr Chad"); a city or person-like name directly followed by another capitalised word ("Jordan
// Henderson", "Washington Post"); names that are common words or people's names
// (place_stopwords.tsv) without a location cue ("in", "from", "near" ... before, or ", Place"
// after). Each name has one sense per article: a country when the name is a country's (Jordan,
// Georgia, Turkey); otherwise the candidate with the best score from its population, whether its
// country is one the article mentions (the focus), and whether its region is mentioned. A
// demonym ("Chinese") supports its country; a country known only from one demonym is left out.
// Other languages (issue 12; inflection.h): the gazetteer has CLDR's country and region names in
// the corpus's main languages and GeoNames' names of towns in every script; Chinese and Japanese
// runs are cut into dictionary words, Cyrillic words are matched by their stems, and clitics and
// endings (Arabic, Uyghur, Korean, French, Turkish) are removed when what remains is a name. A
// country's name in Latin letters of another language next to a capitalised word is part of an
// organisation's name ("Credit Suisse").
// Thread-safe: reads the gazetteer only.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "entities/gazetteer.h"

namespace vigil::entities {

struct Mention {
  std::size_t start = 0;  // byte offsets into the text
  std::size_t end = 0;
  std::string text;
  bool demonym = false;  // a place known from its people's name ("Chinese")
};

struct FoundPlace {
  std::int32_t place = -1;  // index into the gazetteer
  std::vector<Mention> mentions;
};

// The places `text` mentions, in order of first mention.
std::vector<FoundPlace> find_places(std::string_view text, const Gazetteer& gazetteer);

// `place` and the places enclosing it, innermost first (Aksu, Xinjiang, China): a document tagged
// with a city is found by a filter on its region or country.
std::vector<std::int32_t> with_ancestors(const Gazetteer& gazetteer, std::int32_t place);

}  // namespace vigil::entities
