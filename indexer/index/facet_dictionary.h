#pragma once
// The index's facet-id dictionary (vigil/facet_ids.h) as a writer extends it: the id of each
// facet term, numbered when first stored. New entries wait in memory and are written by flush(),
// which the writer calls before each commit, so that they are committed with the documents that
// hold them. Not thread-safe: the writer's own.

#include <xapian.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "vigil/facet_ids.h"

namespace vigil::index {

class FacetDictionary {
 public:
  // Reads and extends the dictionary of `db`, which must outlive this.
  explicit FacetDictionary(Xapian::WritableDatabase& db) : db_(db) {}

  // The id of `term`, numbered now when the index has none for it; nullopt when `term` is not a
  // facet term (schema::facet_id_kind). Xapian::Error propagates.
  std::optional<std::uint32_t> id_of(const std::string& term);

  // The ids of a `facets` slot value (terms, each followed by '\n') as the `order` slot holds them
  // after its first schema::kOrderBytes (schema::encode_facet_ids).
  std::string encode(std::string_view facet_terms);

  // Writes the entries numbered since the last flush (set_metadata; the commit is the caller's).
  void flush();

 private:
  // The metadata entry `key` as it stands with this writer's pending entries.
  std::string current(const std::string& key) const;

  Xapian::WritableDatabase& db_;
  std::unordered_map<std::string, std::uint32_t> ids_;  // terms looked up or numbered this run
  std::array<std::optional<std::uint32_t>, schema::kFacetIdKinds.size()> next_;  // next seq
  std::map<std::string, std::string> pending_;  // metadata key -> value, for flush()
};

}  // namespace vigil::index
