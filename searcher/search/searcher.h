#pragma once
// Runs a SearchRequest against one or more Vigil indexes (searched as one) and returns a plain
// SearchResult: ranked hits with highlighted snippets and the match count.

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "query/facet_values.h"
#include "query/query_builder.h"
#include "search/search_result.h"
#include "vigil/result.h"
#include "vigil/schema.h"

namespace vigil::search {

// Bytes of text a snippet aims for.
inline constexpr std::size_t kSnippetBytes = 300;

// How a deployment ranks and bounds searches (command line or config file; the same for every
// request of one process).
struct Settings {
  // BM25 parameters (Xapian::BM25Weight's k1 and b), chosen on scripts/eval/relevance.sh.
  double bm25_k1 = 1.2;
  double bm25_b = 0.75;
  query::Limits limits;
  // Seconds the matcher may spend on one query (0: no limit). Past it, the matcher stops
  // examining every match: the hits are still the best it found, but the total and the facet
  // counts become estimates and SearchResult::exact is false.
  double time_limit = 5.0;
};

class Searcher {
 public:
  // Opens every database in `paths` and searches them as one. Throws RuntimeError (with a hint)
  // when a path holds no index, is not a Vigil index, or was built with another schema version.
  // `schema` must outlive the searcher.
  Searcher(const std::vector<std::string>& paths, const schema::Schema& schema,
           Settings settings = {});

  // Runs the request (after clamp_request). Copies of one story (the index's clusters) are one
  // hit with Hit::similar unless request.collapse is false; totals and facet counts count every
  // matching article either way. Fails with the query builder's codes for a query that cannot be
  // run. Xapian::Error propagates (a corrupt or vanished index ends the run).
  Result<SearchResult> search(const SearchRequest& request) const;

 private:
  Hit make_hit(const Xapian::MSet& mset, const Xapian::MSetIterator& it) const;
  std::vector<FacetList> count_facets(const Xapian::Query& base,
                                      const std::vector<query::Filter>& filters,
                                      const std::map<std::string, std::uint64_t>& counts) const;

  Xapian::Database db_;
  const schema::Schema& schema_;
  Settings settings_;
  Xapian::Stem stemmer_;
};

}  // namespace vigil::search
