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
#include <unordered_map>
#include <vector>

#include "search/search_result.h"
#include "vigil/schema.h"

namespace vigil::search {

// Values listed per facet; the rest are counted in FacetList::more.
inline constexpr std::size_t kFacetValues = 10;

// Facet term ("XPcn.13") -> matching documents carrying it; searchable by string_view without a
// copy (most terms are seen many times while counting).
struct FacetHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};
using FacetCounts = std::unordered_map<std::string, std::uint64_t, FacetHash, std::equal_to<>>;

// Counts the facet terms (the `facets` value slot) of every document it sees.
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

// The timeline (SearchResult::Timeline) from the counted year ("Y2021") and month ("M202105")
// terms.
Timeline make_timeline(const FacetCounts& counts);

}  // namespace vigil::search
