#pragma once
// Article: what every input (HTML file, JSON Lines record, later crawled pages and WARC records)
// becomes before entity recognition and indexing. One type, one path (see DESIGN.md).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

// A calendar date known to year, month or day precision; 0 marks an unknown month or day.
struct PartialDate {
  int year = 0;
  int month = 0;
  int day = 0;

  // "2021", "2021-06" or "2021-06-03".
  std::string iso() const;
  // "YYYYMMDD" with "00" for unknown parts: sorts correctly and is what the date value slot holds.
  std::string sortable() const;
  bool operator==(const PartialDate&) const = default;
};

// Parses the ISO 8601 forms found in corpora and meta tags: "2021", "2021-06", "2021-06-03",
// "2021-06-03T10:40:44", with optional fraction and "Z"/"+02:00" offset. The time is dropped after
// it has placed the date: with a zone, the result is the calendar date in UTC
// ("2021-06-03T01:30+08:00" is 2021-06-02); without one, the date as written. Returns nullopt for
// anything else or an impossible date.
std::optional<PartialDate> parse_iso_date(std::string_view text);

// A facet value an article carries: an organisation or a place, by its stable id (what filters
// and JSON `value` use) with its display label.
struct EntityRef {
  std::string id;      // "un", "x.center_for_global_policy"; "cn.13", "g1529660"
  std::string label;   // "United Nations"; "Xinjiang"
  std::string parent;  // places: the id of the enclosing place, empty for a country
  // Places: true when the text names this place, false when it is here only because a place
  // inside it is named (Xinjiang and China for a mention of Aksu).
  bool mentioned = true;
  // How the text writes it ("UN", "U.N."; "Aksu"), distinct, in order of appearance; empty for
  // enclosing places the text does not name.
  std::vector<std::string> names;
};

// A name a facet value answers to in queries, with a rank deciding between two values that share
// a name (the higher wins). Produced by entity recognition, written to the index's facet catalog.
struct FacetAlias {
  std::string name;
  std::int64_t rank = 0;
};

// What entity recognition found in an article (entities/recognise.h), indexed as facets.
struct ArticleEntities {
  std::vector<EntityRef> organisations;  // in order of first mention
  // Places in order of first mention, each followed by its enclosing places not yet listed.
  std::vector<EntityRef> places;
  // Dates the text mentions, at the precision it gives (no decades or centuries), deduplicated.
  std::vector<PartialDate> dates;
};

struct Article {
  std::string key;    // unique key: the URL, or the record id when there is no URL
  std::string url;    // the link to show; empty when the source has none
  std::string title;  // may be empty (some corpora have untitled items)
  std::vector<std::string> authors;
  std::optional<PartialDate> published;
  std::optional<PartialDate> modified;  // last update, when the page gives it
  std::string language;                 // BCP 47, e.g. "en"; empty when unknown
  std::string source;                   // publication or site name
  std::string section;      // the publication's section ("World", "Business"), when given
  std::string description;  // the page's own summary (og:description, meta description)
  std::string main_text;    // UTF-8; paragraphs separated by "\n\n"
  // Absolute http(s) URLs the page links to, in page order without duplicates or fragments (for
  // the crawler; not indexed). Empty for records of corpora.
  std::vector<std::string> links;
  ArticleEntities entities;  // filled by entity recognition before indexing; empty before
  std::string origin;        // where it came from, for messages: "corpus.jsonl.gz:12", a file path
};

// The most main text an article is indexed with. Entity recognition and the document's postings
// take about fifteen times the text in memory (a 60 MiB text took 1 GiB and 45 s), and the
// longest reports in this field run to about 2 MiB.
inline constexpr std::size_t kMaxMainTextBytes = std::size_t{4} << 20;

// Cuts article.main_text to at most `max_bytes` (at a space when one is near, never inside a UTF-8
// character), before entity recognition and indexing. Returns a warning naming article.origin
// and both sizes when it cut, nullopt when the text was within the limit.
std::optional<std::string> cap_main_text(Article& article,
                                         std::size_t max_bytes = kMaxMainTextBytes);

}  // namespace vigil
