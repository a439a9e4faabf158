#pragma once
// Facet counts over the whole match set: organisations, places (a document counts for every
// place it names and every place enclosing them), publication years and months, years
// mentioned and languages. Counted by a Xapian MatchSpy while the matcher examines every match,
// so the counts are exact: over the facet ids at the end of the `order` value (a few bytes per
// document, vigil/facet_ids.h) when the search has one local database, else over the `facets`
// slot (the
// terms themselves, which every shard agrees on); a match set covering most of the index
// (a browse by filters alone) is counted from the terms' document frequencies instead
// (count_facet_terms), exactly too. Disjunctive: the counts of a facet with selected values
// (--filter) are taken over the matches without that facet's own filter.

#include <xapian.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "query/catalog.h"
#include "search/search_result.h"
#include "vigil/facet_ids.h"
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
  // Records that `terms` more terms under `prefix` have a count but are not named here (a
  // FacetIdSpy's counts below the first kFacetValues of their kind: make_facet_list counts them
  // in FacetList::more).
  void add_unnamed(std::string_view prefix, std::uint64_t terms);
  // The terms recorded by add_unnamed under exactly `prefix`.
  std::uint64_t unnamed(std::string_view prefix) const;
  // Calls visit(term, count) for every named term with a count, in no particular order.
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
  std::vector<std::pair<std::string, std::uint64_t>> unnamed_;  // prefix, terms
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

// Counts the facet ids (after the first schema::kOrderBytes of the `order` value,
// vigil/facet_ids.h) of every document it sees.
// The counts are kept in a flat open-addressing table that starts small and grows with the ids
// seen, not in arrays as long as the largest id: every page of memory first touched costs a CGI
// process time. Not thread-safe.
class FacetIdSpy : public Xapian::MatchSpy {
 public:
  // Counts the ids of kind `kind` (an index of schema::kFacetIdKinds), or of every kind.
  explicit FacetIdSpy(Xapian::valueno slot, std::optional<std::size_t> kind = std::nullopt);
  void operator()(const Xapian::Document& doc, double weight) override;
  // (number, documents) of every id of kind `kind` seen, by number (schema::facet_id_seq).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> counts(std::size_t kind) const;
  // Whether some value seen was ill-formed (its ids from the first bad byte on were not counted).
  bool damaged() const { return damaged_; }

 private:
  struct Entry {
    std::uint32_t key = 0;  // id + 1; 0: a free entry
    std::uint32_t count = 0;
  };
  void add(std::uint32_t id);
  void grow();

  Xapian::valueno slot_;
  std::optional<std::size_t> kind_;
  std::vector<Entry> table_;  // a power of two long, at most half used
  std::size_t used_ = 0;
  bool damaged_ = false;
};

// The counts of `spy` as terms, from the facet-id dictionary of `db` (the one database the spy
// ran on): every term of a kind when it has at most kFacetValues, and always the years and months
// (for the timeline); otherwise the terms with at least the kFacetValues-th largest count, and the
// terms of `named` that have a count. The other terms with a count are recorded with
// FacetCounts::add_unnamed. So make_facet_list gives the lists a count of every term would give.
// Throws RuntimeError (with a hint to rebuild) when the dictionary lacks a counted id or the spy
// saw an ill-formed value; Xapian::Error propagates.
FacetCounts name_facet_ids(const Xapian::Database& db, const FacetIdSpy& spy,
                           const std::vector<std::string>& named);

// How a search counts facets: its slots, and the spy its databases can run.
struct FacetSource {
  enum class Spy {
    kIds,     // one local database: FacetIdSpy over `order` (its own numbers)
    kTerms,   // several local shards, each numbering its terms its own way: FacetSpy over `facets`
    kRemote,  // some shard is remote: Xapian's ValueCountMatchSpy over `facets` (see FacetTally)
  };
  Xapian::valueno terms_slot = 0;  // `facets`
  Xapian::valueno ids_slot = 0;    // `order`, whose value ends with the facet ids
  Spy spy = Spy::kIds;
};

// Counts facet terms over the documents a matcher examines, with a match spy every database of
// the search can run: FacetIdSpy on one local database, FacetSpy when every shard is local; when
// one is remote, Xapian's own
// ValueCountMatchSpy, since the stock xapian-tcpsrv runs only the spies Xapian registers (a spy
// of ours would need a shard server of ours). ValueCountMatchSpy counts whole values; a document's
// `facets` value lists its facet terms, so each distinct list's count is added to each of its
// terms: the same counts, for the cost of every remote shard sending back each distinct list of
// its matches. Not thread-safe.
class FacetTally {
 public:
  // Counts the terms of `kind` (every kind's when null) in `db` (the database searched, which must
  // outlive this), and names the terms of `named` (FacetIdSpy's counts name only the leading
  // terms: name_facet_ids).
  FacetTally(const Xapian::Database& db, const FacetSource& source, const FacetKind* kind,
             std::vector<std::string> named = {});
  ~FacetTally();
  FacetTally(const FacetTally&) = delete;
  FacetTally& operator=(const FacetTally&) = delete;
  FacetTally(FacetTally&&) = delete;
  FacetTally& operator=(FacetTally&&) = delete;

  // The spy to add to the Enquire (owned by this tally).
  Xapian::MatchSpy* spy();
  // The counts, once the match ran. Throws as name_facet_ids.
  FacetCounts counts() &&;

 private:
  const Xapian::Database& db_;
  std::string prefix_;
  std::vector<std::string> named_;
  std::unique_ptr<FacetIdSpy> ids_;
  std::unique_ptr<FacetSpy> local_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> remote_;
};

// Exact counts of the facet terms (every kind's) over the documents that match `query`, in the
// database whose `facets` value slot is `slot`: the counts a FacetSpy gives over a match set
// examined in full. A query that matches most documents is counted from the other side: the
// terms' document frequencies (the `facets` slot holds exactly the document's facet terms) less
// their counts over the documents it does not match, which reads fewer documents. `matches`: how
// many documents `query` matches, when the caller knows it exactly; else an estimate chooses the
// side (both give exact counts). `kind`, when given: only that kind's terms are needed (others
// may be missing or counted). `source`: the slots and spy (FacetTally); `named`: terms to name
// whatever their counts (FacetTally). No time limit. Throws as FacetTally::counts; Xapian::Error
// propagates.
FacetCounts count_facet_terms(const Xapian::Database& db, const Xapian::Query& query,
                              const FacetSource& source,
                              std::optional<Xapian::doccount> matches = std::nullopt,
                              const FacetKind* kind = nullptr,
                              const std::vector<std::string>& named = {});

// The list of one facet from counted terms: the kFacetValues values with the most documents
// (ties by value), plus every selected value; labels of organisations and places from the
// index's facet catalog. `selected` holds terms ("XPcn.13").
FacetList make_facet_list(const FacetKind& kind, const FacetCounts& counts,
                          const std::vector<std::string>& selected, const query::Catalog& catalog);

// The timeline (SearchResult::Timeline) from the counted year ("Y2021") and month ("M202105")
// terms.
Timeline make_timeline(const FacetCounts& counts);

}  // namespace vigil::search
