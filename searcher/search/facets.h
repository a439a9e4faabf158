#pragma once
// Facet counts over the whole match set: organisations, places (a document counts for every
// place it names and every place enclosing them), publication years and months, years
// mentioned and languages. Counted by a Xapian MatchSpy over the `facets` value slot while the
// matcher examines every match, so the counts are exact; a match set covering most of the index
// (a browse by filters alone) is counted from the terms' document frequencies instead
// (count_facet_terms), exactly too. Disjunctive: the counts of a facet with selected values
// (--filter) are taken over the matches without that facet's own filter.

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "query/catalog.h"
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
  // Counts the terms that start with `prefix` (every term when empty).
  explicit FacetSpy(Xapian::valueno slot, std::string_view prefix = {})
      : slot_(slot), prefix_(prefix) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  const FacetCounts& counts() const& { return counts_; }
  FacetCounts counts() && { return std::move(counts_); }

 private:
  Xapian::valueno slot_;
  std::string prefix_;
  FacetCounts counts_;
};

// Counts facet terms over the documents a matcher examines, with a match spy every database of
// the search can run: FacetSpy when every shard is local; when one is remote, Xapian's own
// ValueCountMatchSpy, since the stock xapian-tcpsrv runs only the spies Xapian registers (a spy
// of ours would need a shard server of ours). ValueCountMatchSpy counts whole values; a document's
// `facets` value lists its facet terms, so each distinct list's count is added to each of its
// terms: the same counts, for the cost of every remote shard sending back each distinct list of
// its matches. Not thread-safe.
class FacetTally {
 public:
  // Counts the terms that start with `prefix` (every term when empty).
  FacetTally(Xapian::valueno slot, std::string_view prefix, bool remote);
  ~FacetTally();
  FacetTally(const FacetTally&) = delete;
  FacetTally& operator=(const FacetTally&) = delete;
  FacetTally(FacetTally&&) = delete;
  FacetTally& operator=(FacetTally&&) = delete;

  // The spy to add to the Enquire (owned by this tally).
  Xapian::MatchSpy* spy();
  // The counts, once the match ran.
  FacetCounts counts() &&;

 private:
  std::string prefix_;
  std::unique_ptr<FacetSpy> local_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> remote_;
};

// The facets a response lists, in order, with the term prefix each counts and the --filter name
// that selects in it.
struct FacetKind {
  std::string_view name;    // JSON key: "organisations", "places", "years", ...
  std::string_view prefix;  // "XO", "XP", "Y", "M", "XM", "L"
  std::string_view filter;  // "org", "place", "year", "month", "mentions", "lang"
  // Characters after the prefix of the terms counted ("Y" + 4 digits, not "YYYY" + more); 0: any.
  // The indexer's `facets` slot holds exactly the document's terms that fit (store_facet_terms).
  std::size_t digits = 0;
};
const std::vector<FacetKind>& facet_kinds();

// Whether `term` is a term that `kind` counts.
bool counts_as(const FacetKind& kind, std::string_view term);

// Exact counts of the facet terms (every kind's) over the documents that match `query`, in the
// database whose `facets` value slot is `slot`: the counts a FacetSpy gives over a match set
// examined in full. A query that matches most documents is counted from the other side: the
// terms' document frequencies (the `facets` slot holds exactly the document's facet terms) less
// their counts over the documents it does not match, which reads fewer documents. `matches`: how
// many documents `query` matches, when the caller knows it exactly; else an estimate chooses the
// side (both give exact counts). `kind`, when given: only that kind's terms are needed (others
// may be missing or counted). `remote`: some shard of `db` is remote (FacetTally). No time limit.
// Xapian::Error propagates.
FacetCounts count_facet_terms(const Xapian::Database& db, const Xapian::Query& query,
                              Xapian::valueno slot,
                              std::optional<Xapian::doccount> matches = std::nullopt,
                              const FacetKind* kind = nullptr, bool remote = false);

// The list of one facet from counted terms: the kFacetValues values with the most documents
// (ties by value), plus every selected value; labels of organisations and places from the
// index's facet catalog. `selected` holds terms ("XPcn.13").
FacetList make_facet_list(const FacetKind& kind, const FacetCounts& counts,
                          const std::vector<std::string>& selected, const query::Catalog& catalog);

// The timeline (SearchResult::Timeline) from the counted year ("Y2021") and month ("M202105")
// terms.
Timeline make_timeline(const FacetCounts& counts);

}  // namespace vigil::search
