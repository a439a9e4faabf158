#pragma once
// Clusters of copies: which documents of an index are copies of one story (the same text at other
// URLs, or sent again with a few words changed), so that the searcher shows them as one hit with
// "N similar". Xapian collapses on equal values only, so the cluster is decided at index time and
// stored as a key in the `dupkey` value slot.
//
// A cluster is founded by its first document, and its key is founder_key() of the founder's
// unique-id term. A new document joins the cluster of the closest founder (fewest differing bits,
// then the oldest) that is a near copy: publication days at most kMaxDaysApart apart when both
// days are known, and fingerprints (simhash.h) at most kNearDuplicateBits apart, or at most
// kCandidateBits apart with stored texts whose shingles resemble at kCopyResemblance or more.
// Otherwise it founds a cluster of its own. Candidates are the documents sharing a band term:
// all within kNearDuplicateBits, most of those a few bits further. Joining founders only keeps
// every member a near copy of its founder, so a chain of small edits cannot drift into another
// story.
// A founder has no key until a first copy joins it: the copy's writer then gives it its key.
// Most documents have no copy, and a document without a key costs Xapian's collapser and the
// searcher's cluster count nothing per match. A document with a fingerprint and no key is
// therefore a founder; indexes written before this rule (every founder keyed) read the same.
// Clusters depend on the order documents arrive in; copies in different indexes searched together
// (shards) are not collapsed.

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "vigil/schema.h"

namespace vigil::index {

// Recurring reports repeat their wording exactly: Reuters-21578 has the Fed's customer repurchase
// notice and the Bundesbank's council statement word for word one to four weeks apart, while its
// copies of one story are at most two days apart (sent again the next morning).
inline constexpr int kMaxDaysApart = 2;

class ClusterFinder {
 public:
  // Resolves the fields it reads (simhash, dupkey, date, id). Throws ConfigError when the schema
  // lacks one (a build defect). `schema` must outlive the finder.
  explicit ClusterFinder(const schema::Schema& schema);

  // Sets the cluster key of `doc`, a document from DocumentBuilder about to be added to `db`, or
  // to replace document `replacing` (0 when it is new), whose unique-id term is `unique_term`,
  // and returns it:
  //  - the key of the closest founder it is a near copy of; a founder without a key yet gets its
  //    key in `db` first (its document replaced with only that value added);
  //  - else none: it founds a cluster that no copy has joined; but when it replaces a founder
  //    whose cluster has had copies (its key is its own founder_key()), it keeps that key, so
  //    that those copies stay collapsed with it;
  //  - none when `doc` has no fingerprint (a short text): it is never collapsed.
  // Texts are read from the documents' stored records (vigil/record.h). `db` may hold
  // uncommitted documents: a WritableDatabase sees its own. Xapian::Error propagates.
  std::string assign(Xapian::WritableDatabase& db, Xapian::Document& doc,
                     std::string_view unique_term, Xapian::docid replacing) const;

  // The value slot of the key (`dupkey`).
  Xapian::valueno key_slot() const { return key_slot_; }

  // The key of the cluster a document founds: FNV-1a 64 of its unique-id term as 8 bytes
  // (schema::hash_bytes; collapsing reads it for every match).
  static std::string founder_key(std::string_view unique_term);

 private:
  // The unique-id term of `doc`, or "" when it has none.
  std::string unique_term_of(const Xapian::Document& doc) const;
  // The closest founder `doc` is a near copy of (0 when none), and its unique-id term.
  Xapian::docid closest_founder(const Xapian::Database& db, const Xapian::Document& doc,
                                std::uint64_t fingerprint, Xapian::docid replacing,
                                std::string& founder_term) const;

  Xapian::valueno simhash_slot_;
  Xapian::valueno key_slot_;
  Xapian::valueno date_slot_;
  std::string band_prefix_;
  std::string id_prefix_;
};

}  // namespace vigil::index
