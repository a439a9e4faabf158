#pragma once
// SearchRequest and SearchResult: plain data shared by the query, search and render modules.
// No Xapian types here, so renderers never touch the engine.

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace vigil::search {

// Result order: BM25 relevance, or publication date (oldest or newest first; ties by relevance;
// articles without a date come last when newest come first, first otherwise).
enum class Sort { kRelevance, kDateAscending, kDateDescending };

// One search, however it arrived (command line now, CGI later). Limits are applied once, by
// clamp_request(), before the search runs.
struct SearchRequest {
  std::string query;  // the user's query text, UTF-8; may be empty when there are filters
  int page = 1;       // 1-based
  int per_page = 10;
  // Drill-down filters (--filter NAME=VALUE): name and value, e.g. {"place", "cn.13"}. Values
  // of one name are ORed, names ANDed, and the whole narrows the query.
  std::vector<std::pair<std::string, std::string>> filters;
  Sort sort = Sort::kRelevance;
  bool facets = true;  // count facets over the matches (SearchResult::facets)
  // Match words as written: no stemming, no spelling variants (Uighur then misses Uyghur).
  bool exact = false;
  // Relevance order only: newer articles get a bonus halving every this many days of age
  // (search/recency.h); 0 turns it off.
  double recency_days = 0;
  // Copies of one story (the index's clusters of near-identical texts) are one hit, with the
  // number of the others in Hit::similar; false lists every copy.
  bool collapse = true;
};

inline constexpr int kMaxPerPage = 100;
inline constexpr int kMaxPage = 1000;

// Page and per_page clamped to 1..kMaxPage and 1..kMaxPerPage.
inline SearchRequest clamp_request(SearchRequest request) {
  request.page = std::clamp(request.page, 1, kMaxPage);
  request.per_page = std::clamp(request.per_page, 1, kMaxPerPage);
  return request;
}

// A facet value of a hit: `value` is what a filter takes (place:cn.13), `label` what to show.
struct FacetValue {
  std::string value;
  std::string label;
};

struct Hit {
  int rank = 0;        // 1-based over the whole result list
  double score = 0;    // BM25 weight
  std::string key;     // the unique key
  std::string url;     // may be empty
  std::string title;   // may be empty: renderers show a fallback
  std::string date;    // ISO at the known precision, or empty
  std::string source;  // publication name, may be empty
  // A text extract around the best match, HTML-escaped, with matched words in <mark>...</mark>
  // and "…" where text was left out. The only markup it contains is <mark> and </mark>.
  std::string snippet_html;
  // Organisations and places the article names, in order of first mention (why it matched a
  // facet filter, and chips to filter by).
  std::vector<FacetValue> organisations;
  std::vector<FacetValue> places;
  // Other matching copies of this story collapsed into this hit (0 without collapsing).
  std::uint64_t similar = 0;
  // The title, HTML-escaped, with matched words in <mark>...</mark> (no other markup).
  std::string title_html;
};

// One value of a facet and how many matching documents carry it.
struct FacetCount {
  std::string value;  // what --filter takes: "cn.13", "un", "2021", "2021-05"
  std::string label;  // what to show: "Xinjiang", "United Nations", "2021"
  std::uint64_t count = 0;
  bool selected = false;  // chosen with --filter
};

// One facet: its values with the most documents first, and how many other values there are.
struct FacetList {
  std::string name;  // "organisations", "places", "years", "months", "mentioned_years"
  std::vector<FacetCount> values;
  std::uint64_t more = 0;  // values not listed
};

// Matching articles per publication period, oldest first, for a histogram: per year, or per month
// when the matches' dates span at most kTimelineMonthYears calendar years. Inside the span, periods
// without a match are listed with 0, unless the span has more than kTimelinePeriods periods (then
// only periods with matches are listed).
inline constexpr int kTimelineMonthYears = 2;
inline constexpr int kTimelinePeriods = 120;
struct Timeline {
  std::string unit;                 // "year" or "month"; empty when no match has a date
  std::vector<FacetCount> periods;  // value and label "2021" or "2021-05"; what from/to take
};

// A shard that did not answer.
struct MissingShard {
  int number = 0;    // its place among the shards searched, from 1
  std::string name;  // its replicas as given ("tcp:10.0.0.1:7001,tcp:10.0.0.2:7001")
  std::string why;   // each replica's error
};

struct SearchResult {
  std::string query;                                         // as the user typed it
  std::vector<std::pair<std::string, std::string>> filters;  // as requested (name, value)
  std::uint64_t total = 0;  // matching documents, every copy counted (estimated unless exact)
  // Matching copies collapsed into another hit (SearchRequest::collapse): the whole result list,
  // which the pages hold, has total - collapsed entries (estimated unless exact).
  std::uint64_t collapsed = 0;
  bool exact = false;
  int page = 1;
  int per_page = 10;
  std::vector<Hit> hits;
  // Facet counts over all matches (exact: every match is examined).
  std::vector<FacetList> facets;
  Timeline timeline;  // with the facets, over all matches (every filter applied)
  // Set when the query could not be parsed as written and was searched as plain words instead.
  std::string notice;
  // Shards of the index that did not answer (search/shards.h): their documents are missing from
  // the hits, the total and the counts. Empty when all answered.
  std::vector<MissingShard> missing_shards;
  // The query with misspelt words corrected from the index's vocabulary, or empty.
  std::string did_you_mean;
  double took_ms = 0;  // time spent searching (parse, match, facets, snippets), not rendering
};

}  // namespace vigil::search
