#pragma once
// The stored record: what a document's data holds so that vigil-search can show a hit (title,
// URL, date, source, snippet text) without opening any other file. Both binaries use this codec.
//
// Encoding: one "name=value" line per field, in Omega's style so that stock Xapian tools show
// `url` and `caption` (the title). Backslash and newline inside values are escaped as \\ and \n.

#include <string>
#include <string_view>
#include <vector>

namespace vigil {

// A facet value shown with a hit: its id (what a filter uses) and display label.
struct StoredFacet {
  std::string id;
  std::string label;
  // How the text writes it ("UN", "U.N."), so the searcher can mark the words an org: or place:
  // filter matched.
  std::vector<std::string> names;
  bool operator==(const StoredFacet&) const = default;
};

struct StoredRecord {
  std::string key;     // the unique key (URL or record id)
  std::string url;     // link to show; may be empty for corpora without URLs
  std::string title;   // may be empty
  std::string date;    // ISO 8601 at the known precision: "2021", "2021-06" or "2021-06-03"
  std::string source;  // publication or site name
  std::string author;  // authors joined by "; "
  std::string lang;    // BCP 47 tag, e.g. "en"
  // Organisations and places the text names (not the places enclosing them), in order of first
  // mention; one "org=id<TAB>label[<TAB>name]..." or "place=..." line each.
  std::vector<StoredFacet> orgs;
  std::vector<StoredFacet> places;
  std::string text;  // the main text; paragraphs separated by blank lines
};

std::string encode_record(const StoredRecord& record);

// Unknown names and malformed lines are ignored, so older searchers can read newer records.
StoredRecord decode_record(std::string_view data);

}  // namespace vigil
