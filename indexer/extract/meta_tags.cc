#include "extract/meta_tags.h"

#include "vigil/text.h"

namespace vigil::extract {

const std::unordered_map<std::string_view, MetaRule>& meta_rules() {
  static const std::unordered_map<std::string_view, MetaRule> rules = {
      {"og:title", {MetaField::kOgTitle, 0}},
      {"og:site_name", {MetaField::kSiteName, 0}},
      {"og:locale", {MetaField::kLocale, 0}},
      {"author", {MetaField::kAuthor, 0}},
      {"article:author", {MetaField::kAuthor, 0}},
      {"dc.creator", {MetaField::kAuthor, 0}},
      {"dcterms.creator", {MetaField::kAuthor, 0}},
      {"parsely-author", {MetaField::kAuthor, 0}},
      {"article:author_name", {MetaField::kAuthor, 0}},
      {"sailthru.author", {MetaField::kAuthor, 0}},
      {"byl", {MetaField::kAuthor, 0}},
      {"article:published_time", {MetaField::kDate, 1}},
      {"og:published_time", {MetaField::kDate, 2}},
      {"datepublished", {MetaField::kDate, 3}},
      {"parsely-pub-date", {MetaField::kDate, 4}},
      {"sailthru.date", {MetaField::kDate, 5}},
      {"publish-date", {MetaField::kDate, 6}},
      {"pubdate", {MetaField::kDate, 7}},
      {"dc.date.issued", {MetaField::kDate, 8}},
      {"dcterms.issued", {MetaField::kDate, 9}},
      {"dcterms.created", {MetaField::kDate, 10}},
      {"dc.date", {MetaField::kDate, 11}},
      {"date", {MetaField::kDate, 12}},
      {"article:modified_time", {MetaField::kModified, 1}},
      {"og:updated_time", {MetaField::kModified, 2}},
      {"datemodified", {MetaField::kModified, 3}},
      {"dcterms.modified", {MetaField::kModified, 4}},
      {"og:description", {MetaField::kDescription, 1}},
      {"description", {MetaField::kDescription, 2}},
      {"twitter:description", {MetaField::kDescription, 3}},
      {"dc.description", {MetaField::kDescription, 4}},
      {"article:section", {MetaField::kSection, 0}},
      {"og:type", {MetaField::kType, 0}},
      {"robots", {MetaField::kRobots, 0}},
      {"vigilbot", {MetaField::kRobots, 0}},
  };
  return rules;
}

std::string meta_key(std::string_view token) {
  std::string key = ascii_lower(token);
  if (key.starts_with("dc:") || key.starts_with("dcterms:")) key[key.find(':')] = '.';
  return key;
}

}  // namespace vigil::extract
