#include "query/catalog.h"

namespace vigil::query {

std::string Catalog::get(const std::string& key) const {
  for (const Xapian::Database& shard : shards_) {
    std::string value = shard.get_metadata(key);
    if (!value.empty()) return value;
  }
  return {};
}

}  // namespace vigil::query
