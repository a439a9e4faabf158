#include "query/catalog.h"

#include "vigil/schema.h"

namespace vigil::query {

std::string Catalog::get(const std::string& key) const {
  std::string best;
  for (const Xapian::Database& shard : shards_) {
    std::string value = shard.get_metadata(key);
    if (!value.empty() && (best.empty() || schema::catalog_entry_wins(key, value, best))) {
      best = std::move(value);
    }
  }
  return best;
}

}  // namespace vigil::query
