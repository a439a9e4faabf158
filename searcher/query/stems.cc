#include "query/stems.h"

#include <algorithm>
#include <set>

#include "query/prefix_terms.h"
#include "query/query_tree.h"
#include "vigil/analysis.h"
#include "vigil/stemmer.h"

namespace vigil::query {
namespace {

class Identity : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override { return word; }
  std::string get_description() const override { return "identity"; }
};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

Xapian::Stem identity_stemmer() { return Xapian::Stem(new Identity); }

Stems::Stems(const std::vector<std::string>& subtags, std::vector<std::string> text_prefixes)
    : text_prefixes_(std::move(text_prefixes)) {
  const std::set<std::string> distinct(subtags.begin(), subtags.end());
  for (const std::string& subtag : distinct) {
    if (!analysis::stemmer_language(subtag).empty()) {
      stemmers_.push_back(analysis::language_stemmer(subtag));
    }
  }
  std::sort(text_prefixes_.begin(), text_prefixes_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::vector<std::string> Stems::languages_of(const Xapian::Database& db,
                                             const std::string& lang_prefix) {
  std::vector<std::string> subtags = prefix_terms(db, lang_prefix);
  for (std::string& subtag : subtags) subtag.erase(0, lang_prefix.size());
  return subtags;
}

Xapian::Query Stems::expand_leaf(const Xapian::Query& leaf) const {
  const auto term_it = leaf.get_terms_begin();
  if (term_it == leaf.get_terms_end()) return leaf;
  const std::string term = *term_it;
  const bool stemmed = !term.empty() && term[0] == 'Z';
  const std::string_view rest = std::string_view(term).substr(stemmed ? 1 : 0);
  const std::string* prefix = nullptr;
  for (const std::string& candidate : text_prefixes_) {
    if (rest.size() > candidate.size() && rest.compare(0, candidate.size(), candidate) == 0 &&
        !is_upper(rest[candidate.size()])) {
      prefix = &candidate;
      break;
    }
  }
  if (prefix == nullptr) return leaf;  // a filter or facet term
  const std::string word(rest.substr(prefix->size()));
  std::set<std::string> forms;
  forms.insert(*prefix + word);
  if (stemmed) {
    for (const Xapian::Stem& stemmer : stemmers_) forms.insert("Z" + *prefix + stemmer(word));
  }
  for (const std::string& latin : analysis::latin_spellings(word)) forms.insert(*prefix + latin);
  if (!stemmed && forms.size() == 1) return leaf;
  std::vector<Xapian::Query> terms;
  terms.reserve(forms.size());
  for (const std::string& form : forms) terms.emplace_back(form);
  if (terms.size() == 1) return terms.front();
  return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
}

Xapian::Query Stems::expand(const Xapian::Query& query) const {
  const Xapian::Query::op op = query.get_type();
  if (op == Xapian::Query::LEAF_TERM) return expand_leaf(query);
  if (!plain_composite(op)) return query;
  std::vector<Xapian::Query> children;
  children.reserve(query.get_num_subqueries());
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    children.push_back(expand(query.get_subquery(i)));
  }
  return Xapian::Query(op, children.begin(), children.end());
}

}  // namespace vigil::query
