#pragma once
// The <meta> tags the page reader knows (property=, name= and itemprop= keys) and what each
// gives. Internal to the extract module.

#include <string>
#include <string_view>
#include <unordered_map>

namespace vigil::extract {

enum class MetaField : unsigned char {
  kOgTitle,
  kDate,
  kModified,
  kAuthor,
  kSiteName,
  kLocale,
  kDescription,
  kSection,
  kType,
  kRobots,
};

struct MetaRule {
  MetaField field;
  int rank;  // for dates: lower wins
};

// Keys are matched lower-cased against property=, name= and itemprop=; `rank` orders the
// date sources (lower wins).
const std::unordered_map<std::string_view, MetaRule>& meta_rules();

// Lower-cased, with the RDFa spelling of Dublin Core ("dc:creator") mapped to the HTML one.
std::string meta_key(std::string_view token);

}  // namespace vigil::extract
