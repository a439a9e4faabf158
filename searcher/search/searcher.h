#pragma once
// Runs a SearchRequest against one or more Vigil indexes searched as one (shards, local or served
// by xapian-tcpsrv: search/shards.h) and returns a plain SearchResult: ranked hits with
// highlighted snippets, the match count and facet counts, the same as one index holding every
// document would give.

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "query/catalog.h"
#include "query/facet_values.h"
#include "query/query_builder.h"
#include "search/facets.h"
#include "search/highlight.h"
#include "search/search_result.h"
#include "search/shards.h"
#include "vigil/result.h"
#include "vigil/schema.h"

namespace vigil::search {

// Bytes of text a snippet aims for.
inline constexpr std::size_t kSnippetBytes = 300;

// How a deployment ranks and bounds searches (command line or config file; the same for every
// request of one process).
struct Settings {
  // BM25 parameters (Xapian::BM25Weight's k1 and b), chosen on scripts/eval/relevance.sh: b 0.3
  // was the best of 0.3, 0.5, 0.75 and 0.9 on both query sets and every title weight tried (MAP
  // +0.02, nDCG@10 +0.04 to 0.06 over 0.75). Lower b gained a little more there, but an archive
  // mixing alerts with long reports still needs some length normalisation. k1 made no difference
  // (most topic queries are one word, whose ranking k1 cannot change), so it keeps the usual 1.2.
  double bm25_k1 = 1.2;
  double bm25_b = 0.3;
  query::Limits limits;
  // Seconds the matcher may spend on one query (0: no limit). Past it, the matcher stops
  // examining every match: the hits are still the best it found, but the total and the facet
  // counts become estimates and SearchResult::exact is false. A local query too small to come
  // near the limit runs untimed (search/postings_bound.h).
  double time_limit = 5.0;
  // How long a remote shard may take to connect and to answer before its next replica is tried
  // (or, at the last, the shard is reported missing).
  RemoteTimeouts remote;
};

class Searcher {
 public:
  // Opens every shard of `dbs` (--db values: parse_shards) and searches them as one; a remote
  // shard that does not answer is left out and named in every result's missing_shards. Throws
  // ConfigError for a malformed value, RuntimeError (with a hint) when a local path holds no
  // index, a shard is not a Vigil index or was built with another schema version, or no shard
  // answered. `schema` must outlive the searcher.
  Searcher(const std::vector<std::string>& dbs, const schema::Schema& schema,
           Settings settings = {});

  // Runs the request (after clamp_request). Copies of one story (the index's clusters) are one
  // hit with Hit::similar unless request.collapse is false; totals and facet counts count every
  // matching article either way. Fails with the query builder's codes for a query that cannot be
  // run. Xapian::Error propagates: Xapian::DatabaseModifiedError when an update overwrote the
  // revision read (open and search again: vigil/live_read.h), Xapian::NetworkError when a remote
  // shard stopped answering (open a new Searcher and search again: it tries the shard's other
  // replicas or reports it missing), others for a corrupt or vanished index.
  Result<SearchResult> search(const SearchRequest& request) const;

  // Shards that did not answer when this searcher opened them (also in every SearchResult).
  const std::vector<MissingShard>& missing_shards() const { return missing_; }

  // Every match of the request (no page, no cap, no time limit, every copy of a story), in the
  // request's order, passed to `emit` one by one without snippets or facets; returns how many.
  // For exports (--export): memory stays flat however many documents match.
  Result<std::uint64_t> export_hits(const SearchRequest& request,
                                    const std::function<void(const Hit&)>& emit) const;

 private:
  // The query of a request: its parsed words (`base`) narrowed by its filters (`query`).
  struct Prepared {
    Xapian::Query query;
    Xapian::Query base;
    Xapian::Query filter;  // the filters alone (empty without filters)
    bool browse = false;   // no words: `base` matches every document, `query` is `filter`'s matches
    // The words are filters only (lang:en, date:..1990, source:Reuters): nothing is ranked by
    // text, and such queries often match most of the index, as a browse does.
    bool boolean = false;
    std::vector<query::Filter> filters;
    std::string notice;
  };
  Result<Prepared> prepare(const SearchRequest& request) const;
  // Whether `query` holds a term of a free-text field (which ranks), not only filter terms.
  bool has_text_terms(const Xapian::Query& query) const;
  Xapian::Enquire enquire_for(const Xapian::Query& query, Sort sort) const;
  Xapian::Query with_recency(const Xapian::Query& query, double half_life_days) const;
  Hit make_hit(const Xapian::MSetIterator& it, const Highlighter& highlighter,
               const std::vector<std::string>& facet_terms, bool snippets) const;
  // `place` and the ids of the places enclosing it (from the facet catalog).
  std::vector<std::string> with_ancestors(const std::string& place) const;
  std::vector<FacetList> count_facets(const Prepared& prepared, const FacetCounts& counts) const;

  Xapian::Database db_;
  query::Catalog catalog_;             // every shard's metadata
  std::vector<MissingShard> missing_;  // shards that did not answer (OpenShards::missing)
  bool remote_ = false;                // some shard is remote: count with Xapian's own spies
  FacetSource facet_source_;           // how to count facets (FacetTally)
  const schema::Schema& schema_;
  Settings settings_;
  std::string lang_prefix_;
  std::vector<std::string> text_prefixes_;   // free-text fields, "" first
  std::vector<std::string> facet_prefixes_;  // org and place
  std::string org_prefix_;
  std::string place_prefix_;
  bool multilingual_ = false;  // the index holds more than one language: list them as a facet
};

}  // namespace vigil::search
