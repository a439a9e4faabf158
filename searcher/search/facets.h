#pragma once
// Facet counts over the whole match set: organisations, places (a document counts for every
// place it names and every place enclosing them), publication years and months, years
// mentioned and languages. Counted by a Xapian MatchSpy over the `facets` value slot while the
// matcher examines every match, so the counts are exact. Disjunctive: the counts of a facet with
// selected values (--filter) are taken over the matches without that facet's own filter.

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "search/search_result.h"
#include "vigil/schema.h"

namespace vigil::search {

// Values listed per facet; the rest are counted in FacetList::more.
inline constexpr std::size_t kFacetValues = 10;

// Facet term ("XPcn.13") -> matching documents carrying it. A flat open-addressing table (one
// hash and mostly one comparison per term, terms back to back in one string, no allocation per
// term): counting runs once per matching document, and a count can hold every facet term of the
// index (tens of thousands), where every page of memory first touched costs a CGI process time.
// Not thread-safe.
class FacetCounts {
 public:
  FacetCounts();

  // Adds `count` documents to `term` (not empty).
  void add(std::string_view term, std::uint64_t count = 1);
  // Removes up to `count` documents from `term`; a term left with none is no longer counted.
  void subtract(std::string_view term, std::uint64_t count);
  // The documents counted for `term`; 0 for a term never added.
  std::uint64_t count(std::string_view term) const;
  bool contains(std::string_view term) const { return count(term) != 0; }
  // Calls visit(term, count) for every term with a count, in no particular order.
  template <typename Visit>
  void for_each(Visit visit) const {
    for (const Entry& entry : table_) {
      if (entry.count != 0) {
        visit(std::string_view(names_).substr(entry.offset, entry.size),
              static_cast<std::uint64_t>(entry.count));
      }
    }
  }

 private:
  struct Entry {               // 16 bytes
    std::uint32_t hash = 0;    // of the term
    std::uint32_t offset = 0;  // of the term in names_
    std::uint32_t size = 0;    // 0: a free entry
    std::uint32_t count = 0;   // documents (a Xapian database has fewer than 2^32)
  };
  // The entry of `term`, or the free one where it belongs.
  std::size_t index_of(std::string_view term, std::uint32_t hash) const;
  void grow();

  std::string names_;         // every term added, back to back
  std::vector<Entry> table_;  // a power of two long, at most three quarters used
  std::size_t used_ = 0;
};

// Counts the facet terms (the `facets` value slot) of every document it sees. Not thread-safe.
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  const FacetCounts& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  FacetCounts counts_;
};

// The facets a response lists, in order, with the term prefix each counts and the --filter name
// that selects in it.
struct FacetKind {
  std::string_view name;    // JSON key: "organisations", "places", "years", ...
  std::string_view prefix;  // "XO", "XP", "Y", "M", "XM", "L"
  std::string_view filter;  // "org", "place", "year", "month", "mentions", "lang"
};
const std::vector<FacetKind>& facet_kinds();

// The list of one facet from counted terms: the kFacetValues values with the most documents
// (ties by value), plus every selected value; labels of organisations and places from the
// index's facet catalog. `selected` holds terms ("XPcn.13").
FacetList make_facet_list(const FacetKind& kind, const FacetCounts& counts,
                          const std::vector<std::string>& selected, const Xapian::Database& db);

}  // namespace vigil::search
