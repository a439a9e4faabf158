#pragma once
// Copies of one story (the index's clusters, `dupkey` value slot; see indexer/index/clusters.h)
// are collapsed into one hit. Xapian's collapsed totals are bounds, not counts, even when the
// matcher examines every match, so a collapsed search counts its matches itself.

#include <xapian.h>

#include <cstdint>
#include <unordered_set>

namespace vigil::search {

// Counts every document the matcher examines and the distinct clusters among them (a document
// without a cluster key is a cluster of its own). Xapian calls match spies before it collapses, so
// copies collapsed away are counted too. Clusters are told apart by a 64-bit hash of their key
// (a collision, at odds of 2^-64 per pair, would count two as one). Not thread-safe.
class CopyCounter : public Xapian::MatchSpy {
 public:
  explicit CopyCounter(Xapian::valueno key_slot) : key_slot_(key_slot) {}
  void operator()(const Xapian::Document& doc, double weight) override;

  std::uint64_t documents() const { return documents_; }
  std::uint64_t clusters() const { return keys_.size() + unclustered_; }

 private:
  Xapian::valueno key_slot_;
  std::uint64_t documents_ = 0;
  std::uint64_t unclustered_ = 0;
  std::unordered_set<std::uint64_t> keys_;
};

}  // namespace vigil::search
