#include "search/searcher.h"

#include <algorithm>
#include <chrono>

#include "query/facet_values.h"
#include "query/query_builder.h"
#include "search/copies.h"
#include "search/facets.h"
#include "vigil/analysis.h"
#include "vigil/errors.h"
#include "vigil/record.h"

namespace vigil::search {
namespace {

Xapian::Database open_one(const std::string& path, const schema::Schema& schema) {
  Xapian::Database db;
  try {
    db = Xapian::Database(path);
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw RuntimeError("no index at '" + path + "'",
                       "build one with: vigil-index add --db " + path + " FILES...");
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw RuntimeError("cannot open index '" + path + "': " + e.get_msg(),
                       "check that --db names a directory built by vigil-index");
  }
  const std::string version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  const std::string ours = std::to_string(schema.version());
  if (version.empty()) {
    throw RuntimeError("'" + path + "' is a Xapian database but not a Vigil index",
                       "point --db at an index built by vigil-index");
  }
  if (version != ours) {
    throw RuntimeError("index '" + path + "' was built with schema " + version +
                           ", but this vigil-search reads schema " + ours,
                       "rebuild the index with this version's vigil-index (vigil-index add)");
  }
  return db;
}

// Xapian's default: documents shorter than half the average length are scored as that long.
constexpr double kBm25MinNormLength = 0.5;

}  // namespace

Searcher::Searcher(const std::vector<std::string>& paths, const schema::Schema& schema,
                   Settings settings)
    : schema_(schema), settings_(settings), stemmer_(std::string(analysis::kStemmerLanguage)) {
  if (paths.empty()) throw RuntimeError("no index given", "pass --db DIR");
  for (const std::string& path : paths) db_.add_database(open_one(path, schema));
}

Hit Searcher::make_hit(const Xapian::MSet& mset, const Xapian::MSetIterator& it) const {
  const StoredRecord record = decode_record(it.get_document().get_data());
  Hit hit;
  hit.rank = static_cast<int>(it.get_rank()) + 1;
  hit.score = it.get_weight();
  hit.key = record.key;
  hit.url = record.url;
  hit.title = record.title;
  hit.date = record.date;
  hit.source = record.source;
  for (const StoredFacet& org : record.orgs) hit.organisations.push_back({org.id, org.label});
  for (const StoredFacet& place : record.places) hit.places.push_back({place.id, place.label});
  // Non-empty highlight markers make Xapian HTML-escape the text (an empty pair would not).
  const std::string& text = record.text.empty() ? record.title : record.text;
  hit.similar = it.get_collapse_count();
  hit.snippet_html =
      mset.snippet(text, kSnippetBytes, stemmer_,
                   Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                   "<mark>", "</mark>", "\u2026");
  return hit;
}

std::vector<FacetList> Searcher::count_facets(
    const Xapian::Query& base, const std::vector<query::Filter>& filters,
    const std::map<std::string, std::uint64_t>& counts) const {
  std::vector<FacetList> lists;
  std::vector<std::string> ignored;  // notices, given once by the main search
  for (const FacetKind& kind : facet_kinds()) {
    std::vector<query::Filter> others;
    std::vector<std::string> selected;
    for (const query::Filter& filter : filters) {
      if (filter.name != kind.filter) {
        others.push_back(filter);
        continue;
      }
      const Result<Xapian::Query> one = query::filter_query({filter}, db_, schema_, ignored);
      if (one && one.value().get_terms_begin() != one.value().get_terms_end()) {
        selected.push_back(*one.value().get_terms_begin());
      }
    }
    if (selected.empty()) {
      lists.push_back(make_facet_list(kind, counts, selected, db_));
      continue;
    }
    // Disjunctive: this facet's counts ignore its own selection.
    Xapian::Query query = base;
    const Result<Xapian::Query> rest = query::filter_query(others, db_, schema_, ignored);
    if (rest && !rest.value().empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, rest.value());
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    FacetSpy spy(static_cast<Xapian::valueno>(schema_.require("facets").slot));
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db_.get_doccount());
    lists.push_back(make_facet_list(kind, spy.counts(), selected, db_));
  }
  return lists;
}

Result<SearchResult> Searcher::search(const SearchRequest& raw) const {
  const SearchRequest request = clamp_request(raw);
  std::vector<query::Filter> filters;
  for (const auto& [name, value] : request.filters) filters.push_back({name, value});
  std::vector<std::string> notices;
  Result<Xapian::Query> filter = query::filter_query(filters, db_, schema_, notices);
  if (!filter) return filter.error();
  Result<query::ParsedQuery> parsed = query::build_query(request.query, db_, schema_, settings_.limits);
  if (!parsed && !(parsed.error().code == "empty_query" && !filters.empty())) {
    return parsed.error();
  }
  // Filters alone browse: every document that passes them.
  Xapian::Query query = parsed ? parsed.value().query : Xapian::Query::MatchAll;
  if (!filter.value().empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter.value());
  }

  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(
      Xapian::BM25Weight(settings_.bm25_k1, 0, 1, settings_.bm25_b, kBm25MinNormLength));
  if (settings_.time_limit > 0) enquire.set_time_limit(settings_.time_limit);
  const auto facet_slot = static_cast<Xapian::valueno>(schema_.require("facets").slot);
  FacetSpy spy(facet_slot);
  if (request.facets) enquire.add_matchspy(&spy);
  const auto dupkey_slot = static_cast<Xapian::valueno>(schema_.require("dupkey").slot);
  CopyCounter copies(dupkey_slot);
  // Xapian 1.4 calls match spies before it collapses (matcher/multimatch.cc), so the facet counts
  // and the copy counter see every match, collapsed or not.
  if (request.collapse) {
    enquire.set_collapse_key(dupkey_slot);
    enquire.add_matchspy(&copies);
  }
  if (request.sort != Sort::kRelevance) {
    const auto date_slot = static_cast<Xapian::valueno>(schema_.require("date").slot);
    enquire.set_sort_by_value_then_relevance(date_slot, request.sort == Sort::kDateDescending);
  }
  const auto first = static_cast<Xapian::doccount>((request.page - 1) * request.per_page);
  const auto count = static_cast<Xapian::doccount>(request.per_page);
  // The matcher examines every match, so that the total is exact (researchers count articles).
  const auto started = std::chrono::steady_clock::now();
  const Xapian::MSet mset = enquire.get_mset(first, count, db_.get_doccount());
  // The matcher's timer runs within get_mset: a shorter call cannot have been cut short.
  const bool complete =
      settings_.time_limit <= 0 ||
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() <
          settings_.time_limit;

  SearchResult result;
  result.query = request.query;
  result.filters = request.filters;
  result.page = request.page;
  result.per_page = request.per_page;
  result.total = mset.get_matches_estimated();
  result.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (request.collapse) {
    result.exact = complete;
    result.total = complete ? copies.documents() : mset.get_uncollapsed_matches_estimated();
    const std::uint64_t listed = complete ? copies.clusters() : mset.get_matches_estimated();
    result.collapsed = result.total - std::min(listed, result.total);
  }
  if (parsed) notices.insert(notices.begin(), parsed.value().notice);
  for (const std::string& notice : notices) {
    if (notice.empty()) continue;
    if (!result.notice.empty()) result.notice += ' ';
    result.notice += notice;
  }
  if (request.facets) {
    const Xapian::Query base = parsed ? parsed.value().query : Xapian::Query::MatchAll;
    result.facets = count_facets(base, filters, spy.counts());
  }
  result.hits.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) result.hits.push_back(make_hit(mset, it));
  return result;
}

}  // namespace vigil::search
