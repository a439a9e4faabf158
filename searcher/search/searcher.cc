#include "search/searcher.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "query/facet_values.h"
#include "query/prefix_terms.h"
#include "query/query_builder.h"
#include "search/copies.h"
#include "search/facets.h"
#include "search/postings_bound.h"
#include "search/recency.h"
#include "search/spelling.h"
#include "vigil/analysis.h"
#include "vigil/errors.h"
#include "vigil/record.h"
#include "vigil/text.h"

namespace vigil::search {
namespace {

// Xapian's default: documents shorter than half the average length are scored as that long.
constexpr double kBm25MinNormLength = 0.5;

}  // namespace

Searcher::Searcher(const std::vector<std::string>& dbs, const schema::Schema& schema,
                   Settings settings)
    : catalog_(Xapian::Database()), schema_(schema), settings_(settings) {
  if (dbs.empty()) throw RuntimeError("no index given", "pass --db DIR");
  OpenShards shards = open_shards(parse_shards(dbs), schema, settings_.remote);
  db_ = shards.all;
  const std::size_t databases = shards.each.size();
  catalog_ = query::Catalog(std::move(shards.each));
  missing_ = std::move(shards.missing);
  remote_ = shards.remote;
  facet_source_.terms_slot = static_cast<Xapian::valueno>(schema.require("facets").slot);
  facet_source_.ids_slot = static_cast<Xapian::valueno>(schema.require("order").slot);
  facet_source_.spy = remote_         ? FacetSource::Spy::kRemote
                      : databases > 1 ? FacetSource::Spy::kTerms
                                      : FacetSource::Spy::kIds;
  for (const schema::Field& field : schema.fields()) {
    if (field.kind == schema::FieldKind::kText) text_prefixes_.push_back(field.prefix);
  }
  // Longest first, so that "XD" is tried before "".
  std::sort(text_prefixes_.begin(), text_prefixes_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  org_prefix_ = schema.require("org").prefix;
  place_prefix_ = schema.require("place").prefix;
  facet_prefixes_ = {org_prefix_, place_prefix_};
  lang_prefix_ = schema.require("lang").prefix;
  multilingual_ = query::prefix_terms(db_, lang_prefix_, 2).size() == 2;
}

std::vector<std::string> Searcher::with_ancestors(const std::string& place) const {
  std::vector<std::string> ids{place};
  constexpr std::size_t kMaxDepth = 8;  // a malformed catalog cannot loop
  while (ids.size() < kMaxDepth) {
    const std::string entry = catalog_.get(schema::facet_key("place", ids.back()));
    const std::size_t tab = entry.find('\t');
    if (tab == std::string::npos || tab + 1 == entry.size()) break;
    ids.push_back(entry.substr(tab + 1));
  }
  return ids;
}

Hit Searcher::make_hit(const Xapian::MSetIterator& it, const Highlighter& highlighter,
                       const std::vector<std::string>& facet_terms, bool snippets) const {
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
  if (!snippets) return hit;
  // The names under which the organisations and places a filter asked for appear in the text.
  std::vector<std::string> names;
  const auto wanted = [&](const std::string& term) {
    return std::find(facet_terms.begin(), facet_terms.end(), term) != facet_terms.end();
  };
  const auto add_names = [&](const StoredFacet& facet) {
    names.push_back(facet.label);
    names.insert(names.end(), facet.names.begin(), facet.names.end());
  };
  if (!facet_terms.empty()) {
    for (const StoredFacet& org : record.orgs) {
      if (wanted(org_prefix_ + org.id)) add_names(org);
    }
    for (const StoredFacet& place : record.places) {
      for (const std::string& id : with_ancestors(place.id)) {
        if (wanted(place_prefix_ + id)) {
          add_names(place);
          break;
        }
      }
    }
  }
  const std::string& text = record.text.empty() ? record.title : record.text;
  hit.similar = it.get_collapse_count();
  const std::string lang = language_subtag(record.lang);
  hit.snippet_html = highlighter.snippet(text, names, kSnippetBytes, lang);
  hit.title_html = highlighter.mark_all(record.title, lang);
  return hit;
}

std::vector<FacetList> Searcher::count_facets(const Prepared& prepared,
                                              const FacetCounts& counts) const {
  const std::vector<query::Filter>& filters = prepared.filters;
  std::vector<FacetList> lists;
  std::vector<std::string> ignored;  // notices, given once by the main search
  for (const FacetKind& kind : facet_kinds()) {
    if (kind.filter == "lang" && !multilingual_) continue;  // one language: nothing to choose
    std::vector<query::Filter> others;
    std::vector<std::string> selected;
    for (const query::Filter& filter : filters) {
      if (filter.name != kind.filter) {
        others.push_back(filter);
        continue;
      }
      const Result<Xapian::Query> one = query::filter_query({filter}, catalog_, schema_, ignored);
      if (one && one.value().get_terms_begin() != one.value().get_terms_end()) {
        selected.push_back(*one.value().get_terms_begin());
      }
    }
    if (selected.empty()) {
      lists.push_back(make_facet_list(kind, counts, selected, catalog_));
      continue;
    }
    // Disjunctive: this facet's counts ignore its own selection.
    Xapian::Query query = prepared.base;
    const Result<Xapian::Query> rest = query::filter_query(others, catalog_, schema_, ignored);
    if (rest && !rest.value().empty()) {
      // The same documents; without the all-documents list the matcher has less to walk.
      query = prepared.browse ? rest.value()
                              : Xapian::Query(Xapian::Query::OP_FILTER, query, rest.value());
    }
    const FacetCounts own =
        count_facet_terms(db_, query, facet_source_, std::nullopt, &kind, selected);
    lists.push_back(make_facet_list(kind, own, selected, catalog_));
  }
  return lists;
}

bool Searcher::has_text_terms(const Xapian::Query& query) const {
  for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it) {
    const std::string& term = *it;
    // Text terms: unprefixed (lower case, digits, other scripts), stemmed ("Z..."), or under a
    // text field's prefix ("S" title, "A" author, "XD" description). Filter fields' prefixes are
    // none of these (schemas/fields.schema).
    if (term.empty() || term[0] < 'A' || term[0] > 'Z' || term[0] == 'Z') return true;
    for (const std::string& prefix : text_prefixes_) {
      if (!prefix.empty() && term.compare(0, prefix.size(), prefix) == 0) return true;
    }
  }
  return false;
}

Result<Searcher::Prepared> Searcher::prepare(const SearchRequest& request) const {
  Prepared prepared;
  for (const auto& [name, value] : request.filters) prepared.filters.push_back({name, value});
  std::vector<std::string> notices;
  Result<Xapian::Query> filter = query::filter_query(prepared.filters, catalog_, schema_, notices);
  if (!filter) return filter.error();
  Result<query::ParsedQuery> parsed =
      query::build_query(request.query, db_, catalog_, schema_, settings_.limits,
                         request.exact ? query::Matching::kExact : query::Matching::kVariants);
  if (!parsed && !(parsed.error().code == "empty_query" && !prepared.filters.empty())) {
    return parsed.error();
  }
  // Filters alone browse: every document that passes them.
  prepared.base = parsed ? parsed.value().query : Xapian::Query::MatchAll;
  prepared.browse = !parsed;
  prepared.boolean = parsed && !has_text_terms(parsed.value().query);
  prepared.query = prepared.base;
  prepared.filter = filter.value();
  if (!filter.value().empty()) {
    prepared.query = Xapian::Query(Xapian::Query::OP_FILTER, prepared.base, filter.value());
  }
  if (parsed) notices.insert(notices.begin(), parsed.value().notice);
  for (const std::string& notice : notices) {
    if (notice.empty()) continue;
    if (!prepared.notice.empty()) prepared.notice += ' ';
    prepared.notice += notice;
  }
  return prepared;
}

Xapian::Enquire Searcher::enquire_for(const Xapian::Query& query, Sort sort) const {
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  enquire.set_weighting_scheme(
      Xapian::BM25Weight(settings_.bm25_k1, 0, 1, settings_.bm25_b, kBm25MinNormLength));
  // Remote shards run the timer in their long-lived server; a small local match needs none
  // (search/postings_bound.h).
  if (settings_.time_limit > 0 && (remote_ || needs_time_limit(db_, query, settings_.time_limit))) {
    enquire.set_time_limit(settings_.time_limit);
  }
  // The `order` value (date, then a hash of the key) makes the order total without document ids,
  // which differ between one index and the same documents in shards: equal weights list newest
  // first, and a date sort lists the articles of one day in a fixed order of their keys.
  // (Xapian's KeyMaker, which could sort by date, then weight, then key, is not supported by the
  // remote backend.)
  const auto order_slot = static_cast<Xapian::valueno>(schema_.require("order").slot);
  if (sort == Sort::kRelevance) {
    enquire.set_sort_by_relevance_then_value(order_slot, true);
  } else {
    enquire.set_sort_by_value(order_slot, sort == Sort::kDateDescending);
  }
  return enquire;
}

Result<std::uint64_t> Searcher::export_hits(const SearchRequest& request,
                                            const std::function<void(const Hit&)>& emit) const {
  Result<Prepared> prepared = prepare(request);
  if (!prepared) return prepared.error();
  Xapian::Enquire enquire = enquire_for(prepared.value().query, request.sort);
  enquire.set_time_limit(0);  // an export is a batch job: every match, however long it takes
  constexpr Xapian::doccount kChunk = 1000;
  const Highlighter none(MarkTerms{});
  std::uint64_t emitted = 0;
  for (Xapian::doccount first = 0;; first += kChunk) {
    const Xapian::MSet mset = enquire.get_mset(first, kChunk);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      emit(make_hit(it, none, {}, false));
      ++emitted;
    }
    if (mset.size() < kChunk) break;
  }
  return emitted;
}

Xapian::Query Searcher::with_recency(const Xapian::Query& query, double half_life_days) const {
  const auto slot = static_cast<Xapian::valueno>(schema_.require("date").slot);
  const long newest = days_of(db_.get_value_upper_bound(slot));
  if (newest < 0) return query;
  Xapian::PostingSource* source =
      remote_ ? static_cast<Xapian::PostingSource*>(
                    mapped_recency_source(db_, slot, kRecencyBonus, half_life_days, newest))
              : new RecencySource(slot, kRecencyBonus, half_life_days, newest);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(source->release()));
}

Result<SearchResult> Searcher::search(const SearchRequest& raw) const {
  const auto started = std::chrono::steady_clock::now();
  const SearchRequest request = clamp_request(raw);
  Result<Prepared> prepared_or = prepare(request);
  if (!prepared_or) return prepared_or.error();
  const Prepared& prepared = prepared_or.value();
  const Xapian::Query& query = prepared.query;

  Xapian::Enquire enquire = enquire_for(request.recency_days > 0 && request.sort == Sort::kRelevance
                                            ? with_recency(query, request.recency_days)
                                            : query,
                                        request.sort);
  FacetTally spy(db_, facet_source_, nullptr);
  // The match spies count every match. Xapian 1.4.22 feeds some documents to spies twice when
  // two or more remote shards return a page sorted by value (seen on the news shards: 122 spied
  // for 112 matches; a page of none is counted right), so with a remote shard the spies get a
  // match of their own that returns no page. Locally, `counter` is `enquire` (a shared handle).
  Xapian::Enquire counter = remote_ ? enquire_for(query, Sort::kRelevance) : enquire;
  bool spying = false;
  // A browse (filters only, in --filter or in the query) often matches most of the index: its
  // counts are cheaper from the terms' document frequencies (count_facet_terms) than from reading
  // every match. Both are exact.
  const bool by_frequency = prepared.browse || prepared.boolean;
  if (request.facets && !by_frequency) {
    counter.add_matchspy(spy.spy());
    spying = true;
  }
  const auto dupkey_slot = static_cast<Xapian::valueno>(schema_.require("dupkey").slot);
  ClusterTally copies(dupkey_slot, remote_);
  // Xapian 1.4 calls match spies before it collapses (matcher/multimatch.cc), so the facet counts
  // and the copy counter see every match, collapsed or not.
  if (request.collapse) {
    enquire.set_collapse_key(dupkey_slot);
    counter.add_matchspy(copies.spy());
    spying = true;
  }
  const auto first = static_cast<Xapian::doccount>((request.page - 1) * request.per_page);
  const auto count = static_cast<Xapian::doccount>(request.per_page);
  // The matcher examines every match, so that the total is exact (researchers count articles).
  // The matcher's timer runs within get_mset: a shorter call cannot have been cut short.
  const auto within_limit = [this](std::chrono::steady_clock::time_point started_at) {
    return settings_.time_limit <= 0 ||
           std::chrono::duration<double>(std::chrono::steady_clock::now() - started_at).count() <
               settings_.time_limit;
  };
  bool complete = true;
  if (remote_ && spying) {
    const auto count_started = std::chrono::steady_clock::now();
    counter.get_mset(0, 0, db_.get_doccount());
    complete = within_limit(count_started);
  }
  const auto match_started = std::chrono::steady_clock::now();
  const Xapian::MSet mset = enquire.get_mset(first, count, db_.get_doccount());
  complete = within_limit(match_started) && complete;

  SearchResult result;
  result.query = request.query;
  result.filters = request.filters;
  result.page = request.page;
  result.per_page = request.per_page;
  result.total = mset.get_matches_estimated();
  result.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  result.notice = prepared.notice;
  result.missing_shards = missing_;
  if (request.collapse) {
    result.exact = complete;
    result.total = complete ? copies.documents() : mset.get_uncollapsed_matches_estimated();
    const std::uint64_t listed = complete ? copies.clusters() : mset.get_matches_estimated();
    result.collapsed = result.total - std::min(listed, result.total);
  }
  if (request.facets) {
    // A browse is counted from document frequencies (count_facet_terms); the matches are known
    // exactly when the matcher examined them all.
    FacetCounts browsed;
    if (by_frequency) {
      const std::optional<Xapian::doccount> matches =
          result.exact ? std::optional(static_cast<Xapian::doccount>(result.total)) : std::nullopt;
      browsed =
          count_facet_terms(db_, prepared.browse ? prepared.filter : query, facet_source_, matches);
    }
    const FacetCounts counts = by_frequency ? std::move(browsed) : std::move(spy).counts();
    result.facets = count_facets(prepared, counts);
    result.timeline = make_timeline(counts);
  }
  MarkTerms marks = mark_terms(query, request.query, text_prefixes_, facet_prefixes_);
  // Frequencies the match gathered already (no look-up, none over the network for remote shards).
  weigh_words(marks, db_.get_doccount(),
              [&](const std::string& word) { return mset.get_termfreq(word); });
  const std::vector<std::string> facet_terms = marks.facet_terms;
  const Highlighter highlighter(std::move(marks));
  result.hits.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    result.hits.push_back(make_hit(it, highlighter, facet_terms, true));
  }
  if (!request.query.empty()) result.did_you_mean = suggest(db_, request.query, lang_prefix_);
  result.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace vigil::search
