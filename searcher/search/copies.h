#pragma once
// Copies of one story (the index's clusters, `dupkey` value slot; see indexer/index/clusters.h)
// are collapsed into one hit. Xapian's collapsed totals are bounds, not counts, even when the
// matcher examines every match, so a collapsed search counts its matches itself.

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace vigil::search {

// Counts every document the matcher examines and the distinct clusters among them (a document
// without a cluster key is a cluster of its own). Xapian calls match spies before it collapses, so
// copies collapsed away are counted too. Clusters are told apart by a 64-bit hash of their key
// (a collision, at odds of 2^-64 per pair, would count two as one). The hashes are kept in a flat
// open-addressing table: a browse can pass every document of the index through here. Not
// thread-safe.
class CopyCounter : public Xapian::MatchSpy {
 public:
  explicit CopyCounter(Xapian::valueno key_slot);
  void operator()(const Xapian::Document& doc, double weight) override;

  std::uint64_t documents() const { return documents_; }
  std::uint64_t clusters() const { return keys_ + (zero_seen_ ? 1 : 0) + unclustered_; }

 private:
  void insert(std::uint64_t hash);

  Xapian::valueno key_slot_;
  std::uint64_t documents_ = 0;
  std::uint64_t unclustered_ = 0;
  std::vector<std::uint64_t> table_;  // a power of two long, at most half full; 0: free
  std::uint64_t keys_ = 0;            // distinct non-zero hashes in table_
  bool zero_seen_ = false;            // a key whose hash is 0 (kept apart from the free mark)
};

// Counts documents and clusters with a spy every database of the search can run (as FacetTally
// does for facets): CopyCounter when every shard is local; when one is remote, Xapian's own
// ValueCountMatchSpy over the cluster keys, whose distinct keys are the clusters (each remote
// shard then sends back the distinct keys of its matches). Not thread-safe.
class ClusterTally {
 public:
  ClusterTally(Xapian::valueno key_slot, bool remote);
  ~ClusterTally();
  ClusterTally(const ClusterTally&) = delete;
  ClusterTally& operator=(const ClusterTally&) = delete;
  ClusterTally(ClusterTally&&) = delete;
  ClusterTally& operator=(ClusterTally&&) = delete;

  Xapian::MatchSpy* spy();  // to add to the Enquire (owned by this tally)
  // Once the match ran: the documents seen, and the clusters among them (a document without a
  // cluster key is a cluster of its own).
  std::uint64_t documents() const;
  std::uint64_t clusters() const;

 private:
  std::unique_ptr<CopyCounter> local_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> remote_;
};

}  // namespace vigil::search
