#include "query/catalog.h"

#include "vigil/schema.h"

namespace vigil::query {

std::string Catalog::get(const std::string& key) const {
  // Only entries that documents name (organisations found in the text, "x." ids) can differ
  // between shards: the entries of the gazetteer's places and organisations, and the indexer's
  // own settings, are the same in every shard, so the first shard that has one answers (one
  // exchange with a remote shard, not one with each).
  const bool varies = key.starts_with(schema::kMetaAliasPrefix) ||
                      (key.starts_with(schema::kMetaFacetPrefix) &&
                       key.find(".x.", schema::kMetaFacetPrefix.size()) != std::string::npos);
  std::string best;
  for (const Xapian::Database& shard : shards_) {
    std::string value = shard.get_metadata(key);
    if (!value.empty() && (best.empty() || schema::catalog_entry_wins(key, value, best))) {
      best = std::move(value);
      if (!varies) break;
    }
  }
  return best;
}

}  // namespace vigil::query
