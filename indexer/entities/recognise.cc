#include "entities/recognise.h"

#include <algorithm>
#include <unordered_set>

#include "entities/dates.h"
#include "entities/places.h"

namespace vigil::entities {
namespace {

// The text entity recognition reads: the title, then the main text, as paragraphs.
std::string article_text(const Article& article) {
  if (article.title.empty()) return article.main_text;
  std::string text = article.title;
  text += "\n\n";
  text += article.main_text;
  return text;
}

std::int64_t place_rank(const Place& place, bool primary) {
  constexpr std::int64_t kLabel = 8'000'000'000;
  constexpr std::int64_t kCountry = 4'000'000'000;
  constexpr std::int64_t kRegion = 2'000'000'000;
  std::int64_t rank = std::min<std::int64_t>(place.population, kRegion - 1);
  if (place.kind == PlaceKind::kCountry) rank += kCountry;
  if (place.kind == PlaceKind::kRegion) rank += kRegion;
  if (primary) rank += kLabel;
  return rank;
}

using Names = std::vector<std::string>;

// The distinct ways the text writes an entity, at most kMaxNames, in order of appearance.
Names written(const std::vector<Mention>& mentions) {
  constexpr std::size_t kMaxNames = 4;
  Names names;
  for (const Mention& mention : mentions) {
    if (names.size() == kMaxNames) break;
    if (std::find(names.begin(), names.end(), mention.text) == names.end()) {
      names.push_back(mention.text);
    }
  }
  return names;
}

}  // namespace

Recogniser Recogniser::load(const std::string& dir) {
  return Recogniser(Gazetteer::load(dir), OrganisationList::load(dir));
}

ArticleEntities Recogniser::recognise(const Article& article) const {
  const std::string text = article_text(article);
  ArticleEntities found;
  for (FoundOrganisation& org : find_organisations(text, organisations_, gazetteer_)) {
    found.organisations.push_back(
        {std::move(org.org.id), std::move(org.org.label), {}, true, written(org.mentions)});
  }
  std::unordered_set<std::int32_t> listed;
  const std::vector<FoundPlace> places = find_places(text, gazetteer_);
  for (const FoundPlace& place : places) listed.insert(place.place);
  std::unordered_set<std::int32_t> added;
  for (const FoundPlace& place : places) {
    for (const std::int32_t index : with_ancestors(gazetteer_, place.place)) {
      if (!added.insert(index).second) continue;
      const Place& p = gazetteer_.place(index);
      found.places.push_back(
          {p.id, p.label, p.parent >= 0 ? gazetteer_.place(p.parent).id : std::string(),
           listed.contains(index), index == place.place ? written(place.mentions) : Names{}});
    }
  }
  for (const DateMention& mention : find_dates(text, article.published)) {
    if (!mention.date) continue;
    if (std::find(found.dates.begin(), found.dates.end(), *mention.date) == found.dates.end()) {
      found.dates.push_back(*mention.date);
    }
  }
  return found;
}

std::vector<FacetAlias> Recogniser::aliases(std::string_view facet, std::string_view id,
                                            std::string_view label) const {
  std::vector<FacetAlias> out;
  if (facet == "place") {
    const std::int32_t index = gazetteer_.index_of(id);
    if (index < 0) return {{std::string(label), 0}};
    const Place& place = gazetteer_.place(index);
    const std::string label_key = name_key(place.label);
    for (const std::string_view name : gazetteer_.names_of(index)) {
      out.push_back({std::string(name), place_rank(place, name_key(name) == label_key)});
    }
    if (out.empty()) out.push_back({place.label, place_rank(place, true)});
    return out;
  }
  const std::int32_t index = organisations_.index_of(id);
  if (index < 0) return {{std::string(label), 0}};
  // A listed organisation outranks a found one of the same name; its label outranks aliases.
  bool first = true;
  for (const std::string& name : organisations_.names_of(index)) {
    out.push_back({name, first ? 2 : 1});
    first = false;
  }
  return out;
}

}  // namespace vigil::entities
