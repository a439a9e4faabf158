#pragma once
// The metadata of the indexes searched as one: facet catalog (labels, enclosing places, aliases).
// Xapian's get_metadata on a combined database reads only its first sub-database, while each
// shard's catalog names the entities of its own documents, so lookups go to every shard and keep
// the entry the indexer would have kept in one index (schema::catalog_entry_wins).

#include <xapian.h>

#include <string>
#include <vector>

namespace vigil::query {

class Catalog {
 public:
  // The catalog of one database (a combined one: of its first sub-database only).
  Catalog(const Xapian::Database& db) : shards_{db} {}  // NOLINT(google-explicit-constructor)
  explicit Catalog(std::vector<Xapian::Database> shards) : shards_(std::move(shards)) {}

  // The value of `key` one index holding every shard's documents would have: of the shards'
  // non-empty values, the one schema::catalog_entry_wins keeps; "" when none has it. Asks every
  // shard for aliases and organisations found in the text ("x." ids), whose entries can differ;
  // other keys, the same in every shard, from the first that has them. Xapian::Error propagates (a
  // remote shard that stopped answering).
  std::string get(const std::string& key) const;

 private:
  std::vector<Xapian::Database> shards_;
};

}  // namespace vigil::query
