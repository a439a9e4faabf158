#pragma once
// Entity recognition for indexing: an Article's title and main text -> its ArticleEntities
// (organisations, places with their enclosing places, dates mentioned), and the names under which
// a facet value can be asked for at query time (written into the index's facet catalog, so that
// vigil-search resolves place:Sinkiang or org:UN without loading the gazetteer).
// Thread-safe after loading.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "article/article.h"
#include "entities/gazetteer.h"
#include "entities/organisations.h"

namespace vigil::entities {

class Recogniser {
 public:
  // Loads the gazetteer and the organisation list from `dir` (see Gazetteer::load). Throws
  // RuntimeError naming the missing or malformed file.
  static Recogniser load(const std::string& dir);

  // The entities of the article's title and main text; dates are resolved against its
  // publication date.
  ArticleEntities recognise(const Article& article) const;

  // The names a facet value is asked for by (ranks: the place whose label it is, then countries
  // over regions over towns, then population; a listed organisation's label over its aliases): for
  // "place" the names places.tsv gives the place; for "org" the label and aliases of a listed
  // organisation, or the label of a found one. `label` is the value's display label (used for
  // values not in the lists).
  std::vector<FacetAlias> aliases(std::string_view facet, std::string_view id,
                                  std::string_view label) const;

 private:
  Recogniser(Gazetteer gazetteer, OrganisationList organisations)
      : gazetteer_(std::move(gazetteer)), organisations_(std::move(organisations)) {}

  Gazetteer gazetteer_;
  OrganisationList organisations_;
};

}  // namespace vigil::entities
