#pragma once
// Facet ids: the small numbers an index gives its facet terms, so that counting facets over a
// match set reads a few bytes per document instead of the terms themselves.
//
// Each index (each shard) numbers its own facet terms in the order it first stores them. An id is
// seq * 8 + kind: `kind` the term's place in kFacetIdKinds, `seq` its number among the terms of
// that kind (0, 1, 2, ...). The value slot `order`, after its first kOrderBytes (schema.h), holds
// the ids of the terms of the slot `facets`, ascending, each as the difference from the one
// before (the first from 0) in 7-bit groups, least significant first, the high bit set on all
// groups but the last. (In the `order` slot because a relevance sort reads that value for every
// match anyway: one value read per match serves both.)
//
// The dictionary is in the index metadata, written in the same commit as the documents:
//   facet_id_key(term)             -> the id, in decimal
//   facet_names_key(kind, chunk)   -> the terms of seq chunk * 64 ... chunk * 64 + 63 of that
//                                     kind, in seq order, each followed by '\n'
//   facet_next_key(kind)           -> the next seq of that kind, in decimal (absent: 0)
// Ids are never reused: a term no document holds any more keeps its id.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::schema {

struct FacetIdKind {
  std::string_view prefix;  // of the terms: "XO" organisations, "Y" publication years, ...
  std::size_t digits;       // characters after the prefix (4 for "Y1987"); 0: any
};

// In id order: organisations, places, publication years, publication months, years mentioned,
// languages (the order of vigil-search's facet lists).
inline constexpr std::array<FacetIdKind, 6> kFacetIdKinds = {{
    {"XO", 0},
    {"XP", 0},
    {"Y", 4},
    {"M", 6},
    {"XM", 4},
    {"L", 0},
}};
inline constexpr std::uint32_t kFacetIdKindBits = 3;
inline constexpr std::uint32_t kFacetNamesPerChunk = 64;
// The largest seq an id holds: 2^29 - 1 terms of one kind per index.
inline constexpr std::uint32_t kMaxFacetSeq = (1U << (32 - kFacetIdKindBits)) - 1;

// The kind of facet term `term` is (its index in kFacetIdKinds), or nullopt when none.
std::optional<std::size_t> facet_id_kind(std::string_view term);

constexpr std::uint32_t facet_id(std::uint32_t seq, std::size_t kind) {
  return (seq << kFacetIdKindBits) | static_cast<std::uint32_t>(kind);
}
constexpr std::size_t facet_id_kind_of(std::uint32_t id) {
  return id & ((1U << kFacetIdKindBits) - 1);
}
constexpr std::uint32_t facet_id_seq(std::uint32_t id) { return id >> kFacetIdKindBits; }

// The encoding of `ids` (any order; duplicates are kept once), as the `order` slot holds it after
// its first kOrderBytes.
std::string encode_facet_ids(std::vector<std::uint32_t> ids);

// Calls visit(id) for each id of an encoded value, ascending. Stops at the first ill-formed byte
// (a value cut short, or an id past 32 bits) and returns false; true when the whole value was read.
template <typename Visit>
bool for_each_facet_id(std::string_view value, Visit visit) {
  std::uint32_t id = 0;
  std::size_t at = 0;
  while (at < value.size()) {
    std::uint32_t delta = 0;
    unsigned shift = 0;
    while (true) {
      if (at == value.size() || shift > 28) return false;
      const auto byte = static_cast<unsigned char>(value[at++]);
      delta |= static_cast<std::uint32_t>(byte & 0x7fU) << shift;
      if ((byte & 0x80U) == 0) break;
      shift += 7;
    }
    id += delta;
    visit(id);
  }
  return true;
}

// A decimal dictionary value (an id, a next seq), or nullopt when `text` is not one.
std::optional<std::uint32_t> parse_facet_number(std::string_view text);

// Metadata keys of the dictionary (see above). A term too long for a metadata key is shortened
// with a hash of it.
std::string facet_id_key(std::string_view term);
std::string facet_names_key(std::size_t kind, std::uint32_t chunk);
std::string facet_next_key(std::size_t kind);

}  // namespace vigil::schema
