#pragma once
// The query language -> Xapian::Query, set up from the field schema (prefixes, stemmer).
// Words, "phrases", AND/OR/NOT (upper case), +word/-word, parentheses, trailing wildcards (word*),
// default AND, and the fields title: author: (free text), site: source: lang: url: (filters),
// org: place: (entity facets, names resolved through the index's facet catalog: place:Sinkiang
// is place:cn.13, which also finds articles naming only a town inside it) and mentions: (dates the
// text mentions: 2018, 2018-05, 2018-05-12, 2016..2018). Unknown facet names and unreadable dates
// match nothing and leave a notice.

#include <xapian.h>

#include <string>
#include <string_view>

#include "query/catalog.h"
#include "vigil/result.h"
#include "vigil/schema.h"

namespace vigil::query {

inline constexpr std::size_t kMaxQueryBytes = 4096;
inline constexpr Xapian::termcount kMaxWildcardExpansion = 200;
inline constexpr std::size_t kMaxQueryTerms = 100;
// The weight added to articles in the language a Chinese, Japanese or Korean query is written in:
// a tie-breaker among near-equal scores (a BM25 weight of one matching word is typically 2 to 10).
inline constexpr double kLanguageBonus = 1.0;

// Bounds on one query, so that a hostile or careless query cannot exhaust the machine.
struct Limits {
  std::size_t max_bytes = kMaxQueryBytes;  // longer query text is refused
  std::size_t max_terms = kMaxQueryTerms;  // more distinct words or field terms are refused
  Xapian::termcount max_wildcard = kMaxWildcardExpansion;  // a prefix* expands to this many
                                                           // most frequent words at most
};

struct ParsedQuery {
  Xapian::Query query;
  // Set when the query as written was not valid syntax and its plain words were searched instead.
  std::string notice;
};

// How the words are matched: by default a word also matches its inflections (stemming: detained
// finds detention) and its spelling variants (schemas/variants.txt: Uighur finds Uyghur); exact
// matches words as written (case aside).
enum class Matching { kVariants, kExact };

// Builds the query. `db` is used to expand wildcards (the most frequent limits.max_wildcard
// terms; a notice says when a prefix had more). Fails with code "empty_query" when there is
// nothing to search for, "query_too_long" past limits.max_bytes and "too_many_terms" past
// limits.max_terms. Facet values (org:, place:) are resolved through `catalog`, the metadata of
// every shard of `db`. Thread-safe for distinct `db` objects.
Result<ParsedQuery> build_query(std::string_view text, const Xapian::Database& db,
                                const Catalog& catalog, const schema::Schema& schema,
                                const Limits& limits = {}, Matching matching = Matching::kVariants);
// The same for one database holding everything (its own catalog).
inline Result<ParsedQuery> build_query(std::string_view text, const Xapian::Database& db,
                                       const schema::Schema& schema, const Limits& limits = {},
                                       Matching matching = Matching::kVariants) {
  return build_query(text, db, Catalog(db), schema, limits, matching);
}

}  // namespace vigil::query
